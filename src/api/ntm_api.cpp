#include "api/json_io.hpp"
#include "api/ntm_api.hpp"
#include "api/target_api.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace cong::api {
namespace {

using core::Errc;
using core::Error;
using core::Result;
namespace json = boost::json;

Error wrong_type(std::string_view name, std::string_view expected) {
    return Error{Errc::InvalidInput, "Trường \"" + std::string(name) + "\" phải là " + std::string(expected),
                 std::string(name)};
}

Result<int> required_int(const json::object& object, std::string_view name, int min, int max) {
    auto it = object.find(name);
    if (it != object.end() && it->value().is_int64() && it->value().as_int64() >= min && it->value().as_int64() <= max)
        return int(it->value().as_int64());
    return wrong_type(name, "một số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max));
}

json::object set_json(const model::CriteriaSet& set) {
    return json::object{
        {"id", set.id},
        {"slug", set.slug},
        {"url", "/tieu-chi-nong-thon-moi/" + set.slug},
        {"title", set.title},
        {"decision_ref", set.decision_ref},
        {"level", set.level},
        {"first_year", set.first_year},
        {"last_year", set.last_year},
        {"unit_level", model::to_string(set.unit_level)},
        {"rank", model::to_string(set.rank)},
        {"zone_kind", model::to_string(set.zone_kind)},
    };
}

json::value number_or_null(const std::optional<double>& value) {
    if (!value) return nullptr;
    if (std::floor(*value) == *value && std::fabs(*value) < 1e15) return json::value(std::int64_t(*value));
    return json::value(*value);
}

Result<std::optional<double>> optional_number(const json::object& object, std::string_view name) {
    auto it = object.find(name);
    if (it == object.end() || it->value().is_null()) return std::optional<double>{};
    if (!it->value().is_number()) return wrong_type(name, "một số");
    return std::optional<double>{it->value().to_number<double>()};
}

// "unit_level", "rank", "zone_kind": one of the names the model knows; absent means the default.
template <class T>
Result<T> enum_field(const json::object& object, std::string_view name, T fallback,
                     std::optional<T> (*parse)(std::string_view), std::string_view expected) {
    auto it = object.find(name);
    if (it == object.end()) return fallback;
    if (!it->value().is_string()) return wrong_type(name, expected);
    auto value = parse(it->value().as_string());
    if (!value) return wrong_type(name, expected);
    return *value;
}

json::object commune_json(const targets::CommuneStanding& s, const std::vector<model::Criterion>& criteria) {
    json::array statuses;
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        const auto& status = s.statuses[i];
        statuses.push_back(json::object{
            {"criterion", criteria[i].number},
            {"met", status ? json::value(status->met) : json::value(nullptr)},
            {"assessed_on", status ? json::value(status->assessed_on) : json::value(nullptr)},
            {"evidence", status ? json::value(status->evidence) : json::value(nullptr)},
        });
    }
    json::array former;
    for (const auto& f : s.former) former.push_back(commune_json(f, criteria));
    json::array indicators;
    for (const auto& status : s.indicators) {
        indicators.push_back(json::object{
            {"threshold", number_or_null(status.threshold)},
            {"value", status.assessment ? number_or_null(status.assessment->value) : json::value(nullptr)},
            {"met", status.met ? json::value(*status.met) : json::value(nullptr)},
            {"assessed_on", status.assessment ? json::value(status.assessment->assessed_on) : json::value(nullptr)},
        });
    }
    return json::object{
        {"id", s.commune.id},
        {"name", s.commune.name},
        {"zone", s.zone ? json::value(s.zone->code) : json::value(nullptr)},
        {"met", s.met},
        {"eligible", s.eligible},
        {"criteria", std::move(statuses)},
        {"indicators", std::move(indicators)},
        {"former_communes", std::move(former)},
    };
}

}  // namespace

http::Response TargetApi::list_criteria_sets(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto sets = ntm.list_sets();
    if (!sets) return error_response(request, sets.error());
    json::array out;
    for (const auto& set : *sets) out.push_back(set_json(set));
    return json_response(json::object{{"sets", std::move(out)}});
}

http::Response TargetApi::create_criteria_set(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto read = [&]() -> Result<targets::CriteriaSetInput> {
        targets::CriteriaSetInput input;
        CONG_TRY(title, string_field(*body, "title"));
        CONG_TRY(slug, string_field(*body, "slug"));
        CONG_TRY(decision, string_field(*body, "decision_ref"));
        CONG_TRY(level, string_field(*body, "level"));
        CONG_TRY(first, required_int(*body, "first_year", 1990, 2100));
        CONG_TRY(last, required_int(*body, "last_year", 1990, 2100));
        input.title = title.value_or("");
        input.slug = slug.value_or("");
        input.decision_ref = decision.value_or("");
        input.level = level.value_or("");
        input.first_year = first;
        input.last_year = last;
        auto criteria = body->find("criteria");
        if (criteria == body->end() || !criteria->value().is_array())
            return wrong_type("criteria", "một mảng tiêu chí [{\"number\", \"name\", \"group\"}]");
        if (criteria->value().as_array().size() > targets::MAX_CRITERIA_PER_SET)
            return Error{Errc::InvalidInput, "Bộ tiêu chí có tối đa 100 tiêu chí", "criteria"};
        for (const auto& value : criteria->value().as_array()) {
            if (!value.is_object()) return wrong_type("criteria", "một mảng đối tượng");
            const auto& c = value.as_object();
            CONG_TRY(number, required_int(c, "number", 1, 100));
            CONG_TRY(name, string_field(c, "name"));
            CONG_TRY(group, string_field(c, "group"));
            input.criteria.push_back({number, name.value_or(""), group.value_or("")});
        }
        CONG_TRY(unit_level, enum_field(*body, "unit_level", model::NtmUnitLevel::Commune, model::parse_ntm_unit_level,
                                        "\"commune\" hoặc \"district\""));
        CONG_TRY(rank, enum_field(*body, "rank", model::NtmRank::Standard, model::parse_ntm_rank,
                                  "\"standard\", \"advanced\" hoặc \"model\""));
        CONG_TRY(zone_kind, enum_field(*body, "zone_kind", model::NtmZoneKind::None, model::parse_ntm_zone_kind,
                                       "\"none\", \"region\" hoặc \"commune_group\""));
        input.unit_level = unit_level;
        input.rank = rank;
        input.zone_kind = zone_kind;
        if (auto zones = body->find("zones"); zones != body->end()) {
            if (!zones->value().is_array() || zones->value().as_array().size() > targets::MAX_ZONES_PER_SET)
                return wrong_type("zones", "một mảng tối đa 20 vùng/nhóm [{\"code\", \"name\"}]");
            for (const auto& value : zones->value().as_array()) {
                if (!value.is_object()) return wrong_type("zones", "một mảng đối tượng");
                CONG_TRY(code, string_field(value.as_object(), "code"));
                CONG_TRY(zone_name, string_field(value.as_object(), "name"));
                input.zones.push_back({code.value_or(""), zone_name.value_or("")});
            }
        }
        if (auto indicators = body->find("indicators"); indicators != body->end()) {
            if (!indicators->value().is_array() ||
                indicators->value().as_array().size() > targets::MAX_INDICATORS_PER_SET)
                return wrong_type("indicators", "một mảng chỉ tiêu (tối đa 300)");
            for (const auto& value : indicators->value().as_array()) {
                if (!value.is_object()) return wrong_type("indicators", "một mảng đối tượng");
                const auto& i = value.as_object();
                targets::IndicatorInput indicator;
                CONG_TRY(criterion, required_int(i, "criterion", 1, 100));
                CONG_TRY(code, string_field(i, "code"));
                CONG_TRY(indicator_name, string_field(i, "name"));
                CONG_TRY(unit, string_field(i, "unit"));
                CONG_TRY(kind, enum_field(i, "kind", model::IndicatorKind::YesNo, model::parse_indicator_kind,
                                          "\"at_least\", \"at_most\" hoặc \"yes_no\""));
                indicator.criterion_number = criterion;
                indicator.code = code.value_or("");
                indicator.name = indicator_name.value_or("");
                indicator.unit = unit.value_or("");
                indicator.kind = kind;
                if (auto thresholds = i.find("thresholds"); thresholds != i.end()) {
                    // {"": 70} for every zone, {"bac-trung-bo": 60} for one.
                    if (!thresholds->value().is_object() ||
                        thresholds->value().as_object().size() > targets::MAX_ZONES_PER_SET + 1)
                        return wrong_type("indicators", "ngưỡng dạng {\"<mã vùng>\": số}");
                    for (const auto& t : thresholds->value().as_object()) {
                        if (!t.value().is_number()) return wrong_type("indicators", "ngưỡng dạng {\"<mã vùng>\": số}");
                        indicator.thresholds.push_back({std::string(t.key()), t.value().to_number<double>()});
                    }
                }
                input.indicators.push_back(std::move(indicator));
            }
        }
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto set = ntm.create_set(*input, *user, request.remote_address);
    if (!set) return error_response(request, set.error());
    return json_response(set_json(*set), 201);
}

http::Response TargetApi::show_standing(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy bộ tiêu chí"});
    auto standing = ntm.standing(*id);
    if (!standing) return error_response(request, standing.error());
    json::array criteria;
    for (std::size_t i = 0; i < standing->criteria.size(); ++i) {
        const auto& c = standing->criteria[i];
        criteria.push_back(json::object{{"number", c.number},
                                        {"name", c.name},
                                        {"group", c.group_name},
                                        {"communes_met", standing->met_by_criterion[i]}});
    }
    json::array communes;
    for (const auto& s : standing->communes) communes.push_back(commune_json(s, standing->criteria));
    json::array zones;
    for (const auto& z : standing->zones) zones.push_back(json::object{{"code", z.code}, {"name", z.name}});
    json::array indicators;
    for (const auto& i : standing->indicators) {
        int number = 0;
        for (const auto& c : standing->criteria)
            if (c.id == i.criterion_id) number = c.number;
        json::object thresholds;
        if (auto every = targets::threshold_for(standing->thresholds, i.id, std::nullopt)) thresholds[""] = number_or_null(every);
        for (const auto& z : standing->zones)
            for (const auto& t : standing->thresholds)
                if (t.indicator_id == i.id && t.zone_id == z.id) thresholds[z.code] = number_or_null(t.value);
        indicators.push_back(json::object{{"criterion", number},
                                          {"code", i.code},
                                          {"name", i.name},
                                          {"unit", i.unit},
                                          {"kind", model::to_string(i.kind)},
                                          {"thresholds", std::move(thresholds)}});
    }
    return json_response(json::object{
        {"set", set_json(standing->set)},
        {"zones", std::move(zones)},
        {"indicators", std::move(indicators)},
        {"criteria", std::move(criteria)},
        {"communes", std::move(communes)},
        {"eligible", standing->eligible},
        {"summary", standing->summary},
    });
}

http::Response TargetApi::create_commune(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto name = string_field(*body, "name");
    if (!name) return error_response(request, name.error());
    auto merged = nullable_id_field(*body, "merged_into");
    if (!merged) return error_response(request, merged.error());
    targets::CommuneInput input{.name = name->value_or("")};
    if (*merged) input.merged_into = **merged;
    auto unit_level = enum_field(*body, "unit_level", model::NtmUnitLevel::Commune, model::parse_ntm_unit_level,
                                 "\"commune\" hoặc \"district\"");
    if (!unit_level) return error_response(request, unit_level.error());
    input.unit_level = *unit_level;
    auto commune = ntm.add_commune(input, *user, request.remote_address);
    if (!commune) return error_response(request, commune.error());
    return json_response(
        json::object{{"id", commune->id},
                     {"name", commune->name},
                     {"merged_into", commune->merged_into ? json::value(*commune->merged_into) : json::value(nullptr)},
                     {"unit_level", model::to_string(commune->unit_level)}},
        201);
}

http::Response TargetApi::create_assessment(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy bộ tiêu chí"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto read = [&]() -> Result<targets::AssessmentInput> {
        targets::AssessmentInput input;
        CONG_TRY(commune, nullable_id_field(*body, "commune_id"));
        if (!commune || !*commune) return wrong_type("commune_id", "một số nguyên dương");
        CONG_TRY(criterion, required_int(*body, "criterion", 1, 100));
        CONG_TRY(met, bool_field(*body, "met"));
        if (!met) return wrong_type("met", "true hoặc false");
        CONG_TRY(date, string_field(*body, "assessed_on"));
        CONG_TRY(evidence, string_field(*body, "evidence"));
        input.commune_id = **commune;
        input.criterion_number = criterion;
        input.met = *met;
        input.assessed_on = date.value_or("");
        input.evidence = evidence.value_or("");
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto assessment = ntm.record_assessment(*id, *input, *user, request.remote_address);
    if (!assessment) return error_response(request, assessment.error());
    return json_response(json::object{{"id", assessment->id},
                                      {"commune_id", assessment->commune_id},
                                      {"criterion", input->criterion_number},
                                      {"met", assessment->met},
                                      {"assessed_on", assessment->assessed_on},
                                      {"evidence", assessment->evidence},
                                      {"entered_at", core::format_rfc3339(assessment->entered_at)}},
                         201);
}

std::optional<http::Response> NtmApi::refuse_unauthenticated(const http::Request& request) {
    return credentials.refuse_unauthenticated(request);
}

http::Response NtmApi::list_communes(const http::Request& request) {
    auto user = credentials.authenticate(request);
    if (!user) return error_response(request, user.error());
    auto communes = ntm.list_communes();
    if (!communes) return error_response(request, communes.error());
    json::array out;
    for (const auto& c : *communes)
        out.push_back(json::object{{"id", c.id},
                                   {"name", c.name},
                                   {"merged_into", c.merged_into ? json::value(*c.merged_into) : json::value(nullptr)},
                                   {"unit_level", model::to_string(c.unit_level)}});
    return json_response(json::object{{"communes", std::move(out)}});
}

http::Response NtmApi::set_commune_zone(const http::Request& request) {
    auto user = credentials.authenticate(request);
    if (!user) return error_response(request, user.error());
    auto set_id = parse_id(request.param("id"));
    auto commune_id = parse_id(request.param("commune"));
    if (!set_id || !commune_id) return error_response(request, {Errc::NotFound, "Không tìm thấy bộ tiêu chí hoặc xã"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto zone = string_field(*body, "zone");
    if (!zone) return error_response(request, zone.error());
    if (!*zone) return error_response(request, wrong_type("zone", "mã vùng/nhóm xã của bộ tiêu chí"));
    auto done = ntm.set_commune_zone(*set_id, *commune_id, **zone, *user, request.remote_address);
    if (!done) return error_response(request, done.error());
    return json_response(json::object{{"set_id", *set_id}, {"commune_id", *commune_id}, {"zone", **zone}});
}

http::Response NtmApi::create_indicator_assessment(const http::Request& request) {
    auto user = credentials.authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy bộ tiêu chí"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto read = [&]() -> Result<targets::IndicatorAssessmentInput> {
        targets::IndicatorAssessmentInput input;
        CONG_TRY(commune, nullable_id_field(*body, "commune_id"));
        if (!commune || !*commune) return wrong_type("commune_id", "một số nguyên dương");
        CONG_TRY(indicator, string_field(*body, "indicator"));
        CONG_TRY(value, optional_number(*body, "value"));
        CONG_TRY(met, bool_field(*body, "met"));
        CONG_TRY(date, string_field(*body, "assessed_on"));
        CONG_TRY(evidence, string_field(*body, "evidence"));
        input.commune_id = **commune;
        input.indicator_code = indicator.value_or("");
        input.value = value;
        input.met = met;
        input.assessed_on = date.value_or("");
        input.evidence = evidence.value_or("");
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto assessment = ntm.record_indicator_assessment(*id, *input, *user, request.remote_address);
    if (!assessment) return error_response(request, assessment.error());
    return json_response(json::object{{"id", assessment->id},
                                      {"commune_id", assessment->commune_id},
                                      {"indicator", input->indicator_code},
                                      {"value", number_or_null(assessment->value)},
                                      {"met", assessment->met ? json::value(*assessment->met) : json::value(nullptr)},
                                      {"assessed_on", assessment->assessed_on},
                                      {"evidence", assessment->evidence},
                                      {"entered_at", core::format_rfc3339(assessment->entered_at)}},
                         201);
}

}  // namespace cong::api
