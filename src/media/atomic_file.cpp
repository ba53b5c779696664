#include "media/atomic_file.hpp"

#include "core/log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

namespace cong::media {
namespace {

core::Error write_failed(const std::filesystem::path& path, int error_number) {
    core::log::error("media file write failed", {{"path", path.string()}, {"error", std::strerror(error_number)}});
    return core::Error{core::Errc::Internal, "Không lưu được tệp ảnh lên đĩa"};
}

// Closes a descriptor and removes the temporary file unless the write went through.
class TempFile {
public:
    explicit TempFile(std::string path_template) : path_(path_template.begin(), path_template.end()) {
        path_.push_back('\0');
        fd_ = ::mkostemp(path_.data(), O_CLOEXEC);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!renamed_ && fd_ != -1) ::unlink(path_.data());
    }
    int fd() const { return fd_; }
    const char* path() const { return path_.data(); }
    int close() {
        int status = ::close(fd_);
        fd_ = -2;  // closed, but the file still exists until renamed
        return status;
    }
    void mark_renamed() { renamed_ = true; }

private:
    std::vector<char> path_;
    int fd_ = -1;
    bool renamed_ = false;
};

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

}  // namespace

core::Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view data) {
    std::filesystem::path directory = path.parent_path();
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return write_failed(path, error.value());

    // The temporary file lives in the same directory so the rename stays on one file system and is atomic.
    TempFile temp{(directory / ("." + path.filename().string() + ".XXXXXX")).string()};
    if (temp.fd() < 0) return write_failed(path, errno);
    // mkstemp creates the file readable by its owner only; the web server and backups read media as files.
    if (::fchmod(temp.fd(), 0644) != 0 || !write_all(temp.fd(), data) || ::fsync(temp.fd()) != 0) {
        return write_failed(path, errno);
    }
    if (temp.close() != 0) return write_failed(path, errno);
    if (::rename(temp.path(), path.c_str()) != 0) return write_failed(path, errno);
    temp.mark_renamed();

    // The rename itself is durable only once the directory entry is on disk.
    int directory_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory_fd < 0) return write_failed(directory, errno);
    int status = ::fsync(directory_fd);
    int saved_errno = errno;
    ::close(directory_fd);
    if (status != 0) return write_failed(directory, saved_errno);
    return {};
}

}  // namespace cong::media
