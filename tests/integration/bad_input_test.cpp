// Hostile and broken input: each gets a clear 4xx, the server stays up, and nothing stored changes.
#include "cong_process.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <regex>

using cong::testing::CongProcess;
using cong::testing::field;

namespace {

// A PNG whose header claims width × height pixels, followed by a tiny (wrong) image data chunk.
std::string png_claiming(std::uint32_t width, std::uint32_t height) {
    auto be32 = [](std::uint32_t v) {
        return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    };
    auto chunk = [&](const std::string& type, const std::string& data) {
        std::string body = type + data;
        auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()));
        return be32(std::uint32_t(data.size())) + body + be32(std::uint32_t(crc));
    };
    std::string ihdr = be32(width) + be32(height) + std::string{8, 2, 0, 0, 0};
    std::string idat = std::string("\x78\x9c\x63\x00\x00\x00\x01\x00\x01", 9);
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", "");
}

class BadInput : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        cong_.start();
        ASSERT_EQ(cong_.api("POST", "/api/v1/categories", R"({"name": "Thông báo"})").status, 201);
        auto created = cong_.api("POST", "/api/v1/articles",
                                 R"({"title":"Thông báo tuyển quân năm 2025","category":"thong-bao","status":"published",)"
                                 R"("body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung gốc."}]}]}})");
        ASSERT_EQ(created.status, 201) << created.body;
        id_ = field(created.body, "id");
        url_ = field(created.body, "url");
    }

    // After every attack, the server answers and the stored article is exactly as it was.
    void expect_intact() {
        auto health = cong_.request("GET", "/healthz");
        ASSERT_EQ(health.status, 200) << "server down; log:\n" << cong_.server_log();
        auto page = cong_.request("GET", url_);
        ASSERT_EQ(page.status, 200);
        EXPECT_NE(page.body.find("Thông báo tuyển quân năm 2025"), std::string::npos);
        EXPECT_NE(page.body.find("Nội dung gốc."), std::string::npos);
    }

    void expect_json_error(const cong::testing::HttpResult& r, int status, const std::string& code) {
        EXPECT_EQ(r.status, status) << r.body;
        EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos);
        EXPECT_NE(r.body.find("\"code\":\"" + code + "\""), std::string::npos) << r.body;
    }

    cong::testing::HttpResult upload(const std::string& name, const std::string& bytes) {
        auto [type, body] = cong::testing::multipart_body(name, bytes, {});
        return cong_.request("POST", "/api/v1/media", {{"Authorization", "Bearer " + cong_.token()}, {"Content-Type", type}},
                             body);
    }

    CongProcess cong_;
    std::string id_, url_;
};

}  // namespace

TEST_F(BadInput, BrokenJsonGetsAClear400AndChangesNothing) {
    for (std::string body : {std::string("{"), std::string(R"({"title": "Thông báo)"), std::string("[]"),
                             std::string("null"), std::string(R"({"title": "a",})"), std::string("\xff\xfe{}")}) {
        expect_json_error(cong_.api("PUT", "/api/v1/articles/" + id_, body), 400, "invalid_input");
    }
    expect_intact();
}

TEST_F(BadInput, WrongTypesNameTheField) {
    auto r = cong_.api("PUT", "/api/v1/articles/" + id_, R"({"title": 42})");
    expect_json_error(r, 400, "invalid_input");
    EXPECT_NE(r.body.find(R"("field":"title")"), std::string::npos);
    expect_json_error(cong_.api("PUT", "/api/v1/articles/" + id_, R"({"status": "archived"})"), 400, "invalid_input");
    expect_json_error(cong_.api("PUT", "/api/v1/articles/" + id_, R"({"published_at": "hôm qua"})"), 400, "invalid_input");
    expect_json_error(cong_.api("PUT", "/api/v1/articles/" + id_, R"({"cover_media": "1"})"), 400, "invalid_input");
    expect_json_error(cong_.api("PUT", "/api/v1/articles/" + id_, R"({"category": "khong-ton-tai"})"), 400, "invalid_input");
    expect_intact();
}

TEST_F(BadInput, InvalidUtf8IsRefused) {
    expect_json_error(cong_.api("PUT", "/api/v1/articles/" + id_, "{\"title\": \"Th\xc3\x28\"}"), 400, "invalid_input");
    expect_intact();
}

TEST_F(BadInput, DocumentsOutsideTheSchemaAreRefused) {
    for (std::string doc : {
             R"({"type":"doc","content":[{"type":"script","content":[]}]})",
             R"J({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]}]})J",
             R"({"type":"doc","content":[{"type":"figure","attrs":{"media":999999},"content":[]}]})",
             R"({"type":"doc","content":[{"type":"heading","attrs":{"level":1},"content":[{"type":"text","text":"x"}]}]})",
         }) {
        auto r = cong_.api("PUT", "/api/v1/articles/" + id_, R"({"body":)" + doc + "}");
        EXPECT_GE(r.status, 400) << doc;
        EXPECT_LT(r.status, 500) << doc;
        EXPECT_NE(r.body.find(R"("field":"body")"), std::string::npos) << r.body;
    }
    expect_intact();
}

TEST_F(BadInput, BodyOverTheLimitIs413) {
    std::string huge = R"({"title": ")" + std::string(2 * 1024 * 1024, 'a') + R"("})";
    auto r = cong_.api("PUT", "/api/v1/articles/" + id_, huge);
    EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
    expect_intact();
}

TEST_F(BadInput, TextFileNamedJpgIsNotAnImage) {
    auto r = upload("22 (3).jpg", "Đây là một tệp văn bản, không phải ảnh.\n");
    expect_json_error(r, 415, "unsupported_media_type");
    expect_intact();
}

TEST_F(BadInput, SvgIsRefused) {
    auto r = upload("logo.svg", R"S(<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>)S");
    EXPECT_EQ(r.status, 415) << r.body;
    expect_intact();
}

TEST_F(BadInput, TruncatedJpegIsRefused) {
    std::string jpeg = cong::testing::make_jpeg(800, 600, 3);
    auto r = upload("17 (10).jpg", jpeg.substr(0, jpeg.size() / 2));
    EXPECT_GE(r.status, 400) << r.body;
    EXPECT_LT(r.status, 500) << r.body;
    expect_intact();
}

TEST_F(BadInput, PngClaimingFiftyThousandSquarePixelsIsRefused) {
    auto r = upload("bomb.png", png_claiming(50000, 50000));
    EXPECT_GE(r.status, 400) << r.body;
    EXPECT_LT(r.status, 500) << r.body;
    expect_intact();
}

TEST_F(BadInput, TraversalInAnyPathIsRefused) {
    for (std::string path : {"/static/../cong.db", "/static/..%2f..%2fcong.db", "/media/..%2Fcong.db",
                             "/media/%2e%2e/%2e%2e/etc/passwd", "/bai-viet/..", "/chuyen-muc/%2e%2e%2fcong.db",
                             "/media/..\\cong.db", "/static/%00.css"}) {
        auto r = cong_.request("GET", path);
        EXPECT_GE(r.status, 400) << path;
        EXPECT_LT(r.status, 500) << path;
        EXPECT_EQ(r.body.find("SQLite format"), std::string::npos) << path;
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
    }
    expect_intact();
}

TEST_F(BadInput, OneMegabyteRequestLineIsRefusedAndTheServerStaysUp) {
    std::string reply = cong_.raw("GET /" + std::string(1024 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_GE(reply.size(), 12u);
    int status = std::stoi(reply.substr(9, 3));
    EXPECT_GE(status, 400);
    EXPECT_LT(status, 500);
    expect_intact();
}

TEST_F(BadInput, GarbageInsteadOfHttpDoesNotHurt) {
    cong_.raw(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), std::chrono::milliseconds(500));
    cong_.raw("GET\r\n\r\n", std::chrono::milliseconds(500));
    cong_.raw("POST /api/v1/articles HTTP/1.1\r\nContent-Length: -5\r\n\r\n", std::chrono::milliseconds(500));
    expect_intact();
}

TEST_F(BadInput, AnonymousUploadIsRefusedBeforeItsBodyArrives) {
    // Announces 25 MB and sends none of it: the refusal must come at once, not after a long read.
    auto started = std::chrono::steady_clock::now();
    std::string reply = cong_.raw("POST /api/v1/media HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Type: multipart/form-data; boundary=abc\r\nContent-Length: 26000000\r\n\r\n",
                                  std::chrono::seconds(5));
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 401") << reply.substr(0, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
    expect_intact();
}

// A separate server: the fixture's uses the default limits, which one test must not exhaust for the others.
TEST(RateLimits, AnAddressSearchingTooFastIsToldToWaitAndOthersPagesStillAnswer) {
    CongProcess cong;
    cong.init();
    cong.start({"CONG_LIMITS_SEARCH_PER_MINUTE=6", "CONG_LIMITS_API_WRITES_PER_MINUTE=6"});
    int refused = 0;
    std::string retry_after;
    // 6 a minute allows a burst of 10 (RateLimit in cli/serve.cpp), then one every 10 seconds.
    for (int i = 0; i < 25; ++i) {
        auto reply = cong.request("GET", "/tim-kiem?q=n%C3%B4ng+th%C3%B4n");
        if (reply.status == 429) {
            ++refused;
            retry_after = reply.header("retry-after");
        } else {
            EXPECT_EQ(reply.status, 200);
        }
    }
    EXPECT_GE(refused, 10);
    EXPECT_GE(std::stoi(retry_after.empty() ? "0" : retry_after), 1);
    // Reading pages is not searching: the home page is not limited.
    EXPECT_EQ(cong.request("GET", "/").status, 200);
    // API writes have their own budget, answered in JSON.
    int writes_refused = 0;
    for (int i = 0; i < 25; ++i) {
        auto reply = cong.api("POST", "/api/v1/categories", R"({"name": "Chuyên mục )" + std::to_string(i) + R"("})");
        if (reply.status == 429) {
            ++writes_refused;
            EXPECT_NE(reply.body.find(R"("code":"too_many_requests")"), std::string::npos) << reply.body;
        }
    }
    EXPECT_GE(writes_refused, 10);
    auto metrics = cong.request("GET", "/metrics");
    EXPECT_NE(metrics.body.find("cong_rate_limited_total{limit=\"search\"}"), std::string::npos);
}
