#include "auth/user_admin_service.hpp"

#include "auth/session_service.hpp"
#include "auth/test_database.hpp"
#include "auth/user_service.hpp"

#include <gtest/gtest.h>

namespace cong::auth {
namespace {

const std::string PASSWORD = "mật khẩu đủ dài";

class UserAdminServiceTest : public ::testing::Test {
protected:
    UserAdminServiceTest() {
        UserService users{db_.get()};
        admin_ = users.add_user("admin", model::Role::Admin, PASSWORD, "").value();
        editor_ = users.add_user("bientap", model::Role::Editor, PASSWORD, "").value();
    }

    audit::Actor actor() { return audit::Actor::user(admin_, "192.0.2.9"); }

    std::vector<model::AuditEntry> audit_entries(const std::string& prefix) {
        storage::AuditQuery query;
        query.action_prefix = prefix;
        return audit::list(db_.get(), query).value().entries;
    }

    testing::TestDatabase db_;
    UserAdminService service_{db_.get()};
    model::User admin_;
    model::User editor_;
};

TEST_F(UserAdminServiceTest, CreatesAnAccountAndRecordsWhoDidIt) {
    auto created = service_.create_account(actor(), "Duyet", model::Role::Approver, PASSWORD, "Trưởng ban");
    ASSERT_TRUE(created) << created.error().detail;
    EXPECT_EQ(created->login, "duyet");
    auto entries = audit_entries("user.create");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].login, "admin");
    EXPECT_EQ(entries[0].ip, "192.0.2.9");
    EXPECT_EQ(entries[0].object_id, created->id);
    auto taken = service_.create_account(actor(), "duyet", model::Role::Editor, PASSWORD, "");
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, core::Errc::Conflict);
    EXPECT_EQ(audit_entries("user.create").size(), 1u) << "a refused creation leaves no record";
}

TEST_F(UserAdminServiceTest, ListsEveryAccountWithItsSignInState) {
    auto accounts = service_.list_accounts().value();
    ASSERT_EQ(accounts.size(), 2u);
    EXPECT_EQ(accounts[0].user.login, "admin");
    EXPECT_EQ(accounts[1].user.login, "bientap");
    EXPECT_FALSE(accounts[1].security.totp_required);
}

TEST_F(UserAdminServiceTest, ChangesRolesButNeverItsOwn) {
    ASSERT_TRUE(service_.set_role(actor(), editor_.id, model::Role::Approver));
    EXPECT_EQ(service_.find_account(editor_.id).value().user.role, model::Role::Approver);
    auto own = service_.set_role(actor(), admin_.id, model::Role::Editor);
    ASSERT_FALSE(own);
    EXPECT_EQ(own.error().code, core::Errc::Forbidden);
    EXPECT_EQ(audit_entries("user.update").size(), 1u);
    EXPECT_EQ(service_.set_role(actor(), 9999, model::Role::Editor).error().code, core::Errc::NotFound);
}

TEST_F(UserAdminServiceTest, DisablingEndsTheAccountsSessionsAndRefusesSignIn) {
    SessionService sessions{db_.get(), SessionLimits{}};
    auto token = sessions.login({"bientap", PASSWORD, "", "", ""}).value().token;
    ASSERT_TRUE(service_.set_disabled(actor(), editor_.id, true));
    EXPECT_FALSE(sessions.authenticate(token));
    EXPECT_FALSE(sessions.login({"bientap", PASSWORD, "", "", ""}));
    ASSERT_TRUE(service_.set_disabled(actor(), editor_.id, false));
    EXPECT_TRUE(sessions.login({"bientap", PASSWORD, "", "", ""}));
    EXPECT_EQ(service_.set_disabled(actor(), admin_.id, true).error().code, core::Errc::Forbidden);
}

TEST_F(UserAdminServiceTest, ResettingAPasswordLiftsALockoutAndEndsSessions) {
    SessionService sessions{db_.get(), SessionLimits{}};
    auto token = sessions.login({"bientap", PASSWORD, "", "", ""}).value().token;
    for (int i = 0; i < 5; ++i) (void)sessions.login({"bientap", "sai mật khẩu", "", "", ""});
    EXPECT_EQ(sessions.login({"bientap", PASSWORD, "", "", ""}).error().code, core::Errc::TooManyRequests);

    auto mismatch = service_.reset_password(actor(), editor_.id, "mật khẩu mới dài", "khác hẳn");
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.error().field, "confirm");
    ASSERT_TRUE(service_.reset_password(actor(), editor_.id, "mật khẩu mới dài", "mật khẩu mới dài"));
    EXPECT_FALSE(sessions.authenticate(token));
    EXPECT_TRUE(sessions.login({"bientap", "mật khẩu mới dài", "", "", ""}));
    EXPECT_EQ(audit_entries("user.password_reset").size(), 1u);
}

TEST_F(UserAdminServiceTest, RequiringTheSecondFactorMakesTheAccountEnrolFirst) {
    SessionService sessions{db_.get(), SessionLimits{}};
    ASSERT_TRUE(service_.set_totp(actor(), editor_.id, TotpRequirement::Required));
    auto token = sessions.login({"bientap", PASSWORD, "", "", ""}).value().token;
    auto active = sessions.authenticate(token).value();
    EXPECT_TRUE(active.must_enrol_totp());
    ASSERT_TRUE(service_.set_totp(actor(), editor_.id, TotpRequirement::NotRequired));
    EXPECT_FALSE(sessions.authenticate(token).value().must_enrol_totp());
}

}  // namespace
}  // namespace cong::auth
