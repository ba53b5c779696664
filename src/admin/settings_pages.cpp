#include "admin/settings_pages.hpp"

#include "admin/account_form.hpp"
#include "content/article_service.hpp"
#include "content/site_service.hpp"
#include "site/partials.hpp"

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <string>

namespace cong::admin {
namespace {

constexpr std::size_t MAX_SETTINGS_FORM_BYTES = 16 * 1024;
constexpr std::string_view MEDIA_LIBRARY_PATH = "/quan-tri/thu-vien-anh";

std::string form_value(const http::Request& request, std::string_view name) {
    return http::urlencoded_value(request.body, name).value_or("");
}

http::Response see_other(std::string location) {
    auto response = http::Response::redirect(std::move(location));
    response.cache_control = "no-store";
    return response;
}

// "" → no value; digits → the id; anything else → an error naming field.
core::Result<std::optional<std::int64_t>> optional_id(std::string_view text, const char* field, const char* label) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return std::optional<std::int64_t>{};
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id < 1)
        return core::Error{core::Errc::InvalidInput, std::string(label) + " phải là một mã số (số nguyên dương)", field};
    return std::optional<std::int64_t>{id};
}

core::Result<int> integer(std::string_view text, const char* field, const char* label) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return core::Error{core::Errc::InvalidInput, std::string(label) + " phải là số nguyên", field};
    return value;
}

int status_of(const core::Error& error) { return core::errc_status(error.code); }

void write_checkbox(render::HtmlWriter& html, std::string_view name, std::string_view label, bool checked) {
    auto wrapper = html.scope("div", {{"class", "checkbox"}});
    html.void_element("input", {{"type", "checkbox"}, {"id", name}, {"name", name}, {"value", "1"}, {"checked", "", checked}});
    html.element("label", {{"for", name}}, label);
}

// ---- Site settings -------------------------------------------------------------------------------------------

struct SettingsView {
    model::Site site;
    std::string logo_text;  // the logo field as typed (kept on an error)
    std::optional<model::Media> logo;
    const core::Error* error = nullptr;
};

render::TrustedHtml settings_form(const AdminContext& context, const SettingsView& view) {
    const auto& site = view.site;
    const auto* error = view.error;
    render::HtmlWriter html;
    html.element("h1", "Cài đặt cổng thông tin");
    write_form_error(html, error, false);
    auto form = html.scope("form", {{"method", "post"}, {"action", SETTINGS_PATH}, {"novalidate", ""}});
    html.trusted(csrf_field(context));
    {
        auto group = html.scope("fieldset");
        html.element("legend", "Tên và khẩu hiệu");
        write_field(html, {.name = "name", .label = "Tên cổng thông tin", .value = site.name,
                           .error = field_error(error, "name"), .required = true, .maxlength = 200});
        write_field(html, {.name = "slogan", .label = "Khẩu hiệu", .value = site.slogan,
                           .hint = "Dòng chữ dưới tên cổng, trên băng rôn đầu trang.",
                           .error = field_error(error, "slogan"), .maxlength = 400});
    }
    {
        auto group = html.scope("fieldset");
        html.element("legend", "Logo");
        if (view.logo && view.logo->width > 0 && view.logo->height > 0) {
            // As tall as in the public header (64 px), at the photo's own proportions.
            constexpr int PREVIEW_HEIGHT = 64;
            auto width = std::to_string(std::max(1, view.logo->width * PREVIEW_HEIGHT / view.logo->height));
            auto height = std::to_string(PREVIEW_HEIGHT);
            auto figure = html.scope("figure", {{"class", "settings-logo"}});
            html.void_element("img", {{"src", site::media_url(*view.logo)},
                                      {"width", width},
                                      {"height", height},
                                      {"alt", "Logo hiện tại"}});
            html.element("figcaption", "Logo hiện tại: ảnh số " + std::to_string(view.logo->id) +
                                           (view.logo->original_name.empty() ? "" : " (" + view.logo->original_name + ")"));
        }
        write_field(html, {.name = "logo_media_id", .label = "Mã ảnh logo trong thư viện ảnh", .value = view.logo_text,
                           .hint = "Tải ảnh logo lên Thư viện ảnh rồi nhập mã số của ảnh. Để trống để không dùng logo.",
                           .error = field_error(error, "logo_media_id"), .inputmode = "numeric", .maxlength = 20});
        auto line = html.scope("p");
        html.element("a", {{"href", MEDIA_LIBRARY_PATH}}, "Mở Thư viện ảnh");
    }
    {
        auto group = html.scope("fieldset");
        html.element("legend", "Màu sắc");
        html.element("p", {{"class", "form-hint"}},
                     "Mã màu dạng #rrggbb. Để trống để dùng màu mặc định (đỏ #9b111e, vàng #ffd966). Chữ trên các màu "
                     "phải đủ tương phản (ít nhất 4,5:1) để mọi người đọc được.");
        write_field(html, {.name = "primary_colour", .label = "Màu chủ đạo (băng rôn, menu, chân trang)",
                           .value = site.primary_colour, .hint = "Ví dụ: #1a5c9e",
                           .error = field_error(error, "primary_colour"), .pattern = "#[0-9a-fA-F]{6}", .maxlength = 7});
        write_field(html, {.name = "accent_colour", .label = "Màu nhấn (khẩu hiệu, mục menu đang chọn)",
                           .value = site.accent_colour, .hint = "Ví dụ: #ffd966",
                           .error = field_error(error, "accent_colour"), .pattern = "#[0-9a-fA-F]{6}", .maxlength = 7});
    }
    {
        auto group = html.scope("fieldset");
        html.element("legend", "Chân trang");
        write_field(html, {.name = "owner", .label = "Cơ quan chủ quản", .value = site.owner,
                           .error = field_error(error, "owner"), .maxlength = 200});
        write_field(html, {.name = "responsible_person", .label = "Người chịu trách nhiệm chính",
                           .value = site.responsible_person, .error = field_error(error, "responsible_person"),
                           .maxlength = 200});
        write_field(html, {.name = "licence", .label = "Giấy phép", .value = site.licence,
                           .hint = "Ví dụ: Giấy phép số 12/GP-TTĐT ngày 03/04/2024 của Sở TT&TT",
                           .error = field_error(error, "licence"), .maxlength = 300});
        write_field(html, {.name = "address", .label = "Địa chỉ", .value = site.address, .autocomplete = "street-address",
                           .error = field_error(error, "address"), .maxlength = 300});
        write_field(html, {.name = "phone", .label = "Điện thoại", .value = site.phone, .autocomplete = "tel",
                           .error = field_error(error, "phone"), .inputmode = "tel", .maxlength = 50});
        write_field(html, {.name = "email", .label = "Thư điện tử", .value = site.email, .autocomplete = "email",
                           .error = field_error(error, "email"), .inputmode = "email", .maxlength = 200});
    }
    auto actions = html.scope("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}}, "Lưu cài đặt");
    return render::TrustedHtml(html.take());
}

std::optional<model::Media> find_logo(storage::Database& db, std::optional<std::int64_t> id) {
    if (!id) return std::nullopt;
    auto found = db.read([&](storage::Tx& tx) { return tx.media().find_media(*id); });
    return found ? *found : std::nullopt;
}

class SettingsPages {
public:
    SettingsPages(AdminShell& shell, storage::Database& db, content::CategoryService& categories, std::int64_t site_id,
                  core::ChangeListener* listener)
        : shell_(shell), db_(db), categories_(categories), site_id_(site_id), listener_(listener) {}

    http::Response show_settings(const http::Request& request, const AdminContext& context) {
        auto site = content::find_site(db_, site_id_);
        if (!site) return error_page(context, site.error());
        SettingsView view{*site, site->logo_media_id ? std::to_string(*site->logo_media_id) : "", {}, nullptr};
        view.logo = find_logo(db_, site->logo_media_id);
        bool saved = request.query_param("da-luu").has_value();
        return settings_page(context, view, saved ? "Đã lưu cài đặt. Trang công khai đã cập nhật." : "", 200);
    }

    http::Response save_settings(const http::Request& request, const AdminContext& context) {
        auto stored = content::find_site(db_, site_id_);
        if (!stored) return error_page(context, stored.error());
        model::Site site = *stored;
        site.name = form_value(request, "name");
        site.slogan = form_value(request, "slogan");
        site.owner = form_value(request, "owner");
        site.responsible_person = form_value(request, "responsible_person");
        site.licence = form_value(request, "licence");
        site.address = form_value(request, "address");
        site.phone = form_value(request, "phone");
        site.email = form_value(request, "email");
        site.primary_colour = form_value(request, "primary_colour");
        site.accent_colour = form_value(request, "accent_colour");
        std::string logo_text = form_value(request, "logo_media_id");
        auto logo = optional_id(logo_text, "logo_media_id", "Mã ảnh logo");
        core::Result<void> saved = logo ? core::Result<void>{} : core::Result<void>(logo.error());
        if (logo) {
            site.logo_media_id = *logo;
            saved = content::update_site(db_, site, audit::Actor::user(context.user, context.ip), listener_);
        }
        if (saved) return see_other(std::string(SETTINGS_PATH) + "?da-luu=1");
        core::Error error = saved.error();
        SettingsView view{site, logo_text, find_logo(db_, stored->logo_media_id), &error};
        return settings_page(context, view, "", status_of(error));
    }

    http::Response show_categories(const http::Request& request, const AdminContext& context) {
        bool saved = request.query_param("da-luu").has_value();
        return categories_page(context, {}, nullptr, saved ? "Đã lưu. Menu của trang công khai đã cập nhật." : "", 200);
    }

    http::Response create_category(const http::Request& request, const AdminContext& context) {
        model::Category category;
        auto error = read_category(request, category, false);
        if (!error) {
            auto created = categories_.create_category(category, audit::Actor::user(context.user, context.ip));
            if (created) return see_other(std::string(CATEGORIES_PATH) + "?da-luu=1");
            error = created.error();
        }
        return categories_page(context, category, &*error, "", status_of(*error));
    }

    http::Response show_category(const http::Request& request, const AdminContext& context) {
        auto id = category_id(request);
        if (!id) return error_page(context, id.error());
        auto category = categories_.find_category(*id);
        if (!category) return error_page(context, category.error());
        return category_page(context, *category, nullptr, 200);
    }

    http::Response save_category(const http::Request& request, const AdminContext& context) {
        auto id = category_id(request);
        if (!id) return error_page(context, id.error());
        auto stored = categories_.find_category(*id);
        if (!stored) return error_page(context, stored.error());
        model::Category category = *stored;
        auto error = read_category(request, category, true);
        if (!error) {
            auto updated = categories_.update_category(category, audit::Actor::user(context.user, context.ip));
            if (updated) return see_other(std::string(CATEGORIES_PATH) + "?da-luu=1");
            error = updated.error();
        }
        return category_page(context, category, &*error, status_of(*error));
    }

    http::Response move_category(const http::Request& request, const AdminContext& context,
                                 content::MoveDirection direction) {
        auto id = category_id(request);
        if (!id) return error_page(context, id.error());
        auto moved = categories_.move_category(*id, direction, audit::Actor::user(context.user, context.ip));
        if (!moved) return error_page(context, moved.error());
        // Back to the same row, so a keyboard user pressing "Lên" again finds the button where it was.
        return see_other(std::string(CATEGORIES_PATH) + "?da-luu=1#chuyen-muc-" + std::to_string(*id));
    }

private:
    static core::Result<std::int64_t> category_id(const http::Request& request) {
        auto id = optional_id(request.param("id"), "id", "Mã chuyên mục");
        if (!id || !*id) return core::Error{core::Errc::NotFound, "Không tìm thấy chuyên mục", "id"};
        return **id;
    }

    // Fills category from the form; the position field exists only on the edit page.
    static std::optional<core::Error> read_category(const http::Request& request, model::Category& category,
                                                    bool with_position) {
        category.name = form_value(request, "name");
        category.slug = form_value(request, "slug");
        category.description = form_value(request, "description");
        category.in_menu = form_value(request, "in_menu") == "1";
        auto parent = optional_id(form_value(request, "parent_id"), "parent_id", "Chuyên mục cha");
        if (!parent) return parent.error();
        category.parent_id = *parent;
        if (with_position) {
            auto position = integer(form_value(request, "position"), "position", "Thứ tự");
            if (!position) return position.error();
            category.position = *position;
        }
        return std::nullopt;
    }

    // The categories a category may move under: not itself, nor anything below it.
    static bool below(const std::vector<model::Category>& all, std::int64_t candidate, std::int64_t root) {
        std::optional<std::int64_t> at = candidate;
        for (std::size_t steps = 0; at && steps <= all.size(); ++steps) {
            if (*at == root) return true;
            auto parent = std::find_if(all.begin(), all.end(), [&](const model::Category& c) { return c.id == *at; });
            at = parent == all.end() ? std::nullopt : parent->parent_id;
        }
        return false;
    }

    static int depth_of(const std::vector<model::Category>& all, const model::Category& category) {
        int depth = 0;
        std::optional<std::int64_t> at = category.parent_id;
        while (at && depth < 16) {
            auto parent = std::find_if(all.begin(), all.end(), [&](const model::Category& c) { return c.id == *at; });
            if (parent == all.end()) break;
            ++depth;
            at = parent->parent_id;
        }
        return depth;
    }

    void write_parent_select(render::HtmlWriter& html, const std::vector<model::Category>& all,
                             const model::Category& category, const core::Error* error) {
        auto wrapper = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "parent_id"}}, "Chuyên mục cha");
        auto message = field_error(error, "parent_id");
        if (!message.empty()) html.element("span", {{"class", "field-error"}, {"id", "parent_id-loi"}}, message);
        auto select = html.scope("select", {{"id", "parent_id"}, {"name", "parent_id"},
                                            {"aria-describedby", "parent_id-loi", !message.empty()},
                                            {"aria-invalid", "true", !message.empty()}});
        html.element("option", {{"value", ""}, {"selected", "", !category.parent_id}}, "(Cấp cao nhất)");
        for (const auto& candidate : all) {
            if (category.id != 0 && below(all, candidate.id, category.id)) continue;
            auto value = std::to_string(candidate.id);
            std::string label;
            for (int i = 0; i < depth_of(all, candidate); ++i) label += "— ";
            label += candidate.name;
            html.element("option", {{"value", value}, {"selected", "", category.parent_id == candidate.id}}, label);
        }
    }

    void write_category_fields(render::HtmlWriter& html, const std::vector<model::Category>& all,
                               const model::Category& category, const core::Error* error, bool with_position) {
        write_field(html, {.name = "name", .label = "Tên chuyên mục", .value = category.name,
                           .error = field_error(error, "name"), .required = true,
                           .maxlength = int(content::MAX_CATEGORY_NAME_CHARS)});
        write_field(html, {.name = "slug", .label = "Địa chỉ (slug)", .value = category.slug,
                           .hint = category.id == 0 ? "Để trống để tạo từ tên. Ví dụ: tin-tuc-su-kien"
                                                    : "Đổi địa chỉ làm hỏng các liên kết cũ tới chuyên mục này.",
                           .error = field_error(error, "slug"), .maxlength = 120});
        write_parent_select(html, all, category, error);
        if (with_position) {
            auto position = std::to_string(category.position);
            write_field(html, {.name = "position", .label = "Thứ tự trong menu", .type = "number", .value = position,
                               .hint = "Số nhỏ đứng trước, trong cùng chuyên mục cha.",
                               .error = field_error(error, "position"), .inputmode = "numeric"});
        }
        {
            auto wrapper = html.scope("div", {{"class", "form-field"}});
            html.element("label", {{"for", "description"}}, "Mô tả");
            auto message = field_error(error, "description");
            if (!message.empty()) html.element("span", {{"class", "field-error"}, {"id", "description-loi"}}, message);
            html.element("textarea", {{"id", "description"}, {"name", "description"}, {"rows", "3"},
                                      {"maxlength", "1000"},
                                      {"aria-describedby", "description-loi", !message.empty()}},
                         category.description);
        }
        write_checkbox(html, "in_menu", "Hiện trong menu", category.in_menu);
    }

    http::Response categories_page(const AdminContext& context, const model::Category& draft, const core::Error* error,
                                   std::string_view flash, int status) {
        auto all = categories_.list_categories();
        if (!all) return error_page(context, all.error());
        render::HtmlWriter html;
        html.element("h1", "Chuyên mục");
        html.element("p", "Cây chuyên mục cũng là menu của trang công khai: thay đổi có hiệu lực ngay.");
        if (all->empty()) {
            html.element("p", {{"class", "muted"}}, "Chưa có chuyên mục nào.");
        } else {
            auto wrap = html.scope("div", {{"class", "table-wrap"}});
            auto table = html.scope("table", {{"class", "category-tree"}});
            html.element("caption", "Các chuyên mục theo thứ tự trong menu");
            {
                auto head = html.scope("thead");
                auto row = html.scope("tr");
                for (const char* title : {"Tên", "Địa chỉ", "Trong menu", "Thứ tự", "Sửa"})
                    html.element("th", {{"scope", "col"}}, title);
            }
            auto body = html.scope("tbody");
            for (std::size_t i = 0; i < all->size(); ++i) write_category_row(html, context, *all, i);
        }
        html.element("h2", {{"id", "them"}}, "Thêm chuyên mục");
        write_form_error(html, error, true);
        {
            auto form = html.scope("form", {{"method", "post"}, {"action", CATEGORIES_PATH}, {"novalidate", ""}});
            html.trusted(csrf_field(context));
            model::Category fresh = draft;
            if (!error) fresh.in_menu = true;
            write_category_fields(html, *all, fresh, error, false);
            auto actions = html.scope("div", {{"class", "form-actions"}});
            html.element("button", {{"type", "submit"}}, "Thêm chuyên mục");
        }
        AdminPage page;
        page.title = "Chuyên mục";
        page.active_href = std::string(CATEGORIES_PATH);
        page.main = render::TrustedHtml(html.take());
        page.flash = std::string(flash);
        page.status = status;
        return shell_.page(context, std::move(page));
    }

    void write_category_row(render::HtmlWriter& html, const AdminContext& context,
                            const std::vector<model::Category>& all, std::size_t index) {
        const auto& category = all[index];
        auto id = std::to_string(category.id);
        auto row = html.scope("tr", {{"id", "chuyen-muc-" + id}});
        {
            auto cell = html.scope("th", {{"scope", "row"}});
            std::string prefix;
            for (int i = 0; i < depth_of(all, category); ++i) prefix += "— ";
            html.text(prefix);
            html.element("a", {{"href", content::category_path(category)}}, category.name);
        }
        html.element("td", category.slug);
        html.element("td", category.in_menu ? "Hiện" : "Ẩn");
        {
            auto cell = html.scope("td");
            auto has_sibling = [&](bool before) {
                for (std::size_t j = 0; j < all.size(); ++j)
                    if (all[j].parent_id == category.parent_id && j != index && (before ? j < index : j > index))
                        return true;
                return false;
            };
            auto move_form = [&](std::string_view action, std::string_view text, std::string_view label, bool enabled) {
                auto form = html.scope("form", {{"method", "post"},
                                                {"class", "inline-form"},
                                                {"action", std::string(CATEGORIES_PATH) + "/" + id + "/" + std::string(action)}});
                html.trusted(csrf_field(context));
                html.element("button", {{"type", "submit"}, {"class", "button button-quiet"}, {"aria-label", label},
                                        {"disabled", "", !enabled}},
                             text);
            };
            move_form("len", "Lên", "Chuyển " + category.name + " lên trên", has_sibling(true));
            move_form("xuong", "Xuống", "Chuyển " + category.name + " xuống dưới", has_sibling(false));
        }
        {
            auto cell = html.scope("td");
            html.element("a", {{"href", std::string(CATEGORIES_PATH) + "/" + id}, {"aria-label", "Sửa " + category.name}},
                         "Sửa");
        }
    }

    http::Response category_page(const AdminContext& context, const model::Category& category, const core::Error* error,
                                 int status) {
        auto all = categories_.list_categories();
        if (!all) return error_page(context, all.error());
        render::HtmlWriter html;
        html.element("h1", "Sửa chuyên mục: " + category.name);
        write_form_error(html, error, true);
        {
            auto form = html.scope("form", {{"method", "post"},
                                            {"action", std::string(CATEGORIES_PATH) + "/" + std::to_string(category.id)},
                                            {"novalidate", ""}});
            html.trusted(csrf_field(context));
            write_category_fields(html, *all, category, error, true);
            auto actions = html.scope("div", {{"class", "form-actions"}});
            html.element("button", {{"type", "submit"}}, "Lưu chuyên mục");
            html.element("a", {{"href", CATEGORIES_PATH}, {"class", "button button-quiet"}}, "Quay lại danh sách");
        }
        AdminPage page;
        page.title = "Sửa chuyên mục";
        page.active_href = std::string(CATEGORIES_PATH);
        page.main = render::TrustedHtml(html.take());
        page.status = status;
        return shell_.page(context, std::move(page));
    }

    http::Response settings_page(const AdminContext& context, const SettingsView& view, std::string_view flash,
                                 int status) {
        AdminPage page;
        page.title = "Cài đặt";
        page.active_href = std::string(SETTINGS_PATH);
        page.main = settings_form(context, view);
        page.flash = std::string(flash);
        page.status = status;
        return shell_.page(context, std::move(page));
    }

    http::Response error_page(const AdminContext& context, const core::Error& error) {
        render::HtmlWriter html;
        html.element("h1", error.code == core::Errc::NotFound ? "Không tìm thấy" : "Không thực hiện được");
        write_form_error(html, &error, false);
        html.element("a", {{"href", CATEGORIES_PATH}}, "Về danh sách chuyên mục");
        AdminPage page;
        page.title = "Lỗi";
        page.main = render::TrustedHtml(html.take());
        page.status = status_of(error);
        return shell_.page(context, std::move(page));
    }

    AdminShell& shell_;
    storage::Database& db_;
    content::CategoryService& categories_;
    std::int64_t site_id_;
    core::ChangeListener* listener_;
};

}  // namespace

void add_settings_admin_routes(http::Router& router, AdminShell& shell, storage::Database& db,
                               content::CategoryService& categories, std::int64_t site_id,
                               core::ChangeListener* listener) {
    // Lives as long as the routes: the router keeps copies of the handlers, which share it.
    auto pages = std::make_shared<SettingsPages>(shell, db, categories, site_id, listener);
    const std::vector<model::Role> admins{model::Role::Admin};
    shell.add_menu_item({"Cài đặt", std::string(SETTINGS_PATH), admins});
    shell.add_menu_item({"Chuyên mục", std::string(CATEGORIES_PATH), admins});
    http::RouteOptions form{.max_body_bytes = MAX_SETTINGS_FORM_BYTES};
    auto bind = [pages](http::Response (SettingsPages::*handler)(const http::Request&, const AdminContext&)) {
        return [pages, handler](const http::Request& request, const AdminContext& context) {
            return ((*pages).*handler)(request, context);
        };
    };
    auto move = [pages](content::MoveDirection direction) {
        return [pages, direction](const http::Request& request, const AdminContext& context) {
            return pages->move_category(request, context, direction);
        };
    };

    // Site settings: name, slogan, logo, colours, footer.
    router.get(std::string(SETTINGS_PATH), shell.guard(bind(&SettingsPages::show_settings), admins));
    router.post(std::string(SETTINGS_PATH), shell.guard(bind(&SettingsPages::save_settings), admins), form);
    // The category tree: list and create, edit one, move one up or down among its siblings.
    router.get(std::string(CATEGORIES_PATH), shell.guard(bind(&SettingsPages::show_categories), admins));
    router.post(std::string(CATEGORIES_PATH), shell.guard(bind(&SettingsPages::create_category), admins), form);
    router.get(std::string(CATEGORIES_PATH) + "/{id}", shell.guard(bind(&SettingsPages::show_category), admins));
    router.post(std::string(CATEGORIES_PATH) + "/{id}", shell.guard(bind(&SettingsPages::save_category), admins), form);
    router.post(std::string(CATEGORIES_PATH) + "/{id}/len", shell.guard(move(content::MoveDirection::Up), admins), form);
    router.post(std::string(CATEGORIES_PATH) + "/{id}/xuong", shell.guard(move(content::MoveDirection::Down), admins), form);
}

}  // namespace cong::admin
