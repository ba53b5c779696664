#include "http/message.hpp"

#include "core/vietnamese.hpp"

namespace cong::http {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Calls visit(raw_name, raw_value) for each '&'-separated pair; stops when visit returns true.
template <class Visit>
void for_each_pair(std::string_view encoded, Visit visit) {
    while (!encoded.empty()) {
        auto amp = encoded.find('&');
        auto pair = encoded.substr(0, amp);
        encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
        if (pair.empty()) continue;
        auto equals = pair.find('=');
        auto raw_name = pair.substr(0, equals);
        auto raw_value = equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
        if (visit(raw_name, raw_value)) return;
    }
}

std::optional<std::string> decode_form_text(std::string_view raw) {
    auto decoded = percent_decode(raw, true);
    if (!decoded || !core::is_valid_utf8(*decoded)) return std::nullopt;
    return decoded;
}

}  // namespace

std::string_view to_string(Method method) {
    switch (method) {
        case Method::Get: return "GET";
        case Method::Head: return "HEAD";
        case Method::Post: return "POST";
        case Method::Put: return "PUT";
        case Method::Delete: return "DELETE";
        case Method::Patch: return "PATCH";
        case Method::Options: return "OPTIONS";
        case Method::Other: break;
    }
    return "OTHER";
}

Method method_from_string(std::string_view token) {
    for (Method method : {Method::Get, Method::Head, Method::Post, Method::Put, Method::Delete, Method::Patch,
                          Method::Options}) {
        if (token == to_string(method)) return method;
    }
    return Method::Other;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
    for (const auto& h : headers) {
        if (iequals(h.name, name)) return std::string_view(h.value);
    }
    return std::nullopt;
}

std::string Request::header_list(std::string_view name) const {
    std::string joined;
    for (const auto& field : headers) {
        if (!iequals(field.name, name)) continue;
        if (!joined.empty()) joined += ',';
        joined += field.value;
    }
    return joined;
}

std::optional<std::string> Request::query_param(std::string_view name) const { return urlencoded_value(query, name); }

std::string_view Request::param(std::string_view name) const {
    for (const auto& [key, value] : path_params) {
        if (key == name) return value;
    }
    return {};
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    // Proxies speaking HTTP/2 upstream may split cookies over several Cookie headers.
    for (const auto& h : headers) {
        if (!iequals(h.name, "cookie")) continue;
        std::string_view list = h.value;
        while (!list.empty()) {
            auto semicolon = list.find(';');
            auto item = trim(list.substr(0, semicolon));
            list = semicolon == std::string_view::npos ? std::string_view{} : list.substr(semicolon + 1);
            auto equals = item.find('=');
            if (equals == std::string_view::npos || trim(item.substr(0, equals)) != name) continue;
            auto value = trim(item.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
    }
    return std::nullopt;
}

Response Response::html(std::string body, int status) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response Response::text(std::string body, int status) {
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = std::move(body);
    return response;
}

Response Response::json(std::string body, int status) {
    Response response;
    response.status = status;
    response.content_type = "application/json; charset=utf-8";
    response.body = std::move(body);
    return response;
}

Response Response::redirect(std::string location, int status) {
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.header("Location", std::move(location));
    return response;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (text.size() - i < 3) return std::nullopt;
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char HEX[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                          byte == '-' || byte == '.' || byte == '_' || byte == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += HEX[byte >> 4];
            out += HEX[byte & 0x0F];
        }
    }
    return out;
}

std::optional<std::string> urlencoded_value(std::string_view encoded, std::string_view name) {
    std::optional<std::string> found;
    for_each_pair(encoded, [&](std::string_view raw_name, std::string_view raw_value) {
        auto decoded_name = decode_form_text(raw_name);
        if (!decoded_name || *decoded_name != name) return false;
        found = decode_form_text(raw_value);
        return true;
    });
    return found;
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view encoded) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for_each_pair(encoded, [&](std::string_view raw_name, std::string_view raw_value) {
        auto decoded_name = decode_form_text(raw_name);
        auto decoded_value = decode_form_text(raw_value);
        if (decoded_name && decoded_value) pairs.emplace_back(std::move(*decoded_name), std::move(*decoded_value));
        return false;
    });
    return pairs;
}

}  // namespace cong::http
