// Image inspection: decides whether uploaded bytes are a complete photo in a format the portal serves.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cong::media {

// The formats every browser shows. SVG (scripts), PDF, HEIF and the rest are refused at upload.
enum class ImageFormat { Jpeg, Png, Webp, Gif };

std::string_view file_extension(ImageFormat format);  // "jpg", "png", "webp", "gif"
std::string_view content_type(ImageFormat format);    // "image/jpeg", …
std::optional<ImageFormat> format_from_extension(std::string_view extension);

struct ImageInfo {
    ImageFormat format = ImageFormat::Jpeg;
    int width = 0;
    int height = 0;
};

// Detects the format from the bytes (never from a name or a declared type), checks the size its header
// claims against max_pixels before any pixel is decoded, then decodes every pixel so that a damaged or
// truncated file is refused now rather than shown broken later.
// InvalidInput: empty, damaged or truncated; UnsupportedMediaType: not JPEG, PNG, WebP or GIF;
// PayloadTooLarge: more than max_pixels.
core::Result<ImageInfo> inspect_image(std::string_view data, std::uint64_t max_pixels);

// The same checks without decoding the pixels: format from the bytes, and the size the header claims
// against max_pixels. For callers that decode the image themselves right after (the variant pipeline).
core::Result<ImageInfo> inspect_header(std::string_view data, std::uint64_t max_pixels);

}  // namespace cong::media
