#include "audit/audit_log.hpp"

#include "core/clock.hpp"

namespace cong::audit {
namespace {

// Longest prefix of text within max_bytes that does not split a UTF-8 sequence.
std::string cut_utf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end));
}

constexpr std::size_t MAX_SHORT_FIELD_BYTES = 200;

}  // namespace

core::Result<void> record(storage::Tx& tx, const Actor& actor, const Event& event) {
    model::AuditEntry entry;
    entry.at = core::now();
    entry.user_id = actor.user_id;
    entry.login = cut_utf8(actor.login, MAX_SHORT_FIELD_BYTES);
    entry.ip = cut_utf8(actor.ip, MAX_SHORT_FIELD_BYTES);
    entry.action = cut_utf8(event.action, MAX_SHORT_FIELD_BYTES);
    entry.object_type = cut_utf8(event.object_type, MAX_SHORT_FIELD_BYTES);
    entry.object_id = event.object_id;
    entry.site_id = event.site_id;
    entry.detail = cut_utf8(event.detail, MAX_DETAIL_BYTES);
    CONG_TRY_VOID(tx.audit().insert_audit(entry));
    return {};
}

core::Result<AuditPage> list(storage::Database& db, const storage::AuditQuery& query) {
    return db.read([&](storage::Tx& tx) -> core::Result<AuditPage> {
        AuditPage page;
        CONG_TRY(entries, tx.audit().list_audit(query));
        CONG_TRY(total, tx.audit().count_audit(query));
        page.entries = std::move(entries);
        page.total = total;
        return page;
    });
}

}  // namespace cong::audit
