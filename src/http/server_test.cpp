#include "http/server.hpp"

#include "http/rate_limiter.hpp"
#include "http/response_cache.hpp"

#include "core/log.hpp"

#include <arpa/inet.h>
#include <brotli/decode.h>
#include <gtest/gtest.h>

#include "decompress.hpp"
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

using namespace cong;
using namespace cong::http;
using namespace std::chrono_literals;

namespace {

using cong::testing::gunzip;
using cong::testing::unbrotli;

// A page long enough to be compressed.
std::string home_page() {
    std::string page = "<!doctype html><html lang=\"vi\"><title>Cổng thông tin điện tử huyện Thọ Xuân</title><body>";
    for (int i = 0; i < 50; ++i) page += "<p>Chiến lược - Định Hướng - Quy hoạch: 03/38 chỉ tiêu hoàn thành.</p>";
    return page + "</body></html>";
}

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A raw HTTP/1.1 client over a POSIX socket: what the server sees is exactly what a test writes.
class Client {
public:
    explicit Client(unsigned short port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval timeout{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("connect failed");
        }
    }
    ~Client() { ::close(fd_); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // False once the server has closed the connection.
    bool send(std::string_view data) {
        while (!data.empty()) {
            auto sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            data.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    // Reads one response; nullopt when the connection closes or nothing comes within 5 s.
    std::optional<Reply> read_reply(bool head = false) {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
            if (!fill()) return std::nullopt;
        }
        Reply reply;
        std::string header = buffer_.substr(0, end);
        buffer_.erase(0, end + 4);
        reply.status = std::stoi(header.substr(9, 3));
        std::size_t line_start = header.find("\r\n");
        while (line_start != std::string::npos) {
            auto next = header.find("\r\n", line_start + 2);
            auto line = header.substr(line_start + 2, next == std::string::npos ? std::string::npos : next - line_start - 2);
            auto colon = line.find(':');
            std::string name = line.substr(0, colon);
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            reply.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
            line_start = next;
        }
        if (head || reply.status == 304 || reply.status < 200) return reply;
        std::size_t length = std::stoul(reply.header("content-length"));
        while (buffer_.size() < length) {
            if (!fill()) return std::nullopt;
        }
        reply.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return reply;
    }

    // True when the server closed the connection (end of stream or reset) without sending more.
    bool closed_by_server() {
        char byte;
        auto received = ::recv(fd_, &byte, 1, MSG_DONTWAIT);
        return received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }

private:
    bool fill() {
        char chunk[16384];
        auto received = ::recv(fd_, chunk, sizeof chunk, 0);
        if (received <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(received));
        return true;
    }

    int fd_ = -1;
    std::string buffer_;
};

std::string get(std::string_view target, std::string_view extra_headers = "") {
    return "GET " + std::string(target) + " HTTP/1.1\r\nHost: localhost\r\n" + std::string(extra_headers) + "\r\n";
}

core::HttpConfig test_config() {
    core::HttpConfig config;
    config.listen = "127.0.0.1:0";
    config.threads = 2;
    config.read_timeout = 2s;
    config.idle_timeout = 5s;
    config.shutdown_grace = 5s;
    config.max_body_bytes = 4096;
    return config;
}

class ServerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { core::log::set_level("warn"); }

    void SetUp() override {
        router_.get("/", [](const Request&) { return Response::html(home_page()); });
        router_.get("/xin-chao", [](const Request&) { return Response::text("Xin chào"); });
        router_.get("/cham", [](const Request&) {
            std::this_thread::sleep_for(300ms);
            return Response::text("xong");
        });
        router_.get("/hong", [](const Request&) -> Response { throw std::runtime_error("boom"); });
        router_.get("/static/{file}", [](const Request& request) {
            return Response::text("file " + std::string(request.param("file")));
        });
        router_.post("/api/v1/echo", [](const Request& request) {
            return Response::json("{\"bytes\":" + std::to_string(request.body.size()) + "}");
        }, {.max_body_bytes = 1024});
        // An upload route that only lets in requests carrying the right key, before reading their body.
        router_.post("/api/v1/upload", [](const Request& request) {
            return Response::json("{\"bytes\":" + std::to_string(request.body.size()) + "}");
        }, {.max_body_bytes = 1 << 20, .admit = [](const Request& request) -> std::optional<Response> {
            if (request.header("Authorization") == "Bearer dung") return std::nullopt;
            return Response::json("{\"error\":{\"code\":\"unauthorized\"}}", 401);
        }});
    }

    void start(core::HttpConfig config = test_config()) {
        server_ = std::make_unique<Server>(config, router_, metrics_);
        auto bound = server_->bind();
        ASSERT_TRUE(bound) << bound.error().detail;
        ASSERT_NE(server_->port(), 0);
        thread_ = std::thread([this] { server_->run(); });
    }

    void stop() {
        if (!thread_.joinable()) return;
        server_->stop();
        thread_.join();
    }

    void TearDown() override { stop(); }

    unsigned short port() const { return server_->port(); }

    Router router_;
    Metrics metrics_;
    std::unique_ptr<Server> server_;
    std::thread thread_;
};

}  // namespace

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
    start();
    Client client(port());
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(client.send(get("/xin-chao")));
        auto reply = client.read_reply();
        ASSERT_TRUE(reply) << "request " << i;
        EXPECT_EQ(reply->status, 200);
        EXPECT_EQ(reply->body, "Xin chào");
        EXPECT_EQ(reply->header("content-type"), "text/plain; charset=utf-8");
    }
}

TEST_F(ServerTest, HandlersSeeDecodedPathParametersQueryAndClient) {
    router_.get("/tim-kiem/{scope}", [](const Request& request) {
        return Response::text(std::string(request.param("scope")) + "|" + request.query_param("q").value_or("-") + "|" +
                              request.remote_address);
    });
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/tim-kiem/v%C4%83n-b%E1%BA%A3n?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi")));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, "văn-bản|nông thôn mới|127.0.0.1");
}

TEST_F(ServerTest, AClientOverARoutesRateIsToldWhenToComeBackAndOthersAreNot) {
    RateLimiter limiter("search", {.per_second = 0.1, .burst = 2});
    router_.get("/tim-kiem", [](const Request&) { return Response::text("kết quả"); }, {.limit = &limiter});
    auto config = test_config();
    config.trusted_proxies = "127.0.0.1";
    start(config);
    Client client(port());
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(client.send(get("/tim-kiem", "X-Forwarded-For: 198.51.100.7\r\n")));
        auto reply = client.read_reply();
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, 200) << i;
    }
    ASSERT_TRUE(client.send(get("/tim-kiem", "X-Forwarded-For: 198.51.100.7\r\n")));
    auto refused = client.read_reply();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 429);
    EXPECT_EQ(refused->header("retry-after"), "10");
    EXPECT_EQ(refused->body, "Quá nhiều yêu cầu, vui lòng thử lại sau.\n");
    // Behind the trusted proxy, another reader is another client.
    ASSERT_TRUE(client.send(get("/tim-kiem", "X-Forwarded-For: 198.51.100.8\r\n")));
    auto other = client.read_reply();
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
}

TEST_F(ServerTest, ForwardedForIsNotBelievedFromAnUntrustedPeer) {
    router_.get("/ai", [](const Request& request) { return Response::text(request.remote_address); });
    start();  // no trusted proxy
    Client client(port());
    ASSERT_TRUE(client.send(get("/ai", "X-Forwarded-For: 6.6.6.6\r\n")));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, "127.0.0.1");
}

TEST_F(ServerTest, AnUnreadableTrustedProxySettingStopsTheServerFromStarting) {
    auto config = test_config();
    config.trusted_proxies = "10.0.0.0/99";
    Server server(config, router_, metrics_);
    auto bound = server.bind();
    ASSERT_FALSE(bound);
    EXPECT_EQ(bound.error().field, "http.trusted_proxies");
}

TEST_F(ServerTest, EveryResponseCarriesTheStandardHeaders) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/khong-co-trang-nay")));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
    EXPECT_EQ(reply->body, "Không tìm thấy trang.\n");
    EXPECT_EQ(reply->header("server"), "cong");
    EXPECT_EQ(reply->header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply->header("referrer-policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(reply->header("x-frame-options"), "SAMEORIGIN");
    EXPECT_EQ(reply->header("cache-control"), "no-store");
    EXPECT_FALSE(reply->header("date").empty());
    EXPECT_EQ(reply->header("x-request-id").size(), 16u);
}

TEST_F(ServerTest, ClientRequestIdIsKeptWhenSafe) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/xin-chao", "X-Request-Id: lb-7f3a.42\r\n")));
    EXPECT_EQ(client.read_reply()->header("x-request-id"), "lb-7f3a.42");
    ASSERT_TRUE(client.send(get("/xin-chao", "X-Request-Id: bad id with spaces\r\n")));
    EXPECT_EQ(client.read_reply()->header("x-request-id").size(), 16u);
}

TEST_F(ServerTest, HeadSendsTheHeadersOfGetWithoutABody) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    auto head = client.read_reply(true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->header("content-length"), std::to_string(home_page().size()));
    // Had the server sent a body, this reply would be read from the middle of it.
    ASSERT_TRUE(client.send(get("/xin-chao")));
    auto next = client.read_reply();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->body, "Xin chào");
}

TEST_F(ServerTest, GzipAndBrotliAreNegotiated) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/", "Accept-Encoding: gzip\r\n")));
    auto gzipped = client.read_reply();
    ASSERT_TRUE(gzipped);
    EXPECT_EQ(gzipped->header("content-encoding"), "gzip");
    EXPECT_EQ(gzipped->header("vary"), "Accept-Encoding");
    EXPECT_EQ(gunzip(gzipped->body), home_page());

    ASSERT_TRUE(client.send(get("/", "Accept-Encoding: gzip, deflate, br\r\n")));
    auto brotli = client.read_reply();
    ASSERT_TRUE(brotli);
    EXPECT_EQ(brotli->header("content-encoding"), "br");
    EXPECT_EQ(unbrotli(brotli->body), home_page());

    ASSERT_TRUE(client.send(get("/", "Accept-Encoding: br;q=0, gzip;q=0\r\n")));
    auto plain = client.read_reply();
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->header("content-encoding"), "");
    EXPECT_EQ(plain->body, home_page());
}

TEST_F(ServerTest, EtagThenIfNoneMatchGives304) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/", "Accept-Encoding: br\r\n")));
    auto first = client.read_reply();
    ASSERT_TRUE(first);
    auto etag = first->header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(first->header("cache-control"), "no-cache");

    ASSERT_TRUE(client.send(get("/", "Accept-Encoding: br\r\nIf-None-Match: " + etag + "\r\n")));
    auto second = client.read_reply();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 304);
    EXPECT_EQ(second->header("etag"), etag);
    // The connection stays usable: a 304 carries no body.
    ASSERT_TRUE(client.send(get("/xin-chao")));
    EXPECT_EQ(client.read_reply()->body, "Xin chào");
}

TEST_F(ServerTest, HugeRequestLineIsRefusedAndOthersAreStillServed) {
    start();
    {
        Client client(port());
        client.send("GET /" + std::string(1024 * 1024, 'a') + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        auto reply = client.read_reply();
        ASSERT_TRUE(reply);
        EXPECT_GE(reply->status, 400);
        EXPECT_LT(reply->status, 500);
    }
    Client next(port());
    ASSERT_TRUE(next.send(get("/xin-chao")));
    auto reply = next.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
}

TEST_F(ServerTest, OversizedHeaderOfAnApiRequestGetsJson431) {
    start();
    Client client(port());
    client.send("GET /api/v1/search?q=x HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + std::string(64 * 1024, 'p') +
                "\r\n\r\n");
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 431);
    EXPECT_NE(reply->body.find("\"code\":\"header_too_large\""), std::string::npos);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/static/a.css") + get("/static/b.css")));
    EXPECT_EQ(client.read_reply()->body, "file a.css");
    EXPECT_EQ(client.read_reply()->body, "file b.css");
}

TEST_F(ServerTest, Http10ClientsGetTheConnectionClosed) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("GET /xin-chao HTTP/1.0\r\n\r\n"));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, "Xin chào");
    EXPECT_FALSE(client.read_reply());
}

TEST_F(ServerTest, BodyOverTheRouteLimitIs413BeforeItIsRead) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            "Content-Length: 5000\r\n\r\n"));
    client.send(std::string(5000, 'x'));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 413);
    EXPECT_EQ(reply->header("content-type"), "application/json; charset=utf-8");
    EXPECT_NE(reply->body.find("\"code\":\"payload_too_large\""), std::string::npos);
    EXPECT_EQ(reply->header("connection"), "close");
}

TEST_F(ServerTest, GateRefusesAnUploadBeforeItsBodyIsSent) {
    start();
    Client client(port());
    // Only the header is sent: the answer must come without waiting for the 512 KiB announced.
    ASSERT_TRUE(client.send("POST /api/v1/upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 524288\r\n\r\n"));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 401);
    EXPECT_EQ(reply->header("connection"), "close");

    Client allowed(port());
    ASSERT_TRUE(allowed.send("POST /api/v1/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer dung\r\n"
                             "Content-Length: 5\r\n\r\nxin c"));
    auto accepted = allowed.read_reply();
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->status, 200);
    EXPECT_EQ(accepted->body, "{\"bytes\":5}");
}

TEST_F(ServerTest, ChunkedBodyOverTheRouteLimitIs413) {
    start();
    Client client(port());
    std::string request = "POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i) request += "200\r\n" + std::string(512, 'x') + "\r\n";
    request += "0\r\n\r\n";
    client.send(request);
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 413);
}

// Found by tests/fuzz/http_request_fuzz: Boost 1.81's parser asserted when the last chunk "0\r\n" was
// followed by a lone byte (boostorg/beast#2861), so any client could abort a debug or sanitizer build.
TEST_F(ServerTest, ALastChunkArrivingByteByByteIsReadToTheEnd) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"));
    for (std::string_view byte : {"\r", "\n"}) {
        std::this_thread::sleep_for(50ms);  // each byte its own read on the server
        ASSERT_TRUE(client.send(byte));
    }
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "{\"bytes\":0}");
}

TEST_F(ServerTest, BodyWithinTheLimitReachesTheHandler) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 700\r\n\r\n" +
                            std::string(700, 'x')));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "{\"bytes\":700}");
    EXPECT_EQ(reply->header("cache-control"), "no-store");
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                            "Expect: 100-continue\r\n\r\n"));
    auto proceed = client.read_reply();
    ASSERT_TRUE(proceed);
    EXPECT_EQ(proceed->status, 100);
    ASSERT_TRUE(client.send("abc"));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, "{\"bytes\":3}");
}

TEST_F(ServerTest, TraversalIsRefusedWith400) {
    start();
    Client client(port());
    for (std::string target : {"/static/..%2f..%2fetc/passwd", "/a/../b", "/static/%2e%2e/%2e%2e/etc/passwd"}) {
        ASSERT_TRUE(client.send(get(target))) << target;
        auto reply = client.read_reply();
        ASSERT_TRUE(reply) << target;
        EXPECT_EQ(reply->status, 400) << target;
        EXPECT_EQ(reply->body.find("root:"), std::string::npos);
    }
    ASSERT_TRUE(client.send(get("/static/site.css")));
    EXPECT_EQ(client.read_reply()->body, "file site.css");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send("DELETE /xin-chao HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 405);
    EXPECT_EQ(reply->header("allow"), "GET, HEAD");
}

TEST_F(ServerTest, UnknownApiPathGetsAJsonError) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/api/v1/khong-co")));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
    EXPECT_EQ(reply->body, "{\"error\":{\"code\":\"not_found\",\"message\":\"Không tìm thấy trang.\"}}");
}

TEST_F(ServerTest, NotFoundHandlerAnswersUnknownPaths) {
    router_.set_not_found([](const Request&) { return Response::html("<h1>Không tìm thấy</h1>", 404); });
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/khong-co")));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
    EXPECT_EQ(reply->body, "<h1>Không tìm thấy</h1>");
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerGoesOn) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/hong")));
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 500);
    EXPECT_EQ(reply->body.find("boom"), std::string::npos);
    ASSERT_TRUE(client.send(get("/xin-chao")));
    EXPECT_EQ(client.read_reply()->status, 200);
}

TEST_F(ServerTest, SlowlorisIsDroppedAfterTheReadTimeout) {
    start();
    Client client(port());
    std::string request = get("/xin-chao");
    auto started = std::chrono::steady_clock::now();
    bool dropped = false;
    for (char byte : request) {
        if (!client.send(std::string_view(&byte, 1)) || client.closed_by_server()) {
            dropped = true;
            break;
        }
        if (std::chrono::steady_clock::now() - started > 6s) break;
        std::this_thread::sleep_for(1s);
    }
    EXPECT_TRUE(dropped);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
    auto config = test_config();
    config.idle_timeout = 1s;
    start(config);
    Client client(port());
    ASSERT_TRUE(client.send(get("/xin-chao")));
    ASSERT_TRUE(client.read_reply());
    auto started = std::chrono::steady_clock::now();
    EXPECT_FALSE(client.read_reply());  // end of stream, well before the client's own 5 s timeout
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST_F(ServerTest, GracefulStopLetsARequestInFlightFinish) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/cham")));
    std::this_thread::sleep_for(100ms);
    server_->stop();
    auto reply = client.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "xong");
    EXPECT_EQ(reply->header("connection"), "close");
    thread_.join();
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnectionsAtOnce) {
    start();
    Client idle(port());
    ASSERT_TRUE(idle.send(get("/xin-chao")));
    ASSERT_TRUE(idle.read_reply());
    auto started = std::chrono::steady_clock::now();
    stop();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
    EXPECT_FALSE(idle.read_reply());
}

TEST_F(ServerTest, ConnectionsOverTheLimitAreTurnedAwayWhenNoneIsIdle) {
    auto config = test_config();
    config.threads = 1;
    config.max_connections = 2;
    start(config);
    // Both connections are in the middle of a request: neither can be closed to make room.
    Client first(port());
    Client second(port());
    for (Client* client : {&first, &second}) ASSERT_TRUE(client->send("GET /xin-chao HTTP/1.1\r\n"));
    std::this_thread::sleep_for(100ms);
    Client third(port());
    third.send(get("/xin-chao"));
    auto reply = third.read_reply();
    EXPECT_TRUE(!reply || reply->status == 503);
}

TEST_F(ServerTest, AtTheLimitAnIdleConnectionMakesRoomForANewReader) {
    auto config = test_config();
    config.threads = 1;
    config.max_connections = 2;
    start(config);
    Client silent(port());  // opened and never used, like an attacker's or a browser's spare connection
    Client idle(port());
    ASSERT_TRUE(idle.send(get("/xin-chao")));
    ASSERT_TRUE(idle.read_reply());
    std::this_thread::sleep_for(100ms);
    Client reader(port());
    ASSERT_TRUE(reader.send(get("/xin-chao")));
    auto reply = reader.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
}

TEST_F(ServerTest, OneAddressCannotHoldEveryConnection) {
    auto config = test_config();
    config.max_connections_per_address = 3;
    start(config);
    std::vector<std::unique_ptr<Client>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<Client>(port()));
        ASSERT_TRUE(held.back()->send("GET /xin-chao HTTP/1.1\r\n"));  // busy, so never evicted
    }
    std::this_thread::sleep_for(100ms);
    Client fourth(port());
    fourth.send(get("/xin-chao"));
    auto refused = fourth.read_reply();
    EXPECT_TRUE(!refused || refused->status == 503);
    // When one of them closes, the address may connect again.
    held.pop_back();
    std::this_thread::sleep_for(100ms);
    Client again(port());
    ASSERT_TRUE(again.send(get("/xin-chao")));
    auto reply = again.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
}

TEST_F(ServerTest, HealthzAndMetricsAreServedBeforeRouting) {
    start();
    Client client(port());
    ASSERT_TRUE(client.send(get("/healthz")));
    auto health = client.read_reply();
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(health->body, "ok");

    ASSERT_TRUE(client.send(get("/xin-chao")));
    ASSERT_TRUE(client.read_reply());
    ASSERT_TRUE(client.send(get("/metrics")));
    auto metrics = client.read_reply();
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_EQ(metrics->header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(metrics->body.find("cong_http_requests_total{method=\"GET\",route=\"/xin-chao\",status=\"200\"} 1"),
              std::string::npos);
    EXPECT_NE(metrics->body.find("cong_http_connections_open 1"), std::string::npos);
    EXPECT_NE(metrics->body.find("process_resident_memory_bytes"), std::string::npos);
}

TEST(Server, BindReportsAPortInUse) {
    // A listener of another program (without SO_REUSEPORT) holds the port: Cổng must say so, not crash.
    int other = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(other, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(other, 1), 0);
    socklen_t length = sizeof address;
    ::getsockname(other, reinterpret_cast<sockaddr*>(&address), &length);

    Router router;
    Metrics metrics;
    auto config = test_config();
    config.listen = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    Server server(config, router, metrics);
    auto bound = server.bind();
    ::close(other);
    ASSERT_FALSE(bound);
    EXPECT_EQ(bound.error().code, core::Errc::Conflict);
    EXPECT_EQ(bound.error().field, "http.listen");
}

TEST(Server, BindRefusesAMalformedListenAddress) {
    Router router;
    Metrics metrics;
    auto config = test_config();
    for (std::string listen : {"127.0.0.1", "127.0.0.1:99999", "nowhere:80", "[::1"}) {
        config.listen = listen;
        Server server(config, router, metrics);
        auto bound = server.bind();
        ASSERT_FALSE(bound) << listen;
        EXPECT_EQ(bound.error().code, core::Errc::InvalidInput) << listen;
    }
}

namespace {

// A cache that keeps a tagged page's body and answers with it shared, as cache::PageCache does.
class KeepingCache : public ResponseCache {
public:
    std::optional<Response> lookup(const Request& request) override {
        std::lock_guard lock(mutex_);
        auto found = pages_.find(request.path);
        if (found == pages_.end()) return std::nullopt;
        Response response;
        response.cache_control = "no-cache";
        response.shared_body = found->second;
        return response;
    }
    std::uint64_t generation() const override { return 0; }
    bool store(const Request& request, const Response& response, std::uint64_t) override {
        std::lock_guard lock(mutex_);
        pages_[request.path] = std::make_shared<const std::string>(response.body);
        return true;
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const std::string>> pages_;
};

}  // namespace

TEST_F(ServerTest, ACachedPageIsAnsweredWithoutRunningItsHandlerAgain) {
    std::atomic<int> renders{0};
    router_.get("/tin-tuc", [&](const Request&) {
        renders.fetch_add(1);
        auto response = Response::html(home_page());
        response.cache_tags = {"listing:1"};
        return response;
    });
    router_.get("/ca-nhan", [&](const Request&) {
        renders.fetch_add(1);
        return Response::html("trang riêng");
    });
    KeepingCache cache;
    server_ = std::make_unique<Server>(test_config(), router_, metrics_);
    server_->set_response_cache(&cache);
    ASSERT_TRUE(server_->bind());
    thread_ = std::thread([this] { server_->run(); });

    Client client(port());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(client.send(get("/tin-tuc")));
        auto reply = client.read_reply();
        ASSERT_TRUE(reply) << "request " << i;
        EXPECT_EQ(reply->status, 200);
        EXPECT_EQ(reply->body, home_page());
        EXPECT_EQ(reply->header("content-length"), std::to_string(home_page().size()));
        EXPECT_FALSE(reply->header("x-request-id").empty());
    }
    EXPECT_EQ(renders.load(), 1);
    // Untagged pages are rendered every time.
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(client.send(get("/ca-nhan")));
        ASSERT_TRUE(client.read_reply());
    }
    EXPECT_EQ(renders.load(), 3);
    auto text = metrics_.render();
    EXPECT_NE(text.find("route=\"cached\""), std::string::npos) << text;
}
