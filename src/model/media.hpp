// Media: an uploaded photo, stored under its content hash; its original name is kept only for display.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cong::model {

// One file derived from an upload: re-encoded, auto-oriented, without metadata.
struct MediaVariant {
    int width = 0;
    int height = 0;
    std::string format;  // "jpg" or "webp"
    std::int64_t bytes = 0;
};

struct Media {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string sha256;         // hex; the file lives at media/<aa>/<sha256>.<ext>
    std::string extension;      // "jpg", "png", "webp", "gif"
    std::string content_type;   // "image/jpeg" …
    std::string original_name;  // "22 (3).jpg", as uploaded; never used as a path
    std::string caption;        // default caption; an article figure may override it
    std::string alt;
    std::string credit;
    int width = 0;   // as shown: after EXIF orientation (for photos derived by pipeline_version ≥ 1)
    int height = 0;
    std::int64_t bytes = 0;  // of the upload as received
    int pipeline_version = 0;  // the variant ladder its files were derived with; 0: none yet
    std::optional<std::int64_t> uploaded_by;
    core::Timestamp created_at{};
};

}  // namespace cong::model
