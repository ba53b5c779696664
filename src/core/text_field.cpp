#include "core/text_field.hpp"

#include "core/vietnamese.hpp"

namespace cong::core {

Result<std::string> clean_text_field(std::string_view value, std::size_t max_chars, Required required,
                                     LineBreaks line_breaks, std::string_view field, std::string_view label) {
    auto refuse = [&](std::string_view why) {
        return Error{Errc::InvalidInput, std::string(label) + " " + std::string(why), std::string(field)};
    };
    if (!is_valid_utf8(value)) return refuse("chứa ký tự không hợp lệ (không phải UTF-8)");
    std::string text = to_nfc(trim(value));
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        bool line_break = byte == '\n' || byte == '\r';
        bool c0 = byte < 0x20 && byte != '\t' && !(line_break && line_breaks == LineBreaks::Allowed);
        // DEL, and U+0080–U+009F (C1 controls, encoded C2 80–C2 9F), make HTML invalid and hide text.
        bool c1 = byte == 0x7F || (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0);
        if (c0 || c1) return refuse(line_break ? "không được xuống dòng" : "chứa ký tự điều khiển không được phép");
    }
    if (required == Required::Yes && text.empty()) return refuse("không được để trống");
    if (utf8_length(text) > max_chars)
        return refuse("không được dài quá " + format_integer_vi(static_cast<std::int64_t>(max_chars)) + " ký tự");
    return text;
}

}  // namespace cong::core
