// Text fields from editors: checked for UTF-8, trimmed, normalised to NFC and held to a length.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::content {

enum class Required { Yes, No };

// label is the Vietnamese name of the field for the message ("Tiêu đề"); field is the API name ("title").
core::Result<std::string> clean_text_field(std::string_view value, std::size_t max_chars, Required required,
                                           std::string_view field, std::string_view label);

}  // namespace cong::content
