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

}  // namespace cong::media::testing
