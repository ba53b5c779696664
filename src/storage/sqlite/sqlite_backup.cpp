#include "storage/sqlite/sqlite_backup.hpp"

#include "storage/migrations/migrations.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_pragmas.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace cong::storage {
namespace {

using sqlite::Connection;

// 256 pages (1 MiB at the default page size) per step: each step is short, and between steps
// other threads of the process get the CPU and the disk.
constexpr int BACKUP_PAGES_PER_STEP = 256;
// How long to pause when a step finds the database locked, before trying again.
constexpr auto BACKUP_BUSY_PAUSE = std::chrono::milliseconds{20};

// Every SQLite 3 file starts with these 16 bytes, the last one NUL.
constexpr char SQLITE_MAGIC[] = "SQLite format 3";
static_assert(sizeof(SQLITE_MAGIC) == 16);

core::Error invalid(const std::string& path, const std::string& why) {
    return core::Error{core::Errc::InvalidInput, "Tệp " + path + " " + why, "path"};
}

Result<void> check_cong_identity(Connection& connection, const std::string& path) {
    auto not_readable = [&](const core::Error& error) {
        return invalid(path, "không đọc được như một cơ sở dữ liệu SQLite (" + error.detail + ").");
    };
    auto application_id = connection.query_int64("PRAGMA application_id");
    if (!application_id) return not_readable(application_id.error());
    if (*application_id != sqlite::CONG_APPLICATION_ID) {
        return invalid(path, "là cơ sở dữ liệu SQLite nhưng không phải của Cổng.");
    }
    auto has_migrations = connection.query_int64(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
    if (!has_migrations) return not_readable(has_migrations.error());
    if (*has_migrations == 0) return invalid(path, "thiếu bảng schema_migrations: không phải cơ sở dữ liệu của Cổng.");
    auto version = sqlite::recorded_schema_version(connection);
    if (!version) return not_readable(version.error());
    auto migrations = sqlite_migrations();
    int newest = migrations.empty() ? 0 : migrations.back().version;
    if (*version < 1) return invalid(path, "chưa có lược đồ nào được áp dụng.");
    if (*version > newest) {
        return invalid(path, "có lược đồ phiên bản " + std::to_string(*version) + ", mới hơn bản Cổng này (" +
                                 std::to_string(newest) + ").");
    }

    // quick_check reads every page and checks its structure, without the slow index-content check.
    // It answers one row "ok", or up to the given number of problems.
    auto check = connection.prepare("PRAGMA quick_check(5)");
    if (!check) return not_readable(check.error());
    std::string problems;
    for (;;) {
        auto has_row = check->step();
        if (!has_row) return not_readable(has_row.error());
        if (!*has_row) break;
        auto line = check->text(0);
        if (line == "ok") return {};
        if (line.starts_with("***")) continue;  // "*** in database main ***": a heading, not a problem
        problems += problems.empty() ? line : "; " + line;
    }
    return invalid(path, "bị hỏng: " + (problems.empty() ? std::string("kiểm tra toàn vẹn không đạt") : problems));
}

void remove_database_files(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
}

Result<void> copy_snapshot(const std::string& source_path, const std::string& target_path,
                           const core::StorageConfig& config) {
    CONG_TRY(source, Connection::open(source_path, SQLITE_OPEN_READONLY));
    CONG_TRY_VOID(sqlite::apply_pragmas(*source, config, sqlite::ConnectionRole::Reader));
    // One read transaction around the whole copy. In WAL mode its snapshot never changes, so the
    // copy is the database as it was at this moment, and the backup never has to restart however
    // much the server writes meanwhile (sqlite3_backup_step uses an open read transaction as is).
    CONG_TRY_VOID(source->exec("BEGIN"));
    CONG_TRY_VOID(source->query_int64("SELECT count(*) FROM sqlite_schema"));

    CONG_TRY(target, Connection::open(target_path, SQLITE_OPEN_READWRITE));
    sqlite3_backup* backup = sqlite3_backup_init(target->handle(), "main", source->handle(), "main");
    if (backup == nullptr) return sqlite::sqlite_error(target->handle(), sqlite3_errcode(target->handle()));

    auto give_up_at = std::chrono::steady_clock::now() + config.busy_timeout;
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(backup, BACKUP_PAGES_PER_STEP);
        if (rc == SQLITE_OK) {
            give_up_at = std::chrono::steady_clock::now() + config.busy_timeout;
            continue;
        }
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && std::chrono::steady_clock::now() < give_up_at) {
            std::this_thread::sleep_for(BACKUP_BUSY_PAUSE);
            continue;
        }
        break;
    }
    int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return sqlite::sqlite_error(nullptr, rc);
    if (finished != SQLITE_OK) return sqlite::sqlite_error(target->handle(), finished);
    CONG_TRY_VOID(source->exec("COMMIT"));

    // The copy arrives with the WAL flag of the live file; a backup should be one self-contained
    // file that can be moved, mailed or restored alone, so it goes back to a rollback journal.
    CONG_TRY_VOID(target->exec("PRAGMA journal_mode = DELETE"));
    return {};
}

}  // namespace

Result<void> check_cong_database(const std::string& path) {
    CONG_TRY_VOID(sqlite::check_sqlite_header(path));
    auto connection = Connection::open(path, SQLITE_OPEN_READONLY);
    if (!connection) {
        return invalid(path, "không mở được như một cơ sở dữ liệu SQLite (" + connection.error().detail + ").");
    }
    // The file may come from anywhere (a restore): a schema that calls functions or a corrupt
    // b-tree must not be able to do more than fail this check.
    sqlite3_db_config((*connection)->handle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config((*connection)->handle(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    return check_cong_identity(**connection, path);
}

namespace sqlite {

Result<void> check_sqlite_header(const std::string& path) {
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) return invalid(path, "không tồn tại.");
    if (!std::filesystem::is_regular_file(status)) return invalid(path, "không phải là một tệp thông thường.");
    std::ifstream in(path, std::ios::binary);
    if (!in) return invalid(path, "không mở được để đọc.");
    char header[sizeof(SQLITE_MAGIC)] = {};
    in.read(header, sizeof(header));
    auto got = in.gcount();
    if (got == 0) return invalid(path, "rỗng, không phải là cơ sở dữ liệu.");
    if (got < static_cast<std::streamsize>(sizeof(header)) || std::memcmp(header, SQLITE_MAGIC, sizeof(header)) != 0) {
        return invalid(path, "không phải là cơ sở dữ liệu SQLite.");
    }
    return {};
}

Result<void> backup_database(const std::string& source_path, const std::string& target_path,
                             const core::StorageConfig& config) {
    auto exists_error = [&] {
        return core::Error{core::Errc::Conflict, "Tệp " + target_path + " đã tồn tại; Cổng không ghi đè lên nó.",
                           "path"};
    };
    std::error_code ignored;
    if (std::filesystem::exists(target_path, ignored)) return exists_error();

    // The copy is written under a temporary name beside the target and appears under its own name only when
    // complete and checked: a backup killed half-way (power cut, SIGKILL, full disk) never leaves a file that
    // looks like a backup. 0600: the copy holds password hashes and token hashes.
    std::string partial = target_path + ".partial-XXXXXX";
    int fd = ::mkstemp(partial.data());
    if (fd < 0) return invalid(target_path, std::string("không tạo được: ") + std::strerror(errno) + ".");
    ::fchmod(fd, 0600);
    ::close(fd);
    auto fail = [&](core::Error error) -> Result<void> {
        remove_database_files(partial);
        return error;
    };

    if (auto copied = copy_snapshot(source_path, partial, config); !copied) return fail(copied.error());
    if (auto checked = check_cong_database(partial); !checked) {
        return fail({core::Errc::Internal, "Bản sao lưu không đạt kiểm tra: " + checked.error().detail});
    }
    fd = ::open(partial.c_str(), O_RDONLY | O_CLOEXEC);
    bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) return fail({core::Errc::Internal, "Không ghi được bản sao lưu xuống đĩa: " + std::string(std::strerror(errno))});
    // link() publishes the finished file under its name and, unlike rename(), refuses when that name was
    // taken in the meantime: an existing file is never replaced.
    if (::link(partial.c_str(), target_path.c_str()) != 0) {
        if (errno == EEXIST) return fail(exists_error());
        return fail(invalid(target_path, std::string("không tạo được: ") + std::strerror(errno) + "."));
    }
    remove_database_files(partial);
    auto directory = std::filesystem::absolute(target_path, ignored).parent_path();
    fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return {};
}

}  // namespace sqlite
}  // namespace cong::storage
