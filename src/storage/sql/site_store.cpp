#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

constexpr auto SITE_COLUMNS =
    "id, name, slogan, host, owner, address, phone, email, responsible_person, licence, logo_media_id, "
    "primary_colour, accent_colour";

template <class Engine>
Result<model::Site> read_site(typename Engine::Columns& c) {
    model::Site site;
    site.id = c.int64();
    site.name = c.text();
    site.slogan = c.text();
    site.host = c.text();
    site.owner = c.text();
    site.address = c.text();
    site.phone = c.text();
    site.email = c.text();
    site.responsible_person = c.text();
    site.licence = c.text();
    site.logo_media_id = c.optional_int64();
    site.primary_colour = c.text();
    site.accent_colour = c.text();
    return site;
}

std::string select_sites(std::string_view rest) {
    return std::string("SELECT ") + SITE_COLUMNS + " FROM sites " + std::string(rest);
}

}  // namespace

template <class Engine>
Result<std::optional<model::Site>> SiteStoreOn<Engine>::find_site(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_sites("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::Site>(statement, read_site<Engine>);
}

template <class Engine>
Result<std::optional<model::Site>> SiteStoreOn<Engine>::find_site_by_host(std::string_view host) {
    // Hosts compare without regard to ASCII case (Engine::nocase_equals); built once per engine.
    static const std::string sql = select_sites("WHERE " + Engine::nocase_equals("host"));
    CONG_TRY(statement, connection_.prepare(sql));
    statement.bind_all(host);
    return query_optional<model::Site>(statement, read_site<Engine>);
}

template <class Engine>
Result<std::vector<model::Site>> SiteStoreOn<Engine>::list_sites() {
    CONG_TRY(statement, connection_.prepare(select_sites("ORDER BY id")));
    return query_all<model::Site>(statement, read_site<Engine>);
}

template <class Engine>
Result<std::int64_t> SiteStoreOn<Engine>::insert_site(const model::Site& site) {
    // The model has no creation time; the row keeps one for the record.
    static const std::string sql = with_returning_id<Engine>(
        "INSERT INTO sites (name, slogan, host, owner, address, phone, email, "
        "responsible_person, licence, logo_media_id, primary_colour, accent_colour, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " +
        std::string(Engine::NOW_EPOCH) + ")");
    CONG_TRY(statement, connection_.prepare(sql));
    statement.bind_all(site.name, site.slogan, site.host, site.owner, site.address, site.phone, site.email,
                       site.responsible_person, site.licence, site.logo_media_id, site.primary_colour,
                       site.accent_colour);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> SiteStoreOn<Engine>::update_site(const model::Site& site) {
    CONG_TRY(statement,
             connection_.prepare("UPDATE sites SET name = ?, slogan = ?, host = ?, owner = ?, address = ?, phone = ?, "
                                 "email = ?, responsible_person = ?, licence = ?, logo_media_id = ?, "
                                 "primary_colour = ?, accent_colour = ? WHERE id = ?"));
    statement.bind_all(site.name, site.slogan, site.host, site.owner, site.address, site.phone, site.email,
                       site.responsible_person, site.licence, site.logo_media_id, site.primary_colour,
                       site.accent_colour, site.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "cổng thông tin");
}

template class SiteStoreOn<sqlite::Engine>;
template class SiteStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
