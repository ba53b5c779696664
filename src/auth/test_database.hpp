// Test database: a real SQLite database in a fresh temporary directory, removed after the test.
#pragma once

#include "storage/database.hpp"

#include <filesystem>
#include <memory>

namespace cong::auth::testing {

class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    storage::Database& get() { return *database_; }

private:
    std::filesystem::path directory_;
    std::unique_ptr<storage::Database> database_;
};

}  // namespace cong::auth::testing
