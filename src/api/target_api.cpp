#include "api/target_api.hpp"

#include "api/authentication.hpp"
#include "api/json_io.hpp"
#include "http/error_response.hpp"
#include "targets/csv.hpp"

#include <boost/json.hpp>

#include <cctype>
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

// Whole numbers go out as JSON integers ("1200", not "1.2E3"); others as doubles.
json::value number_json(double value) {
    if (std::isfinite(value) && std::fabs(value) < 9e15 && value == std::floor(value))
        return json::value(std::int64_t(value));
    return json::value(value);
}

json::value optional_number_json(const std::optional<double>& value) {
    if (!value) return nullptr;
    return number_json(*value);
}

// Absent → nullopt; null → optional holding nullopt; a number → its value; anything else → InvalidInput.
Result<std::optional<std::optional<double>>> number_field(const json::object& object, std::string_view name) {
    using Out = std::optional<std::optional<double>>;
    auto it = object.find(name);
    if (it == object.end()) return Out{};
    if (it->value().is_null()) return Out{std::optional<double>{}};
    if (!it->value().is_number()) return wrong_type(name, "một số");
    return Out{std::optional<double>{it->value().to_number<double>()}};
}

Result<std::optional<int>> int_field(const json::object& object, std::string_view name, int min, int max) {
    auto it = object.find(name);
    if (it == object.end() || it->value().is_null()) return std::optional<int>{};
    const auto& v = it->value();
    if (v.is_int64() && v.as_int64() >= min && v.as_int64() <= max) return std::optional<int>{int(v.as_int64())};
    if (v.is_uint64() && v.as_uint64() <= std::uint64_t(max) && min <= 0) return std::optional<int>{int(v.as_uint64())};
    return wrong_type(name, "một số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max));
}

// A refused CSV names each bad row: the detail holds one per line.
http::Response csv_error_response(const http::Request& request, const core::Error& error) {
    if (error.field != "csv") return error_response(request, error);
    json::array problems;
    std::string_view rest = error.detail;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        problems.push_back(json::string(rest.substr(0, end)));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    auto first = problems.empty() ? std::string(error.detail) : std::string(problems.front().as_string());
    auto response = json_response(json::object{{"error", json::object{{"code", core::errc_code(error.code)},
                                                                      {"message", first},
                                                                      {"field", "csv"},
                                                                      {"problems", std::move(problems)}}}},
                                  core::errc_status(error.code));
    response.cache_control = "no-store";
    return response;
}

bool is_csv(const http::Request& request) {
    auto type = request.header("Content-Type");
    if (!type) return false;
    std::string lower(type->substr(0, type->find(';')));
    for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    return lower == "text/csv";
}

http::Response csv_download(std::string body, const std::string& filename) {
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(body);
    response.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return response;
}

json::object import_json(const targets::CsvImportSummary& summary) {
    return json::object{{"rows", summary.rows},
                        {"created", summary.created},
                        {"updated", summary.updated},
                        {"unchanged", summary.unchanged}};
}

json::object plan_json(const model::TargetPlan& plan) {
    return json::object{
        {"id", plan.id},
        {"slug", plan.slug},
        {"url", "/chi-tieu/" + plan.slug},
        {"title", plan.title},
        {"year", plan.year},
        {"description", plan.description},
        {"threshold_q1", plan.threshold_q1},
        {"threshold_6m", plan.threshold_6m},
        {"threshold_9m", plan.threshold_9m},
        {"created_at", core::format_rfc3339(plan.created_at)},
    };
}

json::object target_json(const model::Target& t) {
    return json::object{
        {"id", t.id},
        {"plan_id", t.plan_id},
        {"code", t.code},
        {"name", t.name},
        {"group", t.group_name},
        {"unit", t.unit},
        {"kind", model::to_string(t.kind)},
        {"plan_value", number_json(t.plan_value)},
        {"plan_max", optional_number_json(t.plan_max)},
        {"office", t.office},
        {"office_id", t.office_id ? json::value(*t.office_id) : json::value(nullptr)},
        {"position", t.position},
    };
}

json::object report_json(const model::TargetReport& r) {
    return json::object{
        {"id", r.id},
        {"target_id", r.target_id},
        {"period", r.period},
        {"value", optional_number_json(r.value)},
        {"note", r.note},
        {"entered_by", r.entered_by_name},
        {"entered_at", core::format_rfc3339(r.entered_at)},
    };
}

// The ?ky= of a request: absent or empty → nullopt.
std::optional<std::string> period_param(const http::Request& request) {
    auto value = request.query_param("ky");
    if (value && value->empty()) return std::nullopt;
    return value;
}

}  // namespace

Result<model::User> TargetApi::authenticate(const http::Request& request) {
    return credentials.authenticate(request);
}

std::optional<http::Response> TargetApi::refuse_unauthenticated(const http::Request& request) {
    return credentials.refuse_unauthenticated(request);
}

http::Response TargetApi::list_plans(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto plans = targets.list_plans();
    if (!plans) return error_response(request, plans.error());
    json::array out;
    for (const auto& plan : *plans) out.push_back(plan_json(plan));
    return json_response(json::object{{"plans", std::move(out)}});
}

http::Response TargetApi::create_plan(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto read = [&]() -> Result<targets::PlanInput> {
        targets::PlanInput input;
        CONG_TRY(title, string_field(*body, "title"));
        CONG_TRY(slug, string_field(*body, "slug"));
        CONG_TRY(description, string_field(*body, "description"));
        CONG_TRY(year, int_field(*body, "year", 1990, 2100));
        if (!year) return Error{Errc::InvalidInput, "Cần năm của kế hoạch (year)", "year"};
        CONG_TRY(q1, int_field(*body, "threshold_q1", 1, 100));
        CONG_TRY(six, int_field(*body, "threshold_6m", 1, 100));
        CONG_TRY(nine, int_field(*body, "threshold_9m", 1, 100));
        input.title = title.value_or("");
        input.slug = slug.value_or("");
        input.description = description.value_or("");
        input.year = *year;
        input.threshold_q1 = q1;
        input.threshold_6m = six;
        input.threshold_9m = nine;
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto plan = targets.create_plan(*input, *user, request.remote_address);
    if (!plan) return error_response(request, plan.error());
    auto response = json_response(plan_json(*plan), 201);
    response.header("Location", "/api/v1/plans/" + std::to_string(plan->id));
    return response;
}

http::Response TargetApi::show_plan(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto plan = targets.find_plan(*id);
    if (!plan) return error_response(request, plan.error());
    if (!*plan) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto list = targets.list_targets(*id);
    if (!list) return error_response(request, list.error());
    json::array out;
    for (const auto& target : *list) out.push_back(target_json(target));
    auto object = plan_json(**plan);
    object["targets"] = std::move(out);
    return json_response(object);
}

http::Response TargetApi::create_target(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto read = [&]() -> Result<targets::TargetInput> {
        targets::TargetInput input;
        CONG_TRY(code, string_field(*body, "code"));
        CONG_TRY(name, string_field(*body, "name"));
        CONG_TRY(group, string_field(*body, "group"));
        CONG_TRY(unit, string_field(*body, "unit"));
        CONG_TRY(office, string_field(*body, "office"));
        CONG_TRY(kind, string_field(*body, "kind"));
        CONG_TRY(plan_value, number_field(*body, "plan_value"));
        CONG_TRY(plan_max, number_field(*body, "plan_max"));
        CONG_TRY(position, int_field(*body, "position", 0, 100000));
        input.code = code.value_or("");
        input.name = name.value_or("");
        input.group_name = group.value_or("");
        input.unit = unit.value_or("");
        input.office = office.value_or("");
        if (kind) {
            auto parsed = model::parse_target_kind(*kind);
            if (!parsed)
                return Error{Errc::InvalidInput,
                             "Loại chỉ tiêu phải là higher_is_better, lower_is_better, yes_no hoặc within_range",
                             "kind"};
            input.kind = *parsed;
        }
        if (plan_value) input.plan_value = *plan_value;
        if (plan_max) input.plan_max = *plan_max;
        input.position = position;
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto target = targets.add_target(*id, *input, *user, request.remote_address);
    if (!target) return error_response(request, target.error());
    return json_response(target_json(*target), 201);
}

http::Response TargetApi::show_summary(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto period = period_param(request);
    auto board = targets.dashboard(*id, period ? std::optional<std::string_view>(*period) : std::nullopt);
    if (!board) return error_response(request, board.error());
    json::array rows;
    for (const auto& group : board->groups) {
        for (const auto& row : group.rows) {
            rows.push_back(json::object{
                {"id", row.target.id},
                {"code", row.target.code},
                {"name", row.target.name},
                {"group", group.name},
                {"value", row.report ? optional_number_json(row.report->value) : json::value(nullptr)},
                {"progress", row.assessment.progress ? json::value(*row.assessment.progress) : json::value(nullptr)},
                {"standing", targets::to_string(row.assessment.standing)},
            });
        }
    }
    const auto& c = board->counts;
    return json_response(json::object{
        {"plan", plan_json(board->plan)},
        {"period", json::object{{"key", board->period.key()}, {"label", board->period.label()}}},
        {"threshold", board->threshold},
        {"total", c.total()},
        {"counts", json::object{{"completed", c.completed},
                                {"above_threshold", c.above_threshold},
                                {"below_threshold", c.below_threshold},
                                {"not_assessed", c.not_assessed}}},
        {"summary", board->summary},
        {"targets", std::move(rows)},
    });
}

http::Response TargetApi::create_report(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy chỉ tiêu"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto read = [&]() -> Result<targets::ReportInput> {
        targets::ReportInput input;
        CONG_TRY(period, string_field(*body, "period"));
        if (!period) return Error{Errc::InvalidInput, "Cần kỳ báo cáo (period), ví dụ 2024-q1", "period"};
        CONG_TRY(value, number_field(*body, "value"));
        if (!value)
            return Error{Errc::InvalidInput, "Cần số liệu (value): một số, hoặc null khi chưa đánh giá được", "value"};
        CONG_TRY(note, string_field(*body, "note"));
        input.period = *period;
        input.value = *value;
        input.note = note.value_or("");
        return input;
    };
    auto input = read();
    if (!input) return error_response(request, input.error());
    auto report = targets.enter_report(*id, *input, *user, request.remote_address);
    if (!report) return error_response(request, report.error());
    return json_response(report_json(*report), 201);
}

http::Response TargetApi::list_reports(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy chỉ tiêu"});
    auto period = period_param(request);
    auto history = targets.report_history(*id, period.value_or(""));
    if (!history) return error_response(request, history.error());
    json::array out;
    for (const auto& report : *history) out.push_back(report_json(report));
    return json_response(json::object{{"reports", std::move(out)}});
}

http::Response TargetApi::import_targets_csv(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    if (!is_csv(request))
        return error_response(request, {Errc::UnsupportedMediaType, "Nội dung phải là tệp CSV (Content-Type: text/csv)"});
    auto summary = targets.import_targets_csv(*id, request.body, *user, request.remote_address);
    if (!summary) return csv_error_response(request, summary.error());
    return json_response(import_json(*summary));
}

http::Response TargetApi::import_reports_csv(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto period = period_param(request);
    if (!period) return error_response(request, {Errc::InvalidInput, "Cần kỳ báo cáo (?ky=2024-q1)", "period"});
    if (!is_csv(request))
        return error_response(request, {Errc::UnsupportedMediaType, "Nội dung phải là tệp CSV (Content-Type: text/csv)"});
    auto summary = targets.import_reports_csv(*id, *period, request.body, *user, request.remote_address);
    if (!summary) return csv_error_response(request, summary.error());
    return json_response(import_json(*summary));
}

http::Response TargetApi::export_targets_csv(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto plan = targets.find_plan(*id);
    if (!plan) return error_response(request, plan.error());
    if (!*plan) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto csv = targets.export_targets_csv(*id);
    if (!csv) return error_response(request, csv.error());
    return csv_download(std::move(*csv), "chi-tieu-" + (*plan)->slug + ".csv");
}

http::Response TargetApi::export_reports_csv(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto plan = targets.find_plan(*id);
    if (!plan) return error_response(request, plan.error());
    if (!*plan) return error_response(request, {Errc::NotFound, "Không tìm thấy kế hoạch"});
    auto board = targets.dashboard(*id, period_param(request));
    if (!board) return error_response(request, board.error());
    auto csv = targets.export_reports_csv(*id, board->period.key());
    if (!csv) return error_response(request, csv.error());
    return csv_download(std::move(*csv), "so-lieu-" + (*plan)->slug + "-" + board->period.key() + ".csv");
}

http::Response TargetApi::list_offices(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto offices = targets.list_offices();
    if (!offices) return error_response(request, offices.error());
    json::array out;
    for (const auto& office : *offices) out.push_back(json::object{{"id", office.id}, {"name", office.name}});
    return json_response(json::object{{"offices", std::move(out)}});
}

http::Response TargetApi::create_office(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto name = string_field(*body, "name");
    if (!name) return error_response(request, name.error());
    auto office = targets.create_office(name->value_or(""), *user, request.remote_address);
    if (!office) return error_response(request, office.error());
    return json_response(json::object{{"id", office->id}, {"name", office->name}}, 201);
}

http::Response TargetApi::set_user_office(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, {Errc::NotFound, "Không tìm thấy người dùng"});
    auto body = parse_json_object(request.body);
    if (!body) return error_response(request, body.error());
    auto office = nullable_id_field(*body, "office_id");
    if (!office) return error_response(request, office.error());
    if (!*office)
        return error_response(request, {Errc::InvalidInput, "Cần office_id: mã đơn vị, hoặc null", "office_id"});
    auto done = targets.set_user_office(*id, **office, *user, request.remote_address);
    if (!done) return error_response(request, done.error());
    http::Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

}  // namespace cong::api
