#include "admin/account_form.hpp"
#include "admin/account_routes.hpp"

#include "auth/user_admin_service.hpp"
#include "core/clock.hpp"
#include "http/error_response.hpp"

#include <charconv>

namespace cong::admin {
namespace {

constexpr std::string_view USERS_PATH = "/quan-tri/nguoi-dung";
constexpr std::size_t MAX_USER_FORM_BYTES = 16 * 1024;

std::string form_value(const http::Request& request, std::string_view name) {
    return http::urlencoded_value(request.body, name).value_or("");
}

http::Response see_other(std::string location) {
    auto response = http::Response::redirect(std::move(location));
    response.cache_control = "no-store";
    return response;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::string user_path(std::int64_t id) {
    return std::string(USERS_PATH) + "/" + std::to_string(id);
}

std::string_view notice_for(std::string_view key) {
    if (key == "tao") return "Đã tạo tài khoản.";
    if (key == "vai-tro") return "Đã đổi vai trò.";
    if (key == "trang-thai") return "Đã đổi trạng thái tài khoản.";
    if (key == "mat-khau") return "Đã đặt mật khẩu mới; các phiên của tài khoản này đã kết thúc.";
    if (key == "hai-buoc") return "Đã cập nhật xác thực hai bước.";
    return {};
}

std::string status_text(const auth::AccountView& account, core::Timestamp now) {
    if (account.user.disabled) return "Đã vô hiệu hoá";
    if (account.security.locked_until && *account.security.locked_until > now)
        return "Tạm khoá đến " + core::format_vi_date_time(*account.security.locked_until);
    return "Đang hoạt động";
}

std::string totp_text(const model::AccountSecurity& security) {
    if (security.totp_enabled()) return security.totp_required ? "Đã bật (bắt buộc)" : "Đã bật";
    return security.totp_required ? "Bắt buộc, chưa đăng ký" : "Chưa bật";
}

void write_role_select(render::HtmlWriter& html, std::string_view id, model::Role selected) {
    html.open("select", {{"id", id}, {"name", "role"}});
    for (auto role : {model::Role::Editor, model::Role::Approver, model::Role::Admin})
        html.element("option", {{"value", model::to_string(role)}, {"selected", "", role == selected}},
                     role_label(role));
    html.close("select");
}

struct CreateForm {
    std::string login;
    std::string display_name;
    model::Role role = model::Role::Editor;
    const core::Error* error = nullptr;
};

http::Response show_list(SessionShell& shell, auth::UserAdminService& service, const http::Request& request,
                         const AdminContext& context, const CreateForm& form, int status) {
    auto accounts = service.list_accounts();
    if (!accounts) return http::respond_error(request, accounts.error());
    auto now = core::now();
    render::HtmlWriter html;
    html.element("h1", "Người dùng");
    {
        auto wrap = html.scope("div", {{"class", "table-wrap"}});
        auto table = html.scope("table", {{"class", "data"}});
        html.element("caption", std::to_string(accounts->size()) + " tài khoản");
        html.open("thead");
        html.open("tr");
        for (auto heading : {"Tên đăng nhập", "Tên hiển thị", "Vai trò", "Trạng thái", "Xác thực hai bước"})
            html.element("th", {{"scope", "col"}}, heading);
        html.close("tr");
        html.close("thead");
        auto body = html.scope("tbody");
        for (const auto& account : *accounts) {
            auto row = html.scope("tr");
            html.open("th", {{"scope", "row"}});
            html.element("a", {{"href", user_path(account.user.id)}}, account.user.login);
            html.close("th");
            html.element("td", account.user.display_name);
            html.element("td", role_label(account.user.role));
            html.element("td", status_text(account, now));
            html.element("td", totp_text(account.security));
        }
    }
    html.element("h2", {{"id", "them"}}, "Thêm người dùng");
    write_form_error(html, form.error, true);
    html.open("form", {{"method", "post"}, {"action", USERS_PATH}});
    html.trusted(csrf_field(context));
    write_field(html, {.name = "login",
                       .label = "Tên đăng nhập",
                       .value = form.login,
                       .autocomplete = "off",
                       .hint = "3–64 ký tự: chữ cái không dấu, chữ số và . _ -",
                       .error = field_error(form.error, "login"),
                       .required = true,
                       .maxlength = 64});
    write_field(html, {.name = "display_name",
                       .label = "Tên hiển thị",
                       .value = form.display_name,
                       .autocomplete = "off",
                       .hint = "Họ tên đầy đủ, ví dụ: Nguyễn Thị Hồng",
                       .error = field_error(form.error, "display_name"),
                       .maxlength = 100});
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "role"}}, "Vai trò");
        write_role_select(html, "role", form.role);
    }
    write_field(html, {.name = "password",
                       .label = "Mật khẩu ban đầu",
                       .type = "password",
                       .autocomplete = "new-password",
                       .hint = "Ít nhất 10 ký tự. Gửi cho người dùng qua kênh an toàn; họ nên đổi ngay.",
                       .error = field_error(form.error, "password"),
                       .required = true});
    html.open("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}}, "Thêm người dùng");
    html.close("div");
    html.close("form");

    AdminPage page;
    page.title = "Người dùng";
    page.active_href = std::string(USERS_PATH);
    page.main = render::TrustedHtml(html.take());
    page.flash = std::string(notice_for(request.query_param("thong-bao").value_or("")));
    page.status = status;
    return shell.page(context, std::move(page));
}

http::Response show_user(SessionShell& shell, const http::Request& request, const AdminContext& context,
                         const auth::AccountView& account, const core::Error* error, int status) {
    const auto& user = account.user;
    auto path = user_path(user.id);
    bool self = user.id == context.user.id;
    render::HtmlWriter html;
    html.open("p");
    html.element("a", {{"href", USERS_PATH}}, "← Danh sách người dùng");
    html.close("p");
    html.element("h1", "Người dùng " + user.login);
    write_form_error(html, error, true);
    {
        auto list = html.scope("dl", {{"class", "account-facts"}});
        html.element("dt", "Tên hiển thị");
        html.element("dd", user.display_name);
        html.element("dt", "Trạng thái");
        html.element("dd", status_text(account, core::now()));
        html.element("dt", "Xác thực hai bước");
        html.element("dd", totp_text(account.security));
        html.element("dt", "Tạo lúc");
        html.element("dd", core::format_vi_date_time(user.created_at));
    }

    html.element("h2", "Vai trò");
    if (self) {
        html.element("p", {{"class", "muted"}}, "Bạn không thể tự đổi vai trò của chính mình.");
    } else {
        html.open("form", {{"method", "post"}, {"action", path + "/vai-tro"}});
        html.trusted(csrf_field(context));
        html.open("div", {{"class", "form-field"}});
        html.element("label", {{"for", "role"}}, "Vai trò");
        write_role_select(html, "role", user.role);
        html.close("div");
        html.element("button", {{"type", "submit"}}, "Đổi vai trò");
        html.close("form");
    }

    html.element("h2", "Trạng thái");
    if (!self) {
        html.open("form", {{"method", "post"}, {"action", path + "/trang-thai"}});
        html.trusted(csrf_field(context));
        html.void_element("input", {{"type", "hidden"}, {"name", "disabled"}, {"value", user.disabled ? "0" : "1"}});
        html.element("button", {{"type", "submit"}, {"class", user.disabled ? "button" : "button button-danger"}},
                     user.disabled ? "Kích hoạt lại tài khoản" : "Vô hiệu hoá tài khoản");
        html.close("form");
    } else {
        html.element("p", {{"class", "muted"}}, "Bạn không thể tự vô hiệu hoá tài khoản của chính mình.");
    }

    html.element("h2", "Đặt lại mật khẩu");
    html.open("form", {{"method", "post"}, {"action", path + "/mat-khau"}});
    html.trusted(csrf_field(context));
    write_field(html, {.name = "password",
                       .label = "Mật khẩu mới",
                       .type = "password",
                       .autocomplete = "new-password",
                       .hint = "Ít nhất 10 ký tự. Mọi phiên của tài khoản này sẽ kết thúc.",
                       .error = field_error(error, "password"),
                       .required = true});
    write_field(html, {.name = "confirm",
                       .label = "Nhập lại mật khẩu mới",
                       .type = "password",
                       .autocomplete = "new-password",
                       .error = field_error(error, "confirm"),
                       .required = true});
    html.element("button", {{"type", "submit"}}, "Đặt mật khẩu mới");
    html.close("form");

    html.element("h2", "Xác thực hai bước");
    auto totp_button = [&](std::string_view action, std::string_view label, std::string_view css) {
        html.open("form", {{"method", "post"}, {"action", path + "/hai-buoc"}, {"class", "inline-form"}});
        html.trusted(csrf_field(context));
        html.void_element("input", {{"type", "hidden"}, {"name", "action"}, {"value", action}});
        html.element("button", {{"type", "submit"}, {"class", css}}, label);
        html.close("form");
    };
    html.open("div", {{"class", "form-actions"}});
    if (account.security.totp_required)
        totp_button("khong-bat-buoc", "Bỏ bắt buộc", "button button-quiet");
    else
        totp_button("bat-buoc", "Bắt buộc xác thực hai bước", "button");
    if (account.security.totp_enabled()) totp_button("dat-lai", "Đặt lại (mất điện thoại)", "button button-danger");
    html.close("div");

    AdminPage page;
    page.title = "Người dùng " + user.login;
    page.active_href = std::string(USERS_PATH);
    page.main = render::TrustedHtml(html.take());
    page.flash = std::string(notice_for(request.query_param("thong-bao").value_or("")));
    page.status = status;
    return shell.page(context, std::move(page));
}

}  // namespace

void add_user_admin_routes(http::Router& router, SessionShell& shell, auth::UserService&, storage::Database& database) {
    // Owned by the routes: one per server, living as long as the handlers that capture it.
    auto service = std::make_shared<auth::UserAdminService>(database);
    shell.add_menu_item({"Người dùng", std::string(USERS_PATH), {model::Role::Admin}});
    const std::vector<model::Role> admins{model::Role::Admin};
    http::RouteOptions form{.max_body_bytes = MAX_USER_FORM_BYTES};

    router.get(std::string(USERS_PATH),
               shell.guard(
                   [&shell, service](const http::Request& request, const AdminContext& context) {
                       return show_list(shell, *service, request, context, {}, 200);
                   },
                   admins));

    router.post(std::string(USERS_PATH),
                shell.guard(
                    [&shell, service](const http::Request& request, const AdminContext& context) {
                        CreateForm form{form_value(request, "login"), form_value(request, "display_name")};
                        auto role = model::parse_role(form_value(request, "role"));
                        core::Error error;
                        if (!role) {
                            error = core::Error{core::Errc::InvalidInput, "Vai trò không hợp lệ", "role"};
                            form.error = &error;
                            return show_list(shell, *service, request, context, form, 400);
                        }
                        form.role = *role;
                        auto created =
                            service->create_account(audit::Actor::user(context.user, context.ip), form.login, *role,
                                                    form_value(request, "password"), form.display_name);
                        if (!created) {
                            error = created.error();
                            form.error = &error;
                            return show_list(shell, *service, request, context, form, core::errc_status(error.code));
                        }
                        return see_other(std::string(USERS_PATH) + "?thong-bao=tao");
                    },
                    admins),
                form);

    router.get(std::string(USERS_PATH) + "/{id}",
               shell.guard(
                   [&shell, service](const http::Request& request, const AdminContext& context) {
                       auto id = parse_id(request.param("id"));
                       if (!id) return http::respond_error(request, {core::Errc::NotFound, "Không có người dùng này"});
                       auto account = service->find_account(*id);
                       if (!account) return http::respond_error(request, account.error());
                       return show_user(shell, request, context, *account, nullptr, 200);
                   },
                   admins));

    // Every change on one user's page: run it, then back to the page with a notice, or the page with the error.
    using Change = std::function<core::Result<void>(const http::Request&, const audit::Actor&, std::int64_t)>;
    auto change_route = [&](std::string suffix, std::string notice, Change change) {
        router.post(std::string(USERS_PATH) + "/{id}/" + suffix,
                    shell.guard(
                        [&shell, service, notice, change](const http::Request& request, const AdminContext& context) {
                            auto id = parse_id(request.param("id"));
                            if (!id)
                                return http::respond_error(request, {core::Errc::NotFound, "Không có người dùng này"});
                            auto changed = change(request, audit::Actor::user(context.user, context.ip), *id);
                            if (!changed) {
                                auto error = changed.error();
                                if (error.code == core::Errc::NotFound) return http::respond_error(request, error);
                                auto account = service->find_account(*id);
                                if (!account) return http::respond_error(request, account.error());
                                return show_user(shell, request, context, *account, &error,
                                                 core::errc_status(error.code));
                            }
                            return see_other(user_path(*id) + "?thong-bao=" + notice);
                        },
                        admins),
                    form);
    };

    change_route(
        "vai-tro", "vai-tro", [service](const http::Request& request, const audit::Actor& actor, std::int64_t id) {
            auto role = model::parse_role(form_value(request, "role"));
            if (!role) return core::Result<void>(core::Error{core::Errc::InvalidInput, "Vai trò không hợp lệ", "role"});
            return service->set_role(actor, id, *role);
        });
    change_route(
        "trang-thai", "trang-thai",
        [service](const http::Request& request, const audit::Actor& actor, std::int64_t id) {
            auto value = form_value(request, "disabled");
            if (value != "0" && value != "1")
                return core::Result<void>(core::Error{core::Errc::InvalidInput, "Trạng thái không hợp lệ", "disabled"});
            return service->set_disabled(actor, id, value == "1");
        });
    change_route(
        "mat-khau", "mat-khau", [service](const http::Request& request, const audit::Actor& actor, std::int64_t id) {
            return service->reset_password(actor, id, form_value(request, "password"), form_value(request, "confirm"));
        });
    change_route(
        "hai-buoc", "hai-buoc", [service](const http::Request& request, const audit::Actor& actor, std::int64_t id) {
            auto action = form_value(request, "action");
            if (action == "bat-buoc") return service->set_totp(actor, id, auth::TotpRequirement::Required);
            if (action == "khong-bat-buoc") return service->set_totp(actor, id, auth::TotpRequirement::NotRequired);
            if (action == "dat-lai") return service->set_totp(actor, id, auth::TotpRequirement::Reset);
            return core::Result<void>(core::Error{core::Errc::InvalidInput, "Thao tác không hợp lệ", "action"});
        });
}

}  // namespace cong::admin
