#include "admin/session_shell.hpp"

#include "auth/test_database.hpp"
#include "auth/user_service.hpp"

#include <gtest/gtest.h>

namespace cong::admin {
namespace {

const std::string PASSWORD = "mật khẩu đủ dài";

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

std::optional<std::string> header(const http::Response& response, std::string_view name) {
    for (const auto& h : response.headers)
        if (h.name == name) return h.value;
    return std::nullopt;
}

class SessionShellTest : public ::testing::Test {
protected:
    SessionShellTest()
        : sessions_(db_.get(), auth::SessionLimits{}), shell_(sessions_, [] { return std::string("Cổng Thọ Xuân"); }) {
        auth::UserService users{db_.get()};
        (void)users.add_user("bientap", model::Role::Editor, PASSWORD, "Chị Biên Tập").value();
        (void)users.add_user("admin", model::Role::Admin, PASSWORD, "Quản trị").value();
        shell_.add_menu_item({"Bài viết", "/quan-tri/bai-viet", {}});
        shell_.add_menu_item({"Người dùng", "/quan-tri/nguoi-dung", {model::Role::Admin}});
    }

    auth::NewSession sign_in(const std::string& login) {
        return sessions_.login({login, PASSWORD, "192.0.2.1", "Test", ""}).value();
    }

    static http::Request request(http::Method method, std::string target, const auth::NewSession* session = nullptr) {
        http::Request r;
        r.method = method;
        r.target = target;
        r.path = target.substr(0, target.find('?'));
        r.remote_address = "192.0.2.1";
        if (session) r.headers.push_back({"Cookie", "cong_session=" + session->token});
        return r;
    }

    http::Handler echo(std::vector<model::Role> roles = {}) {
        return shell_.guard(
            [this](const http::Request&, const AdminContext& context) {
                AdminPage page;
                page.title = "Bài viết";
                page.active_href = "/quan-tri/bai-viet";
                page.main = render::TrustedHtml("<h1>Xin chào " + render::escape_html(context.user.login) + "</h1>");
                return shell_.page(context, std::move(page));
            },
            std::move(roles));
    }

    auth::testing::TestDatabase db_;
    auth::SessionService sessions_;
    SessionShell shell_;
};

TEST(SafeNext, KeepsBackOfficePathsAndSendsEverythingElseToTheStartPage) {
    EXPECT_EQ(safe_next("/quan-tri/bai-viet?trang=2"), "/quan-tri/bai-viet?trang=2");
    EXPECT_EQ(safe_next("/quan-tri"), "/quan-tri");
    for (auto bad : {"", "//evil.example", "https://evil.example/quan-tri", "/quan-trixyz", "/quan-tri//evil.example",
                     "/quan-tri/\\evil.example", "/quan-tri/\r\nSet-Cookie: x=1", "/", "javascript:alert(1)"})
        EXPECT_EQ(safe_next(bad), "/quan-tri") << bad;
}

TEST_F(SessionShellTest, APageWithoutSessionRedirectsToTheLoginWithTheAddressToComeBackTo) {
    auto response = echo()(request(http::Method::Get, "/quan-tri/bai-viet?trang=2"));
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(header(response, "Location"), "/quan-tri/dang-nhap?next=%2Fquan-tri%2Fbai-viet%3Ftrang%3D2");
    EXPECT_EQ(response.cache_control, "no-store");
}

TEST_F(SessionShellTest, APostWithoutSessionIsUnauthorizedAndAJsonClientGetsJson) {
    auto post = request(http::Method::Post, "/quan-tri/bai-viet");
    EXPECT_EQ(echo()(post).status, 401);
    post.headers.push_back({"Accept", "application/json"});
    auto response = echo()(post);
    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(contains(response.content_type, "json"));
    EXPECT_TRUE(contains(response.body, "\"error\""));
}

TEST_F(SessionShellTest, ASignedInEditorSeesThePageInTheFrameWithoutAdminMenuEntries) {
    auto session = sign_in("bientap");
    auto response = echo()(request(http::Method::Get, "/quan-tri/bai-viet", &session));
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.cache_control, "no-store");
    const auto& body = response.body;
    EXPECT_TRUE(contains(body, "<html lang=\"vi\">"));
    EXPECT_TRUE(contains(body, "href=\"#noi-dung\""));
    EXPECT_TRUE(contains(body, "<main id=\"noi-dung\""));
    EXPECT_TRUE(contains(body, "Xin chào bientap"));
    EXPECT_TRUE(contains(body, "Chị Biên Tập"));
    EXPECT_TRUE(contains(body, "Cổng Thọ Xuân"));
    EXPECT_TRUE(contains(body, "/static/admin."));
    EXPECT_TRUE(contains(body, "action=\"/quan-tri/dang-xuat\""));
    EXPECT_TRUE(contains(body, "value=\"" + session.session.csrf_token + "\""));
    EXPECT_TRUE(contains(body, "href=\"/quan-tri/bai-viet\" aria-current=\"page\""));
    EXPECT_FALSE(contains(body, "/quan-tri/nguoi-dung"));
    EXPECT_FALSE(contains(body, "style="));
}

TEST_F(SessionShellTest, ARoleNotAllowedGetsA403Page) {
    auto session = sign_in("bientap");
    auto response = echo({model::Role::Admin})(request(http::Method::Get, "/quan-tri/nguoi-dung", &session));
    EXPECT_EQ(response.status, 403);
    EXPECT_TRUE(contains(response.body, "Bạn không có quyền"));
    auto admin = sign_in("admin");
    EXPECT_EQ(echo({model::Role::Admin})(request(http::Method::Get, "/quan-tri/nguoi-dung", &admin)).status, 200);
}

TEST_F(SessionShellTest, AStateChangeNeedsTheSessionsCsrfTokenInTheFormOrHeader) {
    auto session = sign_in("bientap");
    auto post = request(http::Method::Post, "/quan-tri/bai-viet", &session);
    post.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    post.body = "title=abc";
    EXPECT_EQ(echo()(post).status, 403);
    post.body = "title=abc&csrf=wrong";
    EXPECT_EQ(echo()(post).status, 403);
    post.body = "title=abc&csrf=" + session.session.csrf_token;
    EXPECT_EQ(echo()(post).status, 200);

    auto with_header = request(http::Method::Delete, "/quan-tri/bai-viet/1", &session);
    EXPECT_EQ(echo()(with_header).status, 403);
    with_header.headers.push_back({"X-CSRF-Token", session.session.csrf_token});
    EXPECT_EQ(echo()(with_header).status, 200);

    // Another session's token is no good.
    auto other = sign_in("admin");
    auto foreign = request(http::Method::Post, "/quan-tri/bai-viet", &session);
    foreign.headers.push_back({"X-CSRF-Token", other.session.csrf_token});
    foreign.headers.push_back({"Accept", "application/json"});
    auto refused = echo()(foreign);
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(contains(refused.body, "\"code\":\"csrf\""));
}

TEST_F(SessionShellTest, AMultipartFormCarriesItsCsrfTokenAsAField) {
    auto session = sign_in("bientap");
    auto post = request(http::Method::Post, "/quan-tri/thu-vien-anh/tai-len", &session);
    post.headers.push_back({"Content-Type", "multipart/form-data; boundary=XyZ"});
    post.body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + session.session.csrf_token +
                "\r\n--XyZ--\r\n";
    EXPECT_EQ(echo()(post).status, 200);
}

TEST_F(SessionShellTest, AnEndedSessionIsSentToTheLoginAndItsCookieDropped) {
    auto session = sign_in("bientap");
    ASSERT_TRUE(sessions_.logout(session.token, ""));
    auto response = echo()(request(http::Method::Get, "/quan-tri/bai-viet", &session));
    EXPECT_EQ(response.status, 303);
    auto cookie = header(response, "Set-Cookie");
    ASSERT_TRUE(cookie);
    EXPECT_TRUE(contains(*cookie, "Max-Age=0"));
}

}  // namespace
}  // namespace cong::admin
