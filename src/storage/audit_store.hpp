// AuditStore: the back office's append-only record, and the filters admins read it with.
#pragma once

#include "core/result.hpp"
#include "model/audit.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cong::storage {

struct AuditQuery {
    std::optional<std::int64_t> user_id;
    std::string action_prefix;  // "article." matches every article action; empty: any
    std::string object_type;    // empty: any
    std::optional<std::int64_t> object_id;
    std::optional<core::Timestamp> from;   // at or after
    std::optional<core::Timestamp> until;  // before
    int limit = 50;
    int offset = 0;
};

class AuditStore {
public:
    virtual ~AuditStore() = default;
    virtual core::Result<std::int64_t> insert_audit(const model::AuditEntry& entry) = 0;
    // Newest first.
    virtual core::Result<std::vector<model::AuditEntry>> list_audit(const AuditQuery& query) = 0;
    virtual core::Result<std::int64_t> count_audit(const AuditQuery& query) = 0;
};

}  // namespace cong::storage
