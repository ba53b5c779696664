// Error responses: the one place where an error becomes an HTTP answer — JSON under /api/, Vietnamese text elsewhere.
#pragma once

#include "core/result.hpp"
#include "http/message.hpp"

#include <string_view>

namespace cong::http {

// {"error":{"code":code,"message":message}} (plus "field" when given) for paths under /api/,
// else the message as Vietnamese plain text. Always Cache-Control: no-store.
Response error_response(std::string_view path, int status, std::string_view code, std::string_view message,
                        std::string_view field = {});
// The same with the standard code and Vietnamese message of a status (400, 404, 405, 413, 431, 500, 503…).
Response error_response(std::string_view path, int status);
// Turns an expected failure from a service into its response (status and code from core::errc_status and
// core::errc_code, message from Error::detail) and logs it once with the request id.
Response respond_error(const Request& request, const core::Error& error);

// The Vietnamese sentence for a status ("Không tìm thấy trang."), for pages and JSON alike.
std::string_view status_message(int status);
// The API code for a status when no core::Errc names it ("method_not_allowed", "header_too_large").
std::string_view status_code_name(int status);

// JSON string literal of text, quotes included; text must be UTF-8.
std::string json_quote(std::string_view text);

}  // namespace cong::http
