#include "core/vietnamese.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace cong::core {
namespace {

const icu::Normalizer2& normalizer(bool compose) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU normalizer unavailable");
    return *n;
}

std::string to_utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size(), i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

std::string_view trim(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string to_nfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    auto input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    auto result = normalizer(true).normalize(input, status);
    if (U_FAILURE(status)) return std::string(text);
    return to_utf8(result);
}

std::string fold(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    auto input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    auto decomposed = normalizer(false).normalize(input, status);
    if (U_FAILURE(status)) return std::string(text);
    decomposed.foldCase();
    icu::UnicodeString out;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c == 0x0111 || c == 0x0110) c = 'd';  // đ has no decomposition: map it by hand.
        out.append(c);
    }
    return to_utf8(out);
}

std::string slugify(std::string_view text, std::size_t max_length) {
    std::string folded = fold(text);
    std::string slug;
    bool pending_hyphen = false;
    for (unsigned char c : folded) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            if (pending_hyphen && !slug.empty()) slug += '-';
            pending_hyphen = false;
            slug += char(c);
        } else {
            pending_hyphen = true;
        }
    }
    if (slug.size() > max_length) {
        auto cut = slug.rfind('-', max_length);
        slug.resize(cut == std::string::npos || cut == 0 ? max_length : cut);
    }
    return slug;
}

namespace {

// What search needs to know about one code point, computed once with ICU.
struct CodePointInfo {
    enum Kind : std::uint8_t { Separator, WordChar, Mark, Ignorable };
    Kind kind = Separator;
    std::uint8_t tone = 0;        // 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
    bool composes = false;        // exact holds a combining mark: the key needs NFC
    std::string folded;           // case folded, marks removed, đ → d
    std::string exact;            // case folded, tone removed, other marks kept (NFC)
};

int tone_of_mark(UChar32 c) {
    switch (c) {
        case 0x0301: return 1;
        case 0x0300: return 2;
        case 0x0309: return 3;
        case 0x0303: return 4;
        case 0x0323: return 5;
        default: return 0;
    }
}

bool is_ignorable(UChar32 c) { return c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF; }

CodePointInfo describe(UChar32 cp) {
    CodePointInfo info;
    if (is_ignorable(cp)) {
        info.kind = CodePointInfo::Ignorable;
        return info;
    }
    auto type = u_charType(cp);
    bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
    bool letter = u_isalnum(cp) != 0;
    if (!mark && !letter) return info;
    info.kind = mark ? CodePointInfo::Mark : CodePointInfo::WordChar;

    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString one(cp);
    one.foldCase();
    auto decomposed = normalizer(false).normalize(one, status);
    if (U_FAILURE(status)) return CodePointInfo{};
    icu::UnicodeString folded, exact;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        int tone = tone_of_mark(c);
        if (tone != 0 && info.tone == 0) {
            info.tone = std::uint8_t(tone);
            continue;
        }
        auto t = u_charType(c);
        bool is_mark = t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
        if (!is_mark) folded.append(c == 0x0111 || c == 0x0110 || c == 0x00F0 || c == 0x00D0 ? UChar32('d') : c);
        exact.append(c == 0x00F0 ? UChar32(0x0111) : c);  // the look-alike ð is written as đ
    }
    if (info.kind == CodePointInfo::Mark) {
        // A lone combining mark (decomposed input) adds nothing to the folded key, except the few
        // that case-fold to a letter (Greek ypogegrammeni → ι); to the exact key it adds itself, and
        // the key is composed again at the end of the word.
        info.composes = !exact.isEmpty();
        folded.toUTF8String(info.folded);
        exact.toUTF8String(info.exact);
        return info;
    }
    auto composed = normalizer(true).normalize(exact, status);
    if (U_FAILURE(status)) return CodePointInfo{};
    folded.toUTF8String(info.folded);
    composed.toUTF8String(info.exact);
    return info;
}

// Latin, its extensions, combining marks, Greek, Cyrillic and Latin Extended Additional (where the
// Vietnamese precomposed letters live) come from a table; the rest is described on demand.
constexpr UChar32 TABLE_SIZE = 0x2100;

const std::vector<CodePointInfo>& info_table() {
    static const std::vector<CodePointInfo> table = [] {
        std::vector<CodePointInfo> t(TABLE_SIZE);
        for (UChar32 cp = 0; cp < TABLE_SIZE; ++cp) {
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            t[cp] = describe(cp);
        }
        return t;
    }();
    return table;
}

// Decodes one code point at text[i]; returns its length, or 0 for an invalid sequence.
std::size_t decode_utf8(std::string_view text, std::size_t i, UChar32& cp) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    unsigned char c = s[i];
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    std::size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > n) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

// A word being assembled by tokenize_for_search.
struct WordBuilder {
    SearchToken token;
    int tone = 0;
    bool composes = false;
    bool active = false;

    void add(const CodePointInfo& info) {
        token.folded += info.folded;
        token.exact += info.exact;
        if (info.tone != 0 && tone == 0) tone = info.tone;
        composes = composes || info.composes;
    }

    void finish(std::vector<SearchToken>& out) {
        if (active && !token.folded.empty()) {
            if (composes) token.exact = to_nfc(token.exact);
            if (tone != 0) token.exact += char('0' + tone);
            token.has_diacritics = token.exact != token.folded;
            out.push_back(std::move(token));
        }
        token = SearchToken{};
        tone = 0;
        composes = false;
        active = false;
    }
};

}  // namespace

std::vector<SearchToken> tokenize_for_search(std::string_view text) {
    const auto& table = info_table();
    std::vector<SearchToken> out;
    WordBuilder word;
    std::size_t i = 0;
    while (i < text.size()) {
        UChar32 cp = 0;
        std::size_t len = decode_utf8(text, i, cp);
        if (len == 0) {  // an invalid byte ends the word and is skipped
            word.finish(out);
            ++i;
            continue;
        }
        CodePointInfo slow;
        const CodePointInfo* info;
        if (cp < TABLE_SIZE) {
            info = &table[cp];
        } else {
            slow = describe(cp);
            info = &slow;
        }
        switch (info->kind) {
            case CodePointInfo::Separator: word.finish(out); break;
            case CodePointInfo::Ignorable: break;
            case CodePointInfo::Mark:
                // A mark belongs to the word before it; a mark with no letter before it is dropped.
                if (word.active) {
                    word.add(*info);
                    word.token.end = i + len;
                }
                break;
            case CodePointInfo::WordChar:
                if (!word.active) {
                    word.active = true;
                    word.token.begin = i;
                }
                word.add(*info);
                word.token.end = i + len;
                break;
        }
        i += len;
    }
    word.finish(out);
    return out;
}

std::string tone_key(std::string_view word) {
    std::string key;
    for (auto& token : tokenize_for_search(word)) key += token.exact;
    return key;
}

std::string fold_for_search(std::string_view text) {
    std::string out;
    for (auto& token : tokenize_for_search(text)) {
        if (!out.empty()) out += ' ';
        out += token.folded;
    }
    return out;
}

std::string format_integer_vi(std::int64_t value) {
    bool negative = value < 0;
    std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(value) : std::uint64_t(value);
    std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string format_number_vi(double value, int decimals) {
    if (!std::isfinite(value)) return "–";
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    double scale = std::pow(10.0, decimals);
    double rounded = std::round(std::fabs(value) * scale);
    auto whole = std::int64_t(rounded / scale);
    auto fraction = std::int64_t(rounded - double(whole) * scale);
    std::string out = format_integer_vi(whole);
    if (value < 0 && rounded != 0) out = "-" + out;
    if (decimals > 0) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%0*lld", decimals, static_cast<long long>(fraction));
        out += ',';
        out += buffer;
    }
    return out;
}

}  // namespace cong::core
