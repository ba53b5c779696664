#include "media/media_service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/text_field.hpp"
#include "core/vietnamese.hpp"
#include "media/atomic_file.hpp"
#include "media/file_name.hpp"
#include "media/image_inspector.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace cong::media {
namespace {

using core::Errc;
using core::Error;

core::Result<std::string> clean_original_name(std::string_view name) {
    std::string display = display_file_name(name);
    if (!core::is_valid_utf8(display)) {
        return Error{Errc::InvalidInput, "Tên tệp không phải là văn bản UTF-8 hợp lệ", "file"};
    }
    return truncate_file_name(core::to_nfc(display));
}

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

MediaService::MediaService(storage::Database& database, std::string media_dir, core::MediaConfig config)
    : database_(database), media_dir_(std::move(media_dir)), config_(config) {}

core::Result<model::Media> MediaService::upload(const UploadInput& input) {
    if (input.site_id <= 0) return Error{Errc::InvalidInput, "Thiếu trang thông tin cho ảnh tải lên", "site_id"};
    // Text first: it is cheap to check, and a form with a bad caption should not cost a full decode.
    CONG_TRY(original_name, clean_original_name(input.original_name));
    CONG_TRY(caption, core::clean_text_field(input.caption, MAX_CAPTION_CHARS, core::Required::No, core::LineBreaks::Allowed,
                                              "caption", "Chú thích ảnh"));
    CONG_TRY(alt, core::clean_text_field(input.alt, MAX_ALT_CHARS, core::Required::No, core::LineBreaks::Refused, "alt",
                                          "Mô tả ảnh (alt)"));
    CONG_TRY(credit, core::clean_text_field(input.credit, MAX_CREDIT_CHARS, core::Required::No, core::LineBreaks::Refused,
                                             "credit", "Nguồn ảnh"));
    CONG_TRY(image, inspect_image(input.data, config_.max_pixels));

    model::Media media;
    media.site_id = input.site_id;
    media.sha256 = core::sha256_hex(input.data);
    media.extension = std::string{file_extension(image.format)};
    media.content_type = std::string{content_type(image.format)};
    media.original_name = std::move(original_name);
    media.caption = std::move(caption);
    media.alt = std::move(alt);
    media.credit = std::move(credit);
    media.width = image.width;
    media.height = image.height;
    media.bytes = static_cast<std::int64_t>(input.data.size());
    media.uploaded_by = input.uploaded_by;
    media.created_at = core::now();

    CONG_TRY(existing, database_.read([&](storage::Tx& tx) -> core::Result<std::optional<model::Media>> {
        CONG_TRY(site, tx.sites().find_site(media.site_id));
        if (!site) return Error{Errc::NotFound, "Không tìm thấy trang thông tin", "site_id"};
        return tx.media().find_media_by_hash(media.site_id, media.sha256);
    }));
    if (existing) return std::move(*existing);

    // The original bytes are what this version serves; resized variants and metadata stripping come later
    // and will be derived from this file. The file is written before the row: a crash in between leaves
    // an unreferenced file that the next upload of the same bytes reuses, never a row without its file.
    std::filesystem::path path = file_path(media.sha256, media.extension);
    std::error_code error;
    auto present_size = std::filesystem::file_size(path, error);
    if (error || present_size != input.data.size()) {
        CONG_TRY_VOID(write_file_atomically(path, input.data));
    }

    return database_.write([&](storage::Tx& tx) -> core::Result<model::Media> {
        // Another request may have stored the same photo since the read above; writers are serialised,
        // so this second look inside the write transaction settles it.
        CONG_TRY(stored, tx.media().find_media_by_hash(media.site_id, media.sha256));
        if (stored) return std::move(*stored);
        CONG_TRY(id, tx.media().insert_media(media));
        media.id = id;
        return media;
    });
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

std::string MediaService::url(const model::Media& media) const {
    return "/media/" + media.sha256 + "." + media.extension;
}

core::Result<std::optional<StoredFile>> MediaService::open_public_file(std::string_view file_name) const {
    constexpr std::size_t HASH_HEX_LENGTH = 64;
    if (file_name.size() <= HASH_HEX_LENGTH + 1 || file_name[HASH_HEX_LENGTH] != '.') return std::nullopt;
    std::string_view hash = file_name.substr(0, HASH_HEX_LENGTH);
    auto format = format_from_extension(file_name.substr(HASH_HEX_LENGTH + 1));
    if (!format || !is_lower_hex(hash)) return std::nullopt;

    std::filesystem::path path = file_path(hash, file_extension(*format));
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        return Error{Errc::Internal, "Không đọc được tệp ảnh"};
    }
    if (error || !std::filesystem::is_regular_file(status)) return std::nullopt;
    auto bytes = std::filesystem::file_size(path, error);
    if (error) return Error{Errc::Internal, "Không đọc được tệp ảnh"};
    return StoredFile{std::move(path), std::string{content_type(*format)}, bytes};
}

std::filesystem::path MediaService::file_path(std::string_view sha256, std::string_view extension) const {
    // Two hex digits of fan-out keep each directory at a few thousand files even for a large province.
    return media_dir_ / std::string{sha256.substr(0, 2)} / (std::string{sha256} + "." + std::string{extension});
}

}  // namespace cong::media
