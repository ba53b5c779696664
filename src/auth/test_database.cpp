#include "auth/test_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include "storage/sqlite/sqlite_database.hpp"

#include <stdexcept>
#include <stdlib.h>

namespace cong::auth::testing {

TestDatabase::TestDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cong-auth-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    directory_ = pattern;
    core::StorageConfig config;
    config.data_dir = directory_.string();
    auto opened = storage::test_support::open_test_database(config);
    if (!opened) throw std::runtime_error("open_test_database failed: " + opened.error().detail);
    database_ = std::move(*opened);
}

TestDatabase::~TestDatabase() {
    database_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

}  // namespace cong::auth::testing
