// PgDatabase: the PostgreSQL store. A bounded pool of connections; writers serialised by an advisory lock.
#pragma once

#include "core/config.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace cong::storage {

// How the pool behaves. Defaults suit one `cong serve` node; StorageConfig has no field for them yet.
struct PgPoolOptions {
    // The most connections open at once. PostgreSQL's own default limit is 100 for all nodes together.
    unsigned size = 8;
    // How long a transaction waits for a free connection before it is refused (503, "busy").
    std::chrono::milliseconds acquire_timeout{5000};
    // Called once the database object is destroyed and its connections are closed (tests drop their
    // throwaway database here).
    std::function<void()> on_close;
};

// Opens the database url names (postgresql://user@host:port/dbname) and applies pending migrations.
// With create false, a database without Cổng's schema is refused (NotFound: run `cong init` first), and
// one that holds other tables is refused whatever create says: Cổng does not write into someone else's
// schema. Waiting for a lock (the writer's, a row's) is bounded by config.busy_timeout.
Result<std::unique_ptr<Database>> open_postgres(const core::StorageConfig& config, const std::string& url, bool create,
                                                PgPoolOptions options = {});

}  // namespace cong::storage
