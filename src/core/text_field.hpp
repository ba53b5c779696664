// Text fields from outside (titles, captions, names): checked for UTF-8, trimmed, normalised to NFC,
// cleared of control characters and held to a length — the same rules wherever text comes in.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::core {

enum class Required { Yes, No };
enum class LineBreaks { Allowed, Refused };

// label is the Vietnamese name of the field for the message ("Tiêu đề"); field is the API name ("title").
// Refuses invalid UTF-8, C0 and C1 control characters (tabs always pass, line breaks when allowed),
// an empty value when required, and more than max_chars characters.
Result<std::string> clean_text_field(std::string_view value, std::size_t max_chars, Required required,
                                     LineBreaks line_breaks, std::string_view field, std::string_view label);

}  // namespace cong::core
