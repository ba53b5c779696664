// OcopService: the OCOP product catalogue — products with their star rating (3–5★), producer, commune,
// product group, year recognised and photos; public listing with filters; every change audit-logged.
#pragma once

#include "audit/audit_log.hpp"
#include "core/change_listener.hpp"
#include "core/result.hpp"
#include "model/media.hpp"
#include "model/ocop.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cong::targets {

constexpr std::size_t MAX_OCOP_NAME_CHARS = 200;
constexpr std::size_t MAX_OCOP_PRODUCER_CHARS = 200;
constexpr std::size_t MAX_OCOP_DECISION_CHARS = 300;
constexpr std::size_t MAX_OCOP_DESCRIPTION_CHARS = 5000;
constexpr std::size_t MAX_OCOP_PHOTOS = 12;

struct OcopProductInput {
    std::string name;
    std::string slug;  // empty: derived from the name
    int stars = 0;
    std::string producer;
    std::optional<std::int64_t> commune_id;
    std::string group_code;  // one of model::OCOP_GROUPS
    int year_recognised = 0;
    std::string decision_ref;
    std::string description;
    bool demo = false;
    std::vector<std::int64_t> media_ids;  // photos of the site's library, first is the cover
};

// What a reader filters the listing by; empty means any.
struct OcopFilter {
    std::optional<int> stars;
    std::string group_code;
    std::optional<std::int64_t> commune_id;  // also matches products of communes merged into it
};

// The dependency tag of every page that shows OCOP products.
inline std::string ocop_tag(std::int64_t site_id) { return "ocop:" + std::to_string(site_id); }

class OcopService {
public:
    OcopService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    // Approvers and administrators keep the catalogue. InvalidInput names the field; Conflict for a slug in use.
    core::Result<model::OcopProduct> create(const OcopProductInput& input, const model::User& user,
                                            const std::string& ip);
    // NotFound for a product of another site.
    core::Result<model::OcopProduct> update(std::int64_t id, const OcopProductInput& input, const model::User& user,
                                            const std::string& ip);
    core::Result<std::optional<model::OcopProduct>> find(std::int64_t id);
    core::Result<std::optional<model::OcopProduct>> find_by_slug(std::string_view slug);
    // Most stars first, then by name in Vietnamese alphabetical order.
    core::Result<std::vector<model::OcopProduct>> list(const OcopFilter& filter = {});
    // The photos of the products, by media id (those deleted from the library are left out).
    core::Result<std::map<std::int64_t, model::Media>> photos(const std::vector<model::OcopProduct>& products);

private:
    core::Result<model::OcopProduct> checked(const OcopProductInput& input);
    void changed();

    storage::Database& db_;
    std::int64_t site_id_;
    core::ChangeListener* listener_ = nullptr;
};

// "★★★★☆"-free text for people and screen readers: "4 sao".
std::string stars_text(int stars);

}  // namespace cong::targets
