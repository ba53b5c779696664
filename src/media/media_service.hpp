// MediaService: the photo library. Uploads are checked, stored once under their content hash, and served by it.
#pragma once

#include "core/config.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::media {

// Limits on the text that goes with a photo, in Unicode characters.
constexpr std::size_t MAX_CAPTION_CHARS = 1000;
constexpr std::size_t MAX_ALT_CHARS = 500;
constexpr std::size_t MAX_CREDIT_CHARS = 200;
// find_many serves the figures of a page; no page shows more photos than this.
constexpr std::size_t MAX_FIND_MANY_IDS = 500;

struct UploadInput {
    std::int64_t site_id = 0;
    std::string original_name;  // as the client named the file; only shown, never used as a path
    std::string_view data;      // the file's bytes; must outlive the call
    std::string caption;
    std::string alt;
    std::string credit;
    std::optional<std::int64_t> uploaded_by;
};

// A media file ready to be sent to a browser.
struct StoredFile {
    std::filesystem::path path;
    std::string content_type;
    std::uintmax_t bytes = 0;
};

class MediaService {
public:
    // media_dir is where the files live (data/media); it is created on the first upload.
    MediaService(storage::Database& database, std::string media_dir, core::MediaConfig config);

    // Checks the bytes are a complete JPEG, PNG, WebP or GIF within config.max_pixels, stores them as
    // <media_dir>/<aa>/<sha256>.<ext> and records them for the site. The same bytes uploaded again to the
    // same site return the existing record unchanged.
    // InvalidInput (with the field) for empty or damaged files and for text that is not valid UTF-8 or too long;
    // UnsupportedMediaType for anything but those four formats; PayloadTooLarge for too many pixels;
    // NotFound for an unknown site.
    core::Result<model::Media> upload(const UploadInput& input);

    core::Result<std::optional<model::Media>> find(std::int64_t id);
    // The media among ids that exist, in the order of ids, each once.
    core::Result<std::vector<model::Media>> find_many(const std::vector<std::int64_t>& ids);

    // The public URL of the original file: "/media/<sha256>.<ext>".
    std::string url(const model::Media& media) const;

    // The stored file for the last segment of a /media/ URL. The name must be exactly
    // <64 lower-case hex digits>.<jpg|png|webp|gif>; anything else is nullopt without touching the disk,
    // so no request can reach a path outside the media directory.
    core::Result<std::optional<StoredFile>> open_public_file(std::string_view file_name) const;

private:
    std::filesystem::path file_path(std::string_view sha256, std::string_view extension) const;

    storage::Database& database_;
    std::filesystem::path media_dir_;
    core::MediaConfig config_;
};

}  // namespace cong::media
