// NTM import: criteria sets with their levels, regions or commune groups, indicators and thresholds, the
// communes' zones and assessments, and OCOP products, from one JSON document — through the services' own
// rules; used for the demo portal.
#pragma once

#include "core/result.hpp"
#include "model/user.hpp"
#include "targets/ntm_service.hpp"
#include "targets/ocop_service.hpp"

#include <boost/json/object.hpp>

namespace cong::targets {

struct NtmImportSummary {
    int sets = 0;
    int indicators = 0;
    int assessments = 0;
    int products = 0;
};

// {"ntm_sets": [{"title", "slug", "decision_ref", "level", "unit_level", "rank", "zone_kind", "first_year",
// "last_year", "zones": [{"code", "name"}], "criteria": [{"number", "name", "group"}], "indicators": [{"criterion",
// "code", "name", "unit", "kind", "thresholds": {"<zone code or empty>": number}}], "commune_zones": {"<commune
// name>": "<zone code>"}, "assessments": [{"commune", "assessed_on", "evidence", "met": [numbers], "unmet":
// [numbers]}]}], "ocop_products": [{"name", "stars", "producer", "commune", "group", "year_recognised",
// "decision_ref", "description", "demo"}]}. Communes are named as they already exist (see import_ntm). Either
// key may be absent. The first failure stops the import and names the set or product; the caller's transaction
// decides what is kept.
core::Result<NtmImportSummary> import_ntm_catalogue(NtmService& ntm, OcopService& ocop,
                                                    const boost::json::object& document, const model::User& user);

}  // namespace cong::targets
