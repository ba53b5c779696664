#include "api/json_io.hpp"
#include "api/target_api.hpp"

#include <boost/json.hpp>

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
    };
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
    return json::object{
        {"id", s.commune.id},     {"name", s.commune.name},          {"met", s.met},
        {"eligible", s.eligible}, {"criteria", std::move(statuses)}, {"former_communes", std::move(former)},
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
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto set = ntm.create_set(*input, *user);
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
    return json_response(json::object{
        {"set", set_json(standing->set)},
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
    auto commune = ntm.add_commune(input, *user);
    if (!commune) return error_response(request, commune.error());
    return json_response(
        json::object{{"id", commune->id},
                     {"name", commune->name},
                     {"merged_into", commune->merged_into ? json::value(*commune->merged_into) : json::value(nullptr)}},
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
    auto assessment = ntm.record_assessment(*id, *input, *user);
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

}  // namespace cong::api
