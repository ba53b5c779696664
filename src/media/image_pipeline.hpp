// Image pipeline: re-encodes an upload into the files Cổng serves — oriented, in sRGB, without any metadata.
#pragma once

#include "core/result.hpp"
#include "media/image_inspector.hpp"
#include "media/variant_names.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cong::media {

// Encoder settings: what a phone screen shows well at a fraction of a camera's bytes.
constexpr int JPEG_QUALITY = 82;
constexpr int WEBP_QUALITY = 80;

struct EncodedVariant {
    int width = 0;
    int height = 0;
    VariantFormat format = VariantFormat::Jpeg;
    std::string bytes;
};

struct DerivedImage {
    ImageFormat source_format = ImageFormat::Jpeg;
    int width = 0;  // after EXIF orientation
    int height = 0;
    std::vector<EncodedVariant> variants;  // every width of variant_widths, JPEG then WebP, narrowest first
};

// Checks the upload like inspect_header (format sniffed from the bytes; only JPEG, PNG, WebP and GIF —
// never SVG, PDF or anything libvips would read through another loader; the header's size against
// max_pixels before any pixel is decoded), then decodes it once, turns it upright by its EXIF orientation,
// converts it to sRGB (through its ICC profile when it has one), and encodes every variant without EXIF,
// GPS, XMP, IPTC, ICC or comments. JPEG variants are flattened onto white; WebP keeps transparency; a GIF
// keeps its first frame. Errors as inspect_image; Internal when an encoder fails.
core::Result<DerivedImage> derive_variants(std::string_view data, std::uint64_t max_pixels);

}  // namespace cong::media
