// Result and Error: the value-or-error type for everything a user or the network can cause.
#pragma once

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace cong::core {

// Kinds of expected failure. Each maps to one HTTP status and one API code in
// errc_status/errc_code (core/result.cpp); add a kind there when you add one here.
enum class Errc {
    InvalidInput,         // 400: malformed or out-of-range input
    Unauthorized,         // 401: no or bad credentials
    Forbidden,            // 403: authenticated, but not allowed
    NotFound,             // 404
    Conflict,             // 409: e.g. a slug that is taken
    PayloadTooLarge,      // 413
    UnsupportedMediaType, // 415: e.g. a text file uploaded as .jpg
    Unprocessable,        // 422: well-formed but refused, e.g. a document outside the schema
    TooManyRequests,      // 429
    Busy,                 // 503: the database is locked or the server is shutting down
    Internal,             // 500: a fault of ours, never of the input
};

std::string_view errc_code(Errc errc);  // stable API code, e.g. "invalid_input"
int errc_status(Errc errc);             // HTTP status

struct Error {
    Errc code = Errc::Internal;
    std::string detail;  // human-readable, safe to show (no internals)
    std::string field;   // the input field at fault, when there is one

    Error() = default;
    Error(Errc c, std::string d, std::string f = {}) : code(c), detail(std::move(d)), field(std::move(f)) {}
};

// Lets Result<T>::value() throw when a caller insists on a value that is not there.
[[noreturn]] void throw_exception_from_error(Error const& error, boost::source_location const& location);

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace cong::core

// Returns the error of a Result expression from the enclosing function, or yields its value.
#define CONG_TRY(var, expr)                                  \
    auto var##_result_ = (expr);                             \
    if (!var##_result_) return std::move(var##_result_).error(); \
    auto var = std::move(*var##_result_)

#define CONG_TRY_VOID(expr)                                  \
    do {                                                     \
        auto cong_try_result_ = (expr);                      \
        if (!cong_try_result_) return std::move(cong_try_result_).error(); \
    } while (0)
