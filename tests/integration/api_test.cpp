// The JSON API against the real server: authentication, the article lifecycle, and visibility.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <regex>

using cong::testing::CongProcess;
using cong::testing::field;

namespace {

class Api : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        cong_.start();
        auto category = cong_.api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})");
        ASSERT_EQ(category.status, 201) << category.body;
    }
    std::string article(const std::string& status, const std::string& extra = "") {
        return R"({"title":"Khai mạc Lễ hội Đền thờ Lê Hoàn","lead":"Sáng nay, lễ hội khai mạc.","category":"tin-tuc-su-kien",)"
               R"("status":")" + status + "\"" + extra +
               R"(,"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung <b>lễ hội</b>."}]}]}})";
    }
    CongProcess cong_;
};

}  // namespace

TEST_F(Api, RequestsWithoutAValidTokenAreRefused) {
    auto none = cong_.request("POST", "/api/v1/articles", {}, article("draft"));
    EXPECT_EQ(none.status, 401);
    EXPECT_NE(none.body.find(R"("code":"unauthorized")"), std::string::npos) << none.body;
    EXPECT_EQ(none.header("www-authenticate"), "Bearer");
    auto wrong = cong_.request("POST", "/api/v1/articles", {{"Authorization", "Bearer cong_wrong"}}, article("draft"));
    EXPECT_EQ(wrong.status, 401);
    auto basic = cong_.request("GET", "/api/v1/categories", {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
    EXPECT_EQ(basic.status, 401);
}

TEST_F(Api, ArticleLifecycleCreateReadUpdateDelete) {
    auto created = cong_.api("POST", "/api/v1/articles", article("draft"));
    ASSERT_EQ(created.status, 201) << created.body;
    std::string id = field(created.body, "id");
    std::string url = field(created.body, "url");
    EXPECT_EQ(url, "/bai-viet/khai-mac-le-hoi-den-tho-le-hoan");
    EXPECT_EQ(field(created.body, "status"), "draft");

    // A draft is not public.
    EXPECT_EQ(cong_.request("GET", url).status, 404);

    auto read = cong_.api("GET", "/api/v1/articles/" + id);
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(field(read.body, "title"), "Khai mạc Lễ hội Đền thờ Lê Hoàn");

    // A partial update keeps the other fields and publishes.
    auto updated = cong_.api("PUT", "/api/v1/articles/" + id, R"({"status":"published","featured":true})");
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(field(updated.body, "status"), "published");
    EXPECT_EQ(field(updated.body, "lead"), "Sáng nay, lễ hội khai mạc.");
    EXPECT_NE(field(updated.body, "published_at"), "null");

    auto page = cong_.request("GET", url);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Nội dung &lt;b&gt;lễ hội&lt;/b&gt;."), std::string::npos) << "text is escaped";

    auto deleted = cong_.api("DELETE", "/api/v1/articles/" + id);
    EXPECT_EQ(deleted.status, 204);
    EXPECT_EQ(cong_.api("GET", "/api/v1/articles/" + id).status, 404);
    EXPECT_EQ(cong_.request("GET", url).status, 404);
}

TEST_F(Api, FutureArticlesStayHiddenUntilTheirTime) {
    auto created = cong_.api("POST", "/api/v1/articles", article("published", R"(,"published_at":"2099-01-01T07:00:00+07:00")"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(cong_.request("GET", field(created.body, "url")).status, 404);
    EXPECT_EQ(cong_.request("GET", "/").body.find(field(created.body, "url")), std::string::npos);
}

TEST_F(Api, SameTitleGetsADistinctAddress) {
    auto first = cong_.api("POST", "/api/v1/articles", article("published"));
    auto second = cong_.api("POST", "/api/v1/articles", article("published"));
    ASSERT_EQ(second.status, 201);
    EXPECT_EQ(field(second.body, "url"), field(first.body, "url") + "-2");
}

TEST_F(Api, EditorsCannotPublishButCanSubmit) {
    auto added = cong_.run({"user", "add", "--login", "phongvien", "--role", "editor", "--password-stdin"},
                           "mot-mat-khau-dai\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto token = cong_.run({"token", "create", "--login", "phongvien"});
    ASSERT_EQ(token.exit_code, 0);
    std::string bearer = "Bearer " + token.out.substr(0, token.out.find('\n'));
    auto publish = cong_.request("POST", "/api/v1/articles", {{"Authorization", bearer}}, article("published"));
    EXPECT_EQ(publish.status, 403) << publish.body;
    auto submit = cong_.request("POST", "/api/v1/articles", {{"Authorization", bearer}}, article("pending"));
    EXPECT_EQ(submit.status, 201) << submit.body;
}

TEST_F(Api, UnknownEndpointsAnswerInJson) {
    auto missing = cong_.api("GET", "/api/v1/khong-co");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.body.find(R"("code":"not_found")"), std::string::npos) << missing.body;
    auto missing_article = cong_.api("GET", "/api/v1/articles/999999");
    EXPECT_EQ(missing_article.status, 404);
    auto bad_id = cong_.api("GET", "/api/v1/articles/abc");
    EXPECT_EQ(bad_id.status, 404);
}
