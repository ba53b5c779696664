#include "media/image_inspector.hpp"

#include "core/log.hpp"
#include "core/vietnamese.hpp"
#include "media/vips_support.hpp"

#include <string>

namespace cong::media {
namespace {

using core::Errc;
using core::Error;

constexpr std::string_view FIELD = "file";

Error unsupported() {
    return Error{Errc::UnsupportedMediaType, "Tệp tải lên không phải là ảnh JPEG, PNG, WebP hoặc GIF", std::string{FIELD}};
}

Error damaged() {
    return Error{Errc::InvalidInput, "Ảnh bị hỏng hoặc không đầy đủ", std::string{FIELD}};
}

// Maps the loader libvips picked for the bytes to one of our formats. libvips sniffs the content, so a text
// file named x.jpg finds no loader, and an SVG finds the SVG loader, which we do not accept.
std::optional<ImageFormat> sniff_format(std::string_view data) {
    const char* loader = vips_foreign_find_load_buffer(data.data(), data.size());
    if (loader == nullptr) {
        vips_error_clear();  // "not a known format" is an answer, not an error worth keeping
        return std::nullopt;
    }
    std::string_view nickname = vips_nickname_find(g_type_from_name(loader));
    if (nickname == "jpegload_buffer") return ImageFormat::Jpeg;
    if (nickname == "pngload_buffer") return ImageFormat::Png;
    if (nickname == "webpload_buffer") return ImageFormat::Webp;
    if (nickname == "gifload_buffer") return ImageFormat::Gif;
    return std::nullopt;
}

// Opens the image lazily: only the header is read here. The loader is named explicitly, so what decodes the
// pixels is the loader that matched the format, never a fallback. Sequential access lets a full decode stream
// through a few scanlines of memory; VIPS_FAIL_ON_TRUNCATED turns a cut-off file into an error instead of a
// grey band (libvips 8.12+ replaced the boolean "fail" with this level).
VipsImagePtr open_header(ImageFormat format, std::string_view data) {
    // libvips takes a non-const pointer but only reads the buffer.
    void* buffer = const_cast<char*>(data.data());
    VipsImage* image = nullptr;
    int status = -1;
    switch (format) {
        case ImageFormat::Jpeg:
            status = vips_jpegload_buffer(buffer, data.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                          VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
        case ImageFormat::Png:
            status = vips_pngload_buffer(buffer, data.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                         VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
        case ImageFormat::Webp:
            status = vips_webpload_buffer(buffer, data.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                          VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
        case ImageFormat::Gif:
            status = vips_gifload_buffer(buffer, data.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                         VIPS_FAIL_ON_TRUNCATED, nullptr);
            break;
    }
    if (status != 0) return VipsImagePtr{};
    return VipsImagePtr{image};
}

}  // namespace

std::string_view file_extension(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg: return "jpg";
        case ImageFormat::Png: return "png";
        case ImageFormat::Webp: return "webp";
        case ImageFormat::Gif: return "gif";
    }
    return "jpg";
}

std::string_view content_type(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg: return "image/jpeg";
        case ImageFormat::Png: return "image/png";
        case ImageFormat::Webp: return "image/webp";
        case ImageFormat::Gif: return "image/gif";
    }
    return "image/jpeg";
}

std::optional<ImageFormat> format_from_extension(std::string_view extension) {
    if (extension == "jpg") return ImageFormat::Jpeg;
    if (extension == "png") return ImageFormat::Png;
    if (extension == "webp") return ImageFormat::Webp;
    if (extension == "gif") return ImageFormat::Gif;
    return std::nullopt;
}

core::Result<ImageInfo> inspect_image(std::string_view data, std::uint64_t max_pixels) {
    CONG_TRY(info, inspect_header(data, max_pixels));
    VipsImagePtr image = open_header(info.format, data);
    if (!image) return damaged();
    // Averaging touches every pixel, streaming through the sequential loader; any decode error surfaces here.
    double average = 0;
    if (vips_avg(image.get(), &average, nullptr) != 0) {
        core::log::debug("image decode refused", {{"reason", take_vips_error()}});
        return damaged();
    }
    return info;
}

core::Result<ImageInfo> inspect_header(std::string_view data, std::uint64_t max_pixels) {
    if (data.empty()) return Error{Errc::InvalidInput, "Tệp tải lên trống", std::string{FIELD}};
    ensure_vips_started();

    auto format = sniff_format(data);
    if (!format) return unsupported();

    VipsImagePtr image = open_header(*format, data);
    if (!image) {
        core::log::debug("image header refused", {{"reason", take_vips_error()}});
        return damaged();
    }
    ImageInfo info{*format, vips_image_get_width(image.get()), vips_image_get_height(image.get())};
    // A few hundred bytes can claim 50000×50000 pixels; decoding that would take gigabytes.
    if (static_cast<std::uint64_t>(info.width) * static_cast<std::uint64_t>(info.height) > max_pixels) {
        return Error{Errc::PayloadTooLarge,
                     "Ảnh quá lớn: " + core::format_integer_vi(info.width) + "×" + core::format_integer_vi(info.height) +
                         " điểm ảnh, tối đa " + core::format_integer_vi(static_cast<std::int64_t>(max_pixels)) +
                         " điểm ảnh",
                     std::string{FIELD}};
    }
    return info;
}

}  // namespace cong::media
