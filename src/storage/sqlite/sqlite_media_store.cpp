#include "storage/sqlite/sqlite_store_support.hpp"
#include "storage/sqlite/sqlite_stores.hpp"

#include <unordered_map>

namespace cong::storage::sqlite {
namespace {

constexpr auto MEDIA_COLUMNS =
    "id, site_id, sha256, extension, content_type, original_name, caption, alt, credit, width, height, bytes, "
    "uploaded_by, created_at";

Result<model::Media> read_media(Columns& c) {
    model::Media media;
    media.id = c.int64();
    media.site_id = c.int64();
    media.sha256 = c.text();
    media.extension = c.text();
    media.content_type = c.text();
    media.original_name = c.text();
    media.caption = c.text();
    media.alt = c.text();
    media.credit = c.text();
    media.width = c.integer();
    media.height = c.integer();
    media.bytes = c.int64();
    media.uploaded_by = c.optional_int64();
    media.created_at = c.timestamp();
    return media;
}

std::string select_media(std::string_view rest) {
    return std::string("SELECT ") + MEDIA_COLUMNS + " FROM media " + std::string(rest);
}

}  // namespace

Result<std::optional<model::Media>> SqliteMediaStore::find_media(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_media("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::Media>(statement, read_media);
}

Result<std::optional<model::Media>> SqliteMediaStore::find_media_by_hash(std::int64_t site_id,
                                                                         std::string_view sha256) {
    CONG_TRY(statement, connection_.prepare(select_media("WHERE site_id = ? AND sha256 = ?")));
    statement.bind_all(site_id, sha256);
    return query_optional<model::Media>(statement, read_media);
}

Result<std::vector<model::Media>> SqliteMediaStore::find_media_by_ids(const std::vector<std::int64_t>& ids) {
    CONG_TRY_VOID(check_in_list(ids, "media"));
    if (ids.empty()) return std::vector<model::Media>{};
    // One query for all the photos of a page, then put back in the order asked for.
    CONG_TRY(statement,
             connection_.prepare(select_media("WHERE id IN (" + placeholders(padded_count(ids.size())) + ")")));
    bind_padded(statement, 1, ids);
    CONG_TRY(rows, query_all<model::Media>(statement, read_media));
    std::unordered_map<std::int64_t, model::Media*> by_id;
    for (auto& media : rows) by_id.emplace(media.id, &media);
    std::vector<model::Media> ordered;
    ordered.reserve(rows.size());
    for (auto id : ids) {
        auto found = by_id.find(id);
        if (found == by_id.end() || found->second == nullptr) continue;
        ordered.push_back(std::move(*found->second));
        found->second = nullptr;  // each photo once, even when asked for twice
    }
    return ordered;
}

Result<std::int64_t> SqliteMediaStore::insert_media(const model::Media& m) {
    CONG_TRY(statement, connection_.prepare(
                            "INSERT INTO media (site_id, sha256, extension, content_type, original_name, caption, alt, "
                            "credit, width, height, bytes, uploaded_by, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    statement.bind_all(m.site_id, m.sha256, m.extension, m.content_type, m.original_name, m.caption, m.alt, m.credit,
                       m.width, m.height, m.bytes, m.uploaded_by, m.created_at);
    return returned_id(statement);
}

Result<void> SqliteMediaStore::update_media(const model::Media& m) {
    CONG_TRY(statement,
             connection_.prepare("UPDATE media SET original_name = ?, caption = ?, alt = ?, credit = ? WHERE id = ?"));
    statement.bind_all(m.original_name, m.caption, m.alt, m.credit, m.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "ảnh");
}

}  // namespace cong::storage::sqlite
