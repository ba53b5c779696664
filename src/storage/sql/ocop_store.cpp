// The OCOP half of TargetStoreOn: products and their photos.
#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

#include <map>

namespace cong::storage::sql {
namespace {

constexpr auto PRODUCT_COLUMNS =
    "p.id, p.site_id, p.slug, p.name, p.stars, p.producer, p.commune_id, coalesce(c.name, ''), p.group_code, "
    "p.year_recognised, p.decision_ref, p.description, p.demo, p.created_at, p.updated_at";

std::string select_products(std::string_view rest) {
    return std::string("SELECT ") + PRODUCT_COLUMNS +
           " FROM ocop_products p LEFT JOIN communes c ON c.id = p.commune_id " + std::string(rest);
}

template <class Engine>
Result<model::OcopProduct> read_product(typename Engine::Columns& c) {
    model::OcopProduct p;
    p.id = c.int64();
    p.site_id = c.int64();
    p.slug = c.text();
    p.name = c.text();
    p.stars = c.integer();
    p.producer = c.text();
    p.commune_id = c.optional_int64();
    p.commune_name = c.text();
    p.group_code = c.text();
    p.year_recognised = c.integer();
    p.decision_ref = c.text();
    p.description = c.text();
    p.demo = c.boolean();
    p.created_at = c.timestamp();
    p.updated_at = c.timestamp();
    return p;
}

struct MediaLink {
    std::int64_t product_id = 0;
    std::int64_t media_id = 0;
};

template <class Engine>
Result<MediaLink> read_link(typename Engine::Columns& c) {
    MediaLink link;
    link.product_id = c.int64();
    link.media_id = c.int64();
    return link;
}

}  // namespace

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_ocop_product(const model::OcopProduct& p) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO ocop_products (site_id, slug, name, stars, producer, commune_id, "
                            "group_code, year_recognised, decision_ref, description, demo, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(p.site_id, p.slug, p.name, p.stars, p.producer, p.commune_id, p.group_code, p.year_recognised,
                       p.decision_ref, p.description, p.demo, p.created_at, p.updated_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::update_ocop_product(const model::OcopProduct& p) {
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE ocop_products SET slug = ?, name = ?, stars = ?, producer = ?, commune_id = ?, "
                            "group_code = ?, year_recognised = ?, decision_ref = ?, description = ?, demo = ?, "
                            "updated_at = ? WHERE id = ?"));
    statement.bind_all(p.slug, p.name, p.stars, p.producer, p.commune_id, p.group_code, p.year_recognised,
                       p.decision_ref, p.description, p.demo, p.updated_at, p.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "ocop product");
}

template <class Engine>
Result<std::optional<model::OcopProduct>> TargetStoreOn<Engine>::find_ocop_product(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_products("WHERE p.id = ?")));
    statement.bind_all(id);
    CONG_TRY(product, query_optional<model::OcopProduct>(statement, read_product<Engine>));
    if (!product) return product;
    CONG_TRY(media, connection_.prepare("SELECT product_id, media_id FROM ocop_product_media WHERE product_id = ? "
                                        "ORDER BY position"));
    media.bind_all(id);
    CONG_TRY(links, query_all<MediaLink>(media, read_link<Engine>));
    for (const auto& link : links) product->media_ids.push_back(link.media_id);
    return product;
}

template <class Engine>
Result<std::optional<model::OcopProduct>> TargetStoreOn<Engine>::find_ocop_product_by_slug(std::int64_t site_id,
                                                                                           std::string_view slug) {
    std::int64_t id = 0;
    {
        CONG_TRY(statement, connection_.prepare("SELECT id FROM ocop_products WHERE site_id = ? AND slug = ?"));
        statement.bind_all(site_id, slug);
        CONG_TRY(has_row, statement.step());
        if (!has_row) return std::optional<model::OcopProduct>{};
        id = statement.int64(0);
    }
    return find_ocop_product(id);
}

template <class Engine>
Result<std::vector<model::OcopProduct>> TargetStoreOn<Engine>::list_ocop_products(std::int64_t site_id) {
    // A province lists a few hundred products; the cap keeps a runaway table from becoming one huge page.
    CONG_TRY(statement, connection_.prepare(
                            select_products("WHERE p.site_id = ? ORDER BY p.stars DESC, p.name, p.id LIMIT 5000")));
    statement.bind_all(site_id);
    CONG_TRY(products, query_all<model::OcopProduct>(statement, read_product<Engine>));
    CONG_TRY(media, connection_.prepare("SELECT m.product_id, m.media_id FROM ocop_product_media m "
                                        "JOIN ocop_products p ON p.id = m.product_id WHERE p.site_id = ? "
                                        "ORDER BY m.product_id, m.position"));
    media.bind_all(site_id);
    CONG_TRY(links, query_all<MediaLink>(media, read_link<Engine>));
    std::map<std::int64_t, std::vector<std::int64_t>> by_product;
    for (const auto& link : links) by_product[link.product_id].push_back(link.media_id);
    for (auto& product : products) {
        auto it = by_product.find(product.id);
        if (it != by_product.end()) product.media_ids = std::move(it->second);
    }
    return products;
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::set_ocop_product_media(std::int64_t product_id,
                                                           const std::vector<std::int64_t>& media_ids) {
    CONG_TRY(clear, connection_.prepare("DELETE FROM ocop_product_media WHERE product_id = ?"));
    clear.bind_all(product_id);
    CONG_TRY_VOID(clear.run());
    int position = 0;
    for (auto media_id : media_ids) {
        CONG_TRY(insert, connection_.prepare("INSERT INTO ocop_product_media (product_id, media_id, position) "
                                             "VALUES (?, ?, ?)"));
        insert.bind_all(product_id, media_id, position++);
        CONG_TRY_VOID(insert.run());
    }
    return {};
}

// The class is instantiated once, in target_store.cpp; the members defined in this file are instantiated here.
#define CONG_OCOP_MEMBERS(E)                                                                                          \
    template Result<std::int64_t> TargetStoreOn<E>::insert_ocop_product(const model::OcopProduct&);                   \
    template Result<void> TargetStoreOn<E>::update_ocop_product(const model::OcopProduct&);                           \
    template Result<std::optional<model::OcopProduct>> TargetStoreOn<E>::find_ocop_product(std::int64_t);             \
    template Result<std::optional<model::OcopProduct>> TargetStoreOn<E>::find_ocop_product_by_slug(std::int64_t,      \
                                                                                                   std::string_view); \
    template Result<std::vector<model::OcopProduct>> TargetStoreOn<E>::list_ocop_products(std::int64_t);              \
    template Result<void> TargetStoreOn<E>::set_ocop_product_media(std::int64_t, const std::vector<std::int64_t>&);
CONG_OCOP_MEMBERS(sqlite::Engine)
CONG_OCOP_MEMBERS(postgres::Engine)
#undef CONG_OCOP_MEMBERS

}  // namespace cong::storage::sql
