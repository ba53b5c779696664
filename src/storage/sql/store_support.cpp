#include "storage/sql/store_support.hpp"

namespace cong::storage::sql {

std::size_t padded_count(std::size_t n) {
    std::size_t count = 1;
    while (count < n) count *= 2;
    return count;
}

std::string placeholders(std::size_t count) {
    std::string text;
    text.reserve(count * 3);
    for (std::size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
    return text;
}

std::string real_text(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc{}) return "0";
    return std::string(buffer, end);
}

std::optional<std::string> real_text(const std::optional<double>& value) {
    if (!value) return std::nullopt;
    return real_text(*value);
}

Result<void> check_in_list(const std::vector<std::int64_t>& ids, std::string_view field) {
    if (ids.size() > MAX_IN_LIST) {
        return Error{core::Errc::InvalidInput, "Danh sách quá dài: tối đa " + std::to_string(MAX_IN_LIST) + " mục.",
                     std::string(field)};
    }
    return {};
}

Result<void> check_search_query(const SearchQuery& query) {
    CONG_TRY_VOID(check_in_list(query.category_ids, "category"));
    if (query.terms.empty()) return Error{core::Errc::InvalidInput, "Thiếu từ khóa tìm kiếm.", "q"};
    for (const auto& term : query.terms)
        if (term.words.empty()) return Error{core::Errc::InvalidInput, "Thiếu từ khóa tìm kiếm.", "q"};
    if (query.limit < 0 || query.limit > MAX_LIST_LIMIT)
        return Error{core::Errc::InvalidInput, "Số kết quả mỗi trang không hợp lệ.", "limit"};
    if (query.offset < 0) return Error{core::Errc::InvalidInput, "Vị trí bắt đầu không được âm.", "offset"};
    return {};
}

}  // namespace cong::storage::sql
