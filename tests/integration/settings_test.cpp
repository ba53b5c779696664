// Site settings and the category menu against the real server: only admins reach them, every change shows on
// the public pages at once (through the page cache), and the colours arrive as a cached stylesheet, never inline.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <regex>

using cong::testing::CongProcess;
using cong::testing::form_encode;
using cong::testing::csrf_of;
using cong::testing::HttpResult;

namespace {

std::string menu_of(const std::string& html) {
    auto start = html.find("<nav class=\"menu\"");
    if (start == std::string::npos) return {};
    return html.substr(start, html.find("</nav>", start) - start);
}

class Settings : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        for (auto [login, role] : {std::pair{"quantri", "admin"}, std::pair{"bientap", "editor"}}) {
            auto added = cong_.run({"user", "add", "--login", login, "--role", role, "--password-stdin"},
                                   std::string("mat-khau-") + login + "-2024\n");
            ASSERT_EQ(added.exit_code, 0) << added.err;
        }
        cong_.start();
        auto category = cong_.api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})");
        ASSERT_EQ(category.status, 201) << category.body;
        admin_ = sign_in("quantri");
    }

    std::string sign_in(const std::string& login) { return cong_.sign_in(login, "mat-khau-" + login + "-2024"); }

    HttpResult get(const std::string& cookie, const std::string& target) {
        return cong_.request("GET", target, {{"Cookie", cookie}});
    }

    // Posts a form of the page at `page` (its CSRF token included unless with_csrf is false).
    HttpResult post(const std::string& cookie, const std::string& page, const std::string& target, std::string body,
                    bool with_csrf = true) {
        if (with_csrf) body += "&csrf=" + form_encode(csrf_of(get(cookie, page).body));
        return cong_.request("POST", target,
                             {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}}, body);
    }

    std::string settings_form(const std::string& primary, const std::string& accent) {
        return "name=" + form_encode("Cổng thông tin điện tử xã Xuân Hòa") + "&slogan=" + form_encode("Đoàn kết - Đổi mới") +
               "&owner=&responsible_person=&licence=&address=&phone=&email=&logo_media_id=" +
               "&primary_colour=" + form_encode(primary) + "&accent_colour=" + form_encode(accent);
    }

    CongProcess cong_;
    std::string admin_;
};

TEST_F(Settings, OnlyAdminsOpenTheSettingsAndCategoryPages) {
    auto editor = sign_in("bientap");
    EXPECT_EQ(get(editor, "/quan-tri/cai-dat").status, 403);
    EXPECT_EQ(get(editor, "/quan-tri/chuyen-muc").status, 403);
    auto page = get(admin_, "/quan-tri/cai-dat");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<label for=\"primary_colour\">"), std::string::npos);
    EXPECT_EQ(get(admin_, "/quan-tri/chuyen-muc").status, 200);
    EXPECT_EQ(cong_.request("GET", "/quan-tri/cai-dat").status, 303);  // no session: to the sign-in page
}

TEST_F(Settings, NewColoursAndNameReachThePublicPagesAtOnceAsAStylesheet) {
    auto before = cong_.request("GET", "/");  // now in the page cache
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(before.body.find("/giao-dien/"), std::string::npos);

    auto saved = post(admin_, "/quan-tri/cai-dat", "/quan-tri/cai-dat", settings_form("#1A5C9E", "#ffe08a"));
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto after = cong_.request("GET", "/");
    EXPECT_NE(after.body.find("<link rel=\"stylesheet\" href=\"/giao-dien/1a5c9e-ffe08a.css\">"), std::string::npos);
    EXPECT_NE(after.body.find("Cổng thông tin điện tử xã Xuân Hòa"), std::string::npos);
    EXPECT_EQ(after.body.find(" style="), std::string::npos);

    auto css = cong_.request("GET", "/giao-dien/1a5c9e-ffe08a.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
    EXPECT_NE(css.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_NE(css.body.find("--red:#1a5c9e"), std::string::npos);
    EXPECT_EQ(cong_.request("GET", "/giao-dien/1a5c9e-ffe08a;x.css").status, 404);
}

TEST_F(Settings, UnreadableOrMalformedColoursAreRefusedBesideTheirFieldAndChangeNothing) {
    auto pale = post(admin_, "/quan-tri/cai-dat", "/quan-tri/cai-dat", settings_form("#ffee00", ""));
    EXPECT_EQ(pale.status, 400);
    EXPECT_NE(pale.body.find("Màu chủ đạo quá sáng"), std::string::npos);
    auto garbage = post(admin_, "/quan-tri/cai-dat", "/quan-tri/cai-dat", settings_form("red;}body{", ""));
    EXPECT_EQ(garbage.status, 400);
    EXPECT_NE(garbage.body.find("#rrggbb"), std::string::npos);
    EXPECT_EQ(cong_.request("GET", "/").body.find("/giao-dien/"), std::string::npos);
}

TEST_F(Settings, AFormWithoutItsCsrfTokenIsRefused) {
    auto refused = post(admin_, "/quan-tri/cai-dat", "/quan-tri/cai-dat", settings_form("#1a5c9e", ""), false);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(cong_.request("GET", "/").body.find("/giao-dien/"), std::string::npos);
}

TEST_F(Settings, CategoriesCreatedAndHiddenChangeThePublicMenuAtOnce) {
    EXPECT_EQ(menu_of(cong_.request("GET", "/").body).find("hoi-dap"), std::string::npos);
    auto created = post(admin_, "/quan-tri/chuyen-muc", "/quan-tri/chuyen-muc",
                        "name=" + form_encode("Hỏi đáp") + "&slug=&parent_id=&description=&in_menu=1");
    ASSERT_EQ(created.status, 303) << created.body;
    EXPECT_NE(menu_of(cong_.request("GET", "/").body).find("href=\"/chuyen-muc/hoi-dap\""), std::string::npos);

    std::smatch id;
    auto list = get(admin_, "/quan-tri/chuyen-muc").body;
    ASSERT_TRUE(std::regex_search(list, id, std::regex(R"rx(chuyen-muc-([0-9]+)"><th scope="row">(— )*<a href="/chuyen-muc/hoi-dap")rx")));
    auto edit = "/quan-tri/chuyen-muc/" + id[1].str();
    auto hidden = post(admin_, edit, edit,
                       "name=" + form_encode("Hỏi đáp trực tuyến") + "&slug=hoi-dap&parent_id=&description=&position=0");
    ASSERT_EQ(hidden.status, 303) << hidden.body;
    EXPECT_EQ(menu_of(cong_.request("GET", "/").body).find("hoi-dap"), std::string::npos);
    // Still reachable by its address: hiding takes it out of the menu only.
    EXPECT_EQ(cong_.request("GET", "/chuyen-muc/hoi-dap").status, 200);
}

}  // namespace
