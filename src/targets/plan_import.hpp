// Plan import: a plan with its targets and figures from one JSON document, through the same service
// rules as the API — used for the demo portal's resolution.
#pragma once

#include "core/result.hpp"
#include "model/user.hpp"
#include "targets/ntm_service.hpp"
#include "targets/target_service.hpp"

#include <boost/json/object.hpp>

namespace cong::targets {

struct ImportSummary {
    int plans = 0;
    int targets = 0;
    int reports = 0;
    int criteria_sets = 0;
    int communes = 0;
    int assessments = 0;
};

// {"plans": [{"title", "slug", "year", "description", "targets": [{"code", "name", "group", "unit", "kind",
// "plan_value", "plan_max", "office"}], "reports": [{"period", "figures": {"<code>": number | null},
// "notes": {"<code>": "…"}}]}]}. The first failure stops the import and is returned with the plan's
// title and the target's code in its message; the caller's transaction decides what is kept.
core::Result<ImportSummary> import_plans(TargetService& service, const boost::json::object& document,
                                         const model::User& user);

// {"communes": [{"name", "merged_into"?: "<name>"}], "criteria_sets": [{"title", "slug", "decision_ref", "level",
// "first_year", "last_year", "criteria": [{"number", "name", "group"}], "assessments": [{"commune": "<name>",
// "assessed_on", "evidence", "met": [numbers], "unmet": [numbers]}]}]}. Communes are created in order, so one
// merged into another comes after it. Either key may be absent.
core::Result<ImportSummary> import_ntm(NtmService& service, const boost::json::object& document,
                                       const model::User& user);

}  // namespace cong::targets
