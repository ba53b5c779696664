#include "storage/sqlite/sqlite_database.hpp"

#include "storage/active_transactions.hpp"
#include "storage/sqlite/sqlite_backup.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_pragmas.hpp"
#include "storage/sqlite/sqlite_stores.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <vector>

namespace cong::storage {
namespace {

using sqlite::Connection;
using sqlite::SqliteTx;
using Body = std::function<Result<void>(Tx&)>;

// The transactions open on this thread (a service calling another inside its transaction gets it back).
using Active = ActiveTransactions<SqliteTx>;

Result<void> run_sql(Connection& connection, std::string_view sql) {
    CONG_TRY(statement, connection.prepare(sql));
    return statement.run();
}

// Ends a transaction that must not commit. SQLite may have rolled it back already (after an I/O
// error or a full disk), and then there is nothing left to end.
void roll_back(Connection& connection) {
    if (connection.in_transaction()) (void)run_sql(connection, "ROLLBACK");
}

core::Error not_initialised(const std::string& path) {
    return core::Error{core::Errc::NotFound, "Chưa có cơ sở dữ liệu tại " + path + ". Hãy chạy `cong init` để tạo.",
                       "data"};
}

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(core::StorageConfig config, std::string path, std::unique_ptr<SqliteTx> writer,
                   std::vector<std::unique_ptr<SqliteTx>> readers)
        : config_(std::move(config)), path_(std::move(path)), writer_(std::move(writer)), readers_(std::move(readers)) {
        for (auto& reader : readers_) idle_readers_.push_back(reader.get());
    }

    ~SqliteDatabase() override {
        // Gathers the statistics the query planner lacks, cheaply, as SQLite advises before a
        // long-lived connection closes.
        std::lock_guard lock(writer_mutex_);
        (void)writer_->connection().exec("PRAGMA optimize");
    }

    Result<void> backup_to(const std::string& path) override { return sqlite::backup_database(path_, path, config_); }

    Result<int> schema_version() override {
        int version = 0;
        CONG_TRY_VOID(transact(false, [&](Tx& tx) -> Result<void> {
            CONG_TRY(recorded, sqlite::recorded_schema_version(static_cast<SqliteTx&>(tx).connection()));
            version = recorded;
            return {};
        }));
        return version;
    }

protected:
    Result<void> transact(bool write, const Body& body) override {
        if (const auto* outer = Active::find(this)) {
            if (outer->write && write) return in_savepoint(*outer->tx, body);
            // A read inside any transaction reads through it: inside a write it also sees what
            // that write has done so far.
            if (!write) return body(*outer->tx);
            // A write inside a read takes the writer like any other write.
        }
        return write ? write_transaction(body) : read_transaction(body);
    }

private:
    Result<void> write_transaction(const Body& body) {
        std::lock_guard lock(writer_mutex_);
        auto& connection = writer_->connection();
        // IMMEDIATE takes the write lock now, so a writer in another process (a CLI command)
        // makes this wait busy_timeout here rather than fail halfway through the body.
        CONG_TRY_VOID(run_sql(connection, "BEGIN IMMEDIATE"));
        Active::Scope scope(this, writer_.get(), true);
        try {
            auto result = body(*writer_);
            if (!result) {
                roll_back(connection);
                return result;
            }
            auto committed = run_sql(connection, "COMMIT");
            if (!committed) roll_back(connection);
            return committed;
        } catch (...) {
            roll_back(connection);
            throw;
        }
    }

    // A write nested in a write: a savepoint, so a failing inner step undoes only its own changes
    // and the outer body decides what to do with the error.
    Result<void> in_savepoint(SqliteTx& tx, const Body& body) {
        auto& connection = tx.connection();
        CONG_TRY_VOID(run_sql(connection, "SAVEPOINT nested"));
        auto undo = [&] {
            (void)run_sql(connection, "ROLLBACK TO nested");
            (void)run_sql(connection, "RELEASE nested");
        };
        try {
            auto result = body(tx);
            if (!result) {
                undo();
                return result;
            }
            return run_sql(connection, "RELEASE nested");
        } catch (...) {
            undo();
            throw;
        }
    }

    Result<void> read_transaction(const Body& body) {
        CONG_TRY(reader, acquire_reader());
        struct Release {
            SqliteDatabase* database;
            SqliteTx* reader;
            ~Release() { database->release_reader(reader); }
        } release{this, reader};

        auto& connection = reader->connection();
        // DEFERRED: the snapshot starts at the first read and holds until the end, so every query
        // of the body sees the same committed state, whatever the writer commits meanwhile.
        CONG_TRY_VOID(run_sql(connection, "BEGIN DEFERRED"));
        Active::Scope scope(this, reader, false);
        try {
            auto result = body(*reader);
            if (!result) {
                roll_back(connection);
                return result;
            }
            auto ended = run_sql(connection, "COMMIT");
            if (!ended) roll_back(connection);
            return ended;
        } catch (...) {
            roll_back(connection);
            throw;
        }
    }

    Result<SqliteTx*> acquire_reader() {
        std::unique_lock lock(readers_mutex_);
        // Every reader busy for longer than a lock wait means the server is overloaded: say so
        // (503) rather than queue requests without end.
        if (!reader_released_.wait_for(lock, config_.busy_timeout, [&] { return !idle_readers_.empty(); })) {
            return core::Error{core::Errc::Busy, "Máy chủ đang bận, xin thử lại sau giây lát."};
        }
        auto* reader = idle_readers_.back();
        idle_readers_.pop_back();
        return reader;
    }

    void release_reader(SqliteTx* reader) {
        {
            std::lock_guard lock(readers_mutex_);
            idle_readers_.push_back(reader);
        }
        reader_released_.notify_one();
    }

    core::StorageConfig config_;
    std::string path_;
    std::mutex writer_mutex_;
    std::unique_ptr<SqliteTx> writer_;  // declared before the readers, so it closes last and checkpoints
    std::mutex readers_mutex_;
    std::condition_variable reader_released_;
    std::vector<std::unique_ptr<SqliteTx>> readers_;
    std::vector<SqliteTx*> idle_readers_;
};

// Before writing anything to a file that is already there (not even switching it to WAL), make
// sure it is ours, or an empty database that `cong init` may fill.
Result<void> check_existing_file(const std::string& path, const core::StorageConfig& config, bool create) {
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error) && std::filesystem::file_size(path, error) == 0 && !error) {
        if (create) return {};
        return not_initialised(path);
    }
    CONG_TRY_VOID(sqlite::check_sqlite_header(path));
    CONG_TRY(connection, Connection::open(path, SQLITE_OPEN_READONLY));
    CONG_TRY_VOID(sqlite::apply_pragmas(*connection, config, sqlite::ConnectionRole::Reader));
    CONG_TRY(application_id, connection->query_int64("PRAGMA application_id"));
    if (application_id == sqlite::CONG_APPLICATION_ID) return {};
    CONG_TRY(objects, connection->query_int64("SELECT count(*) FROM sqlite_schema"));
    if (application_id == 0 && objects == 0) {
        if (create) return {};
        return not_initialised(path);
    }
    return core::Error{core::Errc::InvalidInput,
                       "Tệp " + path +
                           " là cơ sở dữ liệu SQLite của một ứng dụng khác, không phải của Cổng; "
                           "Cổng không ghi vào nó.",
                       "data"};
}

Result<std::unique_ptr<SqliteTx>> open_session(const std::string& path, const core::StorageConfig& config,
                                               sqlite::ConnectionRole role, int flags) {
    CONG_TRY(connection, Connection::open(path, flags));
    CONG_TRY_VOID(sqlite::apply_pragmas(*connection, config, role));
    return std::make_unique<SqliteTx>(std::move(connection));
}

}  // namespace

std::string sqlite_path(const std::string& data_dir) { return data_dir + "/cong.db"; }

Result<std::unique_ptr<Database>> open_sqlite(const core::StorageConfig& config, bool create) {
    namespace fs = std::filesystem;
    const auto path = sqlite_path(config.data_dir);
    std::error_code error;
    bool exists = fs::exists(path, error);
    if (!exists && !create) return not_initialised(path);
    if (create) {
        // Photos live beside the database, under media/.
        fs::create_directories(fs::path(config.data_dir) / "media", error);
        if (error) {
            return core::Error{core::Errc::InvalidInput,
                               "Không tạo được thư mục dữ liệu " + config.data_dir + ": " + error.message() + ".",
                               "data"};
        }
    }
    if (exists) CONG_TRY_VOID(check_existing_file(path, config, create));

    int writer_flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    CONG_TRY(writer, open_session(path, config, sqlite::ConnectionRole::Writer, writer_flags));
    CONG_TRY_VOID(sqlite::migrate(writer->connection(), core::now()));

    // Read-only connections: a bug in a read path cannot write, whatever SQL it runs.
    std::vector<std::unique_ptr<SqliteTx>> readers;
    auto count = std::max(1U, config.read_connections);
    for (unsigned i = 0; i < count; ++i) {
        CONG_TRY(reader, open_session(path, config, sqlite::ConnectionRole::Reader, SQLITE_OPEN_READONLY));
        readers.push_back(std::move(reader));
    }
    return std::unique_ptr<Database>(new SqliteDatabase(config, path, std::move(writer), std::move(readers)));
}

}  // namespace cong::storage
