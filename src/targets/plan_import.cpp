#include "targets/plan_import.hpp"

#include <boost/json.hpp>

#include <map>

namespace cong::targets {
namespace {

namespace json = boost::json;
using core::Errc;
using core::Error;
using core::Result;

std::string text_of(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    return it != object.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

std::optional<double> number_of(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    if (it == object.end() || !it->value().is_number()) return std::nullopt;
    return it->value().to_number<double>();
}

const json::array* array_of(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    return it != object.end() && it->value().is_array() ? &it->value().as_array() : nullptr;
}

Error in_context(Error error, const std::string& where) {
    error.detail = where + ": " + error.detail;
    return error;
}

Result<ImportSummary> import_plan(TargetService& service, const json::object& p, const model::User& user) {
    ImportSummary summary;
    PlanInput plan_input;
    plan_input.title = text_of(p, "title");
    plan_input.slug = text_of(p, "slug");
    plan_input.description = text_of(p, "description");
    plan_input.year = int(number_of(p, "year").value_or(0));
    auto plan = service.create_plan(plan_input, user);
    if (!plan) return in_context(plan.error(), plan_input.title);
    ++summary.plans;

    std::map<std::string, std::int64_t> target_ids;
    if (const auto* targets = array_of(p, "targets")) {
        for (const auto& value : *targets) {
            if (!value.is_object()) return Error{Errc::InvalidInput, plan->title + ": a target is not an object"};
            const auto& t = value.as_object();
            TargetInput input;
            input.code = text_of(t, "code");
            input.name = text_of(t, "name");
            input.group_name = text_of(t, "group");
            input.unit = text_of(t, "unit");
            input.office = text_of(t, "office");
            std::string kind = text_of(t, "kind");
            auto parsed = model::parse_target_kind(kind.empty() ? "higher_is_better" : kind);
            if (!parsed) return Error{Errc::InvalidInput, plan->title + " / " + input.code + ": unknown kind " + kind};
            input.kind = *parsed;
            input.plan_value = number_of(t, "plan_value");
            input.plan_max = number_of(t, "plan_max");
            auto target = service.add_target(plan->id, input, user);
            if (!target) return in_context(target.error(), plan->title + " / " + input.code);
            target_ids[target->code] = target->id;
            ++summary.targets;
        }
    }
    if (const auto* reports = array_of(p, "reports")) {
        for (const auto& value : *reports) {
            if (!value.is_object()) return Error{Errc::InvalidInput, plan->title + ": a report is not an object"};
            const auto& r = value.as_object();
            auto figures = r.find("figures");
            if (figures == r.end() || !figures->value().is_object()) continue;
            const json::object* notes = nullptr;
            if (auto n = r.find("notes"); n != r.end() && n->value().is_object()) notes = &n->value().as_object();
            for (const auto& [code, figure] : figures->value().as_object()) {
                auto id = target_ids.find(std::string(code));
                if (id == target_ids.end())
                    return Error{Errc::InvalidInput, plan->title + ": no target with code " + std::string(code)};
                ReportInput input;
                input.period = text_of(r, "period");
                if (figure.is_number()) input.value = figure.to_number<double>();
                if (notes) input.note = text_of(*notes, code);
                auto report = service.enter_report(id->second, input, user);
                if (!report) return in_context(report.error(), plan->title + " / " + std::string(code));
                ++summary.reports;
            }
        }
    }
    return summary;
}

int int_of(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    return it != object.end() && it->value().is_int64() ? int(it->value().as_int64()) : 0;
}

}  // namespace

Result<ImportSummary> import_ntm(NtmService& service, const json::object& document, const model::User& user) {
    ImportSummary summary;
    std::map<std::string, std::int64_t> communes;
    if (const auto* list = array_of(document, "communes")) {
        for (const auto& value : *list) {
            if (!value.is_object()) return Error{Errc::InvalidInput, "a commune is not an object"};
            const auto& c = value.as_object();
            CommuneInput input{.name = text_of(c, "name")};
            if (auto merged = text_of(c, "merged_into"); !merged.empty()) {
                auto found = communes.find(merged);
                if (found == communes.end())
                    return Error{Errc::InvalidInput, input.name + ": unknown commune " + merged};
                input.merged_into = found->second;
            }
            auto commune = service.add_commune(input, user);
            if (!commune) return in_context(commune.error(), input.name);
            communes[commune->name] = commune->id;
            ++summary.communes;
        }
    }
    const auto* sets = array_of(document, "criteria_sets");
    if (!sets) return summary;
    for (const auto& value : *sets) {
        if (!value.is_object()) return Error{Errc::InvalidInput, "a criteria set is not an object"};
        const auto& s = value.as_object();
        CriteriaSetInput input{.title = text_of(s, "title"),
                               .slug = text_of(s, "slug"),
                               .decision_ref = text_of(s, "decision_ref"),
                               .level = text_of(s, "level"),
                               .first_year = int_of(s, "first_year"),
                               .last_year = int_of(s, "last_year")};
        if (const auto* criteria = array_of(s, "criteria")) {
            for (const auto& c : *criteria) {
                if (!c.is_object()) return Error{Errc::InvalidInput, input.title + ": a criterion is not an object"};
                input.criteria.push_back(
                    {int_of(c.as_object(), "number"), text_of(c.as_object(), "name"), text_of(c.as_object(), "group")});
            }
        }
        auto set = service.create_set(input, user);
        if (!set) return in_context(set.error(), input.title);
        ++summary.criteria_sets;
        const auto* assessments = array_of(s, "assessments");
        if (!assessments) continue;
        for (const auto& a : *assessments) {
            if (!a.is_object()) return Error{Errc::InvalidInput, input.title + ": an assessment is not an object"};
            const auto& entry = a.as_object();
            std::string name = text_of(entry, "commune");
            auto commune = communes.find(name);
            if (commune == communes.end()) return Error{Errc::InvalidInput, input.title + ": unknown commune " + name};
            for (bool met : {true, false}) {
                const auto* numbers = array_of(entry, met ? "met" : "unmet");
                if (!numbers) continue;
                for (const auto& number : *numbers) {
                    AssessmentInput assessment{.commune_id = commune->second,
                                               .criterion_number = number.is_int64() ? int(number.as_int64()) : 0,
                                               .met = met,
                                               .assessed_on = text_of(entry, "assessed_on"),
                                               .evidence = text_of(entry, "evidence")};
                    auto recorded = service.record_assessment(set->id, assessment, user);
                    if (!recorded) return in_context(recorded.error(), input.title + " / " + name);
                    ++summary.assessments;
                }
            }
        }
    }
    return summary;
}

Result<ImportSummary> import_plans(TargetService& service, const json::object& document, const model::User& user) {
    ImportSummary total;
    const auto* plans = array_of(document, "plans");
    if (!plans) return total;
    for (const auto& value : *plans) {
        if (!value.is_object()) return Error{Errc::InvalidInput, "a plan is not an object"};
        CONG_TRY(one, import_plan(service, value.as_object(), user));
        total.plans += one.plans;
        total.targets += one.targets;
        total.reports += one.reports;
    }
    return total;
}

}  // namespace cong::targets
