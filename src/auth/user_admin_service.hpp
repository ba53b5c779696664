// UserAdminService: what admins do to accounts — create them, change roles, disable, reset passwords and
// require a second factor — each change recorded in the audit log.
#pragma once

#include "audit/audit_log.hpp"
#include "core/result.hpp"
#include "model/session.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cong::auth {

// An account as the users page lists it.
struct AccountView {
    model::User user;
    model::AccountSecurity security;
};

enum class TotpRequirement { Required, NotRequired, Reset };

class UserAdminService {
public:
    explicit UserAdminService(storage::Database& database);

    // Every account, in login order.
    core::Result<std::vector<AccountView>> list_accounts();
    core::Result<AccountView> find_account(std::int64_t user_id);  // NotFound when there is none

    // Creates an account (see UserService::add_user for the rules); records user.create.
    core::Result<model::User> create_account(const audit::Actor& actor, std::string login, model::Role role,
                                             std::string password, std::string display_name);
    // Changes a role; an admin cannot change their own (so the last admin cannot demote themselves by mistake).
    core::Result<void> set_role(const audit::Actor& actor, std::int64_t user_id, model::Role role);
    // Disables (ending every session) or enables an account; never one's own.
    core::Result<void> set_disabled(const audit::Actor& actor, std::int64_t user_id, bool disabled);
    // Sets a new password chosen by the admin, ends the account's sessions and lifts a lockout.
    core::Result<void> reset_password(const audit::Actor& actor, std::int64_t user_id, std::string_view password,
                                      std::string_view confirm);
    // Requires the second factor (enrolled at next sign-in before anything else), stops requiring it, or
    // resets it (a lost phone: the account enrols again).
    core::Result<void> set_totp(const audit::Actor& actor, std::int64_t user_id, TotpRequirement requirement);

private:
    storage::Database& database_;
};

}  // namespace cong::auth
