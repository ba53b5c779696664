// CongProcess: the real `cong` binary with its own temporary data directory, for integration tests.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cong::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

struct HttpResult {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;
    std::string header(const std::string& name) const;
};

class CongProcess {
public:
    CongProcess();  // creates an empty temporary data directory
    // A node of a PostgreSQL installation: commands get --data database_url and the server --media media_dir,
    // a directory several nodes may share. The log and scratch files stay in a temporary directory.
    CongProcess(std::string database_url, std::string media_dir);
    ~CongProcess();  // stops the server (SIGTERM, then SIGKILL) and removes the directory
    CongProcess(const CongProcess&) = delete;
    CongProcess& operator=(const CongProcess&) = delete;

    const std::string& data_dir() const { return data_dir_; }
    // Runs `cong ARGS --data DIR`, feeding input on standard input.
    CommandResult run(std::vector<std::string> args, const std::string& input = "") const;
    // `cong init` (with --demo when asked), then an admin account with an API token.
    void init(bool demo = false);
    const std::string& token() const { return token_; }
    // Another node's token: nodes of one database share its accounts.
    void set_token(std::string token) { token_ = std::move(token); }

    // Starts `cong serve` on 127.0.0.1:0 and waits for its "listening" line to learn the port.
    void start(std::vector<std::string> extra_env = {});
    // SIGTERM and wait; returns the exit status.
    int stop();
    // SIGKILL and wait: the server dies at once, as in a power cut or an OOM kill, with no chance to flush.
    void kill();
    bool running() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    unsigned short port() const { return port_; }
    std::string server_log() const;

    // One HTTP/1.1 request on a new connection ("Connection: close").
    HttpResult request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {}, const std::string& body = "") const;
    // Signs in through the back office's real login form as a browser would; returns the session's Cookie
    // header. Throws when the login is not answered with its redirect.
    std::string sign_in(const std::string& login, const std::string& password) const;
    // Authenticated JSON API call with the admin token.
    HttpResult api(const std::string& method, const std::string& target, const std::string& body = "") const;
    // Sends raw bytes and returns whatever comes back until the server closes or timeout passes.
    std::string raw(const std::string& bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

private:
    std::string data_dir_;
    std::string database_;   // what --data gets: data_dir_, or a PostgreSQL URL
    std::string media_dir_;  // --media of the server; empty: the default beside the SQLite database
    std::string log_path_;
    std::string token_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

// A multipart/form-data body with one file and text fields; returns {content_type, body}.
std::pair<std::string, std::string> multipart_body(const std::string& file_name, const std::string& file_bytes,
                                                   const std::map<std::string, std::string>& fields);

// The value of "name" in a flat JSON answer: a string's text, or a number, null, true or false as written.
std::string field(const std::string& json, const std::string& name);
// Percent-encodes everything but unreserved characters, for form bodies and query strings.
std::string form_encode(const std::string& text);
// The CSRF token a back-office page put in its forms (name="csrf").
std::string csrf_of(const std::string& html);
// "name=value; …" of every Set-Cookie of response, added to jar: the Cookie header of the next request.
std::string cookies_of(const HttpResult& response, std::string jar = {});

// A real JPEG of the given size, made with libvips.
std::string make_jpeg(int width, int height, unsigned seed = 1);

// The path of a fixture file in tests/fixtures.
std::string fixture_path(const std::string& name);

}  // namespace cong::testing
