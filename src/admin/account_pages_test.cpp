#include "admin/account_routes.hpp"

#include "auth/test_database.hpp"
#include "auth/totp.hpp"
#include "auth/user_admin_service.hpp"

#include <gtest/gtest.h>

namespace cong::admin {
namespace {

const std::string PASSWORD = "mật khẩu đủ dài";

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

std::string location(const http::Response& response) {
    for (const auto& h : response.headers)
        if (h.name == "Location") return h.value;
    return {};
}

class AccountPagesTest : public ::testing::Test {
protected:
    // A fixed clock: codes are computed for the same 30-second step the service checks against.
    AccountPagesTest()
        : sessions_(db_.get(), auth::SessionLimits{}, [this] { return now_; }),
          shell_(sessions_, [] { return std::string("Cổng"); }) {
        admin_ = users_.add_user("admin", model::Role::Admin, PASSWORD, "").value();
        editor_ = users_.add_user("bientap", model::Role::Editor, PASSWORD, "").value();
        add_account_admin_routes(router_, shell_);
        add_user_admin_routes(router_, shell_, users_, db_.get());
        add_audit_admin_routes(router_, shell_, db_.get());
    }

    http::Response call(http::Method method, std::string target, const auth::NewSession* session, std::string body = "",
                        bool with_csrf = true) {
        http::Request request;
        request.method = method;
        request.target = target;
        request.path = target.substr(0, target.find('?'));
        request.query = target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
        request.remote_address = "192.0.2.1";
        if (session) request.headers.push_back({"Cookie", "cong_session=" + session->token});
        if (method == http::Method::Post) {
            request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
            if (session && with_csrf)
                body += (body.empty() ? "" : "&") + std::string("csrf=") + session->session.csrf_token;
        }
        request.body = std::move(body);
        auto match = router_.match(method, request.path);
        if (!match.handler) return http::Response::text("no route", 404);
        request.path_params = match.params;
        return (*match.handler)(request);
    }

    auth::NewSession sign_in(const std::string& login) {
        return sessions_.login({login, PASSWORD, "", "", ""}).value();
    }

    std::string current_code(std::int64_t user_id, int step_offset = 0) {
        auto security = sessions_.find_security(user_id).value().value();
        auto secret = security.totp_secret.empty() ? security.totp_pending_secret : security.totp_secret;
        return auth::totp_code(auth::base32_decode(secret).value(), auth::totp_step(now_) + step_offset);
    }

    core::Timestamp now_ = core::Timestamp{std::chrono::seconds{1'800'000'015}};
    auth::testing::TestDatabase db_;
    auth::UserService users_{db_.get()};
    auth::SessionService sessions_;
    SessionShell shell_;
    http::Router router_;
    model::User admin_;
    model::User editor_;
};

TEST_F(AccountPagesTest, EnrollingTotpThenSigningInAsksForTheCodeBeforeAnythingElse) {
    auto session = sign_in("admin");
    auto started = call(http::Method::Post, "/quan-tri/tai-khoan/hai-buoc/bat-dau", &session);
    ASSERT_EQ(started.status, 303);
    auto page = call(http::Method::Get, "/quan-tri/tai-khoan", &session);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "class=\"secret\""));
    EXPECT_TRUE(contains(page.body, "otpauth://totp/"));

    auto wrong = call(http::Method::Post, "/quan-tri/tai-khoan/hai-buoc/xac-nhan", &session, "code=000000");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_TRUE(contains(wrong.body, "Mã xác thực không đúng"));
    auto confirmed =
        call(http::Method::Post, "/quan-tri/tai-khoan/hai-buoc/xac-nhan", &session, "code=" + current_code(admin_.id));
    ASSERT_EQ(confirmed.status, 303);
    EXPECT_TRUE(sessions_.find_security(admin_.id).value()->totp_enabled());

    auto pending = sign_in("admin");
    EXPECT_TRUE(pending.session.second_factor_pending);
    auto blocked = call(http::Method::Get, "/quan-tri/nguoi-dung", &pending);
    EXPECT_EQ(blocked.status, 303);
    EXPECT_EQ(location(blocked), "/quan-tri/xac-thuc-hai-buoc");
    auto form = call(http::Method::Get, "/quan-tri/xac-thuc-hai-buoc", &pending);
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "autocomplete=\"one-time-code\""));

    // The code just used for enrolment is spent; the next step's code is accepted.
    auto replay = call(http::Method::Post, "/quan-tri/xac-thuc-hai-buoc", &pending, "code=" + current_code(admin_.id));
    EXPECT_EQ(replay.status, 401);
    auto passed =
        call(http::Method::Post, "/quan-tri/xac-thuc-hai-buoc", &pending, "code=" + current_code(admin_.id, 1));
    ASSERT_EQ(passed.status, 303);
    EXPECT_EQ(location(passed), "/quan-tri");
    EXPECT_EQ(call(http::Method::Get, "/quan-tri/nguoi-dung", &pending).status, 200);
}

TEST_F(AccountPagesTest, AnAccountRequiredToUseTotpCanOnlyOpenItsAccountPageUntilItEnrols) {
    auth::UserAdminService admin_service{db_.get()};
    ASSERT_TRUE(admin_service.set_totp(audit::Actor::user(admin_, ""), editor_.id, auth::TotpRequirement::Required));
    auto session = sign_in("bientap");
    auto start = call(http::Method::Get, "/quan-tri", &session);
    EXPECT_EQ(start.status, 303);
    EXPECT_EQ(location(start), "/quan-tri/tai-khoan#hai-buoc");
    auto account = call(http::Method::Get, "/quan-tri/tai-khoan", &session);
    ASSERT_EQ(account.status, 200);
    EXPECT_TRUE(contains(account.body, "Quản trị viên yêu cầu"));
    ASSERT_EQ(call(http::Method::Post, "/quan-tri/tai-khoan/hai-buoc/bat-dau", &session).status, 303);
    ASSERT_EQ(
        call(http::Method::Post, "/quan-tri/tai-khoan/hai-buoc/xac-nhan", &session, "code=" + current_code(editor_.id))
            .status,
        303);
    EXPECT_EQ(call(http::Method::Get, "/quan-tri", &session).status, 200);
}

TEST_F(AccountPagesTest, SigningOutEverywhereEndsEverySessionOfTheAccount) {
    auto here = sign_in("bientap");
    auto there = sign_in("bientap");
    auto without_token = call(http::Method::Post, "/quan-tri/tai-khoan/dang-xuat-tat-ca", &here, "", false);
    EXPECT_EQ(without_token.status, 403);
    auto out = call(http::Method::Post, "/quan-tri/tai-khoan/dang-xuat-tat-ca", &here);
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(location(out), "/quan-tri/dang-nhap");
    EXPECT_FALSE(sessions_.authenticate(here.token));
    EXPECT_FALSE(sessions_.authenticate(there.token));
}

TEST_F(AccountPagesTest, TheUsersPageChangesRolesAndTheAuditPageFiltersByAction) {
    auto session = sign_in("admin");
    auto changed = call(http::Method::Post, "/quan-tri/nguoi-dung/" + std::to_string(editor_.id) + "/vai-tro", &session,
                        "role=approver");
    ASSERT_EQ(changed.status, 303);
    EXPECT_EQ(users_.find_user(editor_.id).value()->role, model::Role::Approver);
    auto bad_role = call(http::Method::Post, "/quan-tri/nguoi-dung/" + std::to_string(editor_.id) + "/vai-tro",
                         &session, "role=superuser");
    EXPECT_EQ(bad_role.status, 400);
    EXPECT_EQ(call(http::Method::Get, "/quan-tri/nguoi-dung/999999", &session).status, 404);
    EXPECT_EQ(call(http::Method::Get, "/quan-tri/nguoi-dung/abc", &session).status, 404);

    auto log = call(http::Method::Get, "/quan-tri/nhat-ky?hanh-dong=user.update", &session);
    ASSERT_EQ(log.status, 200);
    EXPECT_TRUE(contains(log.body, "biên tập viên → người duyệt"));
    EXPECT_FALSE(contains(log.body, "<code>user.login</code>"));
    auto bad_date = call(http::Method::Get, "/quan-tri/nhat-ky?tu=2026-02-30", &session);
    EXPECT_EQ(bad_date.status, 400);
    EXPECT_TRUE(contains(bad_date.body, "Ngày bắt đầu không hợp lệ"));
    auto far_page = call(http::Method::Get, "/quan-tri/nhat-ky?trang=99", &session);
    EXPECT_EQ(far_page.status, 200);
}

}  // namespace
}  // namespace cong::admin
