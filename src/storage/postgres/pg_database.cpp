#include "storage/postgres/pg_database.hpp"

#include "storage/active_transactions.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_stores.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace cong::storage {
namespace {

using postgres::PgConnection;
using postgres::PgParam;
using postgres::PgTx;
using Body = std::function<Result<void>(Tx&)>;

// Every writer of the database takes this transaction-level advisory lock first, on every node, so
// writes are serialised exactly as SQLite's single writer serialises them: a service's read-then-write
// (a free slug, the next revision number) can never interleave with another's.
constexpr std::int64_t WRITER_LOCK_KEY = 0x436F6E67'57726974;  // "CongWrit"

// The transactions open on this thread (a service calling another inside its transaction gets it back).
using Active = ActiveTransactions<PgTx>;

// Ends a transaction that must not commit; on a broken connection there is nothing left to end.
void roll_back(PgConnection& connection) {
    if (connection.ok() && connection.in_transaction()) (void)connection.exec_script("ROLLBACK");
}

core::Error pool_exhausted() {
    return core::Error{core::Errc::Busy, "Máy chủ đang bận, xin thử lại sau giây lát."};
}

// A statement failed and the body went on (ignoring the error) and returned a value: PostgreSQL has
// aborted the transaction, and COMMIT would quietly roll it back. Say so instead of reporting success.
core::Error aborted_transaction() {
    return core::Error{core::Errc::Internal,
                       "PostgreSQL: giao dịch đã bị huỷ vì một câu lệnh lỗi trước đó; không có thay đổi nào được lưu."};
}

class PgDatabase final : public Database {
public:
    PgDatabase(core::StorageConfig config, std::string url, PgPoolOptions options)
        : config_(std::move(config)), url_(std::move(url)), options_(std::move(options)) {}

    ~PgDatabase() override {
        {
            std::lock_guard lock(mutex_);
            idle_.clear();
        }
        if (options_.on_close) options_.on_close();
    }

    Result<void> backup_to(const std::string&) override {
        return core::Error{core::Errc::InvalidInput,
                           "Cơ sở dữ liệu PostgreSQL được sao lưu bằng pg_dump (hoặc sao lưu liên tục PITR), "
                           "không bằng `cong backup`; xem docs/scale-out.md.",
                           "data"};
    }

    Result<int> schema_version() override {
        int version = 0;
        CONG_TRY_VOID(transact(false, [&](Tx& tx) -> Result<void> {
            CONG_TRY(recorded, postgres::recorded_schema_version(static_cast<PgTx&>(tx).connection()));
            version = recorded;
            return {};
        }));
        return version;
    }

    // Adds one opened connection to the pool (the one that ran the migrations), so the first request
    // does not pay for a connection.
    void adopt(std::unique_ptr<PgConnection> connection) {
        std::lock_guard lock(mutex_);
        ++open_;
        idle_.push_back(std::make_unique<PgTx>(std::move(connection)));
    }

protected:
    Result<void> transact(bool write, const Body& body) override {
        if (const auto* outer = Active::find(this)) {
            if (outer->write && write) return in_savepoint(*outer->tx, body);
            // A read inside any transaction reads through it: inside a write it also sees what that
            // write has done so far.
            if (!write) return body(*outer->tx);
            // A write inside a read takes a connection and the writer lock like any other write.
        }
        return run_transaction(write, body);
    }

private:
    // A pooled connection for the length of one transaction; returned (or dropped if broken) on exit.
    class Lease {
    public:
        Lease(PgDatabase& database, std::unique_ptr<PgTx> tx) : database_(database), tx_(std::move(tx)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { database_.release(std::move(tx_)); }
        PgTx& tx() { return *tx_; }
        void replace(std::unique_ptr<PgTx> tx) { tx_ = std::move(tx); }

    private:
        PgDatabase& database_;
        std::unique_ptr<PgTx> tx_;
    };

    std::string begin_sql(bool write) const {
        // lock_timeout bounds every wait for a lock (the writer's advisory lock included), as SQLite's
        // busy_timeout does: a writer stuck behind a long one gets "busy", not an endless wait.
        std::string timeout = "SET LOCAL lock_timeout = " + std::to_string(config_.busy_timeout.count());
        if (write) return "BEGIN ISOLATION LEVEL READ COMMITTED, READ WRITE; " + timeout;
        // One snapshot for the whole body, whatever writers commit meanwhile; READ ONLY so a bug in a
        // read path cannot write.
        return "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + timeout;
    }

    Result<void> begin(Lease& lease, bool write) {
        auto begun = lease.tx().connection().exec_script(begin_sql(write));
        if (!begun && !lease.tx().connection().ok()) {
            // The server restarted (or a proxy cut an idle connection) since this one was last used:
            // nothing has happened in the transaction yet, so a new connection can safely start over.
            CONG_TRY(connection, PgConnection::open(url_));
            lease.replace(std::make_unique<PgTx>(std::move(connection)));
            begun = lease.tx().connection().exec_script(begin_sql(write));
        }
        if (!begun) return begun;
        if (write) {
            auto locked = lease.tx().connection().exec("SELECT pg_advisory_xact_lock($1)", {PgParam(WRITER_LOCK_KEY)});
            if (!locked) {
                roll_back(lease.tx().connection());
                return locked.error();
            }
        }
        return {};
    }

    Result<void> run_transaction(bool write, const Body& body) {
        CONG_TRY(tx, acquire());
        Lease lease(*this, std::move(tx));
        CONG_TRY_VOID(begin(lease, write));
        auto& connection = lease.tx().connection();
        Active::Scope scope(this, &lease.tx(), write);
        try {
            auto result = body(lease.tx());
            if (!result) {
                roll_back(connection);
                return result;
            }
            if (connection.in_failed_transaction()) {
                roll_back(connection);
                return aborted_transaction();
            }
            auto committed = connection.exec_script("COMMIT");
            if (!committed) roll_back(connection);
            return committed;
        } catch (...) {
            roll_back(connection);
            throw;
        }
    }

    // A write nested in a write: a savepoint, so a failing inner step undoes only its own changes (and
    // clears PostgreSQL's aborted state) and the outer body decides what to do with the error.
    Result<void> in_savepoint(PgTx& tx, const Body& body) {
        auto& connection = tx.connection();
        CONG_TRY_VOID(connection.exec_script("SAVEPOINT nested"));
        auto undo = [&] {
            if (!connection.ok()) return;
            (void)connection.exec_script("ROLLBACK TO SAVEPOINT nested");
            (void)connection.exec_script("RELEASE SAVEPOINT nested");
        };
        try {
            auto result = body(tx);
            if (!result) {
                undo();
                return result;
            }
            if (connection.in_failed_transaction()) {
                undo();
                return aborted_transaction();
            }
            return connection.exec_script("RELEASE SAVEPOINT nested");
        } catch (...) {
            undo();
            throw;
        }
    }

    Result<std::unique_ptr<PgTx>> acquire() {
        std::unique_lock lock(mutex_);
        // Every connection busy for longer than a lock wait means the server is overloaded: say so
        // (503) rather than queue requests without end.
        bool ready = released_.wait_for(lock, options_.acquire_timeout,
                                        [&] { return !idle_.empty() || open_ < std::max(1U, options_.size); });
        if (!ready) return pool_exhausted();
        if (!idle_.empty()) {
            auto tx = std::move(idle_.back());
            idle_.pop_back();
            return tx;
        }
        ++open_;
        lock.unlock();
        // Opened outside the lock: connecting takes a round trip or more, and others may release meanwhile.
        auto connection = PgConnection::open(url_);
        if (!connection) {
            forget_one();
            return connection.error();
        }
        return std::make_unique<PgTx>(std::move(*connection));
    }

    void release(std::unique_ptr<PgTx> tx) {
        // A broken connection, or one left inside a transaction it could not end, is closed; the next
        // transaction opens a fresh one.
        if (!tx || !tx->connection().ok() || tx->connection().in_transaction()) {
            tx.reset();
            forget_one();
            return;
        }
        {
            std::lock_guard lock(mutex_);
            idle_.push_back(std::move(tx));
        }
        released_.notify_one();
    }

    void forget_one() {
        {
            std::lock_guard lock(mutex_);
            --open_;
        }
        released_.notify_one();
    }

    core::StorageConfig config_;
    std::string url_;
    PgPoolOptions options_;
    std::mutex mutex_;
    std::condition_variable released_;
    std::vector<std::unique_ptr<PgTx>> idle_;
    unsigned open_ = 0;  // connections in the pool or lent out
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const core::StorageConfig& config, const std::string& url, bool create,
                                                PgPoolOptions options) {
    CONG_TRY(connection, PgConnection::open(url));
    CONG_TRY(version, postgres::recorded_schema_version(*connection));
    if (version == 0) {
        CONG_TRY(tables, connection->query_int64("SELECT count(*) FROM pg_catalog.pg_tables "
                                                 "WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'"));
        if (tables > 0) {
            return core::Error{core::Errc::InvalidInput,
                               "Cơ sở dữ liệu PostgreSQL này đã có bảng của một ứng dụng khác, không phải của Cổng; "
                               "Cổng không ghi vào nó. Hãy tạo một cơ sở dữ liệu trống (createdb).",
                               "data"};
        }
        if (!create) {
            return core::Error{core::Errc::NotFound,
                               "Cơ sở dữ liệu PostgreSQL chưa được khởi tạo cho Cổng. Hãy chạy `cong init` để tạo.",
                               "data"};
        }
    }
    CONG_TRY_VOID(postgres::migrate(*connection, core::now()));
    auto database = std::make_unique<PgDatabase>(config, url, std::move(options));
    database->adopt(std::move(connection));
    return std::unique_ptr<Database>(std::move(database));
}

}  // namespace cong::storage
