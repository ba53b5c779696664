// AuditEntry: one line of the back office's record — who did what to which object, when, and from where.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace cong::model {

struct AuditEntry {
    std::int64_t id = 0;
    core::Timestamp at{};
    std::optional<std::int64_t> user_id;  // empty: no account (a failed login for an unknown name, the scheduler)
    std::string login;                    // kept as it was, so the record outlives a renamed or deleted account
    std::string ip;
    std::string action;       // dotted verb: "article.publish", "user.login_failed", "media.update"
    std::string object_type;  // "article", "media", "user", "site", "category"; empty when none
    std::optional<std::int64_t> object_id;
    std::optional<std::int64_t> site_id;
    std::string detail;  // a short human sentence or the changed fields, Vietnamese or plain data
};

}  // namespace cong::model
