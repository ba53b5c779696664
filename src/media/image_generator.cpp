#include "media/image_generator.hpp"

#include "core/log.hpp"
#include "core/vietnamese.hpp"
#include "media/vips_support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace cong::media {
namespace {

using core::Errc;
using core::Error;

constexpr double PI = 3.14159265358979323846;

// SplitMix64: a tiny generator whose output is fixed by its definition, unlike std::*_distribution.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform(double low, double high) {
        return low + (high - low) * static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
    }

private:
    std::uint64_t state_;
};

struct Colour {
    double r, g, b;
};

Colour mix(Colour a, Colour b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

Colour hsv(double hue, double saturation, double value) {
    hue = std::fmod(hue, 360.0) / 60.0;
    double c = value * saturation;
    double x = c * (1 - std::fabs(std::fmod(hue, 2.0) - 1));
    Colour base = hue < 1 ? Colour{c, x, 0} : hue < 2 ? Colour{x, c, 0} : hue < 3 ? Colour{0, c, x}
                : hue < 4 ? Colour{0, x, c} : hue < 5 ? Colour{x, 0, c} : Colour{c, 0, x};
    double m = value - c;
    return {(base.r + m) * 255, (base.g + m) * 255, (base.b + m) * 255};
}

double smoothstep(double edge0, double edge1, double x) {
    double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// A ridge line: the sum of a few sines, so each hill layer has its own gentle skyline.
struct Ridge {
    double base;  // fraction of the height
    std::array<double, 3> amplitude, frequency, phase;
    Colour colour;

    double height_at(double x) const {
        double y = base;
        for (std::size_t k = 0; k < amplitude.size(); ++k) y += amplitude[k] * std::sin(frequency[k] * x + phase[k]);
        return y;
    }
};

struct Cloud {
    double x, y, radius_x, radius_y;
};

struct Scene {
    Colour sky_top, sky_horizon, sun, field_far, field_near;
    double horizon, sun_x, sun_y, sun_radius, vanishing_x, furrows;
    std::vector<Ridge> ridges;  // far to near
    std::vector<Cloud> clouds;
};

Scene make_scene(std::uint32_t seed) {
    Random random{0xC0461234ULL ^ (static_cast<std::uint64_t>(seed) << 17) ^ seed};
    Scene scene;
    double sky_hue = random.uniform(190, 225);
    bool evening = random.uniform(0, 1) < 0.3;
    scene.sky_top = hsv(sky_hue, random.uniform(0.45, 0.7), random.uniform(0.7, 0.9));
    scene.sky_horizon = evening ? hsv(random.uniform(20, 40), 0.45, 0.98) : hsv(sky_hue - 10, 0.18, 0.97);
    scene.sun = evening ? hsv(30, 0.6, 1.0) : hsv(50, 0.15, 1.0);
    scene.horizon = random.uniform(0.52, 0.64);
    scene.sun_x = random.uniform(0.15, 0.85);
    scene.sun_y = random.uniform(0.12, 0.35);
    scene.sun_radius = random.uniform(0.035, 0.06);
    double field_hue = random.uniform(0, 1) < 0.5 ? random.uniform(85, 120) : random.uniform(45, 60);  // green or ripe rice
    scene.field_far = hsv(field_hue, 0.45, 0.75);
    scene.field_near = hsv(field_hue + 5, 0.7, 0.45);
    scene.vanishing_x = random.uniform(0.3, 0.7);
    scene.furrows = random.uniform(10, 18);
    double hill_hue = random.uniform(95, 140);
    for (int layer = 0; layer < 3; ++layer) {
        Ridge ridge;
        ridge.base = scene.horizon - 0.13 + 0.045 * layer;
        for (std::size_t k = 0; k < 3; ++k) {
            ridge.amplitude[k] = random.uniform(0.01, 0.04) / static_cast<double>(k + 1);
            ridge.frequency[k] = random.uniform(2, 6) * static_cast<double>(k + 1);
            ridge.phase[k] = random.uniform(0, 2 * PI);
        }
        // Far hills fade into the haze of the horizon: aerial perspective makes the picture read as deep.
        Colour hill = hsv(hill_hue, 0.55, 0.30 + 0.07 * layer);
        ridge.colour = mix(scene.sky_horizon, hill, 0.45 + 0.25 * layer);
        scene.ridges.push_back(ridge);
    }
    int cloud_count = static_cast<int>(random.uniform(2, 6));
    for (int i = 0; i < cloud_count; ++i) {
        scene.clouds.push_back({random.uniform(0, 1), random.uniform(0.05, scene.horizon - 0.2), random.uniform(0.06, 0.16),
                                random.uniform(0.02, 0.045)});
    }
    return scene;
}

Colour shade(const Scene& scene, double x, double y, double aspect) {
    if (y >= scene.horizon) {
        // Rice fields: rows converging on a vanishing point, darker and coarser towards the viewer.
        double depth = (y - scene.horizon) / (1 - scene.horizon);
        Colour field = mix(scene.field_far, scene.field_near, depth);
        double row = std::sin((x - scene.vanishing_x) / std::max(y - scene.horizon, 0.002) * scene.furrows);
        double strength = 0.10 * smoothstep(0.0, 0.25, depth);
        return mix(field, Colour{field.r * 0.6, field.g * 0.6, field.b * 0.6}, strength * (row + 1));
    }
    Colour sky = mix(scene.sky_top, scene.sky_horizon, std::pow(y / scene.horizon, 1.4));
    double dx = (x - scene.sun_x) * aspect;
    double dy = y - scene.sun_y;
    double distance = std::sqrt(dx * dx + dy * dy);
    sky = mix(sky, scene.sun, 0.5 * std::exp(-distance / (scene.sun_radius * 3)));  // glow
    sky = mix(sky, scene.sun, 1 - smoothstep(scene.sun_radius * 0.9, scene.sun_radius, distance));
    for (const auto& cloud : scene.clouds) {
        double cx = (x - cloud.x) / cloud.radius_x;
        double cy = (y - cloud.y) / cloud.radius_y;
        double puff = 1 - smoothstep(0.3, 1.0, cx * cx + cy * cy + 0.15 * std::sin(cx * 9 + cloud.x * 40));
        sky = mix(sky, Colour{250, 250, 252}, 0.85 * puff);
    }
    for (auto it = scene.ridges.rbegin(); it != scene.ridges.rend(); ++it) {
        // Nearest ridge first: the first one the pixel is below decides its colour.
        if (y >= it->height_at(x)) return mix(it->colour, scene.field_far, 0.4 * (y - it->height_at(x)) / 0.1);
    }
    return sky;
}

std::vector<unsigned char> draw_scene(int width, int height, std::uint32_t seed) {
    Scene scene = make_scene(seed);
    Random grain{seed * 2654435761ULL + 1};
    double aspect = static_cast<double>(width) / height;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    for (int row = 0; row < height; ++row) {
        for (int column = 0; column < width; ++column) {
            Colour colour = shade(scene, (column + 0.5) / width, (row + 0.5) / height, aspect);
            // Film-like grain keeps large gradients from banding once compressed.
            double noise = static_cast<double>(grain.next() % 9) - 4;
            auto* pixel = &pixels[(static_cast<std::size_t>(row) * width + column) * 3];
            pixel[0] = static_cast<unsigned char>(std::clamp(colour.r + noise, 0.0, 255.0));
            pixel[1] = static_cast<unsigned char>(std::clamp(colour.g + noise, 0.0, 255.0));
            pixel[2] = static_cast<unsigned char>(std::clamp(colour.b + noise, 0.0, 255.0));
        }
    }
    return pixels;
}

// vips_text reads Pango markup, so the label's own <, > and & must not be taken as tags.
std::string escape_markup(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

// Writes label in white on a darkened band along the bottom edge. Returns false, leaving pixels as they
// were, when text cannot be rendered here (libvips built without Pango, or no fonts).
bool draw_label(std::vector<unsigned char>& pixels, int width, int height, std::string_view label) {
    int margin = std::max(4, height / 40);
    int font_size = std::max(8, height / 22);
    VipsImage* raw_text = nullptr;
    std::string font = "sans bold " + std::to_string(font_size);
    if (vips_text(&raw_text, escape_markup(label).c_str(), "font", font.c_str(), "width", width - 2 * margin, "dpi", 72,
                  nullptr) != 0) {
        core::log::warn("demo image label skipped", {{"reason", take_vips_error()}});
        return false;
    }
    VipsImagePtr text{raw_text};
    int text_width = std::min(vips_image_get_width(text.get()), width - 2 * margin);
    int text_height = std::min(vips_image_get_height(text.get()), height - 2 * margin);
    std::size_t mask_size = 0;
    std::unique_ptr<unsigned char, GFree> mask{
        static_cast<unsigned char*>(vips_image_write_to_memory(text.get(), &mask_size))};
    if (!mask) {
        core::log::warn("demo image label skipped", {{"reason", take_vips_error()}});
        return false;
    }
    int mask_stride = vips_image_get_width(text.get());
    int band_top = std::max(0, height - text_height - 2 * margin);
    for (int row = band_top; row < height; ++row) {
        for (int column = 0; column < width; ++column) {
            auto* pixel = &pixels[(static_cast<std::size_t>(row) * width + column) * 3];
            double coverage = 0;
            int text_row = row - (band_top + margin);
            int text_column = column - margin;
            if (text_row >= 0 && text_row < text_height && text_column >= 0 && text_column < text_width) {
                coverage = mask.get()[static_cast<std::size_t>(text_row) * mask_stride + text_column] / 255.0;
            }
            for (int band = 0; band < 3; ++band) {
                double darkened = pixel[band] * 0.55;
                pixel[band] = static_cast<unsigned char>(std::lround(darkened + (255 - darkened) * coverage));
            }
        }
    }
    return true;
}

}  // namespace

core::Result<std::string> generate_demo_jpeg(int width, int height, std::uint32_t seed, std::string_view label) {
    if (width < MIN_DEMO_IMAGE_SIDE || width > MAX_DEMO_IMAGE_SIDE || height < MIN_DEMO_IMAGE_SIDE ||
        height > MAX_DEMO_IMAGE_SIDE) {
        return Error{Errc::InvalidInput, "Kích thước ảnh mẫu phải từ 16 đến 4096 điểm ảnh mỗi chiều", "size"};
    }
    if (!core::is_valid_utf8(label)) return Error{Errc::InvalidInput, "Nhãn ảnh không phải là văn bản UTF-8 hợp lệ", "label"};
    std::string clean_label = core::to_nfc(label);
    if (static_cast<std::size_t>(std::count_if(clean_label.begin(), clean_label.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        })) > MAX_DEMO_LABEL_CHARS) {
        return Error{Errc::InvalidInput, "Nhãn ảnh không được dài quá 200 ký tự", "label"};
    }
    ensure_vips_started();

    std::vector<unsigned char> pixels = draw_scene(width, height, seed);
    if (!clean_label.empty()) draw_label(pixels, width, height, clean_label);

    VipsImagePtr image{vips_image_new_from_memory(pixels.data(), pixels.size(), width, height, 3, VIPS_FORMAT_UCHAR)};
    if (!image) return Error{Errc::Internal, "Không tạo được ảnh mẫu"};
    image->Type = VIPS_INTERPRETATION_sRGB;
    void* buffer = nullptr;
    std::size_t length = 0;
    if (vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", 85, "optimize_coding", TRUE, "strip", TRUE, nullptr) != 0) {
        core::log::error("demo image encoding failed", {{"reason", take_vips_error()}});
        return Error{Errc::Internal, "Không tạo được ảnh mẫu"};
    }
    std::unique_ptr<void, GFree> owned{buffer};
    return std::string{static_cast<const char*>(buffer), length};
}

}  // namespace cong::media
