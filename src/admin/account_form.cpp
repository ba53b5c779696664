#include "admin/account_form.hpp"

namespace cong::admin {

void write_field(render::HtmlWriter& html, const FieldSpec& field) {
    auto wrapper = html.scope("div", {{"class", "form-field"}});
    std::string id(field.name);
    std::string hint_id = id + "-goi-y";
    std::string error_id = id + "-loi";
    std::string described;
    if (!field.hint.empty()) described += hint_id;
    if (!field.error.empty()) described += (described.empty() ? "" : " ") + error_id;
    auto maxlength = field.maxlength > 0 ? std::to_string(field.maxlength) : std::string();
    html.element("label", {{"for", id}}, field.label);
    if (!field.hint.empty()) html.element("span", {{"class", "form-hint"}, {"id", hint_id}}, field.hint);
    if (!field.error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, field.error);
    html.void_element("input", {{"type", field.type},
                                {"id", id},
                                {"name", field.name},
                                {"value", field.value, !field.value.empty()},
                                {"autocomplete", field.autocomplete, !field.autocomplete.empty()},
                                {"inputmode", field.inputmode, !field.inputmode.empty()},
                                {"pattern", field.pattern, !field.pattern.empty()},
                                {"maxlength", maxlength, !maxlength.empty()},
                                {"aria-describedby", described, !described.empty()},
                                {"aria-invalid", "true", !field.error.empty()},
                                {"required", "", field.required},
                                {"autofocus", "", field.autofocus}});
}

std::string_view field_error(const core::Error* error, std::string_view field) {
    if (error && error->field == field) return error->detail;
    return {};
}

void write_form_error(render::HtmlWriter& html, const core::Error* error, bool only_without_field) {
    if (!error || (only_without_field && !error->field.empty())) return;
    auto alert = html.scope("div", {{"class", "notice notice-error"}, {"role", "alert"}});
    html.element("p", error->detail);
}

}  // namespace cong::admin
