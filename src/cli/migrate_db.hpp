// migrate-db: moves a whole installation from its SQLite data directory into an empty PostgreSQL database,
// table by table and column by column under the same names, in one transaction, and proves it by counts.
#pragma once

#include "core/config.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace cong::cli {

struct CopiedTable {
    std::string table;
    std::int64_t source_rows = 0;  // in the SQLite database
    std::int64_t target_rows = 0;  // in PostgreSQL after the commit
};

struct MigrationReport {
    std::vector<CopiedTable> tables;       // in the order they were copied (dependencies first)
    std::vector<std::string> rebuilt;      // derived tables left out and rebuilt (the search index)
    int articles_indexed = 0;
    bool counts_match() const;
};

// Copies the SQLite database in from_data_dir into the PostgreSQL database at to_url. The target's schema is
// created (migrations) when missing; a target in which any Cổng table holds rows of its own is refused
// (Conflict). Everything is written in one transaction: a failure leaves the target as it was. Sequences are
// moved past the copied ids, the search index is rebuilt from the articles, and the row counts of both sides
// are read back. progress (stderr) gets a progress bar; null for none. Media files are not copied: both
// engines name them by the same content hashes, so the media directory is kept (or copied) as it is.
core::Result<MigrationReport> migrate_database(const core::Config& config, const std::string& from_data_dir,
                                               const std::string& to_url, std::ostream* progress);

// The table that `cong migrate-db` prints: one line per table with both counts.
std::string format_report(const MigrationReport& report);

}  // namespace cong::cli
