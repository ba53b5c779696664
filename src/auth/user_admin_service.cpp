#include "auth/user_admin_service.hpp"

#include "auth/password.hpp"
#include "auth/user_service.hpp"
#include "core/clock.hpp"

namespace cong::auth {
namespace {

using core::Errc;
using core::Error;
using core::Result;

Error no_such_account() {
    return Error{Errc::NotFound, "Không có người dùng này"};
}

Error not_yourself() {
    return Error{Errc::Forbidden, "Không thể tự đổi vai trò hoặc tự vô hiệu hoá tài khoản của chính mình"};
}

std::string role_name_vi(model::Role role) {
    switch (role) {
        case model::Role::Admin:
            return "quản trị viên";
        case model::Role::Approver:
            return "người duyệt";
        case model::Role::Editor:
            return "biên tập viên";
    }
    return "";
}

audit::Event user_event(std::string action, std::int64_t user_id, std::string detail) {
    return audit::Event{std::move(action), "user", user_id, std::nullopt, std::move(detail)};
}

}  // namespace

UserAdminService::UserAdminService(storage::Database& database) : database_(database) {}

Result<std::vector<AccountView>> UserAdminService::list_accounts() {
    return database_.read([&](storage::Tx& tx) -> Result<std::vector<AccountView>> {
        CONG_TRY(users, tx.users().list_users());
        std::vector<AccountView> out;
        out.reserve(users.size());
        for (auto& user : users) {
            CONG_TRY(security, tx.sessions().find_account_security(user.id));
            if (!security) continue;
            out.push_back({std::move(user), std::move(*security)});
        }
        return out;
    });
}

Result<AccountView> UserAdminService::find_account(std::int64_t user_id) {
    return database_.read([&](storage::Tx& tx) -> Result<AccountView> {
        CONG_TRY(user, tx.users().find_user(user_id));
        CONG_TRY(security, tx.sessions().find_account_security(user_id));
        if (!user || !security) return no_such_account();
        return AccountView{std::move(*user), std::move(*security)};
    });
}

Result<model::User> UserAdminService::create_account(const audit::Actor& actor, std::string login, model::Role role,
                                                     std::string password, std::string display_name) {
    UserService users{database_};
    // One transaction for the account and its record: a nested write is a savepoint.
    return database_.write([&](storage::Tx& tx) -> Result<model::User> {
        CONG_TRY(user, users.add_user(std::move(login), role, std::move(password), std::move(display_name)));
        CONG_TRY_VOID(audit::record(
            tx, actor,
            user_event("user.create", user.id, "Tạo tài khoản " + user.login + " (" + role_name_vi(role) + ")")));
        return user;
    });
}

Result<void> UserAdminService::set_role(const audit::Actor& actor, std::int64_t user_id, model::Role role) {
    if (actor.user_id == user_id) return not_yourself();
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(user, tx.users().find_user(user_id));
        if (!user) return no_such_account();
        if (user->role == role) return {};
        auto before = user->role;
        user->role = role;
        CONG_TRY_VOID(tx.users().update_user(*user));
        return audit::record(
            tx, actor,
            user_event("user.update", user_id,
                       "Đổi vai trò của " + user->login + ": " + role_name_vi(before) + " → " + role_name_vi(role)));
    });
}

Result<void> UserAdminService::set_disabled(const audit::Actor& actor, std::int64_t user_id, bool disabled) {
    if (actor.user_id == user_id) return not_yourself();
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(user, tx.users().find_user(user_id));
        if (!user) return no_such_account();
        if (user->disabled == disabled) return {};
        user->disabled = disabled;
        CONG_TRY_VOID(tx.users().update_user(*user));
        if (disabled) {
            CONG_TRY(ended, tx.sessions().delete_user_sessions(user_id, std::nullopt));
            (void)ended;
        }
        return audit::record(
            tx, actor,
            user_event("user.update", user_id,
                       (disabled ? "Vô hiệu hoá tài khoản " : "Kích hoạt lại tài khoản ") + user->login));
    });
}

Result<void> UserAdminService::reset_password(const audit::Actor& actor, std::int64_t user_id,
                                              std::string_view password, std::string_view confirm) {
    if (auto policy = check_password_policy(password); !policy)
        return Error{Errc::InvalidInput, policy.error().detail, "password"};
    if (password != confirm) return Error{Errc::InvalidInput, "Hai lần nhập mật khẩu không khớp nhau", "confirm"};
    auto hash = hash_password(password);
    auto now = core::now();
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(user, tx.users().find_user(user_id));
        CONG_TRY(security, tx.sessions().find_account_security(user_id));
        if (!user || !security) return no_such_account();
        user->password_hash = hash;
        CONG_TRY_VOID(tx.users().update_user(*user));
        security->password_changed_at = now;
        security->failed_logins = 0;
        security->locked_until.reset();
        CONG_TRY_VOID(tx.sessions().update_account_security(*security));
        CONG_TRY(ended, tx.sessions().delete_user_sessions(user_id, std::nullopt));
        return audit::record(
            tx, actor,
            user_event("user.password_reset", user_id,
                       "Đặt lại mật khẩu của " + user->login + "; " + std::to_string(ended) + " phiên đã kết thúc"));
    });
}

Result<void> UserAdminService::set_totp(const audit::Actor& actor, std::int64_t user_id, TotpRequirement requirement) {
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(user, tx.users().find_user(user_id));
        CONG_TRY(security, tx.sessions().find_account_security(user_id));
        if (!user || !security) return no_such_account();
        std::string detail;
        switch (requirement) {
            case TotpRequirement::Required:
                security->totp_required = true;
                detail = "Bắt buộc xác thực hai bước cho " + user->login;
                break;
            case TotpRequirement::NotRequired:
                security->totp_required = false;
                detail = "Bỏ bắt buộc xác thực hai bước cho " + user->login;
                break;
            case TotpRequirement::Reset:
                security->totp_secret.clear();
                security->totp_pending_secret.clear();
                security->totp_last_step.reset();
                detail = "Đặt lại xác thực hai bước của " + user->login + " (đăng ký lại từ đầu)";
                break;
        }
        CONG_TRY_VOID(tx.sessions().update_account_security(*security));
        if (requirement == TotpRequirement::Reset) {
            // Sessions opened with the old second factor end with it.
            CONG_TRY(ended, tx.sessions().delete_user_sessions(user_id, std::nullopt));
            (void)ended;
        }
        return audit::record(tx, actor, user_event("user.update", user_id, detail));
    });
}

}  // namespace cong::auth
