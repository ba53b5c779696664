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

Result<void> check_in_list(const std::vector<std::int64_t>& ids, std::string_view field) {
    if (ids.size() > MAX_IN_LIST) {
        return Error{core::Errc::InvalidInput, "Danh sách quá dài: tối đa " + std::to_string(MAX_IN_LIST) + " mục.",
                     std::string(field)};
    }
    return {};
}

}  // namespace cong::storage::sql
