// Request target: the path and query of a request line, decoded and checked before anything routes on it.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace cong::http {

struct Target {
    std::string path;   // percent-decoded: valid UTF-8, no NUL or control bytes, no backslash, no "."/".." segment
    std::string query;  // raw, after '?'
};

// Splits and checks a request target ("/tim-kiem?q=n%C3%B4ng"; the absolute form "http://host/x" is accepted
// too). Anything that could name a file outside the intended tree (".." even when encoded as %2e%2e, %2f
// smuggling a slash next to one, backslashes) is InvalidInput, never a path.
core::Result<Target> parse_target(std::string_view target);

}  // namespace cong::http
