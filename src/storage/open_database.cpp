#include "storage/open_database.hpp"

#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace cong::storage {

bool names_postgres(std::string_view data) { return postgres::is_postgres_url(data); }

Result<std::unique_ptr<Database>> open_database(const core::StorageConfig& config, bool create) {
    if (names_postgres(config.data_dir)) {
        // As with SQLite's readers: every connection busy for longer than a lock wait answers "busy".
        PgPoolOptions options;
        options.acquire_timeout = config.busy_timeout;
        options.size = config.pg_pool_size;
        return open_postgres(config, config.data_dir, create, std::move(options));
    }
    return open_sqlite(config, create);
}

}  // namespace cong::storage
