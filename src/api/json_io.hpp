// JSON in and out of the API: request bodies parsed with limits, typed field access, and the error shape.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/message.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::api {

// The contract's {"error": {...}} answer through http::respond_error, plus the Bearer challenge on 401.
http::Response error_response(const http::Request& request, const core::Error& error);
http::Response json_response(const boost::json::value& value, int status = 200);

// The body as a JSON object: InvalidInput for anything else (broken JSON, invalid UTF-8, too deep).
core::Result<boost::json::object> parse_json_object(std::string_view body);

// Typed optional fields: absent → nullopt, present with the wrong type → InvalidInput naming the field.
core::Result<std::optional<std::string>> string_field(const boost::json::object& object, std::string_view name);
core::Result<std::optional<bool>> bool_field(const boost::json::object& object, std::string_view name);
// Absent → nullopt; null → optional holding nullopt (an explicit "clear this").
core::Result<std::optional<std::optional<std::int64_t>>> nullable_id_field(const boost::json::object& object,
                                                                          std::string_view name);
core::Result<std::optional<std::optional<core::Timestamp>>> nullable_time_field(const boost::json::object& object,
                                                                               std::string_view name);

// A positive integer from a path segment; InvalidInput otherwise.
core::Result<std::int64_t> parse_id(std::string_view text);

}  // namespace cong::api
