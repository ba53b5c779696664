// DataLock: an advisory lock on a data directory, held by `serve` so `restore` cannot replace a live database.
#pragma once

#include "core/result.hpp"

#include <string>

namespace cong::cli {

class DataLock {
public:
    // Takes the lock without waiting; Busy when another process holds it.
    static core::Result<DataLock> acquire(const std::string& data_dir);
    DataLock(DataLock&& other) noexcept;
    DataLock& operator=(DataLock&&) = delete;
    DataLock(const DataLock&) = delete;
    ~DataLock();

private:
    explicit DataLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace cong::cli
