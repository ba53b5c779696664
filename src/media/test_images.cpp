#include "media/test_images.hpp"

#include "media/image_generator.hpp"
#include "media/vips_support.hpp"

#include <array>
#include <stdexcept>

namespace cong::media::testing {
namespace {

std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void put_u32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void put_chunk(std::string& out, std::string_view type, std::string_view data) {
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    std::string typed{type};
    typed.append(data);
    out.append(typed);
    put_u32(out, crc32(typed));
}

}  // namespace

std::string make_image(int width, int height, std::string_view extension) {
    auto jpeg = generate_demo_jpeg(width, height, 7, "");
    if (!jpeg) throw std::runtime_error("demo image failed: " + jpeg.error().detail);
    if (extension == ".jpg") return *jpeg;
    VipsImage* raw = nullptr;
    if (vips_jpegload_buffer(jpeg->data(), jpeg->size(), &raw, nullptr) != 0) throw std::runtime_error(take_vips_error());
    VipsImagePtr image{raw};
    void* buffer = nullptr;
    std::size_t length = 0;
    if (vips_image_write_to_buffer(image.get(), std::string{extension}.c_str(), &buffer, &length, nullptr) != 0) {
        throw std::runtime_error(take_vips_error());
    }
    std::unique_ptr<void, GFree> owned{buffer};
    return std::string{static_cast<const char*>(buffer), length};
}

std::string png_claiming(std::uint32_t width, std::uint32_t height) {
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string header;
    put_u32(header, width);
    put_u32(header, height);
    header += std::string{"\x08\x02\x00\x00\x00", 5};  // 8-bit RGB, deflate, no filter, no interlace
    put_chunk(png, "IHDR", header);
    // A zlib stream holding one stored block of 16 zero bytes: valid, and nowhere near the claimed size.
    std::string zlib{"\x78\x01\x01\x10\x00\xEF\xFF", 7};
    zlib.append(16, '\0');
    put_u32(zlib, 0x00100001u);  // Adler-32 of 16 zero bytes
    put_chunk(png, "IDAT", zlib);
    put_chunk(png, "IEND", "");
    return png;
}

}  // namespace cong::media::testing
