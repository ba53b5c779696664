// SessionStore: server-side back-office sessions and each account's sign-in state.
#pragma once

#include "core/result.hpp"
#include "model/session.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cong::storage {

class SessionStore {
public:
    virtual ~SessionStore() = default;
    virtual core::Result<std::int64_t> insert_session(const model::Session& session) = 0;
    virtual core::Result<std::optional<model::Session>> find_session_by_hash(std::string_view token_hash) = 0;
    virtual core::Result<void> touch_session(std::int64_t id, core::Timestamp last_seen_at) = 0;
    virtual core::Result<void> clear_second_factor(std::int64_t id) = 0;
    virtual core::Result<void> delete_session(std::int64_t id) = 0;
    // Every session of the account except keep_id (when given); returns how many ended.
    virtual core::Result<std::int64_t> delete_user_sessions(std::int64_t user_id,
                                                            std::optional<std::int64_t> keep_id) = 0;
    // Sessions past their absolute end or idle since before idle_before.
    virtual core::Result<std::int64_t> delete_expired_sessions(core::Timestamp now, core::Timestamp idle_before) = 0;

    // NotFound-free: nullopt when no account has this id.
    virtual core::Result<std::optional<model::AccountSecurity>> find_account_security(std::int64_t user_id) = 0;
    virtual core::Result<void> update_account_security(const model::AccountSecurity& security) = 0;
};

}  // namespace cong::storage
