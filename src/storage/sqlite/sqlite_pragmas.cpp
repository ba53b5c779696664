#include "storage/sqlite/sqlite_pragmas.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace cong::storage::sqlite {

Result<void> apply_pragmas(Connection& connection, const core::StorageConfig& config, ConnectionRole role) {
    // Wait this long for a lock another connection holds (a `cong user add` beside the server, a
    // checkpoint) before answering Busy, instead of failing at once.
    sqlite3_busy_timeout(connection.handle(), static_cast<int>(config.busy_timeout.count()));

    if (role == ConnectionRole::Writer) {
        // WAL: readers keep their snapshot while an editor saves, and nobody waits for anybody
        // except writers for each other. The mode is stored in the file, so it holds for every
        // connection opened afterwards, the read-only ones included.
        CONG_TRY(mode_statement, connection.prepare("PRAGMA journal_mode = WAL"));
        CONG_TRY(has_mode, mode_statement.step());
        if (!has_mode || mode_statement.text(0) != "wal") {
            return Error{core::Errc::Internal, "SQLite: cannot use WAL mode for " + connection.path() +
                                                   " (a file system without shared memory, such as a network share?)"};
        }
        // FULL: each COMMIT waits until the WAL is on disk. NORMAL would already survive a crash or
        // SIGKILL of the process (the committed WAL frames are in the kernel's page cache), but a
        // power cut or kernel panic could lose the last commits. An editor who was told "published"
        // must find the article after a power cut too, and writes here are rare (editors, not
        // readers; reads never fsync), so the one fsync per commit is a price nobody notices.
        CONG_TRY_VOID(connection.exec("PRAGMA synchronous = FULL"));
        // After a burst of writes (an import, a long backup holding back the checkpoint) the WAL
        // shrinks back to this size instead of keeping its high-water mark on disk forever.
        CONG_TRY_VOID(connection.exec("PRAGMA journal_size_limit = 67108864"));
    }

    // Off by default in SQLite for backward compatibility, and set per connection: without it the
    // REFERENCES clauses of the schema are decoration.
    CONG_TRY_VOID(connection.exec("PRAGMA foreign_keys = ON"));
    // Sorts and temporary b-trees of a listing stay in memory; they are small and the disk is slower.
    CONG_TRY_VOID(connection.exec("PRAGMA temp_store = MEMORY"));
    // Off by default: mapped pages are the OS page cache, but they count in the process's resident memory
    // (each connection's mapping separately), which is what operators and container limits watch; read()
    // costs a copy of each page a query touches, a few microseconds per page render (BENCHMARKS.md).
    CONG_TRY_VOID(connection.exec("PRAGMA mmap_size = " + std::to_string(config.mmap_mib * 1024 * 1024)));
    // SQLite's own page cache per connection (negative: KiB): the hot index pages of listings.
    CONG_TRY_VOID(connection.exec("PRAGMA cache_size = -" + std::to_string(std::uint64_t{config.cache_mib} * 1024)));
    return {};
}

}  // namespace cong::storage::sqlite
