#include "targets/ntm_import.hpp"

#include <boost/json.hpp>

#include <map>

namespace cong::targets {
namespace {

using core::Errc;
using core::Error;
using core::Result;
namespace json = boost::json;

std::string text_of(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

int int_of(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_int64() ? int(it->value().as_int64()) : 0;
}

const json::array* array_of(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_array() ? &it->value().as_array() : nullptr;
}

Error in_context(const Error& error, const std::string& where) {
    return Error{error.code, where + ": " + error.detail, error.field};
}

template <class T>
Result<T> enum_of(const json::object& o, std::string_view key, T fallback, std::optional<T> (*parse)(std::string_view)) {
    auto text = text_of(o, key);
    if (text.empty()) return fallback;
    auto value = parse(text);
    if (!value) return Error{Errc::InvalidInput, "unknown " + std::string(key) + " \"" + text + "\""};
    return *value;
}

Result<CriteriaSetInput> set_input(const json::object& s) {
    CriteriaSetInput input{.title = text_of(s, "title"),
                           .slug = text_of(s, "slug"),
                           .decision_ref = text_of(s, "decision_ref"),
                           .level = text_of(s, "level"),
                           .first_year = int_of(s, "first_year"),
                           .last_year = int_of(s, "last_year")};
    CONG_TRY(unit_level, enum_of(s, "unit_level", model::NtmUnitLevel::Commune, model::parse_ntm_unit_level));
    CONG_TRY(rank, enum_of(s, "rank", model::NtmRank::Standard, model::parse_ntm_rank));
    CONG_TRY(zone_kind, enum_of(s, "zone_kind", model::NtmZoneKind::None, model::parse_ntm_zone_kind));
    input.unit_level = unit_level;
    input.rank = rank;
    input.zone_kind = zone_kind;
    if (const auto* zones = array_of(s, "zones"))
        for (const auto& z : *zones)
            if (z.is_object()) input.zones.push_back({text_of(z.as_object(), "code"), text_of(z.as_object(), "name")});
    if (const auto* criteria = array_of(s, "criteria"))
        for (const auto& c : *criteria)
            if (c.is_object())
                input.criteria.push_back(
                    {int_of(c.as_object(), "number"), text_of(c.as_object(), "name"), text_of(c.as_object(), "group")});
    if (const auto* indicators = array_of(s, "indicators")) {
        for (const auto& value : *indicators) {
            if (!value.is_object()) return Error{Errc::InvalidInput, "an indicator is not an object"};
            const auto& i = value.as_object();
            CONG_TRY(kind, enum_of(i, "kind", model::IndicatorKind::YesNo, model::parse_indicator_kind));
            IndicatorInput indicator{.criterion_number = int_of(i, "criterion"),
                                     .code = text_of(i, "code"),
                                     .name = text_of(i, "name"),
                                     .unit = text_of(i, "unit"),
                                     .kind = kind};
            if (auto t = i.find("thresholds"); t != i.end() && t->value().is_object())
                for (const auto& threshold : t->value().as_object())
                    if (threshold.value().is_number())
                        indicator.thresholds.push_back(
                            {std::string(threshold.key()), threshold.value().to_number<double>()});
            input.indicators.push_back(std::move(indicator));
        }
    }
    return input;
}

}  // namespace

Result<NtmImportSummary> import_ntm_catalogue(NtmService& ntm, OcopService& ocop, const json::object& document,
                                               const model::User& user) {
    NtmImportSummary summary;
    CONG_TRY(existing, ntm.list_communes());
    std::map<std::string, std::int64_t> communes;
    for (const auto& c : existing) communes[c.name] = c.id;
    auto commune_named = [&](const std::string& name) -> Result<std::int64_t> {
        auto found = communes.find(name);
        if (found == communes.end()) return Error{Errc::InvalidInput, "unknown commune " + name};
        return found->second;
    };

    if (const auto* sets = array_of(document, "ntm_sets")) {
        for (const auto& value : *sets) {
            if (!value.is_object()) return Error{Errc::InvalidInput, "a criteria set is not an object"};
            const auto& s = value.as_object();
            auto title = text_of(s, "title");
            auto input = set_input(s);
            if (!input) return in_context(input.error(), title);
            auto set = ntm.create_set(*input, user);
            if (!set) return in_context(set.error(), title);
            ++summary.sets;
            summary.indicators += int(input->indicators.size());
            if (auto zones = s.find("commune_zones"); zones != s.end() && zones->value().is_object()) {
                for (const auto& z : zones->value().as_object()) {
                    auto commune = commune_named(std::string(z.key()));
                    if (!commune) return in_context(commune.error(), title);
                    if (!z.value().is_string()) return Error{Errc::InvalidInput, title + ": a zone is not a code"};
                    auto done = ntm.set_commune_zone(set->id, *commune, std::string(z.value().as_string()), user);
                    if (!done) return in_context(done.error(), title + ", " + std::string(z.key()));
                }
            }
            if (const auto* assessments = array_of(s, "assessments")) {
                for (const auto& a : *assessments) {
                    if (!a.is_object()) return Error{Errc::InvalidInput, title + ": an assessment is not an object"};
                    const auto& o = a.as_object();
                    auto name = text_of(o, "commune");
                    auto commune = commune_named(name);
                    if (!commune) return in_context(commune.error(), title);
                    for (auto [key, met] : {std::pair{"met", true}, std::pair{"unmet", false}}) {
                        const auto* numbers = array_of(o, key);
                        if (!numbers) continue;
                        for (const auto& n : *numbers) {
                            if (!n.is_int64()) return Error{Errc::InvalidInput, title + ": a criterion is not a number"};
                            auto recorded = ntm.record_assessment(set->id,
                                                                  {.commune_id = *commune,
                                                                   .criterion_number = int(n.as_int64()),
                                                                   .met = met,
                                                                   .assessed_on = text_of(o, "assessed_on"),
                                                                   .evidence = text_of(o, "evidence")},
                                                                  user);
                            if (!recorded) return in_context(recorded.error(), title + ", " + name);
                            ++summary.assessments;
                        }
                    }
                }
            }
        }
    }

    if (const auto* products = array_of(document, "ocop_products")) {
        for (const auto& value : *products) {
            if (!value.is_object()) return Error{Errc::InvalidInput, "an OCOP product is not an object"};
            const auto& p = value.as_object();
            OcopProductInput input{.name = text_of(p, "name"),
                                   .slug = text_of(p, "slug"),
                                   .stars = int_of(p, "stars"),
                                   .producer = text_of(p, "producer"),
                                   .group_code = text_of(p, "group"),
                                   .year_recognised = int_of(p, "year_recognised"),
                                   .decision_ref = text_of(p, "decision_ref"),
                                   .description = text_of(p, "description")};
            if (auto demo = p.find("demo"); demo != p.end() && demo->value().is_bool()) input.demo = demo->value().as_bool();
            if (auto name = text_of(p, "commune"); !name.empty()) {
                auto commune = commune_named(name);
                if (!commune) return in_context(commune.error(), input.name);
                input.commune_id = *commune;
            }
            auto made = ocop.create(input, user, "");
            if (!made) return in_context(made.error(), input.name);
            ++summary.products;
        }
    }
    return summary;
}

}  // namespace cong::targets
