// Variant names: the sizes Cổng derives from each photo, and the file names and URLs they are served under.
#pragma once

#include "model/media.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::media {

// The ladder of widths the pipeline derives. Raise PIPELINE_VERSION whenever the ladder or the encoding
// changes, so `cong media rebuild` derives the files of older photos again.
constexpr int PIPELINE_VERSION = 1;
constexpr std::array<int, 4> VARIANT_WIDTHS{320, 640, 1024, 1600};
// The img fallback for browsers without srcset: large enough for an article column, far below a camera's.
constexpr int FALLBACK_WIDTH = 1024;

enum class VariantFormat { Jpeg, Webp };

std::string_view variant_extension(VariantFormat format);     // "jpg", "webp"
std::string_view variant_content_type(VariantFormat format);  // "image/jpeg", "image/webp"
std::optional<VariantFormat> variant_format_from_extension(std::string_view extension);

// The widths derived, narrowest first, for an image width pixels wide (after orientation): every ladder
// width below it, and its own width — for JPEG always (the full-size "display original"), for WebP only up
// to the ladder's top. Never wider than the image: nothing is upscaled.
std::vector<int> variant_widths(int width, VariantFormat format);

// The height of the variant width wide of an image width×height, rounded, at least 1.
int variant_height(int width, int height, int variant_width);

// "<sha256>-<width>.<jpg|webp>": the name of a variant file, on disk and in its URL.
std::string variant_file_name(std::string_view sha256, int width, VariantFormat format);

struct VariantName {
    std::string sha256;
    int width = 0;
    VariantFormat format = VariantFormat::Jpeg;
};

// The parts of a variant file name: exactly 64 lower-case hex digits, "-", a width of 1 to 5 digits without
// a leading zero, ".jpg" or ".webp". Anything else (paths, dots, the uploaded original's name) is nullopt.
std::optional<VariantName> parse_variant_file_name(std::string_view name);

// "/media/<sha256>-<width>.<ext>"
std::string variant_url(const model::Media& media, int width, VariantFormat format);
// The full-size JPEG: what "the photo" means for feeds, og:image and the API.
std::string display_url(const model::Media& media);
// The img src for browsers without srcset: the JPEG at FALLBACK_WIDTH, or narrower for a narrow photo.
std::string fallback_url(const model::Media& media);
// The smallest JPEG, for library grids and listing thumbnails without srcset.
std::string thumbnail_url(const model::Media& media);
// "/media/…-320.webp 320w, /media/…-640.webp 640w, …" for srcset.
std::string srcset(const model::Media& media, VariantFormat format);

}  // namespace cong::media
