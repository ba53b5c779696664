#include "storage/postgres/pg_store_support.hpp"

namespace cong::storage::postgres {

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

int bind_padded(PgStatement& statement, int index, const std::vector<std::int64_t>& ids) {
    auto count = padded_count(ids.size());
    for (std::size_t i = 0; i < count; ++i) statement.bind(index++, ids[i < ids.size() ? i : ids.size() - 1]);
    return index;
}

Result<void> check_in_list(const std::vector<std::int64_t>& ids, std::string_view field) {
    if (ids.size() > MAX_IN_LIST) {
        return Error{core::Errc::InvalidInput, "Danh sách quá dài: tối đa " + std::to_string(MAX_IN_LIST) + " mục.",
                     std::string(field)};
    }
    return {};
}

Result<std::int64_t> returned_id(PgStatement& statement) {
    CONG_TRY(has_row, statement.step());
    if (!has_row) return Error{core::Errc::Internal, "PostgreSQL: INSERT … RETURNING id gave no row"};
    return statement.int64(0);
}

Result<void> require_changed(const PgStatement& statement, std::string_view what) {
    if (statement.changes() == 0) return Error{core::Errc::NotFound, "Không tìm thấy " + std::string(what) + "."};
    return {};
}

}  // namespace cong::storage::postgres
