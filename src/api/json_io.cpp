#include "api/json_io.hpp"

#include "content/document.hpp"
#include "http/error_response.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>

namespace cong::api {

using core::Errc;
using core::Error;
using core::Result;

namespace {
// The article body sits one level inside the request object and has its own depth limit,
// which content::parse_document enforces with a precise message.
constexpr unsigned MAX_JSON_DEPTH = content::MAX_DOCUMENT_JSON_DEPTH + 1;

Error wrong_type(std::string_view name, std::string_view expected) {
    return Error{Errc::InvalidInput, "Trường \"" + std::string(name) + "\" phải là " + std::string(expected),
                 std::string(name)};
}
}  // namespace

http::Response error_response(const http::Request& request, const Error& error) {
    auto response = http::respond_error(request, error);
    if (error.code == Errc::Unauthorized) response.header("WWW-Authenticate", "Bearer");
    return response;
}

http::Response json_response(const boost::json::value& value, int status) {
    return http::Response::json(boost::json::serialize(value), status);
}

Result<boost::json::object> parse_json_object(std::string_view body) {
    if (body.empty()) return Error{Errc::InvalidInput, "Thiếu nội dung JSON trong yêu cầu"};
    boost::json::parse_options options;
    options.max_depth = MAX_JSON_DEPTH;
    boost::system::error_code ec;
    // Boost.JSON refuses invalid UTF-8 unless told otherwise, so every string below is valid UTF-8.
    boost::json::value value = boost::json::parse(body, ec, {}, options);
    if (ec) return Error{Errc::InvalidInput, "JSON không hợp lệ: " + ec.message()};
    if (!value.is_object()) return Error{Errc::InvalidInput, "Nội dung yêu cầu phải là một đối tượng JSON"};
    return std::move(value.as_object());
}

Result<std::optional<std::string>> string_field(const boost::json::object& object, std::string_view name) {
    auto it = object.find(name);
    if (it == object.end() || it->value().is_null()) return std::optional<std::string>{};
    if (!it->value().is_string()) return wrong_type(name, "chuỗi ký tự");
    return std::optional<std::string>{std::string(it->value().as_string())};
}

Result<std::optional<bool>> bool_field(const boost::json::object& object, std::string_view name) {
    auto it = object.find(name);
    if (it == object.end() || it->value().is_null()) return std::optional<bool>{};
    if (!it->value().is_bool()) return wrong_type(name, "true hoặc false");
    return std::optional<bool>{it->value().as_bool()};
}

Result<std::optional<std::optional<std::int64_t>>> nullable_id_field(const boost::json::object& object,
                                                                    std::string_view name) {
    using Out = std::optional<std::optional<std::int64_t>>;
    auto it = object.find(name);
    if (it == object.end()) return Out{};
    if (it->value().is_null()) return Out{std::optional<std::int64_t>{}};
    if (it->value().is_int64() && it->value().as_int64() > 0) return Out{it->value().as_int64()};
    if (it->value().is_uint64() && it->value().as_uint64() <= std::uint64_t(INT64_MAX) && it->value().as_uint64() > 0)
        return Out{std::int64_t(it->value().as_uint64())};
    return wrong_type(name, "một số nguyên dương");
}

Result<std::optional<std::optional<core::Timestamp>>> nullable_time_field(const boost::json::object& object,
                                                                         std::string_view name) {
    using Out = std::optional<std::optional<core::Timestamp>>;
    auto it = object.find(name);
    if (it == object.end()) return Out{};
    if (it->value().is_null()) return Out{std::optional<core::Timestamp>{}};
    if (!it->value().is_string()) return wrong_type(name, "thời điểm RFC 3339, ví dụ 2024-04-03T08:30:00+07:00");
    auto parsed = core::parse_rfc3339(std::string_view(it->value().as_string()));
    if (!parsed) return wrong_type(name, "thời điểm RFC 3339, ví dụ 2024-04-03T08:30:00+07:00");
    return Out{*parsed};
}

Result<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0)
        return Error{Errc::NotFound, "Không tìm thấy"};
    return id;
}

}  // namespace cong::api
