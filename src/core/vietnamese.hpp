// Vietnamese text: UTF-8 checks, NFC, folding to plain ASCII-ish keys, slugs and vi-VN number format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// One word of text as search sees it: a syllable ("Hoá"), a number ("2025") or an abbreviation ("HĐND").
struct SearchToken {
    std::size_t begin = 0;  // byte offsets of the word in the text given to tokenize_for_search
    std::size_t end = 0;
    std::string folded;  // the recall key: lower case, no diacritics, đ → d: "hoa", "hdnd"
    // The exact key: lower case, vowel marks and đ kept, the tone moved off its vowel to a digit
    // (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng). Tone placement is gone by construction, so "hoà" and
    // "hòa" are both "hoa2", "thuỷ" and "thủy" "thuy3", "Hoá" and "Hóa" "hoa1"; NFC and NFD agree.
    std::string exact;
    bool has_diacritics = false;  // the word carries a tone, a vowel mark or đ: exact says more than folded
};

// Splits text into search tokens: maximal runs of letters, digits and combining marks; everything
// else separates ("09-NQ/HU" → 09, nq, hu; "2020-2025" → 2020, 2025; "1.250" → 1, 250). Zero-width
// characters and soft hyphens inside a word are ignored. Invalid UTF-8 bytes separate words and are
// never part of one. Indexing and querying both use this function, so both sides always agree.
std::vector<SearchToken> tokenize_for_search(std::string_view text);

// The exact key of one word (see SearchToken::exact); "" when text holds no letter or digit.
std::string tone_key(std::string_view word);

// The folded tokens of text joined by single spaces: "Thọ Xuân – Thanh Hoá" → "tho xuan thanh hoa".
std::string fold_for_search(std::string_view text);

// vi-VN grouping: 1234567.5 → "1.234.567,5"; decimals = digits after the comma.
std::string format_number_vi(double value, int decimals = 0);
std::string format_integer_vi(std::int64_t value);

}  // namespace cong::core
