#include "storage/sqlite/sqlite_pragmas.hpp"

#include <sqlite3.h>

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
    // Reads map the file instead of copying each page through read(); the kernel shares the mapping
    // between all connections. 256 MiB covers the database of a province portal; larger files fall
    // back to read() beyond it.
    CONG_TRY_VOID(connection.exec("PRAGMA mmap_size = 268435456"));
    // 8 MiB of page cache per connection (negative: KiB). With the mapping above this mostly holds
    // the hot index pages of listings; five connections stay well under 64 MiB.
    CONG_TRY_VOID(connection.exec("PRAGMA cache_size = -8192"));
    return {};
}

}  // namespace cong::storage::sqlite
