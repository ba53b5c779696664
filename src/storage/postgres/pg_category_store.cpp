#include "storage/postgres/pg_store_support.hpp"
#include "storage/postgres/pg_stores.hpp"

namespace cong::storage::postgres {
namespace {

constexpr auto CATEGORY_COLUMNS = "id, site_id, parent_id, name, slug, description, position, in_menu";

Result<model::Category> read_category(PgColumns& c) {
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
// order of a menu. Keys are fixed-width so text order (bytewise: COLLATE "C") is number order; position is shifted by 2^31
// because it may be negative. A category whose parents form a cycle is reachable from no root, so
// the recursion ends; services refuse such a parent before it is written.
constexpr auto LIST_CATEGORIES_SQL = R"sql(
WITH RECURSIVE tree (id, path) AS (
    SELECT id, lpad((position + 2147483648)::text, 10, '0') || '.' || lpad(id::text, 19, '0') || '/'
    FROM categories
    WHERE site_id = ?1 AND parent_id IS NULL
  UNION ALL
    SELECT child.id,
           tree.path || lpad((child.position + 2147483648)::text, 10, '0') || '.' || lpad(child.id::text, 19, '0') || '/'
    FROM categories AS child
    JOIN tree ON child.site_id = ?1 AND child.parent_id = tree.id
)
SELECT c.id, c.site_id, c.parent_id, c.name, c.slug, c.description, c.position, c.in_menu
FROM tree
JOIN categories AS c ON c.id = tree.id
ORDER BY tree.path COLLATE "C"
)sql";

}  // namespace

Result<std::optional<model::Category>> PgCategoryStore::find_category(std::int64_t id) {
    CONG_TRY(statement,
             connection_.prepare(std::string("SELECT ") + CATEGORY_COLUMNS + " FROM categories WHERE id = ?"));
    statement.bind_all(id);
    return query_optional<model::Category>(statement, read_category);
}

Result<std::optional<model::Category>> PgCategoryStore::find_category_by_slug(std::int64_t site_id,
                                                                                  std::string_view slug) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT ") + CATEGORY_COLUMNS +
                                            " FROM categories WHERE site_id = ? AND slug = ?"));
    statement.bind_all(site_id, slug);
    return query_optional<model::Category>(statement, read_category);
}

Result<std::vector<model::Category>> PgCategoryStore::list_categories(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare(LIST_CATEGORIES_SQL));
    statement.bind_all(site_id);
    return query_all<model::Category>(statement, read_category);
}

Result<std::int64_t> PgCategoryStore::insert_category(const model::Category& category) {
    CONG_TRY(statement, connection_.prepare(
                            "INSERT INTO categories (site_id, parent_id, name, slug, description, position, in_menu) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    statement.bind_all(category.site_id, category.parent_id, category.name, category.slug, category.description,
                       category.position, category.in_menu);
    return returned_id(statement);
}

Result<void> PgCategoryStore::update_category(const model::Category& category) {
    // site_id stays: a category belongs to the site it was made in.
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE categories SET parent_id = ?, name = ?, slug = ?, description = ?, position = ?, "
                            "in_menu = ? WHERE id = ?"));
    statement.bind_all(category.parent_id, category.name, category.slug, category.description, category.position,
                       category.in_menu, category.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "chuyên mục");
}

}  // namespace cong::storage::postgres
