#include "storage/postgres/pg_store_support.hpp"
#include "storage/postgres/pg_stores.hpp"

namespace cong::storage::postgres {
namespace {

constexpr auto SITE_COLUMNS =
    "id, name, slogan, host, owner, address, phone, email, responsible_person, licence, logo_media_id, "
    "primary_colour, accent_colour";

Result<model::Site> read_site(PgColumns& c) {
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

Result<std::optional<model::Site>> PgSiteStore::find_site(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_sites("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::Site>(statement, read_site);
}

Result<std::optional<model::Site>> PgSiteStore::find_site_by_host(std::string_view host) {
    CONG_TRY(statement, connection_.prepare(select_sites("WHERE lower(host) = lower(?)")));
    statement.bind_all(host);
    return query_optional<model::Site>(statement, read_site);
}

Result<std::vector<model::Site>> PgSiteStore::list_sites() {
    CONG_TRY(statement, connection_.prepare(select_sites("ORDER BY id")));
    return query_all<model::Site>(statement, read_site);
}

Result<std::int64_t> PgSiteStore::insert_site(const model::Site& site) {
    // The model has no creation time; the row keeps one for the record.
    CONG_TRY(statement,
             connection_.prepare("INSERT INTO sites (name, slogan, host, owner, address, phone, email, "
                                 "responsible_person, licence, logo_media_id, primary_colour, accent_colour, "
                                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(extract(epoch FROM now()) AS BIGINT)) RETURNING id"));
    statement.bind_all(site.name, site.slogan, site.host, site.owner, site.address, site.phone, site.email,
                       site.responsible_person, site.licence, site.logo_media_id, site.primary_colour,
                       site.accent_colour);
    return returned_id(statement);
}

Result<void> PgSiteStore::update_site(const model::Site& site) {
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

}  // namespace cong::storage::postgres
