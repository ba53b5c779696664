#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

#include "core/vietnamese.hpp"

#include <algorithm>
#include <unordered_map>

namespace cong::storage::sql {
namespace {

constexpr auto MEDIA_COLUMNS =
    "id, site_id, sha256, extension, content_type, original_name, caption, alt, credit, width, height, bytes, "
    "uploaded_by, created_at, pipeline_version";

// The most words one library search matches on; more words only narrow an already small result.
constexpr std::size_t MAX_QUERY_WORDS = 8;

template <class Engine>
Result<model::Media> read_media(typename Engine::Columns& c) {
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
    media.pipeline_version = c.integer();
    return media;
}

std::string select_media(std::string_view rest) {
    return std::string("SELECT ") + MEDIA_COLUMNS + " FROM media " + std::string(rest);
}

// What the library search matches: everything people wrote about the photo and its file name, folded the
// same way as the query.
std::string media_search_text(const model::Media& m) {
    return core::fold_for_search(m.caption + "\n" + m.alt + "\n" + m.credit + "\n" + m.original_name);
}

// "%word%" with LIKE's wildcards escaped by backslash.
std::string like_pattern(std::string_view word) {
    std::string out = "%";
    for (char c : word) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

// "WHERE site_id = ? AND search_text LIKE ? ESCAPE '\' …" for the first MAX_QUERY_WORDS words.
std::string library_filter(const MediaQuery& query) {
    std::string sql = "WHERE site_id = ?";
    for (std::size_t i = 0; i < std::min(query.words.size(), MAX_QUERY_WORDS); ++i)
        sql += " AND search_text LIKE ? ESCAPE '\\'";
    return sql;
}

template <class Statement>
int bind_library_filter(Statement& statement, const MediaQuery& query) {
    int index = 1;
    statement.bind(index++, query.site_id);
    for (std::size_t i = 0; i < std::min(query.words.size(), MAX_QUERY_WORDS); ++i)
        statement.bind(index++, like_pattern(query.words[i]));
    return index;
}

template <class Engine>
Result<model::MediaVariant> read_variant(typename Engine::Columns& c) {
    model::MediaVariant variant;
    variant.width = c.integer();
    variant.height = c.integer();
    variant.format = c.text();
    variant.bytes = c.int64();
    return variant;
}

}  // namespace

template <class Engine>
Result<std::optional<model::Media>> MediaStoreOn<Engine>::find_media(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_media("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::Media>(statement, read_media<Engine>);
}

template <class Engine>
Result<std::optional<model::Media>> MediaStoreOn<Engine>::find_media_by_hash(std::int64_t site_id,
                                                                             std::string_view sha256) {
    CONG_TRY(statement, connection_.prepare(select_media("WHERE site_id = ? AND sha256 = ?")));
    statement.bind_all(site_id, sha256);
    return query_optional<model::Media>(statement, read_media<Engine>);
}

template <class Engine>
Result<std::vector<model::Media>> MediaStoreOn<Engine>::find_media_by_ids(const std::vector<std::int64_t>& ids) {
    CONG_TRY_VOID(check_in_list(ids, "media"));
    if (ids.empty()) return std::vector<model::Media>{};
    // One query for all the photos of a page, then put back in the order asked for.
    CONG_TRY(statement,
             connection_.prepare(select_media("WHERE id IN (" + placeholders(padded_count(ids.size())) + ")")));
    bind_padded(statement, 1, ids);
    CONG_TRY(rows, query_all<model::Media>(statement, read_media<Engine>));
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

template <class Engine>
Result<std::int64_t> MediaStoreOn<Engine>::insert_media(const model::Media& m) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO media (site_id, sha256, extension, content_type, original_name, caption, alt, "
                            "credit, width, height, bytes, uploaded_by, created_at, pipeline_version, search_text) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(m.site_id, m.sha256, m.extension, m.content_type, m.original_name, m.caption, m.alt, m.credit,
                       m.width, m.height, m.bytes, m.uploaded_by, m.created_at, m.pipeline_version,
                       media_search_text(m));
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> MediaStoreOn<Engine>::update_media(const model::Media& m) {
    CONG_TRY(statement, connection_.prepare("UPDATE media SET original_name = ?, caption = ?, alt = ?, credit = ?, "
                                            "search_text = ? WHERE id = ?"));
    statement.bind_all(m.original_name, m.caption, m.alt, m.credit, media_search_text(m), m.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "ảnh");
}

template <class Engine>
Result<std::optional<model::Media>> MediaStoreOn<Engine>::find_media_by_any_site_hash(std::string_view sha256) {
    CONG_TRY(statement, connection_.prepare(select_media("WHERE sha256 = ? ORDER BY id LIMIT 1")));
    statement.bind_all(sha256);
    return query_optional<model::Media>(statement, read_media<Engine>);
}

template <class Engine>
Result<std::vector<model::Media>> MediaStoreOn<Engine>::list_media(const MediaQuery& query) {
    int limit = std::clamp(query.limit, 1, MAX_LIST_LIMIT);
    // Ids grow with time, so id order is upload order; the (site_id, id) unique index serves it.
    CONG_TRY(statement,
             connection_.prepare(select_media(library_filter(query) + " ORDER BY id DESC LIMIT ? OFFSET ?")));
    int index = bind_library_filter(statement, query);
    statement.bind(index++, limit);
    statement.bind(index, std::max(query.offset, 0));
    return query_all<model::Media>(statement, read_media<Engine>);
}

template <class Engine>
Result<std::int64_t> MediaStoreOn<Engine>::count_media(const MediaQuery& query) {
    CONG_TRY(statement, connection_.prepare("SELECT count(*) FROM media " + library_filter(query)));
    bind_library_filter(statement, query);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

template <class Engine>
Result<void> MediaStoreOn<Engine>::set_media_variants(std::int64_t media_id, int width, int height,
                                                      int pipeline_version,
                                                      const std::vector<model::MediaVariant>& variants) {
    {
        CONG_TRY(update,
                 connection_.prepare("UPDATE media SET width = ?, height = ?, pipeline_version = ? WHERE id = ?"));
        update.bind_all(width, height, pipeline_version, media_id);
        CONG_TRY_VOID(update.run());
        CONG_TRY_VOID(require_changed(update, "ảnh"));
    }
    {
        CONG_TRY(remove, connection_.prepare("DELETE FROM media_variants WHERE media_id = ?"));
        remove.bind_all(media_id);
        CONG_TRY_VOID(remove.run());
    }
    CONG_TRY(insert, connection_.prepare(
                         "INSERT INTO media_variants (media_id, width, height, format, bytes) VALUES (?, ?, ?, ?, ?)"));
    for (const auto& v : variants) {
        insert.bind_all(media_id, v.width, v.height, v.format, v.bytes);
        CONG_TRY_VOID(insert.run());
        insert.reset();
    }
    return {};
}

template <class Engine>
Result<std::vector<model::MediaVariant>> MediaStoreOn<Engine>::list_media_variants(std::int64_t media_id) {
    CONG_TRY(statement, connection_.prepare("SELECT width, height, format, bytes FROM media_variants "
                                            "WHERE media_id = ? ORDER BY width DESC, format"));
    statement.bind_all(media_id);
    return query_all<model::MediaVariant>(statement, read_variant<Engine>);
}

template <class Engine>
Result<std::vector<std::int64_t>> MediaStoreOn<Engine>::list_media_before_pipeline(int version, std::int64_t after_id,
                                                                                   int limit) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id FROM media WHERE pipeline_version < ? AND id > ? ORDER BY id LIMIT ?"));
    statement.bind_all(version, after_id, std::clamp(limit, 1, MAX_LIST_LIMIT));
    return query_all<std::int64_t>(statement, [](Columns& c) -> Result<std::int64_t> { return c.int64(); });
}

template <class Engine>
Result<std::vector<MediaUse>> MediaStoreOn<Engine>::list_media_uses(std::int64_t media_id) {
    // article_media lists cover and figures alike; the cover column is checked too, for rows written
    // before an article's photos were recorded there.
    CONG_TRY(statement,
             connection_.prepare("SELECT id, title, slug, status FROM articles WHERE id IN "
                                 "(SELECT article_id FROM article_media WHERE media_id = ?) OR cover_media_id = ? "
                                 "ORDER BY updated_at DESC, id DESC LIMIT ?"));
    statement.bind_all(media_id, media_id, MAX_LIST_LIMIT);
    return query_all<MediaUse>(statement, [](Columns& c) -> Result<MediaUse> {
        MediaUse use;
        use.article_id = c.int64();
        use.title = c.text();
        use.slug = c.text();
        use.status = c.text();
        return use;
    });
}

template class MediaStoreOn<sqlite::Engine>;
template class MediaStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
