// Audit log: every change in the back office is recorded, in the transaction that makes it, with who
// made it and from which address.
#pragma once

#include "core/result.hpp"
#include "model/audit.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::audit {

// Who acts: a signed-in account from an address, or Cổng itself (the scheduler, a CLI command).
struct Actor {
    std::optional<std::int64_t> user_id;
    std::string login;
    std::string ip;

    static Actor user(const model::User& user, std::string ip) { return {user.id, user.login, std::move(ip)}; }
    // "system:scheduler", "cli": what acted when no person did.
    static Actor system(std::string name) { return {std::nullopt, std::move(name), ""}; }
};

// What happened to what. object_id and site_id may be empty (a failed login names no object).
struct Event {
    std::string action;  // "article.publish"
    std::string object_type;
    std::optional<std::int64_t> object_id;
    std::optional<std::int64_t> site_id;
    std::string detail;
};

constexpr std::size_t MAX_DETAIL_BYTES = 2000;

// Appends one entry inside tx, so the record and the change commit or roll back together. The detail is
// cut at a UTF-8 boundary to MAX_DETAIL_BYTES; addresses and logins longer than any real one are cut too.
core::Result<void> record(storage::Tx& tx, const Actor& actor, const Event& event);

// The entries an admin asked for, newest first, and how many match in all.
struct AuditPage {
    std::vector<model::AuditEntry> entries;
    std::int64_t total = 0;
};
core::Result<AuditPage> list(storage::Database& db, const storage::AuditQuery& query);

}  // namespace cong::audit
