#include "core/result.hpp"

#include <stdexcept>

namespace cong::core {

std::string_view errc_code(Errc errc) {
    switch (errc) {
        case Errc::InvalidInput: return "invalid_input";
        case Errc::Unauthorized: return "unauthorized";
        case Errc::Forbidden: return "forbidden";
        case Errc::NotFound: return "not_found";
        case Errc::Conflict: return "conflict";
        case Errc::PayloadTooLarge: return "payload_too_large";
        case Errc::UnsupportedMediaType: return "unsupported_media_type";
        case Errc::Unprocessable: return "unprocessable";
        case Errc::TooManyRequests: return "too_many_requests";
        case Errc::Busy: return "busy";
        case Errc::Internal: return "internal";
    }
    return "internal";
}

int errc_status(Errc errc) {
    switch (errc) {
        case Errc::InvalidInput: return 400;
        case Errc::Unauthorized: return 401;
        case Errc::Forbidden: return 403;
        case Errc::NotFound: return 404;
        case Errc::Conflict: return 409;
        case Errc::PayloadTooLarge: return 413;
        case Errc::UnsupportedMediaType: return 415;
        case Errc::Unprocessable: return 422;
        case Errc::TooManyRequests: return 429;
        case Errc::Busy: return 503;
        case Errc::Internal: return 500;
    }
    return 500;
}

void throw_exception_from_error(Error const& error, boost::source_location const&) {
    throw std::runtime_error("unexpected error result: " + std::string(errc_code(error.code)) + ": " + error.detail);
}

}  // namespace cong::core
