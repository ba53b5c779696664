// Search against the real server: what citizens type finds what was published, highlighted; drafts and
// scheduled articles stay hidden until their time; bad input gets a clear answer, never a 500.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include <chrono>
#include <ctime>
#include <regex>
#include <thread>

using cong::testing::CongProcess;
using cong::testing::field;

namespace {

std::string encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string rfc3339_in(std::chrono::seconds from_now) {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from_now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

class Search : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        cong_.start();
        auto category = cong_.api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})");
        ASSERT_EQ(category.status, 201) << category.body;
    }
    std::string publish(const std::string& title, const std::string& body, const std::string& extra = "") {
        auto created = cong_.api("POST", "/api/v1/articles",
                                 R"({"title":")" + title + R"(","lead":"","category":"tin-tuc-su-kien","status":"published")" +
                                     extra + R"(,"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":")" +
                                     body + R"("}]}]}})");
        EXPECT_EQ(created.status, 201) << created.body;
        return field(created.body, "id");
    }
    cong::testing::HttpResult find(const std::string& q, const std::string& more = "") {
        return cong_.request("GET", "/api/v1/search?q=" + encode(q) + more);
    }
    CongProcess cong_;
};

}  // namespace

TEST_F(Search, TextTypedWithoutDiacriticsFindsTheArticleHighlightedInItsOwnSpelling) {
    publish("Thọ Xuân về đích huyện nông thôn mới", "Huyện Thọ Xuân hoàn thành các tiêu chí nông thôn mới.");
    publish("Thọ Xuân làm đường giao thông", "Đường mới dài 5 km.");
    auto api = find("nong thon moi tho xuan");
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(field(api.body, "total"), "1");
    EXPECT_EQ(field(api.body, "title"), "Thọ Xuân về đích huyện nông thôn mới");
    EXPECT_EQ(field(api.body, "url"), "/bai-viet/tho-xuan-ve-dich-huyen-nong-thon-moi");
    EXPECT_NE(api.body.find("<mark>nông</mark> <mark>thôn</mark> <mark>mới</mark>"), std::string::npos) << api.body;
    EXPECT_NE(field(api.body, "published_at"), "null");

    auto page = cong_.request("GET", "/tim-kiem?q=" + encode("nong thon moi tho xuan"));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Tìm thấy 1 kết quả"), std::string::npos);
    EXPECT_NE(page.body.find("<mark>Thọ</mark> <mark>Xuân</mark>"), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/bai-viet/tho-xuan-ve-dich-huyen-nong-thon-moi\""), std::string::npos);
    EXPECT_NE(page.body.find("value=\"nong thon moi tho xuan\""), std::string::npos) << "the form keeps the query";

    // Abbreviations, tone placement, NFD.
    EXPECT_EQ(field(find("NTM").body, "total"), "1");
    publish("Thanh Hoá đón khách", "Du lịch Thanh Hoá.");
    EXPECT_EQ(field(find("Thanh Hóa ").body, "total"), "1");
    EXPECT_EQ(field(find("Thanh Hoa\xcc\x81 ").body, "total"), "1");
}

TEST_F(Search, DraftsAndScheduledArticlesAreFoundOnlyWhenPublicAndChangesShowAtOnce) {
    auto draft = cong_.api("POST", "/api/v1/articles",
                           R"({"title":"Kế hoạch bí mật","category":"tin-tuc-su-kien","status":"draft","body":{"type":"doc","content":[]}})");
    ASSERT_EQ(draft.status, 201);
    EXPECT_EQ(field(find("bi mat").body, "total"), "0");

    auto scheduled = publish("Thông báo lịch tiếp dân", "Lịch tiếp công dân tháng 12.",
                             R"(,"published_at":")" + rfc3339_in(std::chrono::seconds(3)) + "\"");
    EXPECT_EQ(field(find("tiep dan").body, "total"), "0");
    std::this_thread::sleep_for(std::chrono::seconds(4));
    EXPECT_EQ(field(find("tiep dan").body, "total"), "1") << "found when its time comes, without re-indexing";

    auto changed = cong_.api("PUT", "/api/v1/articles/" + scheduled, R"({"title":"Lịch làm việc của lãnh đạo"})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(field(find("lanh dao").body, "total"), "1");
    EXPECT_EQ(field(find("tiep dan").body, "total"), "1") << "the body still says it";
    EXPECT_EQ(cong_.api("DELETE", "/api/v1/articles/" + scheduled).status, 204);
    EXPECT_EQ(field(find("lanh dao").body, "total"), "0");
}

TEST_F(Search, ThePageHelpsWhenNothingIsFoundOrNothingWasAsked) {
    auto blank = cong_.request("GET", "/tim-kiem");
    ASSERT_EQ(blank.status, 200);
    EXPECT_NE(blank.body.find("Nhập từ khóa để tìm tin bài"), std::string::npos);
    auto none = cong_.request("GET", "/tim-kiem?q=" + encode("khủng long"));
    ASSERT_EQ(none.status, 200);
    EXPECT_NE(none.body.find("Không tìm thấy bài viết nào phù hợp với «khủng long»"), std::string::npos);
    EXPECT_NE(none.body.find("khung long"), std::string::npos) << "suggests typing without diacritics";
    auto header_form = cong_.request("GET", "/");
    EXPECT_NE(header_form.body.find("action=\"/tim-kiem\""), std::string::npos);
}

TEST_F(Search, ResultsArePagedAndFiltered) {
    for (int i = 0; i < 12; ++i) publish("Tin giải phóng mặt bằng số " + std::to_string(i), "GPMB đạt tiến độ.");
    auto first = find("GPMB");
    EXPECT_EQ(field(first.body, "total"), "12");
    EXPECT_EQ(field(first.body, "page_count"), "2");
    auto second = find("GPMB", "&page=2");
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(std::count(second.body.begin(), second.body.end(), '{') - 1, 2) << second.body;
    EXPECT_EQ(field(find("GPMB", "&category=tin-tuc-su-kien").body, "total"), "12");
    EXPECT_EQ(field(find("GPMB", "&from=2000-01-01&to=2000-12-31").body, "total"), "0");
    auto page2 = cong_.request("GET", "/tim-kiem?q=GPMB&trang=2");
    ASSERT_EQ(page2.status, 200);
    EXPECT_NE(page2.body.find("trang 2/2"), std::string::npos);
}

TEST_F(Search, BadInputGetsAClearAnswerNeverAServerError) {
    publish("Đua thuyền trên sông Chu", "Thuyền rồng tranh tài.");
    const std::vector<std::string> queries = {
        "", " ", std::string(10 * 1024, 'a'), "\"thuyen rong", "*", "\"", "NEAR", "NEAR(thuyen rong)", ":", "title:thuyen",
        "'; DROP TABLE articles; --", "\" OR 1=1 --", "\xff\xfe", "thuy\xcc", "((((", "a*b*c*", "-thuyen", "^thuyen",
        "<script>alert(1)</script>"};
    for (const auto& q : queries) {
        SCOPED_TRACE("q = " + q.substr(0, 40));
        auto api = find(q);
        EXPECT_TRUE(api.status == 200 || api.status == 400) << api.status << " " << api.body.substr(0, 300);
        if (api.status == 400) {
            EXPECT_NE(api.body.find("\"error\""), std::string::npos) << api.body;
        }
        auto page = cong_.request("GET", "/tim-kiem?q=" + encode(q));
        EXPECT_TRUE(page.status == 200 || page.status == 400) << page.status;
        EXPECT_EQ(page.body.find("<script>alert"), std::string::npos) << "never echoed as HTML";
    }
    EXPECT_EQ(find("").status, 400);
    auto long_query = find(std::string(10 * 1024, 'a'));
    EXPECT_EQ(long_query.status, 400);
    EXPECT_NE(long_query.body.find("quá dài"), std::string::npos);
    EXPECT_EQ(find("\xff\xfe").status, 400);
    EXPECT_EQ(field(find("\"thuyen rong").body, "total"), "1");
    EXPECT_EQ(field(find("NEAR(thuyen rong)").body, "total"), "0");
    EXPECT_EQ(field(find("'; DROP TABLE articles; --").body, "total"), "0");
    EXPECT_EQ(field(find("thuyen").body, "total"), "1") << "the articles table is still there";
    EXPECT_EQ(find("thuyen", "&page=abc").status, 400);
    EXPECT_EQ(find("thuyen", "&page=0").status, 400);
    EXPECT_EQ(find("thuyen", "&from=2024-13-45").status, 400);
    EXPECT_EQ(find("thuyen", "&category=khong-co").status, 400);
    EXPECT_EQ(cong_.request("GET", "/tim-kiem?q=thuyen&tu=hom-qua").status, 400);
    auto bad_page = cong_.request("GET", "/tim-kiem?q=" + encode(std::string(10 * 1024, 'a')));
    EXPECT_EQ(bad_page.status, 400);
    EXPECT_NE(bad_page.body.find("Từ khóa quá dài"), std::string::npos);
}

TEST_F(Search, ReindexRebuildsALostIndexWithoutShowingDrafts) {
    publish("Lễ hội Đền thờ Lê Hoàn khai mạc", "Lễ hội diễn ra ba ngày.");
    auto draft = cong_.api("POST", "/api/v1/articles",
                           R"({"title":"Lễ hội nháp","category":"tin-tuc-su-kien","status":"draft","body":{"type":"doc","content":[]}})");
    ASSERT_EQ(draft.status, 201);
    ASSERT_EQ(cong_.stop(), 0);
    // An index lost or made by an older version: empty it behind Cổng's back.
    std::string wipe = "sqlite3 '" + cong_.data_dir() +
                       "/cong.db' 'DELETE FROM search_index; DELETE FROM search_articles;'";
    ASSERT_EQ(std::system(wipe.c_str()), 0);
    cong_.start();
    EXPECT_EQ(field(find("le hoi").body, "total"), "0");
    ASSERT_EQ(cong_.stop(), 0);

    auto rebuilt = cong_.run({"search", "reindex"});
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_NE(rebuilt.err.find("2 articles"), std::string::npos) << rebuilt.err;
    cong_.start();
    auto found = find("le hoi");
    EXPECT_EQ(field(found.body, "total"), "1") << found.body;
    EXPECT_EQ(field(found.body, "title"), "Lễ hội Đền thờ Lê Hoàn khai mạc");
}

TEST_F(Search, TheSynonymListIsEditedFromTheCommandLineAndTheApiAndTakesEffectAtOnce) {
    publish("Diễn tập phòng cháy chữa cháy tại chợ Thọ Xuân", "Lực lượng phòng cháy chữa cháy huyện tham gia.");
    EXPECT_EQ(field(find("PCCC").body, "total"), "0");

    // The command line, while the server runs: the next query sees it, no restart.
    auto set = cong_.run({"search", "synonyms", "set", "PCCC", "phòng cháy chữa cháy"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    auto found = find("PCCC");
    EXPECT_EQ(field(found.body, "total"), "1") << found.body;
    auto listed = cong_.run({"search", "synonyms", "list"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("PCCC\tphòng cháy chữa cháy\n"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("HĐND\thội đồng nhân dân\n"), std::string::npos) << listed.out;
    auto bad = cong_.run({"search", "synonyms", "set", "P CC", "x"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("một từ"), std::string::npos) << bad.err;

    // The API, administrators only; the path names the abbreviation percent-encoded.
    auto list = cong_.api("GET", "/api/v1/search/synonyms");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find(R"({"abbreviation":"PCCC","expansion":"phòng cháy chữa cháy"})"), std::string::npos);
    auto anonymous = cong_.request("GET", "/api/v1/search/synonyms");
    EXPECT_EQ(anonymous.status, 401);
    auto editor = cong_.run({"user", "add", "--login", "bientap", "--role", "editor", "--password-stdin"},
                            "mat-khau-bien-tap-123\n");
    ASSERT_EQ(editor.exit_code, 0) << editor.err;
    auto editor_token = cong_.run({"token", "create", "--login", "bientap"});
    ASSERT_EQ(editor_token.exit_code, 0);
    auto refused = cong_.request("PUT", "/api/v1/search/synonyms/DT",
                                 {{"Authorization", "Bearer " + editor_token.out.substr(0, editor_token.out.find('\n'))},
                                  {"Content-Type", "application/json"}},
                                 R"({"expansion":"diễn tập"})");
    EXPECT_EQ(refused.status, 403) << refused.body;

    auto put = cong_.api("PUT", "/api/v1/search/synonyms/" + encode("ĐT"), R"({"expansion":"diễn tập"})");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(field(put.body, "abbreviation"), "ĐT");
    EXPECT_EQ(field(find("ĐT").body, "total"), "1");
    auto missing = cong_.api("PUT", "/api/v1/search/synonyms/X", R"({"expansion":""})");
    EXPECT_EQ(missing.status, 400) << missing.body;
    EXPECT_EQ(cong_.api("DELETE", "/api/v1/search/synonyms/" + encode("ĐT")).status, 204);
    EXPECT_EQ(cong_.api("DELETE", "/api/v1/search/synonyms/" + encode("ĐT")).status, 404);
    EXPECT_EQ(field(find("ĐT").body, "total"), "0");

    // Both ways of changing the list leave their trace in the audit log.
    auto removed = cong_.run({"search", "synonyms", "remove", "pccc"});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_EQ(field(find("PCCC").body, "total"), "0");
    ASSERT_EQ(cong_.stop(), 0);
    std::string count = "sqlite3 '" + cong_.data_dir() +
                        "/cong.db' \"SELECT count(*) FROM audit_log WHERE action LIKE 'search.synonym.%'\"";
    FILE* pipe = ::popen(count.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char line[32] = {};
    if (std::fgets(line, sizeof line, pipe) == nullptr) line[0] = '\0';
    ::pclose(pipe);
    EXPECT_EQ(std::string(line), "4\n");
}
