// Test images: real files made with libvips, and hand-made headers, for the media tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cong::media::testing {

// A photo-like image of width×height encoded by libvips in the format of extension (".jpg", ".png", ".webp",
// ".gif", ".tif", …).
std::string make_image(int width, int height, std::string_view extension);

// A well-formed PNG signature, IHDR (with a correct CRC) and a tiny IDAT claiming width×height RGB pixels:
// a decompression bomb's header without the bomb.
std::string png_claiming(std::uint32_t width, std::uint32_t height);

// Text in the GPS block of make_jpeg_with_gps, easy to look for in the bytes of a file.
constexpr std::string_view GPS_MARKER = "CONG-GPS-MARKER WGS-84";

// A camera-like JPEG of width×height (as stored, before orientation) whose EXIF names an orientation
// (1–8) and a GPS position (21°30′N 105°45′E) with GPS_MARKER as its map datum.
std::string make_jpeg_with_gps(int width, int height, int orientation);

}  // namespace cong::media::testing
