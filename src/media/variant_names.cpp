#include "media/variant_names.hpp"

#include <algorithm>
#include <cmath>

namespace cong::media {
namespace {

constexpr std::size_t HASH_HEX_LENGTH = 64;
constexpr std::size_t MAX_WIDTH_DIGITS = 5;

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string_view variant_extension(VariantFormat format) {
    return format == VariantFormat::Webp ? "webp" : "jpg";
}

std::string_view variant_content_type(VariantFormat format) {
    return format == VariantFormat::Webp ? "image/webp" : "image/jpeg";
}

std::optional<VariantFormat> variant_format_from_extension(std::string_view extension) {
    if (extension == "jpg") return VariantFormat::Jpeg;
    if (extension == "webp") return VariantFormat::Webp;
    return std::nullopt;
}

std::vector<int> variant_widths(int width, VariantFormat format) {
    std::vector<int> widths;
    if (width <= 0) return widths;
    for (int ladder : VARIANT_WIDTHS) {
        if (ladder < width) widths.push_back(ladder);
    }
    if (format == VariantFormat::Jpeg || width <= VARIANT_WIDTHS.back()) widths.push_back(width);
    return widths;
}

int variant_height(int width, int height, int variant_width) {
    if (width <= 0 || height <= 0) return 0;
    if (variant_width >= width) return height;
    auto scaled = static_cast<int>(std::lround(static_cast<double>(height) * variant_width / width));
    return std::max(scaled, 1);
}

std::string variant_file_name(std::string_view sha256, int width, VariantFormat format) {
    std::string name{sha256};
    name += '-';
    name += std::to_string(width);
    name += '.';
    name += variant_extension(format);
    return name;
}

std::optional<VariantName> parse_variant_file_name(std::string_view name) {
    if (name.size() < HASH_HEX_LENGTH + 4 || name[HASH_HEX_LENGTH] != '-') return std::nullopt;
    std::string_view hash = name.substr(0, HASH_HEX_LENGTH);
    if (!is_lower_hex(hash)) return std::nullopt;
    std::string_view rest = name.substr(HASH_HEX_LENGTH + 1);
    auto dot = rest.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    std::string_view digits = rest.substr(0, dot);
    if (digits.empty() || digits.size() > MAX_WIDTH_DIGITS || digits.front() == '0') return std::nullopt;
    int width = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        width = width * 10 + (c - '0');
    }
    auto format = variant_format_from_extension(rest.substr(dot + 1));
    if (!format) return std::nullopt;
    return VariantName{std::string{hash}, width, *format};
}

std::string variant_url(const model::Media& media, int width, VariantFormat format) {
    return "/media/" + variant_file_name(media.sha256, width, format);
}

std::string display_url(const model::Media& media) {
    return variant_url(media, media.width, VariantFormat::Jpeg);
}

std::string fallback_url(const model::Media& media) {
    return variant_url(media, std::min(media.width, FALLBACK_WIDTH), VariantFormat::Jpeg);
}

std::string thumbnail_url(const model::Media& media) {
    auto widths = variant_widths(media.width, VariantFormat::Jpeg);
    return variant_url(media, widths.empty() ? media.width : widths.front(), VariantFormat::Jpeg);
}

std::string srcset(const model::Media& media, VariantFormat format) {
    std::string out;
    for (int width : variant_widths(media.width, format)) {
        if (!out.empty()) out += ", ";
        out += variant_url(media, width, format);
        out += ' ';
        out += std::to_string(width);
        out += 'w';
    }
    return out;
}

}  // namespace cong::media
