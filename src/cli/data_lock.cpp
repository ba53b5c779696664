#include "cli/data_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <utility>

namespace cong::cli {

core::Result<DataLock> DataLock::acquire(const std::string& data_dir) {
    std::string path = data_dir + "/cong.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return core::Error{core::Errc::Internal, "cannot open " + path};
    // flock is released by the kernel when the process dies, even by SIGKILL: no stale locks.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return core::Error{core::Errc::Busy, "another cong process is using " + data_dir + " (stop `cong serve` first)"};
    }
    return DataLock(fd);
}

DataLock::DataLock(DataLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataLock::~DataLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace cong::cli
