#include "media/media_service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/text_field.hpp"
#include "core/vietnamese.hpp"
#include "media/atomic_file.hpp"
#include "media/file_name.hpp"
#include "media/image_inspector.hpp"
#include "media/image_pipeline.hpp"
#include "media/variant_names.hpp"
#include "search/article_index.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace cong::media {
namespace {

using core::Errc;
using core::Error;

constexpr int REBUILD_BATCH = 50;

core::Result<std::string> clean_original_name(std::string_view name) {
    std::string display = display_file_name(name);
    if (!core::is_valid_utf8(display)) {
        return Error{Errc::InvalidInput, "Tên tệp không phải là văn bản UTF-8 hợp lệ", "file"};
    }
    return truncate_file_name(core::to_nfc(display));
}

struct CleanText {
    std::string caption;
    std::string alt;
    std::string credit;
};

core::Result<CleanText> clean_text(std::string_view caption, std::string_view alt, std::string_view credit) {
    CleanText out;
    CONG_TRY(clean_caption, core::clean_text_field(caption, MAX_CAPTION_CHARS, core::Required::No,
                                                   core::LineBreaks::Allowed, "caption", "Chú thích ảnh"));
    CONG_TRY(clean_alt, core::clean_text_field(alt, MAX_ALT_CHARS, core::Required::No, core::LineBreaks::Refused, "alt",
                                               "Mô tả ảnh (alt)"));
    CONG_TRY(clean_credit, core::clean_text_field(credit, MAX_CREDIT_CHARS, core::Required::No,
                                                  core::LineBreaks::Refused, "credit", "Nguồn ảnh"));
    out.caption = std::move(clean_caption);
    out.alt = std::move(clean_alt);
    out.credit = std::move(clean_credit);
    return out;
}

core::Result<std::string> read_whole_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) return Error{Errc::NotFound, "Không tìm thấy tệp ảnh gốc " + path.filename().string()};
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return Error{Errc::Internal, "Không đọc được tệp ảnh gốc " + path.filename().string()};
    return out.str();
}

// "22 (3).jpg" served as WebP is "22 (3).webp"; a photo without a usable name is "anh".
std::string download_name(std::string_view original_name, VariantFormat format) {
    std::string_view stem = original_name;
    if (auto dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) stem = stem.substr(0, dot);
    std::string name = stem.empty() ? std::string{"anh"} : std::string{stem};
    name += '.';
    name += variant_extension(format);
    return name;
}

}  // namespace

MediaService::MediaService(storage::Database& database, std::string media_dir, core::MediaConfig config)
    : database_(database), media_dir_(std::move(media_dir)), config_(config) {}

core::Result<model::Media> MediaService::upload(const UploadInput& input) {
    if (input.site_id <= 0) return Error{Errc::InvalidInput, "Thiếu trang thông tin cho ảnh tải lên", "site_id"};
    // Text first: it is cheap to check, and a form with a bad caption should not cost a full decode.
    CONG_TRY(original_name, clean_original_name(input.original_name));
    CONG_TRY(text, clean_text(input.caption, input.alt, input.credit));
    // The header alone refuses other formats and decompression bombs before anything is decoded.
    CONG_TRY(header, inspect_header(input.data, config_.max_pixels));

    model::Media media;
    media.site_id = input.site_id;
    media.sha256 = core::sha256_hex(input.data);
    media.extension = std::string{file_extension(header.format)};
    media.content_type = std::string{content_type(header.format)};
    media.original_name = std::move(original_name);
    media.caption = std::move(text.caption);
    media.alt = std::move(text.alt);
    media.credit = std::move(text.credit);
    media.bytes = static_cast<std::int64_t>(input.data.size());
    media.uploaded_by = input.uploaded_by;
    media.created_at = core::now();

    CONG_TRY(existing, database_.read([&](storage::Tx& tx) -> core::Result<std::optional<model::Media>> {
        CONG_TRY(site, tx.sites().find_site(media.site_id));
        if (!site) return Error{Errc::NotFound, "Không tìm thấy trang thông tin", "site_id"};
        return tx.media().find_media_by_hash(media.site_id, media.sha256);
    }));
    if (existing && existing->pipeline_version >= PIPELINE_VERSION) return std::move(*existing);

    // The slow part — decoding and encoding every variant — runs before the write transaction, so other
    // editors are never kept waiting by a camera photo. Files are written before the row: a crash in
    // between leaves unreferenced files that the next upload of the same bytes reuses, never a row
    // without its files.
    int width = 0;
    int height = 0;
    CONG_TRY(variants, write_variants(media, input.data, width, height));
    media.width = width;
    media.height = height;
    media.pipeline_version = PIPELINE_VERSION;

    CONG_TRY(stored, database_.write([&](storage::Tx& tx) -> core::Result<model::Media> {
        // Another request may have stored the same photo since the read above; writers are serialised,
        // so this second look inside the write transaction settles it.
        CONG_TRY(found, tx.media().find_media_by_hash(media.site_id, media.sha256));
        if (found && found->pipeline_version >= PIPELINE_VERSION) return std::move(*found);
        if (found) {
            // Recorded before the pipeline: this upload derives its variants now.
            CONG_TRY_VOID(tx.media().set_media_variants(found->id, width, height, PIPELINE_VERSION, variants));
            found->width = width;
            found->height = height;
            found->pipeline_version = PIPELINE_VERSION;
            CONG_TRY_VOID(tx.media().update_media(*found));
            return std::move(*found);
        }
        CONG_TRY(id, tx.media().insert_media(media));
        media.id = id;
        CONG_TRY_VOID(tx.media().set_media_variants(id, width, height, PIPELINE_VERSION, variants));
        CONG_TRY_VOID(audit::record(tx, input.actor,
                                    {.action = "media.upload",
                                     .object_type = "media",
                                     .object_id = id,
                                     .site_id = media.site_id,
                                     .detail = media.original_name}));
        return media;
    }));
    if (existing) notify_uses(stored.id);
    return stored;
}

core::Result<std::vector<model::MediaVariant>> MediaService::write_variants(const model::Media& media,
                                                                            std::string_view data, int& width,
                                                                            int& height) {
    CONG_TRY(derived, derive_variants(data, config_.max_pixels));
    // The upload is kept so a later pipeline can derive its variants again; it is never served.
    std::filesystem::path original = file_path(media.sha256, media.sha256 + "." + media.extension);
    std::error_code error;
    auto present_size = std::filesystem::file_size(original, error);
    if (error || present_size != data.size()) CONG_TRY_VOID(write_file_atomically(original, data));

    std::vector<model::MediaVariant> recorded;
    recorded.reserve(derived.variants.size());
    for (const auto& variant : derived.variants) {
        auto name = variant_file_name(media.sha256, variant.width, variant.format);
        CONG_TRY_VOID(write_file_atomically(file_path(media.sha256, name), variant.bytes));
        recorded.push_back({variant.width, variant.height, std::string{variant_extension(variant.format)},
                            static_cast<std::int64_t>(variant.bytes.size())});
    }
    width = derived.width;
    height = derived.height;
    return recorded;
}

core::Result<model::Media> MediaService::update(std::int64_t site_id, std::int64_t id, const MediaEdit& edit,
                                                const audit::Actor& actor) {
    // Absent fields are checked as empty here and left alone below.
    CONG_TRY(text, clean_text(edit.caption.value_or(""), edit.alt.value_or(""), edit.credit.value_or("")));
    CONG_TRY(updated, database_.write([&](storage::Tx& tx) -> core::Result<model::Media> {
        CONG_TRY(found, tx.media().find_media(id));
        if (!found || found->site_id != site_id) return Error{Errc::NotFound, "Không tìm thấy ảnh", "id"};
        model::Media media = std::move(*found);
        bool caption_changed = edit.caption.has_value() && media.caption != text.caption;
        std::string changed;
        auto note = [&](std::string_view field, std::string& current, std::string& next, bool given) {
            if (!given || current == next) return;
            if (!changed.empty()) changed += ", ";
            changed += field;
            current = std::move(next);
        };
        note("caption", media.caption, text.caption, edit.caption.has_value());
        note("alt", media.alt, text.alt, edit.alt.has_value());
        note("credit", media.credit, text.credit, edit.credit.has_value());
        if (changed.empty()) return media;
        CONG_TRY_VOID(tx.media().update_media(media));
        // The articles showing the photo are found by its caption: their index entries change with it.
        if (caption_changed) CONG_TRY_VOID(search::reindex_articles_showing(tx, media.id));
        CONG_TRY_VOID(audit::record(tx, actor,
                                    {.action = "media.update",
                                     .object_type = "media",
                                     .object_id = media.id,
                                     .site_id = media.site_id,
                                     .detail = changed}));
        return media;
    }));
    notify_uses(updated.id);
    return updated;
}

void MediaService::notify_uses(std::int64_t media_id) {
    if (!listener_) return;
    auto uses = database_.read([&](storage::Tx& tx) { return tx.media().list_media_uses(media_id); });
    if (!uses) return;  // the change is committed; a stale cached page is the worst outcome
    std::vector<std::string> tags;
    for (const auto& use : *uses) tags.push_back(core::article_tag(use.article_id));
    if (!tags.empty()) listener_->content_changed(tags);
}

core::Result<std::optional<model::Media>> MediaService::find(std::int64_t id) {
    return database_.read([&](storage::Tx& tx) { return tx.media().find_media(id); });
}

core::Result<std::vector<model::Media>> MediaService::find_many(const std::vector<std::int64_t>& ids) {
    std::vector<std::int64_t> unique;
    std::unordered_set<std::int64_t> seen;
    for (auto id : ids) {
        if (seen.insert(id).second) unique.push_back(id);
    }
    if (unique.size() > MAX_FIND_MANY_IDS) {
        return Error{Errc::InvalidInput, "Yêu cầu quá nhiều ảnh cùng lúc", "media"};
    }
    if (unique.empty()) return std::vector<model::Media>{};
    CONG_TRY(found, database_.read([&](storage::Tx& tx) { return tx.media().find_media_by_ids(unique); }));
    std::unordered_map<std::int64_t, model::Media> by_id;
    for (auto& media : found) by_id.emplace(media.id, std::move(media));
    std::vector<model::Media> ordered;
    ordered.reserve(by_id.size());
    for (auto id : unique) {
        if (auto it = by_id.find(id); it != by_id.end()) ordered.push_back(std::move(it->second));
    }
    return ordered;
}

core::Result<LibraryPage> MediaService::search_library(const LibraryQuery& query) {
    if (query.q.size() > MAX_LIBRARY_QUERY_BYTES)
        return Error{Errc::InvalidInput, "Từ khóa tìm ảnh quá dài (tối đa 200 ký tự)", "q"};
    if (!core::is_valid_utf8(query.q)) return Error{Errc::InvalidInput, "Từ khóa tìm ảnh không hợp lệ", "q"};
    LibraryPage page;
    page.page = std::clamp(query.page, 1, MAX_LIBRARY_PAGE);
    page.per_page = std::clamp(query.per_page, 1, MAX_LIBRARY_PAGE_SIZE);
    storage::MediaQuery store_query;
    store_query.site_id = query.site_id;
    std::string folded = core::fold_for_search(query.q);
    std::istringstream words{folded};
    for (std::string word; words >> word;) store_query.words.push_back(word);
    store_query.limit = page.per_page;
    store_query.offset = (page.page - 1) * page.per_page;
    CONG_TRY_VOID(database_.read([&](storage::Tx& tx) -> core::Result<void> {
        CONG_TRY(items, tx.media().list_media(store_query));
        CONG_TRY(total, tx.media().count_media(store_query));
        page.items = std::move(items);
        page.total = total;
        return {};
    }));
    return page;
}

core::Result<std::vector<model::MediaVariant>> MediaService::variants(std::int64_t id) {
    return database_.read([&](storage::Tx& tx) { return tx.media().list_media_variants(id); });
}

core::Result<std::vector<storage::MediaUse>> MediaService::uses(std::int64_t id) {
    return database_.read([&](storage::Tx& tx) { return tx.media().list_media_uses(id); });
}

core::Result<RebuildSummary> MediaService::rebuild_variants(const std::function<void(int, std::int64_t)>& progress) {
    RebuildSummary summary;
    std::int64_t after = 0;
    for (;;) {
        CONG_TRY(ids, database_.read([&](storage::Tx& tx) {
            return tx.media().list_media_before_pipeline(PIPELINE_VERSION, after, REBUILD_BATCH);
        }));
        if (ids.empty()) return summary;
        for (auto id : ids) {
            after = id;
            CONG_TRY(found, find(id));
            if (!found) continue;
            model::Media media = std::move(*found);
            auto rebuilt = [&]() -> core::Result<void> {
                CONG_TRY(data, read_whole_file(file_path(media.sha256, media.sha256 + "." + media.extension)));
                int width = 0;
                int height = 0;
                CONG_TRY(variants, write_variants(media, data, width, height));
                return database_.write([&](storage::Tx& tx) -> core::Result<void> {
                    CONG_TRY_VOID(tx.media().set_media_variants(media.id, width, height, PIPELINE_VERSION, variants));
                    // Rewriting the row fills search_text, which rows older than the library lack.
                    return tx.media().update_media(media);
                });
            }();
            if (rebuilt) {
                ++summary.rebuilt;
                notify_uses(media.id);
            } else {
                ++summary.failed;
                core::log::warn("media variants not rebuilt", {{"id", media.id}, {"error", rebuilt.error().detail}});
            }
            if (progress) progress(summary.rebuilt + summary.failed, media.id);
        }
    }
}

core::Result<std::int64_t> MediaService::count_without_variants() {
    return database_.read([&](storage::Tx& tx) -> core::Result<std::int64_t> {
        CONG_TRY(ids, tx.media().list_media_before_pipeline(PIPELINE_VERSION, 0, 1));
        return static_cast<std::int64_t>(ids.size());
    });
}

std::string MediaService::url(const model::Media& media) const {
    return display_url(media);
}

core::Result<std::optional<StoredFile>> MediaService::open_public_file(std::string_view file_name) const {
    auto name = parse_variant_file_name(file_name);
    if (!name) return std::nullopt;
    std::filesystem::path path = file_path(name->sha256, file_name);
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        return Error{Errc::Internal, "Không đọc được tệp ảnh"};
    }
    if (error || !std::filesystem::is_regular_file(status)) return std::nullopt;
    // Only files of a recorded photo are served; its name travels in Content-Disposition.
    CONG_TRY(media,
             database_.read([&](storage::Tx& tx) { return tx.media().find_media_by_any_site_hash(name->sha256); }));
    if (!media) return std::nullopt;
    auto bytes = std::filesystem::file_size(path, error);
    if (error) return Error{Errc::Internal, "Không đọc được tệp ảnh"};
    return StoredFile{std::move(path), std::string{variant_content_type(name->format)}, bytes,
                      download_name(media->original_name, name->format)};
}

std::filesystem::path MediaService::file_path(std::string_view sha256, std::string_view file_name) const {
    // Two hex digits of fan-out keep each directory at a few thousand photos even for a large province.
    return media_dir_ / std::string{sha256.substr(0, 2)} / std::string{file_name};
}

}  // namespace cong::media
