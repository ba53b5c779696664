#include "cong_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vips/vips.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace cong::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<char*> c_args(std::vector<std::string>& args) {
    std::vector<char*> out;
    for (auto& a : args) out.push_back(a.data());
    out.push_back(nullptr);
    return out;
}

int connect_to(unsigned short port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    return fd;
}

void send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the server may close early on a refused request; the reply tells
        sent += std::size_t(n);
    }
}

std::string decode_chunked(const std::string& body) {
    std::string out;
    std::size_t pos = 0;
    while (pos < body.size()) {
        auto line_end = body.find("\r\n", pos);
        if (line_end == std::string::npos) break;
        std::size_t size = std::stoul(body.substr(pos, line_end - pos), nullptr, 16);
        if (size == 0) break;
        out += body.substr(line_end + 2, size);
        pos = line_end + 2 + size + 2;
    }
    return out;
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string fixture_path(const std::string& name) {
    return std::string(CONG_SOURCE_DIR) + "/tests/fixtures/" + name;
}

CongProcess::CongProcess() {
    std::string pattern = (fs::temp_directory_path() / "cong-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    data_dir_ = pattern + "/data";
    database_ = data_dir_;
    log_path_ = pattern + "/server.log";
}

CongProcess::CongProcess(std::string database_url, std::string media_dir) : CongProcess() {
    database_ = std::move(database_url);
    media_dir_ = std::move(media_dir);
}

CongProcess::~CongProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 100 && ::waitpid(pid_, nullptr, WNOHANG) == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (::waitpid(pid_, nullptr, WNOHANG) == 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::error_code ec;
    fs::remove_all(fs::path(data_dir_).parent_path(), ec);
}

CommandResult CongProcess::run(std::vector<std::string> args, const std::string& input) const {
    args.insert(args.begin(), CONG_BINARY);
    args.push_back("--data");
    args.push_back(database_);
    std::string err_path = fs::path(data_dir_).parent_path() / "command.err";
    int in_pipe[2], out_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(err, 2);
        auto argv = c_args(args);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    for (std::size_t written = 0; written < input.size();) {
        ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
        if (n <= 0) break;
        written += std::size_t(n);
    }
    ::close(in_pipe[1]);
    CommandResult result;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(out_pipe[0], buffer, sizeof buffer)) > 0) result.out.append(buffer, std::size_t(n));
    ::close(out_pipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.err = read_file(err_path);
    return result;
}

void CongProcess::init(bool demo) {
    std::vector<std::string> args{"init"};
    if (demo) args.push_back("--demo");
    auto initialised = run(args);
    if (initialised.exit_code != 0) throw std::runtime_error("cong init failed: " + initialised.err);
    auto added = run({"user", "add", "--login", "tester", "--role", "admin", "--password-stdin"},
                     "mat-khau-thu-nghiem-123\n");
    if (added.exit_code != 0) throw std::runtime_error("cong user add failed: " + added.err);
    auto token = run({"token", "create", "--login", "tester"});
    if (token.exit_code != 0) throw std::runtime_error("cong token create failed: " + token.err);
    token_ = token.out.substr(0, token.out.find('\n'));
}

void CongProcess::start(std::vector<std::string> extra_env) {
    // A previous run's log still names its old port.
    fs::remove(log_path_);
    pid_ = ::fork();
    if (pid_ == 0) {
        int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(log, 1);
        ::dup2(log, 2);
        // Tests make requests far faster than any reader from one address: the per-address limits are lifted
        // unless a test sets them (extra_env comes after, and wins).
        static char search[] = "CONG_LIMITS_SEARCH_PER_MINUTE=1000000";
        static char writes[] = "CONG_LIMITS_API_WRITES_PER_MINUTE=1000000";
        static char login[] = "CONG_LIMITS_LOGIN_PER_MINUTE=1000000";
        for (char* lifted : {search, writes, login}) ::putenv(lifted);
        for (auto& e : extra_env) ::putenv(e.data());
        std::vector<std::string> args{CONG_BINARY, "serve", "--data", database_, "--listen", "127.0.0.1:0"};
        if (!media_dir_.empty()) args.insert(args.end(), {"--media", media_dir_});
        auto argv = c_args(args);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    std::regex listening(R"(listening.*127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 600; ++i) {  // up to 30 s: sanitizer builds start slowly
        std::smatch match;
        std::string log = read_file(log_path_);
        if (std::regex_search(log, match, listening)) {
            port_ = static_cast<unsigned short>(std::stoi(match[1]));
            return;
        }
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("cong serve exited: " + log);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("cong serve did not report its port: " + read_file(log_path_));
}

int CongProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void CongProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::string CongProcess::server_log() const { return read_file(log_path_); }

std::string CongProcess::raw(const std::string& bytes, std::chrono::milliseconds timeout) const {
    int fd = connect_to(port_);
    send_all(fd, bytes);
    std::string reply;
    char buffer[16384];
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (::poll(&p, 1, int(std::max<long>(1, left.count()))) <= 0) break;
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        reply.append(buffer, std::size_t(n));
    }
    ::close(fd);
    return reply;
}

HttpResult CongProcess::request(const std::string& method, const std::string& target,
                                const std::map<std::string, std::string>& headers, const std::string& body) const {
    std::string wire = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [name, value] : headers) wire += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT") wire += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    wire += "\r\n" + body;
    std::string reply = raw(wire, std::chrono::seconds(30));
    HttpResult result;
    auto head_end = reply.find("\r\n\r\n");
    if (head_end == std::string::npos || reply.compare(0, 9, "HTTP/1.1 ") != 0) return result;
    result.status = std::stoi(reply.substr(9, 3));
    std::istringstream head(reply.substr(0, head_end));
    std::string line;
    std::getline(head, line);
    while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        result.headers.emplace(name, value);
    }
    result.body = reply.substr(head_end + 4);
    if (result.header("transfer-encoding") == "chunked") result.body = decode_chunked(result.body);
    return result;
}

HttpResult CongProcess::api(const std::string& method, const std::string& target, const std::string& body) const {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token_}};
    if (!body.empty()) headers["Content-Type"] = "application/json";
    return request(method, target, headers, body);
}

std::pair<std::string, std::string> multipart_body(const std::string& file_name, const std::string& file_bytes,
                                                   const std::map<std::string, std::string>& fields) {
    const std::string boundary = "----congTestBoundary7MA4YWxkTrZu0gW";
    std::string body;
    for (const auto& [name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
            "\"\r\nContent-Type: image/jpeg\r\n\r\n" + file_bytes + "\r\n--" + boundary + "--\r\n";
    return {"multipart/form-data; boundary=" + boundary, body};
}

std::string make_jpeg(int width, int height, unsigned seed) {
    static bool initialised = [] { return VIPS_INIT("cong-tests") == 0; }();
    if (!initialised) throw std::runtime_error("libvips did not start");
    VipsImage* image = nullptr;
    if (vips_xyz(&image, width, height, nullptr) != 0) throw std::runtime_error(vips_error_buffer());
    VipsImage* scaled = nullptr;
    double a[] = {255.0 / width, 255.0 / height, 1.0};
    double b[] = {double(seed % 97), double(seed % 53), double(seed % 200)};
    VipsImage* bands = nullptr;
    VipsImage* parts[3];
    vips_extract_band(image, &parts[0], 0, nullptr);
    vips_extract_band(image, &parts[1], 1, nullptr);
    vips_extract_band(image, &parts[2], 0, nullptr);
    vips_bandjoin(parts, &bands, 3, nullptr);
    vips_linear(bands, &scaled, a, b, 3, "uchar", TRUE, nullptr);
    void* buffer = nullptr;
    size_t length = 0;
    if (vips_jpegsave_buffer(scaled, &buffer, &length, "Q", 80, nullptr) != 0) throw std::runtime_error(vips_error_buffer());
    std::string out(static_cast<char*>(buffer), length);
    g_free(buffer);
    for (auto* p : parts) g_object_unref(p);
    g_object_unref(bands);
    g_object_unref(scaled);
    g_object_unref(image);
    return out;
}

std::string field(const std::string& json, const std::string& name) {
    std::smatch match;
    if (std::regex_search(json, match, std::regex("\"" + name + "\":(\"([^\"]*)\"|-?[0-9]+|null|true|false)")))
        return match[2].matched ? match[2].str() : match[1].str();
    return {};
}

std::string form_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else
            out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

std::string csrf_of(const std::string& html) {
    std::smatch match;
    if (std::regex_search(html, match, std::regex(R"rx(name="csrf" value="([^"]+)")rx"))) return match[1].str();
    return {};
}

std::string cookies_of(const HttpResult& response, std::string jar) {
    for (auto [it, end] = response.headers.equal_range("set-cookie"); it != end; ++it) {
        if (!jar.empty()) jar += "; ";
        jar += it->second.substr(0, it->second.find(';'));
    }
    return jar;
}

std::string CongProcess::sign_in(const std::string& login, const std::string& password) const {
    auto page = request("GET", "/quan-tri/dang-nhap");
    auto posted = request("POST", "/quan-tri/dang-nhap",
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookies_of(page)}},
                          "login=" + form_encode(login) + "&password=" + form_encode(password) +
                              "&csrf=" + form_encode(csrf_of(page.body)) + "&next=%2Fquan-tri");
    if (posted.status != 303)
        throw std::runtime_error("signing in as " + login + " answered " + std::to_string(posted.status) + ": " +
                                 posted.body.substr(0, 300));
    return cookies_of(posted);
}

}  // namespace cong::testing
