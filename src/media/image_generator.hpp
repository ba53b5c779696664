// Demo photos: landscape-like JPEG images drawn from a seed, so demo articles have real pictures to show.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace cong::media {

constexpr int MIN_DEMO_IMAGE_SIDE = 16;
constexpr int MAX_DEMO_IMAGE_SIDE = 4096;
constexpr std::size_t MAX_DEMO_LABEL_CHARS = 200;

// A JPEG of width×height showing a sky, a sun, clouds, hills and rice fields in colours picked by seed,
// with label (UTF-8, may be empty) written along the bottom when the machine can render text. The same
// arguments give the same bytes on one machine. InvalidInput for sizes outside 16–4096 or a bad label.
core::Result<std::string> generate_demo_jpeg(int width, int height, std::uint32_t seed, std::string_view label);

}  // namespace cong::media
