// Vietnamese text: UTF-8 checks, NFC, folding to plain ASCII-ish keys, slugs and vi-VN number format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cong::core {

// True when text is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Number of code points in valid UTF-8 text: the length a user sees and limits are stated in.
std::size_t utf8_length(std::string_view text);

// Text without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Text in Unicode Normalization Form C, the form Cổng stores. Input must be valid UTF-8.
std::string to_nfc(std::string_view text);

// Folds text for matching: NFC, lower case, diacritics removed, "đ" → "d".
// "Thọ Xuân – Thanh Hoá" → "tho xuan – thanh hoa". Idempotent.
std::string fold(std::string_view text);

// A URL slug: folded, runs of anything but [a-z0-9] become one hyphen, trimmed,
// at most max_length bytes cut at a hyphen. "Hội nghị lần thứ 26" → "hoi-nghi-lan-thu-26".
std::string slugify(std::string_view text, std::size_t max_length = 80);

// vi-VN grouping: 1234567.5 → "1.234.567,5"; decimals = digits after the comma.
std::string format_number_vi(double value, int decimals = 0);
std::string format_integer_vi(std::int64_t value);

}  // namespace cong::core
