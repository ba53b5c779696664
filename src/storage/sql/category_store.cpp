#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

constexpr auto CATEGORY_COLUMNS = "id, site_id, parent_id, name, slug, description, position, in_menu";

template <class Engine>
Result<model::Category> read_category(typename Engine::Columns& c) {
    model::Category category;
    category.id = c.int64();
    category.site_id = c.int64();
    category.parent_id = c.optional_int64();
    category.name = c.text();
    category.slug = c.text();
    category.description = c.text();
    category.position = c.integer();
    category.in_menu = c.boolean();
    return category;
}

// Depth-first from the roots: each row carries the path of (position, id) keys from its root, and
// sorting by that path puts every parent right before its children and siblings by position, the
// order of a menu. Keys are fixed-width (Engine::menu_key) so text order, compared bytewise, is number
// order; position is shifted by 2^31 because it may be negative. A category whose parents form a cycle
// is reachable from no root, so the recursion ends; services refuse such a parent before it is written.
// Built once per engine: the menu is read on every page render that misses the cache.
template <class Engine>
const std::string& list_categories_sql() {
    // clang-format off
    static const std::string sql =
        "WITH RECURSIVE tree (id, path) AS (\n"
        "    SELECT id, " + Engine::menu_key("position + 2147483648", "id") + "\n"
        "    FROM categories\n"
        "    WHERE site_id = ?1 AND parent_id IS NULL\n"
        "  UNION ALL\n"
        "    SELECT child.id, tree.path || " + Engine::menu_key("child.position + 2147483648", "child.id") + "\n"
        "    FROM categories AS child\n"
        "    JOIN tree ON child.site_id = ?1 AND child.parent_id = tree.id\n"
        ")\n"
        "SELECT c.id, c.site_id, c.parent_id, c.name, c.slug, c.description, c.position, c.in_menu\n"
        "FROM tree\n"
        "JOIN categories AS c ON c.id = tree.id\n"
        "ORDER BY tree.path" + std::string(Engine::BYTEWISE);
    // clang-format on
    return sql;
}

}  // namespace

template <class Engine>
Result<std::optional<model::Category>> CategoryStoreOn<Engine>::find_category(std::int64_t id) {
    CONG_TRY(statement,
             connection_.prepare(std::string("SELECT ") + CATEGORY_COLUMNS + " FROM categories WHERE id = ?"));
    statement.bind_all(id);
    return query_optional<model::Category>(statement, read_category<Engine>);
}

template <class Engine>
Result<std::optional<model::Category>> CategoryStoreOn<Engine>::find_category_by_slug(std::int64_t site_id,
                                                                                      std::string_view slug) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT ") + CATEGORY_COLUMNS +
                                            " FROM categories WHERE site_id = ? AND slug = ?"));
    statement.bind_all(site_id, slug);
    return query_optional<model::Category>(statement, read_category<Engine>);
}

template <class Engine>
Result<std::vector<model::Category>> CategoryStoreOn<Engine>::list_categories(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare(list_categories_sql<Engine>()));
    statement.bind_all(site_id);
    return query_all<model::Category>(statement, read_category<Engine>);
}

template <class Engine>
Result<std::int64_t> CategoryStoreOn<Engine>::insert_category(const model::Category& category) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO categories (site_id, parent_id, name, slug, description, position, in_menu) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(category.site_id, category.parent_id, category.name, category.slug, category.description,
                       category.position, category.in_menu);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> CategoryStoreOn<Engine>::update_category(const model::Category& category) {
    // site_id stays: a category belongs to the site it was made in.
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE categories SET parent_id = ?, name = ?, slug = ?, description = ?, position = ?, "
                            "in_menu = ? WHERE id = ?"));
    statement.bind_all(category.parent_id, category.name, category.slug, category.description, category.position,
                       category.in_menu, category.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "chuyên mục");
}

template class CategoryStoreOn<sqlite::Engine>;
template class CategoryStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
