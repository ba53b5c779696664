#include "media/image_pipeline.hpp"

#include "core/log.hpp"
#include "media/vips_support.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>

namespace cong::media {
namespace {

using core::Errc;
using core::Error;

Error damaged() {
    return Error{Errc::InvalidInput, "Ảnh bị hỏng hoặc không đầy đủ", "file"};
}

Error encoder_failed() {
    core::log::error("image encode failed", {{"reason", take_vips_error()}});
    return Error{Errc::Internal, "Không tạo được các cỡ ảnh"};
}

// Random access, unlike the inspector's sequential read: turning a photo a quarter round reads its rows
// out of order. The loader is the one the format was sniffed as, never a fallback; a truncated file fails.
VipsImagePtr load(ImageFormat format, std::string_view data) {
    void* buffer = const_cast<char*>(data.data());  // libvips only reads it
    VipsImage* image = nullptr;
    int status = -1;
    switch (format) {
        case ImageFormat::Jpeg:
            status = vips_jpegload_buffer(buffer, data.size(), &image, "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
        case ImageFormat::Png:
            status = vips_pngload_buffer(buffer, data.size(), &image, "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
        case ImageFormat::Webp:
            status = vips_webpload_buffer(buffer, data.size(), &image, "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
        case ImageFormat::Gif:
            status = vips_gifload_buffer(buffer, data.size(), &image, "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
    }
    if (status != 0) return VipsImagePtr{};
    return VipsImagePtr{image};
}

// One more owner of an image libvips already holds.
VipsImagePtr share(VipsImage* image) {
    g_object_ref(image);
    return VipsImagePtr{image};
}

// Applies one libvips operation that makes a new image from in; empty on failure.
template <class Operation>
VipsImagePtr run_operation(const VipsImagePtr& in, Operation&& operation) {
    VipsImage* out = nullptr;
    if (operation(in.get(), &out) != 0) return VipsImagePtr{};
    return VipsImagePtr{out};
}

// The decoded photo, upright, 8-bit sRGB, held in memory so each variant resizes from it without decoding
// again. A profile that cannot be applied is ignored: the colours are then those of the numbers as sRGB.
core::Result<VipsImagePtr> upright_srgb(VipsImagePtr image) {
    image = run_operation(image, [](VipsImage* in, VipsImage** out) { return vips_autorot(in, out, nullptr); });
    if (!image) return damaged();
    if (vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0) {
        auto converted = run_operation(image, [](VipsImage* in, VipsImage** out) {
            return vips_icc_transform(in, out, "srgb", "embedded", TRUE, "intent", VIPS_INTENT_PERCEPTUAL, nullptr);
        });
        if (converted) {
            image = std::move(converted);
        } else {
            core::log::debug("ICC profile ignored", {{"reason", take_vips_error()}});
        }
    }
    if (vips_image_guess_interpretation(image.get()) != VIPS_INTERPRETATION_sRGB) {
        image = run_operation(image, [](VipsImage* in, VipsImage** out) {
            return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
        });
        if (!image) return damaged();
    }
    if (vips_image_get_format(image.get()) != VIPS_FORMAT_UCHAR) {
        image = run_operation(image, [](VipsImage* in, VipsImage** out) { return vips_cast_uchar(in, out, nullptr); });
        if (!image) return damaged();
    }
    // Decoding happens here, once; a damaged file fails now.
    VipsImage* memory = vips_image_copy_memory(image.get());
    if (memory == nullptr) {
        core::log::debug("image decode refused", {{"reason", take_vips_error()}});
        return damaged();
    }
    VipsImagePtr decoded{memory};
    // Nothing from the upload's metadata may travel on: the encoders strip too, this is the second lock.
    gchar** fields = vips_image_get_fields(decoded.get());
    for (gchar** field = fields; field != nullptr && *field != nullptr; ++field) {
        std::string_view name{*field};
        if (name.starts_with("exif-") || name.starts_with("xmp-") || name.starts_with("iptc-") ||
            name.starts_with("icc-") || name.starts_with("png-comment") || name == "gif-comment" ||
            name == "orientation" || name.starts_with("jpeg-") || name.starts_with("heif-"))
            vips_image_remove(decoded.get(), *field);
    }
    g_strfreev(fields);
    return decoded;
}

std::uint32_t read_le32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + std::size_t(i)]);
    return value;
}

void write_le32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + std::size_t(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// libvips 8.14 ignores "strip" for WebP (libvips issue #3340) and writes EXIF, XMP and ICC chunks whenever
// it is built with libwebpmux. So the container is rewritten without them: RIFF chunks are copied except
// EXIF, "XMP " and ICCP, and the VP8X header forgets it announced them. Nullopt for a malformed container.
std::optional<std::string> without_webp_metadata(std::string_view webp) {
    constexpr std::uint8_t ICC_FLAG = 0x20, EXIF_FLAG = 0x08, XMP_FLAG = 0x04;
    if (webp.size() < 12 || webp.substr(0, 4) != "RIFF" || webp.substr(8, 4) != "WEBP") return std::nullopt;
    std::string out{webp.substr(0, 12)};
    std::size_t at = 12;
    while (at + 8 <= webp.size()) {
        std::string_view fourcc = webp.substr(at, 4);
        std::size_t length = read_le32(webp, at + 4);
        std::size_t end = at + 8 + length + (length & 1);  // chunks are padded to an even size
        if (end > webp.size()) return std::nullopt;
        if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
            std::size_t start = out.size();
            out.append(webp.substr(at, end - at));
            if (fourcc == "VP8X" && length >= 1) {
                auto flags = static_cast<std::uint8_t>(out[start + 8]);
                out[start + 8] = static_cast<char>(flags & ~(ICC_FLAG | EXIF_FLAG | XMP_FLAG));
            }
        }
        at = end;
    }
    if (at != webp.size()) return std::nullopt;
    write_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
    return out;
}

core::Result<std::string> encode(VipsImage* image, VariantFormat format) {
    void* buffer = nullptr;
    std::size_t length = 0;
    int status = -1;
    if (format == VariantFormat::Jpeg) {
        status = vips_jpegsave_buffer(image, &buffer, &length, "Q", JPEG_QUALITY, "strip", TRUE, "optimize_coding",
                                      TRUE, "interlace", TRUE, nullptr);
    } else {
        status = vips_webpsave_buffer(image, &buffer, &length, "Q", WEBP_QUALITY, "strip", TRUE, "effort", 4, nullptr);
    }
    if (status != 0) return encoder_failed();
    std::unique_ptr<void, GFree> owned{buffer};
    std::string_view bytes{static_cast<const char*>(buffer), length};
    if (format == VariantFormat::Jpeg) return std::string{bytes};
    auto stripped = without_webp_metadata(bytes);
    if (!stripped) return Error{Errc::Internal, "Không tạo được ảnh WebP"};
    return std::move(*stripped);
}

}  // namespace

core::Result<DerivedImage> derive_variants(std::string_view data, std::uint64_t max_pixels) {
    CONG_TRY(info, inspect_header(data, max_pixels));
    VipsImagePtr loaded = load(info.format, data);
    if (!loaded) {
        core::log::debug("image header refused", {{"reason", take_vips_error()}});
        return damaged();
    }
    CONG_TRY(base, upright_srgb(std::move(loaded)));

    DerivedImage derived;
    derived.source_format = info.format;
    derived.width = vips_image_get_width(base.get());
    derived.height = vips_image_get_height(base.get());

    // Widest first, each size resized from the one before it (held in memory): a 12-megapixel photo is
    // read in full once, for the widest variant, instead of once per size.
    auto jpeg_widths = variant_widths(derived.width, VariantFormat::Jpeg);
    auto webp_widths = variant_widths(derived.width, VariantFormat::Webp);
    std::vector<EncodedVariant> jpegs, webps;
    VipsImagePtr source = share(base.get());
    for (auto width = jpeg_widths.rbegin(); width != jpeg_widths.rend(); ++width) {
        int source_width = vips_image_get_width(source.get());
        int source_height = vips_image_get_height(source.get());
        int height = variant_height(derived.width, derived.height, *width);
        VipsImagePtr sized = share(source.get());
        if (*width != source_width) {
            double scale = static_cast<double>(*width) / source_width;
            double vscale = static_cast<double>(height) / source_height;
            auto resized = run_operation(source, [scale, vscale](VipsImage* in, VipsImage** out) {
                return vips_resize(in, out, scale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, nullptr);
            });
            if (!resized) return encoder_failed();
            VipsImage* memory = vips_image_copy_memory(resized.get());
            if (memory == nullptr) return encoder_failed();
            sized = VipsImagePtr{memory};
        }
        // JPEG has no transparency: flatten onto white, as a page background shows it.
        VipsImagePtr opaque = share(sized.get());
        if (vips_image_hasalpha(sized.get())) {
            VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
            opaque = run_operation(sized, [white](VipsImage* in, VipsImage** out) {
                return vips_flatten(in, out, "background", white, nullptr);
            });
            vips_area_unref(VIPS_AREA(white));
            if (!opaque) return encoder_failed();
        }
        // The name's width is the asked one; resize rounds to it exactly for a scale of width/source width.
        CONG_TRY(jpeg, encode(opaque.get(), VariantFormat::Jpeg));
        jpegs.push_back({*width, vips_image_get_height(sized.get()), VariantFormat::Jpeg, std::move(jpeg)});
        if (std::find(webp_widths.begin(), webp_widths.end(), *width) != webp_widths.end()) {
            CONG_TRY(webp, encode(sized.get(), VariantFormat::Webp));
            webps.push_back({*width, vips_image_get_height(sized.get()), VariantFormat::Webp, std::move(webp)});
        }
        source = std::move(sized);
    }
    for (auto* list : {&jpegs, &webps}) {
        for (auto variant = list->rbegin(); variant != list->rend(); ++variant)
            derived.variants.push_back(std::move(*variant));
    }
    return derived;
}

}  // namespace cong::media
