#include "admin/ntm_pages.hpp"

#include "admin/account_form.hpp"
#include "admin/target_pages.hpp"
#include "core/clock.hpp"
#include "http/message.hpp"
#include "site/ntm_views.hpp"
#include "site/target_views.hpp"

#include <algorithm>
#include <charconv>
#include <memory>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;
using core::Result;

// Slugs are derived from titles; nothing longer was ever made.
constexpr std::size_t MAX_SLUG_CHARS = 200;

std::string form_value(const http::Request& request, std::string_view name) {
    return http::urlencoded_value(request.body, name).value_or("");
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

bool is_planner(const model::User& user) {
    return user.role == model::Role::Admin || user.role == model::Role::Approver;
}

// "2.1" → "2-1": indicator codes inside element ids.
std::string id_part(std::string_view code) {
    std::string out(code);
    std::replace(out.begin(), out.end(), '.', '-');
    return out;
}

std::string indicator_form_id(const model::Indicator& indicator) {
    return "chi-tieu-" + id_part(indicator.code);
}
std::string criterion_form_id(int number) {
    return "tieu-chi-" + std::to_string(number);
}

// Today in Vietnam, as the date fields want it: "2026-11-26".
std::string today() {
    return core::format_rfc3339_vietnam(core::now()).substr(0, 10);
}

std::string_view unit_title(model::NtmUnitLevel level) {
    return level == model::NtmUnitLevel::District ? "Huyện" : "Xã";
}

std::string period_text(const model::CriteriaSet& set) {
    return std::to_string(set.first_year) + "–" + std::to_string(set.last_year);
}

// The set's own wording of its level ("Xã nông thôn mới nâng cao"), else its unit and standard.
std::string level_text(const model::CriteriaSet& set) {
    if (!set.level.empty()) return set.level;
    std::string rank(model::rank_label(set.rank));
    if (!rank.empty() && rank[0] >= 'A' && rank[0] <= 'Z') rank[0] = char(rank[0] - 'A' + 'a');
    return std::string(unit_title(set.unit_level)) + " " + rank;
}

std::string_view zone_label(const model::CriteriaSet& set) {
    return set.zone_kind == model::NtmZoneKind::CommuneGroup ? "Nhóm xã" : "Vùng";
}

std::string threshold_text(const model::Indicator& indicator, std::optional<double> threshold) {
    if (indicator.kind == model::IndicatorKind::YesNo) return "Đạt";
    // A threshold Cổng has no record of is shown as unknown, never guessed.
    if (!threshold) return "—";
    return std::string(indicator.kind == model::IndicatorKind::AtLeast ? "≥ " : "≤ ") +
           site::format_figure(*threshold) + (indicator.unit.empty() ? "" : " " + indicator.unit);
}

// What was typed into the one form that was sent, so a refused form comes back exactly as it was.
struct Typed {
    std::string form;  // "vung", "xa", "chi-tieu" or "tieu-chi"
    std::string key;   // the indicator's code or the criterion's number the form is for
    std::string commune_id, zone, name, merged_into, value, met, assessed_on, evidence;
};

// A refused form: the service's error and what was typed; both empty on a plain GET.
struct Refusal {
    const core::Error* error = nullptr;
    const Typed* typed = nullptr;

    bool is(std::string_view form, std::string_view key = {}) const {
        return typed && typed->form == form && typed->key == key;
    }
    // The error beside one field of one form.
    std::string_view field(std::string_view form, std::string_view key, std::string_view name) const {
        return is(form, key) && error ? field_error(error, name) : std::string_view{};
    }
};

// The alert above the page: the error itself, and for a field's error a link to the form it is in (the entry
// page is long; the form may be far below).
void write_refusal(render::HtmlWriter& html, const Refusal& refusal, std::string_view form_id) {
    if (!refusal.error) return;
    auto alert = html.scope("div", {{"class", "notice notice-error"}, {"role", "alert"}});
    html.element("p", refusal.error->detail);
    // An unknown indicator or criterion has no form of its own to lead to.
    const auto& field = refusal.error->field;
    if (!field.empty() && field != "indicator" && field != "criterion" && !form_id.empty()) {
        auto p = html.scope("p");
        html.element("a", {{"href", "#" + std::string(form_id)}}, "Đến biểu mẫu cần sửa");
    }
}

struct Input {
    std::string id;
    std::string_view name, label, value, hint, error, inputmode;
    int maxlength = 0;
    bool required = false;
};

// A labelled text field whose id differs from its name: the entry page has one form per indicator, each with a
// "value" and an "assessed_on".
void write_input(render::HtmlWriter& html, const Input& input) {
    auto wrapper = html.scope("div", {{"class", "form-field"}});
    std::string hint_id = input.id + "-goi-y", error_id = input.id + "-loi", described;
    if (!input.hint.empty()) described += hint_id;
    if (!input.error.empty()) described += (described.empty() ? "" : " ") + error_id;
    auto maxlength = input.maxlength > 0 ? std::to_string(input.maxlength) : std::string();
    html.element("label", {{"for", input.id}}, input.label);
    if (!input.hint.empty()) html.element("span", {{"class", "form-hint"}, {"id", hint_id}}, input.hint);
    if (!input.error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, input.error);
    html.void_element("input", {{"type", "text"},
                                {"id", input.id},
                                {"name", input.name},
                                {"value", input.value, !input.value.empty()},
                                {"inputmode", input.inputmode, !input.inputmode.empty()},
                                {"maxlength", maxlength, !maxlength.empty()},
                                {"aria-describedby", described, !described.empty()},
                                {"aria-invalid", "true", !input.error.empty()},
                                {"required", "", input.required}});
}

void write_textarea(render::HtmlWriter& html, const std::string& id, std::string_view name, std::string_view label,
                    std::string_view value, std::string_view error) {
    auto wrapper = html.scope("div", {{"class", "form-field"}});
    std::string error_id = id + "-loi";
    html.element("label", {{"for", id}}, label);
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, error);
    html.element("textarea",
                 {{"id", id},
                  {"name", name},
                  {"rows", "2"},
                  {"maxlength", std::to_string(targets::MAX_EVIDENCE_CHARS)},
                  {"aria-invalid", "true", !error.empty()},
                  {"aria-describedby", error_id, !error.empty()}},
                 value);
}

void write_select(render::HtmlWriter& html, const std::string& id, std::string_view name, std::string_view label,
                  std::string_view value, const std::vector<std::pair<std::string, std::string>>& options,
                  std::string_view error, std::string_view hint = {}) {
    auto field = html.scope("div", {{"class", "form-field"}});
    std::string hint_id = id + "-goi-y", error_id = id + "-loi", described;
    if (!hint.empty()) described += hint_id;
    if (!error.empty()) described += (described.empty() ? "" : " ") + error_id;
    html.element("label", {{"for", id}}, label);
    if (!hint.empty()) html.element("span", {{"class", "form-hint"}, {"id", hint_id}}, hint);
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, error);
    auto select = html.scope("select", {{"id", id},
                                        {"name", name},
                                        {"aria-invalid", "true", !error.empty()},
                                        {"aria-describedby", described, !described.empty()}});
    for (const auto& [option_value, option_label] : options)
        html.element("option", {{"value", option_value}, {"selected", "selected", option_value == value}},
                     option_label);
}

// Đạt / Chưa đạt as a radio group; with_none adds "no finding" for a figure that has no threshold to judge it by.
void write_met_choice(render::HtmlWriter& html, const std::string& id, std::string_view legend, std::string_view value,
                      std::string_view error, bool with_none) {
    std::string error_id = id + "-loi";
    auto fieldset = html.scope("fieldset", {{"class", "form-choice"}, {"aria-describedby", error_id, !error.empty()}});
    html.element("legend", legend);
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, error);
    std::vector<std::pair<std::string_view, std::string_view>> choices{{"1", "Đạt"}, {"0", "Chưa đạt"}};
    if (with_none) choices.push_back({"", "Không kết luận"});
    for (const auto& [choice, label] : choices) {
        std::string choice_id =
            id + "-" + (choice.empty() ? std::string("khong") : std::string(choice == "1" ? "dat" : "chua-dat"));
        auto item = html.scope("div", {{"class", "form-check"}});
        html.void_element("input", {{"type", "radio"},
                                    {"id", choice_id},
                                    {"name", "met"},
                                    {"value", choice},
                                    {"checked", "", choice == value}});
        html.element("label", {{"for", choice_id}}, label);
    }
}

void submit(render::HtmlWriter& html, std::string_view label) {
    auto actions = html.scope("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}, {"class", "button"}}, label);
}

std::string status_text(const std::optional<model::CriterionAssessment>& status) {
    if (!status) return "Chưa đánh giá";
    return std::string(status->met ? "Đạt" : "Chưa đạt") +
           (status->assessed_on.empty() ? "" : " (ngày " + status->assessed_on + ")");
}

// The standing of one commune of the set, former communes included (they keep their own records); null if none.
const targets::CommuneStanding* find_standing(const targets::SetStanding& standing, std::int64_t commune_id) {
    for (const auto& s : standing.communes) {
        if (s.commune.id == commune_id) return &s;
        for (const auto& f : s.former)
            if (f.commune.id == commune_id) return &f;
    }
    return nullptr;
}

struct Pages {
    AdminShell& shell;
    targets::NtmService& ntm;

    http::Response not_found(const AdminContext& context, std::string_view what) {
        render::HtmlWriter html;
        html.element("h1", "Không tìm thấy " + std::string(what));
        html.element("a", {{"href", NTM_ADMIN_PATH}}, "‹ Các bộ tiêu chí nông thôn mới");
        return shell.page(context, {.title = "Không tìm thấy " + std::string(what),
                                    .active_href = std::string(NTM_ADMIN_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = 404});
    }

    http::Response failure(const AdminContext& context, const core::Error& error) {
        render::HtmlWriter html;
        html.element("h1", "Nông thôn mới");
        write_form_error(html, &error, false);
        return shell.page(context, {.title = "Nông thôn mới",
                                    .active_href = std::string(NTM_ADMIN_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = core::errc_status(error.code)});
    }

    // The set named in the path. When there is none, refused holds the page to answer with: not found for an
    // unknown or malformed slug, the failure when the set could not be read.
    std::optional<model::CriteriaSet> find_set(const AdminContext& context, std::string_view slug,
                                               std::optional<http::Response>& refused) {
        if (slug.empty() || slug.size() > MAX_SLUG_CHARS) {
            refused = not_found(context, "bộ tiêu chí");
            return std::nullopt;
        }
        auto set = ntm.find_set_by_slug(slug);
        if (!set) refused = failure(context, set.error());
        else if (!*set) refused = not_found(context, "bộ tiêu chí");
        return set ? *set : std::nullopt;
    }

    void write_standing_table(render::HtmlWriter& html, const targets::SetStanding& standing) {
        const auto& set = standing.set;
        bool zones = !standing.zones.empty();
        std::string total = std::to_string(standing.criteria.size());
        auto wrap = html.scope(
            "div", {{"class", "table-wrap"},
                    {"role", "region"},
                    {"tabindex", "0"},
                    {"aria-label", "Bảng kết quả đánh giá các " + std::string(targets::unit_noun(set.unit_level))}});
        auto table = html.scope("table", {{"class", "data ntm-table"}});
        html.element("caption", "Kết quả đánh giá từng tiêu chí; chọn tên " +
                                    std::string(targets::unit_noun(set.unit_level)) + " để ghi kết quả");
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            html.element("th", {{"scope", "col"}}, unit_title(set.unit_level));
            if (zones) html.element("th", {{"scope", "col"}}, zone_label(set));
            for (const auto& c : standing.criteria)
                html.element("th", {{"scope", "col"}, {"title", c.name}}, "TC " + std::to_string(c.number));
            html.element("th", {{"scope", "col"}}, "Số tiêu chí đạt");
        }
        auto body = html.scope("tbody");
        auto write_row = [&](const targets::CommuneStanding& s, bool former) {
            auto row =
                html.scope("tr", {{"class", former ? "ntm-former" : (s.eligible ? "ntm-eligible" : "ntm-commune")}});
            {
                auto cell = html.scope("th", {{"scope", "row"}});
                if (former) html.text("↳ ");
                html.element("a", {{"href", ntm_commune_admin_path(set, s.commune.id)}}, s.commune.name);
                if (former) html.text(" (trước sáp nhập)");
            }
            if (zones) html.element("td", s.zone ? s.zone->name : std::string("—"));
            for (const auto& status : s.statuses) {
                if (!status)
                    html.element("td", {{"class", "ntm-none"}}, "–");
                else
                    html.element(
                        "td",
                        {{"class", status->met ? "ntm-met" : "ntm-unmet"}, {"title", "Ngày " + status->assessed_on}},
                        status->met ? "Đạt" : "Chưa đạt");
            }
            html.element("td", {{"class", "number"}}, std::to_string(s.met) + "/" + total);
        };
        for (const auto& s : standing.communes) {
            write_row(s, false);
            for (const auto& f : s.former) write_row(f, true);
        }
    }

    http::Response set_page(const AdminContext& context, std::string_view slug, const Refusal& refusal,
                            std::string_view flash, int status) {
        std::optional<http::Response> refused;
        auto set = find_set(context, slug, refused);
        if (!set) return std::move(*refused);
        auto standing = ntm.standing(set->id);
        if (!standing) return failure(context, standing.error());
        const auto noun = targets::unit_noun(set->unit_level);
        render::HtmlWriter html;
        html.element("h1", set->title);
        {
            auto nav = html.scope("p");
            html.element("a", {{"href", NTM_ADMIN_PATH}}, "‹ Các bộ tiêu chí");
            html.text(" · ");
            html.element("a", {{"href", site::criteria_set_path(*set)}}, "Xem trang công khai");
        }
        write_refusal(html, refusal, refusal.is("vung") ? "form-vung" : refusal.is("xa") ? "form-xa" : "");
        {
            auto p = html.scope("p", {{"class", "lead"}});
            html.text("Giai đoạn " + period_text(*set) + " · " + level_text(*set));
            if (!set->decision_ref.empty()) html.text(" · " + set->decision_ref);
        }
        html.element("p", {{"class", "summary"}}, "Theo kết quả đánh giá mới nhất, " + standing->summary + ".");
        if (standing->communes.empty())
            html.element("p", "Chưa có " + std::string(noun) + " nào để đánh giá theo bộ tiêu chí này.");
        else
            write_standing_table(html, *standing);

        if (!is_planner(context.user)) {
            html.element("p", {{"class", "muted"}},
                         "Thêm " + std::string(noun) + " và xếp " + std::string(noun) + " vào " +
                             (set->zone_kind == model::NtmZoneKind::CommuneGroup ? "nhóm" : "vùng") +
                             ": người duyệt hoặc quản trị viên.");
        } else {
            std::vector<std::pair<std::string, std::string>> units;
            for (const auto& s : standing->communes) {
                units.emplace_back(std::to_string(s.commune.id), s.commune.name);
                for (const auto& f : s.former)
                    units.emplace_back(std::to_string(f.commune.id), f.commune.name + " (trước sáp nhập)");
            }
            if (!standing->zones.empty() && !units.empty()) {
                auto section = html.scope("section", {{"aria-labelledby", "xep-vung"}});
                html.element("h2", {{"id", "xep-vung"}},
                             "Xếp " + std::string(noun) + " vào " +
                                 (set->zone_kind == model::NtmZoneKind::CommuneGroup ? "nhóm xã" : "vùng"));
                html.element("p", "Ngưỡng đạt chuẩn của " + std::string(noun) + " theo " +
                                      (set->zone_kind == model::NtmZoneKind::CommuneGroup ? "nhóm" : "vùng") +
                                      " được xếp.");
                auto form = html.scope(
                    "form", {{"method", "post"}, {"action", ntm_set_admin_path(*set) + "/vung"}, {"id", "form-vung"}});
                html.trusted(csrf_field(context));
                const Typed none;
                const Typed& typed = refusal.is("vung") ? *refusal.typed : none;
                write_select(html, "vung-xa", "commune_id", unit_title(set->unit_level), typed.commune_id, units,
                             refusal.field("vung", "", "commune_id"));
                std::vector<std::pair<std::string, std::string>> zones;
                for (const auto& z : standing->zones) zones.emplace_back(z.code, z.name);
                write_select(html, "vung-vung", "zone", zone_label(*set), typed.zone, zones,
                             refusal.field("vung", "", "zone"));
                submit(html, "Lưu");
            }
            auto section = html.scope("section", {{"aria-labelledby", "them-xa"}});
            html.element("h2", {{"id", "them-xa"}}, "Thêm " + std::string(noun));
            auto form = html.scope(
                "form", {{"method", "post"}, {"action", ntm_set_admin_path(*set) + "/xa"}, {"id", "form-xa"}});
            html.trusted(csrf_field(context));
            const Typed none;
            const Typed& typed = refusal.is("xa") ? *refusal.typed : none;
            write_input(html, {.id = "xa-ten",
                               .name = "name",
                               .label = set->unit_level == model::NtmUnitLevel::District ? "Tên huyện" : "Tên xã",
                               .value = typed.name,
                               .hint = set->unit_level == model::NtmUnitLevel::District ? "Ví dụ: Huyện Thọ Xuân."
                                                                                        : "Ví dụ: Xã Xuân Lập.",
                               .error = refusal.field("xa", "", "name"),
                               .maxlength = 150,
                               .required = true});
            std::vector<std::pair<std::string, std::string>> targets_of_merge{{"", "(không: đang là đơn vị hiện nay)"}};
            for (const auto& s : standing->communes)
                targets_of_merge.emplace_back(std::to_string(s.commune.id), s.commune.name);
            write_select(html, "xa-sap-nhap", "merged_into", "Đã sáp nhập vào", typed.merged_into, targets_of_merge,
                         refusal.field("xa", "", "merged_into"),
                         "Đơn vị đã sáp nhập vẫn giữ kết quả đánh giá của mình, hiện dưới đơn vị mà nó trở thành.");
            submit(html, "Thêm " + std::string(noun));
        }
        return shell.page(context, {.title = set->title,
                                    .active_href = std::string(NTM_ADMIN_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .flash = std::string(flash),
                                    .status = status});
    }

    void write_latest(render::HtmlWriter& html, const model::Indicator& indicator,
                      const targets::IndicatorStatus& status) {
        if (!status.assessment) {
            html.text("—");
            return;
        }
        const auto& a = *status.assessment;
        std::string text;
        if (a.value) text = site::format_figure(*a.value) + (indicator.unit.empty() ? "" : " " + indicator.unit);
        if (a.met) text += (text.empty() ? "" : ", ") + std::string(*a.met ? "đạt" : "chưa đạt");
        html.text(text + " (ngày " + a.assessed_on + ")");
        if (!a.evidence.empty()) {
            html.void_element("br");
            html.element("small", a.evidence);
        }
    }

    void write_indicator_form(render::HtmlWriter& html, const AdminContext& context, const std::string& action,
                              const model::Indicator& indicator, const targets::IndicatorStatus& status,
                              const Refusal& refusal) {
        const std::string id = indicator_form_id(indicator);
        const bool mine = refusal.is("chi-tieu", indicator.code);
        const Typed blank{.assessed_on = today()};
        const Typed& typed = mine ? *refusal.typed : blank;
        auto form = html.scope("form", {{"method", "post"}, {"action", action}, {"id", id}, {"class", "ntm-entry"}});
        html.trusted(csrf_field(context));
        html.void_element("input", {{"type", "hidden"}, {"name", "indicator"}, {"value", indicator.code}});
        auto fieldset = html.scope("fieldset");
        html.element("legend", "Ghi kết quả chỉ tiêu " + indicator.code);
        auto error = [&](std::string_view name) { return refusal.field("chi-tieu", indicator.code, name); };
        if (indicator.kind == model::IndicatorKind::YesNo) {
            // The service names "value" when neither a figure nor a finding was given: here that is the choice.
            auto choice_error = error("met").empty() ? error("value") : error("met");
            write_met_choice(html, id + "-ket-luan", "Kết luận", typed.met, choice_error, false);
        } else {
            std::string label = "Số liệu" + (indicator.unit.empty() ? std::string() : " (" + indicator.unit + ")");
            write_input(html, {.id = id + "-so-lieu",
                               .name = "value",
                               .label = label,
                               .value = typed.value,
                               .hint = "Ví dụ 97,5 hoặc 1.250,5.",
                               .error = error("value"),
                               .inputmode = "decimal",
                               .maxlength = 30});
            // Without a threshold on record the figure cannot be judged: the official may give the finding.
            if (!status.threshold)
                write_met_choice(html, id + "-ket-luan", "Kết luận (chưa có ngưỡng để so số liệu)", typed.met,
                                 error("met"), true);
        }
        write_input(html, {.id = id + "-ngay",
                           .name = "assessed_on",
                           .label = "Ngày đánh giá",
                           .value = typed.assessed_on,
                           .hint = "Dạng năm-tháng-ngày, ví dụ 2024-03-31.",
                           .error = error("assessed_on"),
                           .inputmode = "numeric",
                           .maxlength = 10,
                           .required = true});
        write_textarea(html, id + "-can-cu", "evidence", "Căn cứ, ghi chú", typed.evidence, error("evidence"));
        submit(html, "Ghi kết quả " + indicator.code);
    }

    void write_criterion_form(render::HtmlWriter& html, const AdminContext& context, const std::string& action,
                              const model::Criterion& criterion, const Refusal& refusal) {
        const std::string id = criterion_form_id(criterion.number);
        const std::string key = std::to_string(criterion.number);
        const Typed blank{.assessed_on = today()};
        const Typed& typed = refusal.is("tieu-chi", key) ? *refusal.typed : blank;
        auto error = [&](std::string_view name) { return refusal.field("tieu-chi", key, name); };
        auto form = html.scope("form", {{"method", "post"}, {"action", action}, {"id", id}, {"class", "ntm-entry"}});
        html.trusted(csrf_field(context));
        html.void_element("input", {{"type", "hidden"}, {"name", "criterion"}, {"value", key}});
        auto fieldset = html.scope("fieldset");
        html.element("legend", "Ghi kết quả cả tiêu chí số " + key);
        write_met_choice(html, id + "-ket-luan", "Kết luận", typed.met, error("met"), false);
        write_input(html, {.id = id + "-ngay",
                           .name = "assessed_on",
                           .label = "Ngày đánh giá",
                           .value = typed.assessed_on,
                           .hint = "Dạng năm-tháng-ngày, ví dụ 2024-03-31.",
                           .error = error("assessed_on"),
                           .inputmode = "numeric",
                           .maxlength = 10,
                           .required = true});
        write_textarea(html, id + "-can-cu", "evidence", "Căn cứ (quyết định, biên bản)", typed.evidence,
                       error("evidence"));
        submit(html, "Ghi kết quả tiêu chí " + key);
    }

    http::Response commune_page(const AdminContext& context, std::string_view slug, std::string_view commune_text,
                                const Refusal& refusal, std::string_view flash, int status) {
        std::optional<http::Response> refused;
        auto set = find_set(context, slug, refused);
        if (!set) return std::move(*refused);
        auto standing = ntm.standing(set->id);
        if (!standing) return failure(context, standing.error());
        auto commune_id = parse_id(commune_text);
        const auto* s = commune_id ? find_standing(*standing, *commune_id) : nullptr;
        if (!s) return not_found(context, std::string(targets::unit_noun(set->unit_level)));
        const std::string base = ntm_commune_admin_path(*set, s->commune.id);

        render::HtmlWriter html;
        html.element("h1", s->commune.name);
        {
            auto nav = html.scope("p");
            html.element("a", {{"href", ntm_set_admin_path(*set)}}, "‹ " + set->title);
        }
        std::string form_id;
        if (refusal.typed && refusal.typed->form == "chi-tieu") form_id = "chi-tieu-" + id_part(refusal.typed->key);
        if (refusal.typed && refusal.typed->form == "tieu-chi") form_id = "tieu-chi-" + refusal.typed->key;
        write_refusal(html, refusal, form_id);
        {
            auto p = html.scope("p", {{"class", "summary"}});
            html.text("Đạt " + std::to_string(s->met) + "/" + std::to_string(standing->criteria.size()) + " tiêu chí");
            html.text(s->eligible ? ": đủ điều kiện đề nghị công nhận." : ".");
            if (s->commune.merged_into) html.text(" Đơn vị đã sáp nhập; kết quả được giữ để tra cứu.");
        }
        if (!standing->zones.empty())
            html.element("p",
                         std::string(zone_label(*set)) + ": " +
                             (s->zone ? s->zone->name : std::string("chưa xếp (ngưỡng chung, nếu có, được dùng)")));
        {
            auto nav = html.scope("nav", {{"aria-label", "Các tiêu chí"}});
            auto list = html.scope("ul", {{"class", "inline-list"}});
            for (const auto& c : standing->criteria) {
                auto item = html.scope("li");
                html.element("a", {{"href", "#tc-" + std::to_string(c.number)}}, "TC " + std::to_string(c.number));
            }
        }
        for (std::size_t c = 0; c < standing->criteria.size(); ++c) {
            const auto& criterion = standing->criteria[c];
            const std::string number = std::to_string(criterion.number);
            auto section =
                html.scope("section", {{"id", "tc-" + number}, {"aria-labelledby", "tc-" + number + "-ten"}});
            html.element("h2", {{"id", "tc-" + number + "-ten"}}, "Tiêu chí số " + number + ": " + criterion.name);
            {
                auto p = html.scope("p");
                html.text("Hiện nay: ");
                const auto& current = s->statuses[c];
                html.element("strong",
                             {{"class", !current       ? "ntm-none"
                                        : current->met ? "ntm-met"
                                                       : "ntm-unmet"}},
                             status_text(current));
                if (current && !current->evidence.empty()) html.text(" – " + current->evidence);
            }
            std::vector<std::size_t> indicators;
            for (std::size_t i = 0; i < standing->indicators.size(); ++i)
                if (standing->indicators[i].criterion_id == criterion.id) indicators.push_back(i);
            if (!indicators.empty()) {
                auto wrap = html.scope("div", {{"class", "table-wrap"},
                                               {"role", "region"},
                                               {"tabindex", "0"},
                                               {"aria-label", "Chỉ tiêu của tiêu chí " + number}});
                auto table = html.scope("table", {{"class", "data ntm-indicators"}});
                html.element("caption", "Chỉ tiêu của tiêu chí số " + number);
                {
                    auto head = html.scope("thead");
                    auto row = html.scope("tr");
                    for (std::string_view heading :
                         {"Mã", "Chỉ tiêu", "Ngưỡng đạt chuẩn", "Kết quả mới nhất", "Đánh giá"})
                        html.element("th", {{"scope", "col"}}, heading);
                }
                auto body = html.scope("tbody");
                for (auto i : indicators) {
                    const auto& indicator = standing->indicators[i];
                    const auto& status = s->indicators[i];
                    auto row = html.scope("tr");
                    html.element("td", indicator.code);
                    {
                        auto cell = html.scope("th", {{"scope", "row"}});
                        html.element("a", {{"href", "#" + indicator_form_id(indicator)}}, indicator.name);
                    }
                    html.element("td", {{"class", "number"}}, threshold_text(indicator, status.threshold));
                    {
                        auto cell = html.scope("td");
                        write_latest(html, indicator, status);
                    }
                    html.element("td", !status.met   ? (status.assessment ? "Chưa kết luận" : "Chưa đánh giá")
                                       : *status.met ? "Đạt"
                                                     : "Chưa đạt");
                }
            }
            for (auto i : indicators)
                write_indicator_form(html, context, base + "/chi-tieu", standing->indicators[i], s->indicators[i],
                                     refusal);
            write_criterion_form(html, context, base + "/tieu-chi", criterion, refusal);
        }
        return shell.page(context, {.title = s->commune.name + " – " + set->title,
                                    .active_href = std::string(NTM_ADMIN_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .flash = std::string(flash),
                                    .status = status});
    }
};

// Browsers send a textarea's line breaks as CRLF; findings keep LF.
std::string without_cr(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != '\r') out += c;
    return out;
}

std::optional<bool> parse_met(std::string_view text) {
    if (text == "1") return true;
    if (text == "0") return false;
    return std::nullopt;
}

}  // namespace

std::string ntm_set_admin_path(const model::CriteriaSet& set) {
    return std::string(NTM_ADMIN_PATH) + "/" + http::percent_encode(set.slug);
}

std::string ntm_commune_admin_path(const model::CriteriaSet& set, std::int64_t commune_id) {
    return ntm_set_admin_path(set) + "/xa/" + std::to_string(commune_id);
}

http::Response NtmAdminPages::show_sets(const http::Request&, const AdminContext& context) {
    render::HtmlWriter html;
    html.element("h1", "Nông thôn mới");
    {
        auto p = html.scope("p");
        html.element("a", {{"href", "/tieu-chi-nong-thon-moi"}}, "Xem trang công khai");
    }
    auto sets = ntm.list_sets();
    if (!sets) return Pages{shell, ntm}.failure(context, sets.error());
    if (sets->empty()) {
        html.element("p", "Chưa có bộ tiêu chí nào. Bộ tiêu chí được khai báo qua API hoặc lệnh nạp dữ liệu.");
    } else {
        auto wrap = html.scope("div", {{"class", "table-wrap"}});
        auto table = html.scope("table", {{"class", "data"}});
        html.element("caption", "Các bộ tiêu chí nông thôn mới");
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            for (std::string_view heading :
                 {"Bộ tiêu chí", "Văn bản ban hành", "Cấp độ", "Giai đoạn", "Đơn vị đánh giá"})
                html.element("th", {{"scope", "col"}}, heading);
        }
        auto body = html.scope("tbody");
        for (const auto& set : *sets) {
            auto row = html.scope("tr");
            {
                auto cell = html.scope("th", {{"scope", "row"}});
                html.element("a", {{"href", ntm_set_admin_path(set)}}, set.title);
            }
            html.element("td", set.decision_ref.empty() ? std::string("—") : set.decision_ref);
            html.element("td", level_text(set));
            html.element("td", period_text(set));
            html.element("td", unit_title(set.unit_level));
        }
    }
    return shell.page(context, {.title = "Nông thôn mới",
                                .active_href = std::string(NTM_ADMIN_PATH),
                                .main = render::TrustedHtml(html.take())});
}

http::Response NtmAdminPages::show_set(const http::Request& request, const AdminContext& context) {
    std::string flash = request.query_param("da-luu") ? "Đã lưu." : "";
    return Pages{shell, ntm}.set_page(context, request.param("slug"), {}, flash, 200);
}

http::Response NtmAdminPages::set_zone(const http::Request& request, const AdminContext& context) {
    Pages pages{shell, ntm};
    std::optional<http::Response> refused;
    auto set = pages.find_set(context, request.param("slug"), refused);
    if (!set) return std::move(*refused);
    Typed typed{.form = "vung", .commune_id = form_value(request, "commune_id"), .zone = form_value(request, "zone")};
    auto commune = parse_id(typed.commune_id);
    Result<void> done = commune ? ntm.set_commune_zone(set->id, *commune, typed.zone, context.user, context.ip)
                                : Result<void>(Error{Errc::InvalidInput, "Chọn xã trong danh sách", "commune_id"});
    if (done) return http::Response::redirect(ntm_set_admin_path(*set) + "?da-luu=1");
    core::Error error = done.error();
    return pages.set_page(context, set->slug, {&error, &typed}, "", core::errc_status(error.code));
}

http::Response NtmAdminPages::add_commune(const http::Request& request, const AdminContext& context) {
    Pages pages{shell, ntm};
    std::optional<http::Response> refused;
    auto set = pages.find_set(context, request.param("slug"), refused);
    if (!set) return std::move(*refused);
    Typed typed{.form = "xa", .name = form_value(request, "name"), .merged_into = form_value(request, "merged_into")};
    targets::CommuneInput input{.name = typed.name, .unit_level = set->unit_level};
    Result<model::Commune> made = Error{Errc::InvalidInput, "Chọn đơn vị trong danh sách", "merged_into"};
    if (typed.merged_into.empty() || (input.merged_into = parse_id(typed.merged_into)))
        made = ntm.add_commune(input, context.user, context.ip);
    if (made) return http::Response::redirect(ntm_set_admin_path(*set) + "?da-luu=1");
    core::Error error = made.error();
    return pages.set_page(context, set->slug, {&error, &typed}, "", core::errc_status(error.code));
}

http::Response NtmAdminPages::show_commune(const http::Request& request, const AdminContext& context) {
    std::string flash = request.query_param("da-luu") ? "Đã ghi kết quả." : "";
    return Pages{shell, ntm}.commune_page(context, request.param("slug"), request.param("id"), {}, flash, 200);
}

http::Response NtmAdminPages::record_indicator(const http::Request& request, const AdminContext& context) {
    Pages pages{shell, ntm};
    std::optional<http::Response> refused;
    auto set = pages.find_set(context, request.param("slug"), refused);
    if (!set) return std::move(*refused);
    auto commune = parse_id(request.param("id"));
    if (!commune) return pages.not_found(context, "xã");
    Typed typed{.form = "chi-tieu",
                .key = form_value(request, "indicator"),
                .value = form_value(request, "value"),
                .met = form_value(request, "met"),
                .assessed_on = form_value(request, "assessed_on"),
                .evidence = form_value(request, "evidence")};
    auto value = parse_form_figure(typed.value, "value");
    Result<model::IndicatorAssessment> recorded =
        !value ? Result<model::IndicatorAssessment>(value.error())
               : ntm.record_indicator_assessment(set->id,
                                                 {.commune_id = *commune,
                                                  .indicator_code = typed.key,
                                                  .value = *value,
                                                  .met = parse_met(typed.met),
                                                  .assessed_on = typed.assessed_on,
                                                  .evidence = without_cr(typed.evidence)},
                                                 context.user, context.ip);
    if (recorded)
        return http::Response::redirect(ntm_commune_admin_path(*set, *commune) + "?da-luu=1#chi-tieu-" +
                                        id_part(typed.key));
    core::Error error = recorded.error();
    // An unknown commune is the page's own 404; an unknown indicator code is shown on the page.
    if (error.code == Errc::NotFound && error.field == "commune_id") return pages.not_found(context, "xã");
    return pages.commune_page(context, set->slug, request.param("id"), {&error, &typed}, "",
                              core::errc_status(error.code));
}

http::Response NtmAdminPages::record_criterion(const http::Request& request, const AdminContext& context) {
    Pages pages{shell, ntm};
    std::optional<http::Response> refused;
    auto set = pages.find_set(context, request.param("slug"), refused);
    if (!set) return std::move(*refused);
    auto commune = parse_id(request.param("id"));
    if (!commune) return pages.not_found(context, "xã");
    Typed typed{.form = "tieu-chi",
                .key = form_value(request, "criterion"),
                .met = form_value(request, "met"),
                .assessed_on = form_value(request, "assessed_on"),
                .evidence = form_value(request, "evidence")};
    int number = 0;
    auto [end, parsed] = std::from_chars(typed.key.data(), typed.key.data() + typed.key.size(), number);
    if (parsed != std::errc{} || end != typed.key.data() + typed.key.size()) number = 0;
    auto met = parse_met(typed.met);
    Result<model::CriterionAssessment> recorded = Error{Errc::InvalidInput, "Chọn Đạt hoặc Chưa đạt", "met"};
    if (met)
        recorded = ntm.record_assessment(set->id,
                                         {.commune_id = *commune,
                                          .criterion_number = number,
                                          .met = *met,
                                          .assessed_on = typed.assessed_on,
                                          .evidence = without_cr(typed.evidence)},
                                         context.user, context.ip);
    if (recorded)
        return http::Response::redirect(ntm_commune_admin_path(*set, *commune) + "?da-luu=1#" +
                                        criterion_form_id(number));
    core::Error error = recorded.error();
    if (error.code == Errc::NotFound && error.field == "commune_id") return pages.not_found(context, "xã");
    return pages.commune_page(context, set->slug, request.param("id"), {&error, &typed}, "",
                              core::errc_status(error.code));
}

void add_ntm_admin_routes(http::Router& router, AdminShell& shell, targets::NtmService& ntm) {
    auto pages = std::make_shared<NtmAdminPages>(NtmAdminPages{shell, ntm});
    auto bind = [&shell, pages](http::Response (NtmAdminPages::*handler)(const http::Request&, const AdminContext&)) {
        return shell.guard([pages, handler](const http::Request& request, const AdminContext& context) {
            return ((*pages).*handler)(request, context);
        });
    };
    http::RouteOptions form{.max_body_bytes = MAX_NTM_FORM_BYTES};
    const std::string base(NTM_ADMIN_PATH);

    // The sets; one set's standing, its zones and communes
    router.get(base, bind(&NtmAdminPages::show_sets));
    router.get(base + "/{slug}", bind(&NtmAdminPages::show_set));
    router.post(base + "/{slug}/vung", bind(&NtmAdminPages::set_zone), form);
    router.post(base + "/{slug}/xa", bind(&NtmAdminPages::add_commune), form);
    // One commune's findings within a set
    router.get(base + "/{slug}/xa/{id}", bind(&NtmAdminPages::show_commune));
    router.post(base + "/{slug}/xa/{id}/chi-tieu", bind(&NtmAdminPages::record_indicator), form);
    router.post(base + "/{slug}/xa/{id}/tieu-chi", bind(&NtmAdminPages::record_criterion), form);

    shell.add_menu_item({"Nông thôn mới", base, {}});
}

}  // namespace cong::admin
