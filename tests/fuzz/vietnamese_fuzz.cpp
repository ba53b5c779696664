// libFuzzer target for the Vietnamese normaliser (core/vietnamese): any bytes must be tokenised without
// a crash or an out-of-range offset, and on valid UTF-8 folding must be idempotent and blind to NFC/NFD.
#include "core/vietnamese.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property broken: %s\n", what);
        std::abort();
    }
}

std::string to_nfd(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto* nfd = icu::Normalizer2::getNFDInstance(status);
    auto input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    auto output = nfd->normalize(input, status);
    std::string out;
    output.toUTF8String(out);
    return out;
}

std::string folded_keys(std::string_view text) {
    std::string out;
    for (const auto& t : cong::core::tokenize_for_search(text)) out += t.folded + ' ';
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto tokens = cong::core::tokenize_for_search(text);
    std::size_t previous_end = 0;
    for (const auto& t : tokens) {
        check(t.begin < t.end && t.end <= size, "token offsets lie inside the text");
        check(t.begin >= previous_end, "tokens do not overlap and come in order");
        check(!t.folded.empty() && !t.exact.empty(), "a token has keys");
        check(cong::core::is_valid_utf8(t.folded) && cong::core::is_valid_utf8(t.exact), "keys are valid UTF-8");
        previous_end = t.end;
    }
    if (!cong::core::is_valid_utf8(text)) return 0;

    // Folding twice changes nothing, for the display fold and for the search keys.
    auto folded = cong::core::fold(text);
    check(cong::core::fold(folded) == folded, "fold is idempotent");
    auto keys = cong::core::fold_for_search(text);
    check(cong::core::fold_for_search(keys) == keys, "fold_for_search is idempotent");
    // The same text composed or decomposed gives the same folded keys.
    auto nfc = cong::core::to_nfc(text);
    check(folded_keys(nfc) == folded_keys(to_nfd(text)), "NFC and NFD fold to the same keys");
    return 0;
}
