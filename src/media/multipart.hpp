// Multipart form data: the parts of a multipart/form-data request body (RFC 7578), as views into that body.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cong::media {

// Limits on what one form may hold. The body size itself is limited by the HTTP server.
constexpr std::size_t MAX_FORM_PARTS = 16;              // an upload form has a file and a few text fields
constexpr std::size_t MAX_PART_HEADER_BYTES = 8 * 1024; // per part: far above what any browser sends
constexpr std::size_t MAX_BOUNDARY_LENGTH = 70;         // RFC 2046 §5.1.1

// One field of a form. data points into the body given to parse_multipart, so it lives as long as that body.
struct FormPart {
    std::string name;          // the field name, "file"
    std::string filename;      // display name only, directories stripped ("22 (3).jpg"); empty for text fields
    std::string content_type;  // the part's media type as the client declared it, lower case; empty when absent
    std::string_view data;
};

// The boundary parameter of a multipart/form-data Content-Type header value, unquoted.
core::Result<std::string> multipart_boundary(std::string_view content_type);

// Splits body into its parts, in order. InvalidInput (with a Vietnamese message) for a Content-Type that is
// not multipart/form-data with a valid boundary, a body without that boundary, a truncated body, a missing
// final boundary, a part without a field name, more than MAX_FORM_PARTS parts, or oversized part headers.
core::Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body);

// The first part named name, or nullptr.
const FormPart* find_form_part(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace cong::media
