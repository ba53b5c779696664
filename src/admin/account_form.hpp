// Account forms: the labelled fields of the sign-in, account and user pages, each with its hint and error
// tied to it for screen readers.
#pragma once

#include "core/result.hpp"
#include "render/html_writer.hpp"

#include <string>
#include <string_view>

namespace cong::admin {

struct FieldSpec {
    std::string_view name;   // form field name, also the id
    std::string_view label;  // visible label
    std::string_view type = "text";
    std::string_view value = {};
    std::string_view autocomplete = {};
    std::string_view hint = {};
    std::string_view error = {};  // shown beside the field, marks it aria-invalid
    bool required = false;
    bool autofocus = false;
    std::string_view inputmode = {};
    std::string_view pattern = {};
    int maxlength = 0;
};

// <div class="form-field"><label>…</label><span class="form-hint">…</span><span
// class="field-error">…</span><input></div>
void write_field(render::HtmlWriter& html, const FieldSpec& field);

// The error of a failed form for one field: its message when error names this field, else empty.
std::string_view field_error(const core::Error* error, std::string_view field);

// An alert above a form for an error that names no field (or any error, when fields are not shown).
void write_form_error(render::HtmlWriter& html, const core::Error* error, bool only_without_field);

}  // namespace cong::admin
