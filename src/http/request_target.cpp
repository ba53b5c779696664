#include "http/request_target.hpp"

#include "core/vietnamese.hpp"
#include "http/message.hpp"

namespace cong::http {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != prefix[i]) return false;
    }
    return true;
}

core::Error bad_target(std::string detail) { return core::Error{core::Errc::InvalidInput, std::move(detail), "path"}; }

}  // namespace

core::Result<Target> parse_target(std::string_view target) {
    // RFC 9112 §3.2.2: servers accept the absolute form even though only proxies need it.
    for (std::string_view scheme : {"http://", "https://"}) {
        if (starts_with_ignoring_case(target, scheme)) {
            auto rest = target.substr(scheme.size());
            auto slash = rest.find_first_of("/?");
            target = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
            if (!target.empty() && target.front() == '?') return bad_target("Đường dẫn không hợp lệ.");
            break;
        }
    }
    if (target.empty() || target.front() != '/') return bad_target("Đường dẫn không hợp lệ.");

    // A fragment is never sent by a browser; drop one rather than route on it.
    target = target.substr(0, target.find('#'));
    auto question = target.find('?');
    auto raw_path = target.substr(0, question);
    Target result;
    if (question != std::string_view::npos) result.query = std::string(target.substr(question + 1));

    auto decoded = percent_decode(raw_path, false);
    if (!decoded) return bad_target("Đường dẫn có mã thoát không hợp lệ.");
    for (char c : *decoded) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) return bad_target("Đường dẫn chứa ký tự điều khiển.");
        if (c == '\\') return bad_target("Đường dẫn chứa dấu gạch chéo ngược.");
    }
    if (!core::is_valid_utf8(*decoded)) return bad_target("Đường dẫn không phải UTF-8 hợp lệ.");

    // Segments are checked after decoding, so "%2e%2e" and "..%2f" are caught as well as "..".
    std::string_view rest = *decoded;
    rest.remove_prefix(1);
    for (;;) {
        auto slash = rest.find('/');
        auto segment = rest.substr(0, slash);
        if (segment == "." || segment == "..") return bad_target("Đường dẫn không được chứa \".\" hoặc \"..\".");
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    result.path = std::move(*decoded);
    return result;
}

}  // namespace cong::http
