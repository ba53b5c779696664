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

void put_le16(std::string& out, std::uint16_t value) {
    out.push_back(static_cast<char>(value & 0xFF));
    out.push_back(static_cast<char>(value >> 8));
}

void put_le32(std::string& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

// One 12-byte IFD entry; value_or_offset holds values of up to 4 bytes, left-aligned.
void put_entry(std::string& out, std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint32_t value) {
    put_le16(out, tag);
    put_le16(out, type);
    put_le32(out, count);
    put_le32(out, value);
}

// An APP1 EXIF payload ("Exif\0\0" + little-endian TIFF) with IFD0 {Orientation, GPS pointer} and a GPS
// IFD {LatitudeRef, Latitude, LongitudeRef, Longitude, MapDatum}.
std::string exif_with_gps(int orientation) {
    constexpr std::uint16_t SHORT = 3, LONG = 4, ASCII = 2, RATIONAL = 5;
    std::string datum{GPS_MARKER};
    datum.push_back('\0');
    // Offsets are from the TIFF header. IFD0 at 8: 2 entries → 2 + 24 + 4 = 30 bytes, so GPS IFD at 38.
    const std::uint32_t gps_ifd = 38;
    const std::uint32_t gps_entries = 5;
    const std::uint32_t data = gps_ifd + 2 + gps_entries * 12 + 4;  // rationals and the datum follow
    const std::uint32_t latitude = data, longitude = data + 24, datum_offset = data + 48;

    std::string tiff = "II";
    put_le16(tiff, 42);
    put_le32(tiff, 8);
    put_le16(tiff, 2);
    put_entry(tiff, 0x0112, SHORT, 1, static_cast<std::uint32_t>(orientation));
    put_entry(tiff, 0x8825, LONG, 1, gps_ifd);
    put_le32(tiff, 0);
    put_le16(tiff, gps_entries);
    put_entry(tiff, 0x0001, ASCII, 2, 'N');
    put_entry(tiff, 0x0002, RATIONAL, 3, latitude);
    put_entry(tiff, 0x0003, ASCII, 2, 'E');
    put_entry(tiff, 0x0004, RATIONAL, 3, longitude);
    put_entry(tiff, 0x0012, ASCII, static_cast<std::uint32_t>(datum.size()), datum_offset);
    put_le32(tiff, 0);
    for (std::uint32_t value : {21u, 1u, 30u, 1u, 0u, 1u, 105u, 1u, 45u, 1u, 0u, 1u}) put_le32(tiff, value);
    tiff += datum;
    return std::string{"Exif\0\0", 6} + tiff;
}

}  // namespace

std::string make_jpeg_with_gps(int width, int height, int orientation) {
    std::string jpeg = make_image(width, height, ".jpg");
    VipsImage* raw = nullptr;
    if (vips_jpegload_buffer(jpeg.data(), jpeg.size(), &raw, nullptr) != 0) throw std::runtime_error(take_vips_error());
    VipsImagePtr loaded{raw};
    VipsImage* copied = nullptr;
    if (vips_copy(loaded.get(), &copied, nullptr) != 0) throw std::runtime_error(take_vips_error());
    VipsImagePtr image{copied};
    std::string exif = exif_with_gps(orientation);
    vips_image_set_blob_copy(image.get(), VIPS_META_EXIF_NAME, exif.data(), exif.size());
    vips_image_set_int(image.get(), VIPS_META_ORIENTATION, orientation);
    void* buffer = nullptr;
    std::size_t length = 0;
    if (vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", 90, nullptr) != 0)
        throw std::runtime_error(take_vips_error());
    std::unique_ptr<void, GFree> owned{buffer};
    return std::string{static_cast<const char*>(buffer), length};
}

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
