#include "http/error_response.hpp"

#include "core/log.hpp"

#include <cstdio>

namespace cong::http {

std::string_view status_message(int status) {
    switch (status) {
        case 400: return "Yêu cầu không hợp lệ.";
        case 401: return "Vui lòng đăng nhập.";
        case 403: return "Bạn không có quyền truy cập.";
        case 404: return "Không tìm thấy trang.";
        case 405: return "Phương thức không được hỗ trợ cho địa chỉ này.";
        case 408: return "Hết thời gian chờ yêu cầu.";
        case 409: return "Dữ liệu bị xung đột.";
        case 413: return "Nội dung gửi lên quá lớn.";
        case 415: return "Định dạng nội dung không được hỗ trợ.";
        case 422: return "Dữ liệu không được chấp nhận.";
        case 429: return "Quá nhiều yêu cầu, vui lòng thử lại sau.";
        case 431: return "Phần đầu của yêu cầu quá lớn.";
        case 503: return "Máy chủ đang bận, vui lòng thử lại sau.";
        default: break;
    }
    return status >= 500 ? "Lỗi máy chủ, vui lòng thử lại sau." : "Yêu cầu không hợp lệ.";
}

std::string_view status_code_name(int status) {
    switch (status) {
        case 400: return "invalid_input";
        case 401: return "unauthorized";
        case 403: return "forbidden";
        case 404: return "not_found";
        case 405: return "method_not_allowed";
        case 408: return "request_timeout";
        case 409: return "conflict";
        case 413: return "payload_too_large";
        case 415: return "unsupported_media_type";
        case 422: return "unprocessable";
        case 429: return "too_many_requests";
        case 431: return "header_too_large";
        case 503: return "busy";
        default: break;
    }
    return status >= 500 ? "internal" : "invalid_input";
}

std::string json_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

Response error_response(std::string_view path, int status, std::string_view code, std::string_view message,
                        std::string_view field) {
    Response response;
    if (path.substr(0, 5) == "/api/") {
        std::string body = "{\"error\":{\"code\":" + json_quote(code) + ",\"message\":" + json_quote(message);
        if (!field.empty()) body += ",\"field\":" + json_quote(field);
        body += "}}";
        response = Response::json(std::move(body), status);
    } else {
        response = Response::text(std::string(message) + "\n", status);
    }
    response.cache_control = "no-store";
    return response;
}

Response error_response(std::string_view path, int status) {
    return error_response(path, status, status_code_name(status), status_message(status));
}

Response respond_error(const Request& request, const core::Error& error) {
    int status = core::errc_status(error.code);
    auto code = core::errc_code(error.code);
    if (status >= 500) {
        core::log::error("request failed", {{"id", request.request_id}, {"code", code}, {"detail", error.detail}});
    } else {
        core::log::info("request refused",
                        {{"id", request.request_id}, {"code", code}, {"detail", error.detail}, {"field", error.field}});
    }
    // A fault's detail is for the log; the reader only learns that something went wrong on our side.
    std::string_view message =
        status >= 500 || error.detail.empty() ? status_message(status) : std::string_view(error.detail);
    return error_response(request.path, status, code, message, error.field);
}

}  // namespace cong::http
