// Display names of uploaded files: what is left of a client's file name once paths are removed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::media {

// The longest display name kept, in bytes: the common file-system limit, so a name shown can be saved as is.
constexpr std::size_t MAX_FILE_NAME_BYTES = 255;

// The last path component of name ("../../etc/passwd" → "passwd", "C:\x\y.jpg" → "y.jpg"), without
// control characters and surrounding spaces; "." and ".." become "". Only ever shown, never used as a path.
std::string display_file_name(std::string_view name);

// name cut to at most max_bytes without splitting a UTF-8 sequence, keeping a short extension
// ("….jpg") when there is one. name must be valid UTF-8.
std::string truncate_file_name(std::string_view name, std::size_t max_bytes = MAX_FILE_NAME_BYTES);

// The Content-Disposition value that shows a file in the browser under name (RFC 6266): an ASCII
// filename="…" for old clients (letters folded, quotes, backslashes and controls replaced) and
// filename*=UTF-8''… percent-encoded with the real name, Vietnamese letters and emoji included.
std::string content_disposition_inline(std::string_view name);

}  // namespace cong::media
