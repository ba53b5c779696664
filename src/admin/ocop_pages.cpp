#include "admin/ocop_pages.hpp"

#include "admin/account_form.hpp"
#include "http/message.hpp"

#include <charconv>
#include <memory>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;

std::string product_path(std::int64_t id) { return std::string(OCOP_PATH) + "/" + std::to_string(id); }

std::optional<std::int64_t> parse_id(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

// The form as typed: kept as text, so a refused form comes back exactly as it was sent.
struct ProductForm {
    std::string name, slug, stars, producer, commune_id, group, year, decision_ref, description, media;
    bool demo = false;
};

ProductForm form_of(const model::OcopProduct& p) {
    ProductForm form{p.name,
                     p.slug,
                     std::to_string(p.stars),
                     p.producer,
                     p.commune_id ? std::to_string(*p.commune_id) : std::string(),
                     p.group_code,
                     std::to_string(p.year_recognised),
                     p.decision_ref,
                     p.description,
                     {},
                     p.demo};
    for (auto id : p.media_ids) form.media += (form.media.empty() ? "" : ", ") + std::to_string(id);
    return form;
}

ProductForm read_form(std::string_view body) {
    ProductForm form;
    for (auto& [key, value] : http::parse_urlencoded(body)) {
        if (key == "name") form.name = value;
        else if (key == "slug") form.slug = value;
        else if (key == "stars") form.stars = value;
        else if (key == "producer") form.producer = value;
        else if (key == "commune_id") form.commune_id = value;
        else if (key == "group") form.group = value;
        else if (key == "year_recognised") form.year = value;
        else if (key == "decision_ref") form.decision_ref = value;
        else if (key == "description") form.description = value;
        else if (key == "media") form.media = value;
        else if (key == "demo") form.demo = value == "1";
    }
    return form;
}

core::Result<targets::OcopProductInput> input_of(const ProductForm& form) {
    targets::OcopProductInput input;
    input.name = form.name;
    input.slug = form.slug;
    input.producer = form.producer;
    input.group_code = form.group;
    input.decision_ref = form.decision_ref;
    // Browsers send a textarea's line breaks as CRLF; the catalogue keeps LF.
    for (char c : form.description)
        if (c != '\r') input.description += c;
    input.demo = form.demo;
    auto number = [](std::string_view text) -> std::optional<std::int64_t> {
        while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
        while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
        return parse_id(text);
    };
    auto stars = number(form.stars);
    if (!stars || *stars < 3 || *stars > 5) return Error{Errc::InvalidInput, "Chọn hạng 3, 4 hoặc 5 sao", "stars"};
    input.stars = int(*stars);
    auto year = number(form.year);
    if (!year || *year > 2100) return Error{Errc::InvalidInput, "Năm công nhận phải là một năm, ví dụ 2024", "year_recognised"};
    input.year_recognised = int(*year);
    if (!form.commune_id.empty()) {
        auto commune = number(form.commune_id);
        if (!commune) return Error{Errc::InvalidInput, "Chọn xã trong danh sách", "commune_id"};
        input.commune_id = *commune;
    }
    std::string_view rest = form.media;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        auto piece = rest.substr(0, comma);
        while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
        while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
        if (!piece.empty()) {
            auto id = parse_id(piece);
            if (!id) return Error{Errc::InvalidInput, "Mã ảnh là các số, cách nhau bằng dấu phẩy", "media"};
            if (input.media_ids.size() >= targets::MAX_OCOP_PHOTOS)
                return Error{Errc::InvalidInput,
                             "Tối đa " + std::to_string(targets::MAX_OCOP_PHOTOS) + " ảnh cho một sản phẩm", "media"};
            input.media_ids.push_back(*id);
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return input;
}

void write_select(render::HtmlWriter& html, std::string_view name, std::string_view label, std::string_view value,
                  const std::vector<std::pair<std::string, std::string>>& options, std::string_view error) {
    auto field = html.scope("div", {{"class", "form-field"}});
    html.element("label", {{"for", name}}, label);
    std::string error_id = std::string(name) + "-loi";
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, error);
    auto select = html.scope("select", {{"id", name},
                                        {"name", name},
                                        {"aria-invalid", "true", !error.empty()},
                                        {"aria-describedby", error_id, !error.empty()}});
    for (const auto& [option_value, option_label] : options)
        html.element("option", {{"value", option_value}, {"selected", "selected", option_value == value}}, option_label);
}

http::Response form_page(AdminShell& shell, targets::NtmService& ntm, const AdminContext& context,
                         const ProductForm& form, std::optional<std::int64_t> id, const core::Error* error,
                         std::string flash, int status) {
    render::HtmlWriter html;
    std::string title = id ? "Sửa sản phẩm OCOP" : "Thêm sản phẩm OCOP";
    html.element("h1", title);
    {
        auto back = html.scope("p");
        html.element("a", {{"href", OCOP_PATH}}, "‹ Danh mục sản phẩm OCOP");
    }
    write_form_error(html, error, true);
    auto form_scope = html.scope("form", {{"method", "post"}, {"action", id ? product_path(*id) : std::string(OCOP_NEW_PATH)}});
    html.trusted(csrf_field(context));
    write_field(html, {.name = "name",
                       .label = "Tên sản phẩm",
                       .value = form.name,
                       .error = field_error(error, "name"),
                       .required = true,
                       .maxlength = int(targets::MAX_OCOP_NAME_CHARS)});
    write_field(html, {.name = "slug",
                       .label = "Địa chỉ trang (slug)",
                       .value = form.slug,
                       .hint = "Để trống: lấy theo tên sản phẩm.",
                       .error = field_error(error, "slug"),
                       .maxlength = 200});
    write_select(html, "stars", "Hạng sao", form.stars,
                 {{"3", "3 sao"}, {"4", "4 sao"}, {"5", "5 sao"}}, field_error(error, "stars"));
    std::vector<std::pair<std::string, std::string>> groups;
    for (const auto& group : model::OCOP_GROUPS) groups.emplace_back(std::string(group.code), std::string(group.name));
    write_select(html, "group", "Nhóm sản phẩm", form.group, groups, field_error(error, "group"));
    write_field(html, {.name = "producer",
                       .label = "Chủ thể sản xuất",
                       .value = form.producer,
                       .hint = "Hợp tác xã, doanh nghiệp hoặc hộ sản xuất.",
                       .error = field_error(error, "producer"),
                       .required = true,
                       .maxlength = int(targets::MAX_OCOP_PRODUCER_CHARS)});
    std::vector<std::pair<std::string, std::string>> communes{{"", "(không ghi xã)"}};
    if (auto all = ntm.list_communes())
        for (const auto& c : *all)
            if (c.unit_level == model::NtmUnitLevel::Commune)
                communes.emplace_back(std::to_string(c.id), c.name + (c.merged_into ? " (trước sáp nhập)" : ""));
    write_select(html, "commune_id", "Xã", form.commune_id, communes, field_error(error, "commune_id"));
    write_field(html, {.name = "year_recognised",
                       .label = "Năm công nhận",
                       .type = "number",
                       .value = form.year,
                       .error = field_error(error, "year_recognised"),
                       .required = true,
                       .inputmode = "numeric",
                       .maxlength = 4});
    write_field(html, {.name = "decision_ref",
                       .label = "Quyết định công nhận",
                       .value = form.decision_ref,
                       .hint = "Số, ngày và cơ quan ban hành, nếu có.",
                       .error = field_error(error, "decision_ref"),
                       .maxlength = int(targets::MAX_OCOP_DECISION_CHARS)});
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "description"}}, "Mô tả");
        auto description_error = field_error(error, "description");
        if (!description_error.empty())
            html.element("span", {{"class", "field-error"}, {"id", "description-loi"}}, description_error);
        auto max = std::to_string(targets::MAX_OCOP_DESCRIPTION_CHARS);
        html.element("textarea",
                     {{"id", "description"},
                      {"name", "description"},
                      {"rows", "6"},
                      {"maxlength", max},
                      {"aria-invalid", "true", !description_error.empty()},
                      {"aria-describedby", "description-loi", !description_error.empty()}},
                     form.description);
    }
    write_field(html, {.name = "media",
                       .label = "Ảnh (mã ảnh trong thư viện)",
                       .value = form.media,
                       .hint = "Các mã ảnh cách nhau bằng dấu phẩy, ảnh đầu tiên là ảnh đại diện; xem mã ở Thư viện ảnh.",
                       .error = field_error(error, "media"),
                       .maxlength = 200});
    {
        auto field = html.scope("div", {{"class", "form-field form-check"}});
        html.void_element("input", {{"id", "demo"}, {"name", "demo"}, {"type", "checkbox"}, {"value", "1"},
                                    {"checked", "checked", form.demo}});
        html.element("label", {{"for", "demo"}}, "Dữ liệu minh họa (ghi rõ trên trang công khai)");
    }
    {
        auto actions = html.scope("div", {{"class", "form-actions"}});
        html.element("button", {{"type", "submit"}, {"class", "button"}}, id ? "Lưu" : "Thêm sản phẩm");
    }
    return shell.page(context, {.title = title,
                                .active_href = std::string(OCOP_PATH),
                                .main = render::TrustedHtml(html.take()),
                                .flash = std::move(flash),
                                .status = status});
}

http::Response see_other(std::string location) {
    auto response = http::Response::redirect(std::move(location));
    response.cache_control = "no-store";
    return response;
}

int status_of(const core::Error& error) {
    switch (error.code) {
        case Errc::Conflict: return 409;
        case Errc::Forbidden: return 403;
        case Errc::NotFound: return 404;
        case Errc::InvalidInput: return 400;
        default: return core::errc_status(error.code);
    }
}

}  // namespace

http::Response OcopPages::show_list(const http::Request&, const AdminContext& context) {
    render::HtmlWriter html;
    html.element("h1", "Sản phẩm OCOP");
    {
        auto p = html.scope("p");
        html.element("a", {{"href", OCOP_NEW_PATH}, {"class", "button"}}, "Thêm sản phẩm");
        html.text(" ");
        html.element("a", {{"href", "/ocop"}}, "Xem trang công khai");
    }
    auto products = ocop.list();
    if (!products) {
        core::Error error = products.error();
        write_form_error(html, &error, false);
        return shell.page(context, {.title = "Sản phẩm OCOP",
                                    .active_href = std::string(OCOP_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = core::errc_status(error.code)});
    }
    html.element("p", {{"role", "status"}}, "Danh mục có " + std::to_string(products->size()) + " sản phẩm.");
    if (!products->empty()) {
        auto wrap = html.scope("div", {{"class", "table-wrap"}});
        auto table = html.scope("table");
        html.element("caption", "Sản phẩm OCOP, hạng sao cao trước");
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            for (std::string_view heading : {"Sản phẩm", "Hạng", "Nhóm", "Chủ thể", "Xã", "Năm", "Ghi chú"})
                html.element("th", {{"scope", "col"}}, heading);
        }
        auto body = html.scope("tbody");
        for (const auto& p : *products) {
            auto row = html.scope("tr");
            {
                auto cell = html.scope("th", {{"scope", "row"}});
                html.element("a", {{"href", product_path(p.id)}}, p.name);
            }
            html.element("td", targets::stars_text(p.stars));
            html.element("td", model::ocop_group_name(p.group_code));
            html.element("td", p.producer);
            html.element("td", p.commune_name);
            html.element("td", std::to_string(p.year_recognised));
            html.element("td", p.demo ? "Dữ liệu minh họa" : "");
        }
    }
    return shell.page(context,
                      {.title = "Sản phẩm OCOP", .active_href = std::string(OCOP_PATH), .main = render::TrustedHtml(html.take())});
}

http::Response OcopPages::show_new(const http::Request&, const AdminContext& context) {
    ProductForm form;
    form.stars = "3";
    form.group = "thuc-pham";
    return form_page(shell, ntm, context, form, std::nullopt, nullptr, "", 200);
}

http::Response OcopPages::create(const http::Request& request, const AdminContext& context) {
    auto form = read_form(request.body);
    auto input = input_of(form);
    core::Result<model::OcopProduct> made = input ? ocop.create(*input, context.user, context.ip)
                                                  : core::Result<model::OcopProduct>(input.error());
    if (!made) {
        core::Error error = made.error();
        return form_page(shell, ntm, context, form, std::nullopt, &error, "", status_of(error));
    }
    return see_other(product_path(made->id) + "?da-luu=1");
}

http::Response OcopPages::show_edit(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    auto product = id ? ocop.find(*id) : core::Result<std::optional<model::OcopProduct>>(std::nullopt);
    if (!product || !*product) {
        render::HtmlWriter html;
        html.element("h1", "Không tìm thấy sản phẩm");
        html.element("a", {{"href", OCOP_PATH}}, "‹ Danh mục sản phẩm OCOP");
        return shell.page(context, {.title = "Không tìm thấy sản phẩm",
                                    .active_href = std::string(OCOP_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = 404});
    }
    std::string flash = request.query_param("da-luu") ? "Đã lưu." : "";
    return form_page(shell, ntm, context, form_of(**product), *id, nullptr, flash, 200);
}

http::Response OcopPages::save(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return show_edit(request, context);
    auto form = read_form(request.body);
    auto input = input_of(form);
    core::Result<model::OcopProduct> saved = input ? ocop.update(*id, *input, context.user, context.ip)
                                                   : core::Result<model::OcopProduct>(input.error());
    if (!saved && saved.error().code == Errc::NotFound) return show_edit(request, context);
    if (!saved) {
        core::Error error = saved.error();
        return form_page(shell, ntm, context, form, id, &error, "", status_of(error));
    }
    return see_other(product_path(*id) + "?da-luu=1");
}

void add_ocop_admin_routes(http::Router& router, AdminShell& shell, targets::OcopService& ocop,
                           targets::NtmService& ntm) {
    auto pages = std::make_shared<OcopPages>(OcopPages{shell, ocop, ntm});
    std::vector<model::Role> keepers{model::Role::Admin, model::Role::Approver};
    auto bind = [&shell, pages, keepers](http::Response (OcopPages::*handler)(const http::Request&, const AdminContext&)) {
        return shell.guard(
            [pages, handler](const http::Request& request, const AdminContext& context) {
                return ((*pages).*handler)(request, context);
            },
            keepers);
    };
    http::RouteOptions form{.max_body_bytes = MAX_OCOP_FORM_BYTES};

    // The catalogue, a new product, one product's form
    router.get(std::string(OCOP_PATH), bind(&OcopPages::show_list));
    router.get(std::string(OCOP_NEW_PATH), bind(&OcopPages::show_new));
    router.post(std::string(OCOP_NEW_PATH), bind(&OcopPages::create), form);
    router.get(std::string(OCOP_PATH) + "/{id}", bind(&OcopPages::show_edit));
    router.post(std::string(OCOP_PATH) + "/{id}", bind(&OcopPages::save), form);

    shell.add_menu_item({"Sản phẩm OCOP", std::string(OCOP_PATH), keepers});
}

}  // namespace cong::admin
