#include "content/text_field.hpp"

#include "core/vietnamese.hpp"

namespace cong::content {

core::Result<std::string> clean_text_field(std::string_view value, std::size_t max_chars, Required required,
                                           std::string_view field, std::string_view label) {
    using core::Errc;
    if (!core::is_valid_utf8(value))
        return core::Error{Errc::InvalidInput, std::string(label) + " chứa ký tự không hợp lệ (không phải UTF-8)",
                           std::string(field)};
    for (unsigned char c : value) {
        // Control characters other than line breaks and tabs have no place in a title or caption.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
            return core::Error{Errc::InvalidInput, std::string(label) + " chứa ký tự điều khiển", std::string(field)};
    }
    std::string text = core::to_nfc(core::trim(value));
    if (required == Required::Yes && text.empty())
        return core::Error{Errc::InvalidInput, std::string(label) + " không được để trống", std::string(field)};
    if (core::utf8_length(text) > max_chars)
        return core::Error{Errc::InvalidInput,
                           std::string(label) + " dài quá " + std::to_string(max_chars) + " ký tự", std::string(field)};
    return text;
}

}  // namespace cong::content
