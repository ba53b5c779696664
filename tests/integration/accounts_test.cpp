// Accounts against the real server: the login form, session cookies, CSRF, lockout, roles, the API with a
// session cookie, and redirects that never leave the site.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <regex>

using cong::testing::CongProcess;
using cong::testing::form_encode;
using cong::testing::HttpResult;

namespace {

// The harness's admin account (CongProcess::init).
const std::string ADMIN_PASSWORD = "mat-khau-thu-nghiem-123";
const std::string EDITOR_PASSWORD = "bien-tap-vien-mat-khau";
const std::map<std::string, std::string> FORM{{"Content-Type", "application/x-www-form-urlencoded"}};

// Every Set-Cookie header of a response.
std::vector<std::string> set_cookies(const HttpResult& result) {
    std::vector<std::string> out;
    auto [begin, end] = result.headers.equal_range("set-cookie");
    for (auto it = begin; it != end; ++it) out.push_back(it->second);
    return out;
}

// The Set-Cookie header for name, or empty.
std::string set_cookie(const HttpResult& result, const std::string& name) {
    for (const auto& cookie : set_cookies(result))
        if (cookie.rfind(name + "=", 0) == 0) return cookie;
    return {};
}

// "name=value" of a Set-Cookie header, for sending back.
std::string cookie_pair(const std::string& set_cookie_header) {
    return set_cookie_header.substr(0, set_cookie_header.find(';'));
}

std::string hidden_csrf(const std::string& html) {
    std::smatch match;
    if (std::regex_search(html, match, std::regex(R"(name="csrf" value="([^"]+)\")"))) return match[1].str();
    return {};
}

struct Browser {
    std::string cookie;  // "cong_session=…"
    std::string csrf;    // the session's token, as the pages carry it
};

class Accounts : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        auto added = cong_.run({"user", "add", "--login", "bientap", "--role", "editor", "--password-stdin"},
                               EDITOR_PASSWORD + "\n");
        ASSERT_EQ(added.exit_code, 0) << added.err;
        cong_.start();
    }

    // GET the login form, then POST it as a browser would; returns the POST's answer.
    HttpResult post_login(const std::string& login, const std::string& password, const std::string& next = "") {
        auto form = cong_.request("GET", "/quan-tri/dang-nhap");
        EXPECT_EQ(form.status, 200);
        auto csrf_cookie = set_cookie(form, "cong_login_csrf");
        EXPECT_FALSE(csrf_cookie.empty());
        auto csrf = hidden_csrf(form.body);
        auto headers = FORM;
        headers["Cookie"] = cookie_pair(csrf_cookie);
        return cong_.request("POST", "/quan-tri/dang-nhap", headers,
                             "login=" + form_encode(login) + "&password=" + form_encode(password) +
                                 "&csrf=" + form_encode(csrf) + "&next=" + form_encode(next));
    }

    Browser sign_in(const std::string& login, const std::string& password) {
        auto answer = post_login(login, password);
        EXPECT_EQ(answer.status, 303) << answer.body;
        Browser browser;
        browser.cookie = cookie_pair(set_cookie(answer, "cong_session"));
        auto page = cong_.request("GET", "/quan-tri/tai-khoan", {{"Cookie", browser.cookie}});
        EXPECT_EQ(page.status, 200);
        browser.csrf = hidden_csrf(page.body);
        EXPECT_FALSE(browser.csrf.empty());
        return browser;
    }

    HttpResult get(const Browser& browser, const std::string& target) {
        return cong_.request("GET", target, {{"Cookie", browser.cookie}});
    }

    HttpResult post(const Browser& browser, const std::string& target, const std::string& body) {
        auto headers = FORM;
        headers["Cookie"] = browser.cookie;
        return cong_.request("POST", target, headers, body);
    }

    CongProcess cong_;
};

}  // namespace

TEST_F(Accounts, TheBackOfficeSendsStrangersToTheLoginForm) {
    auto page = cong_.request("GET", "/quan-tri/nguoi-dung");
    EXPECT_EQ(page.status, 303);
    EXPECT_EQ(page.header("location"), "/quan-tri/dang-nhap?next=%2Fquan-tri%2Fnguoi-dung");
    auto form = cong_.request("GET", "/quan-tri/dang-nhap");
    EXPECT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<label for=\"login\">Tên đăng nhập</label>"), std::string::npos);
    EXPECT_NE(form.body.find("autocomplete=\"current-password\""), std::string::npos);
    EXPECT_EQ(form.header("cache-control"), "no-store");
}

TEST_F(Accounts, LoggingInThroughTheFormGivesAnHttpOnlyLaxCookieForTheWholeSite) {
    auto answer = post_login("bientap", EDITOR_PASSWORD, "/quan-tri/tai-khoan");
    ASSERT_EQ(answer.status, 303) << answer.body;
    EXPECT_EQ(answer.header("location"), "/quan-tri/tai-khoan");
    auto cookie = set_cookie(answer, "cong_session");
    ASSERT_FALSE(cookie.empty());
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/;"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP unless configured";

    auto page = cong_.request("GET", "/quan-tri/tai-khoan", {{"Cookie", cookie_pair(cookie)}});
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Tài khoản của tôi"), std::string::npos);
    EXPECT_NE(page.body.find("Đăng xuất"), std::string::npos);
    EXPECT_NE(page.body.find("<main id=\"noi-dung\""), std::string::npos);
}

TEST_F(Accounts, SecureCookiesWithTheHostPrefixOverHttps) {
    cong_.stop();
    cong_.start({"CONG_HTTP_HTTPS=true"});
    auto form = cong_.request("GET", "/quan-tri/dang-nhap");
    auto csrf_cookie = set_cookie(form, "__Host-cong_login_csrf");
    ASSERT_FALSE(csrf_cookie.empty());
    EXPECT_NE(csrf_cookie.find("; Secure"), std::string::npos);
    auto headers = FORM;
    headers["Cookie"] = cookie_pair(csrf_cookie);
    auto answer = cong_.request(
        "POST", "/quan-tri/dang-nhap", headers,
        "login=bientap&password=" + form_encode(EDITOR_PASSWORD) + "&csrf=" + form_encode(hidden_csrf(form.body)));
    ASSERT_EQ(answer.status, 303) << answer.body;
    auto cookie = set_cookie(answer, "__Host-cong_session");
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
}

TEST_F(Accounts, TheLoginFormRefusesAPostWithoutItsCsrfValue) {
    auto answer =
        cong_.request("POST", "/quan-tri/dang-nhap", FORM, "login=bientap&password=" + form_encode(EDITOR_PASSWORD));
    EXPECT_EQ(answer.status, 403);
    EXPECT_TRUE(set_cookie(answer, "cong_session").empty());
}

TEST_F(Accounts, AStateChangingPostWithoutTheCsrfTokenIs403) {
    auto browser = sign_in("bientap", EDITOR_PASSWORD);
    auto without = post(browser, "/quan-tri/tai-khoan/dang-xuat-tat-ca", "");
    EXPECT_EQ(without.status, 403);
    EXPECT_NE(without.body.find("mã bảo vệ biểu mẫu"), std::string::npos);
    auto wrong = post(browser, "/quan-tri/tai-khoan/mat-khau",
                      "csrf=not-the-token&current_password=" + form_encode(EDITOR_PASSWORD) +
                          "&new_password=mat-khau-moi-rat-dai&confirm_password=mat-khau-moi-rat-dai");
    EXPECT_EQ(wrong.status, 403);
    // Nothing changed: the old password still works.
    EXPECT_EQ(post_login("bientap", EDITOR_PASSWORD).status, 303);
}

TEST_F(Accounts, FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne) {
    for (int i = 0; i < 4; ++i) {
        auto wrong = post_login("bientap", "sai-mat-khau-" + std::to_string(i));
        EXPECT_EQ(wrong.status, 401);
        EXPECT_NE(wrong.body.find("Tên đăng nhập hoặc mật khẩu không đúng"), std::string::npos);
    }
    auto fifth = post_login("bientap", "sai-mat-khau-5");
    EXPECT_EQ(fifth.status, 429);
    EXPECT_EQ(fifth.header("retry-after"), "900");
    auto right = post_login("bientap", EDITOR_PASSWORD);
    EXPECT_EQ(right.status, 429);
    EXPECT_NE(right.body.find("Tài khoản tạm khoá"), std::string::npos);
    EXPECT_TRUE(set_cookie(right, "cong_session").empty());

    // The admin reads it in the audit log.
    auto admin = sign_in("tester", ADMIN_PASSWORD);
    auto log = get(admin, "/quan-tri/nhat-ky?hanh-dong=user.lockout");
    ASSERT_EQ(log.status, 200);
    EXPECT_NE(log.body.find("user.lockout"), std::string::npos);
    EXPECT_NE(log.body.find("bientap"), std::string::npos);
}

TEST_F(Accounts, LoggingOutEndsTheSessionBehindTheCookie) {
    auto browser = sign_in("bientap", EDITOR_PASSWORD);
    auto out = post(browser, "/quan-tri/dang-xuat", "csrf=" + form_encode(browser.csrf));
    EXPECT_EQ(out.status, 303);
    EXPECT_NE(set_cookie(out, "cong_session").find("Max-Age=0"), std::string::npos);
    // The same cookie, replayed, opens nothing.
    auto after = get(browser, "/quan-tri/tai-khoan");
    EXPECT_EQ(after.status, 303);
    EXPECT_EQ(after.header("location").rfind("/quan-tri/dang-nhap", 0), 0u);
}

TEST_F(Accounts, AnEditorOpeningTheUsersPageGets403) {
    auto editor = sign_in("bientap", EDITOR_PASSWORD);
    auto users = get(editor, "/quan-tri/nguoi-dung");
    EXPECT_EQ(users.status, 403);
    EXPECT_NE(users.body.find("Bạn không có quyền"), std::string::npos);
    EXPECT_EQ(get(editor, "/quan-tri/nhat-ky").status, 403);
    auto create = post(editor, "/quan-tri/nguoi-dung",
                       "csrf=" + form_encode(editor.csrf) + "&login=ke-gian&role=admin&password=mat-khau-ke-gian");
    EXPECT_EQ(create.status, 403);
    EXPECT_EQ(post_login("ke-gian", "mat-khau-ke-gian").status, 401);
}

TEST_F(Accounts, AnAdminCreatesAnAccountThatCanSignInAndTheAuditLogSaysWho) {
    auto admin = sign_in("tester", ADMIN_PASSWORD);
    auto page = get(admin, "/quan-tri/nguoi-dung");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("bientap"), std::string::npos);
    auto created = post(admin, "/quan-tri/nguoi-dung",
                        "csrf=" + form_encode(admin.csrf) + "&login=duyet2&display_name=" + form_encode("Trưởng ban") +
                            "&role=approver&password=mat-khau-duyet-2");
    ASSERT_EQ(created.status, 303) << created.body;
    EXPECT_EQ(post_login("duyet2", "mat-khau-duyet-2").status, 303);
    auto log = get(admin, "/quan-tri/nhat-ky?hanh-dong=user.create");
    EXPECT_NE(log.body.find("tester"), std::string::npos);
    EXPECT_NE(log.body.find("duyet2"), std::string::npos);
}

TEST_F(Accounts, TheApiTakesTheSessionCookieOnlyWithItsCsrfHeader) {
    auto admin = sign_in("tester", ADMIN_PASSWORD);
    std::string body = R"({"name": "Tin tức - Sự kiện"})";
    auto without = cong_.request("POST", "/api/v1/categories",
                                 {{"Cookie", admin.cookie}, {"Content-Type", "application/json"}}, body);
    EXPECT_TRUE(without.status == 401 || without.status == 403) << without.status;
    auto with = cong_.request(
        "POST", "/api/v1/categories",
        {{"Cookie", admin.cookie}, {"Content-Type", "application/json"}, {"X-CSRF-Token", admin.csrf}}, body);
    EXPECT_EQ(with.status, 201) << with.body;
    // Bearer tokens work as before.
    EXPECT_EQ(cong_.api("GET", "/api/v1/categories").status, 200);
}

TEST_F(Accounts, AnOpenRedirectAttemptLandsOnTheBackOffice) {
    for (std::string next : {"//evil.example", "https://evil.example/", "/\\evil.example", "/quan-tri//evil.example"}) {
        auto answer = post_login("bientap", EDITOR_PASSWORD, next);
        ASSERT_EQ(answer.status, 303) << next;
        EXPECT_EQ(answer.header("location"), "/quan-tri") << next;
    }
}

TEST_F(Accounts, ChangingThePasswordSignsOutOtherSessions) {
    auto here = sign_in("bientap", EDITOR_PASSWORD);
    auto elsewhere = sign_in("bientap", EDITOR_PASSWORD);
    auto changed = post(here, "/quan-tri/tai-khoan/mat-khau",
                        "csrf=" + form_encode(here.csrf) + "&current_password=" + form_encode(EDITOR_PASSWORD) +
                            "&new_password=mat-khau-moi-rat-dai&confirm_password=mat-khau-moi-rat-dai");
    ASSERT_EQ(changed.status, 303) << changed.body;
    EXPECT_EQ(get(here, "/quan-tri/tai-khoan").status, 200);
    EXPECT_EQ(get(elsewhere, "/quan-tri/tai-khoan").status, 303);
    EXPECT_EQ(post_login("bientap", "mat-khau-moi-rat-dai").status, 303);
}

TEST(AccountsDemo, InitDemoPrintsTheApproverAndEditorPasswords) {
    CongProcess cong;
    auto initialised = cong.run({"init", "--demo"});
    ASSERT_EQ(initialised.exit_code, 0) << initialised.err;
    for (std::string login : {"admin", "duyet", "bientap"}) {
        std::smatch match;
        ASSERT_TRUE(std::regex_search(initialised.err, match,
                                      std::regex("Account: login " + login + ", password ([A-Za-z0-9]+)")))
            << initialised.err;
    }
}
