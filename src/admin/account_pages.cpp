#include "admin/account_form.hpp"
#include "admin/account_routes.hpp"

#include "auth/totp.hpp"
#include "core/clock.hpp"
#include "http/error_response.hpp"

namespace cong::admin {
namespace {

constexpr std::size_t MAX_ACCOUNT_FORM_BYTES = 16 * 1024;

std::string form_value(const http::Request& request, std::string_view name) {
    return http::urlencoded_value(request.body, name).value_or("");
}

http::Response see_other(std::string location) {
    auto response = http::Response::redirect(std::move(location));
    response.cache_control = "no-store";
    return response;
}

// The notice after a change, by the fixed key the redirect carries (never text from the address bar).
std::string_view notice_for(std::string_view key) {
    if (key == "mat-khau") return "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.";
    if (key == "hai-buoc-bat") return "Đã bật xác thực hai bước.";
    if (key == "hai-buoc-tat") return "Đã tắt xác thực hai bước.";
    return {};
}

// "ABCD EFGH IJKL …": groups of four are easier to type from a screen.
std::string grouped(std::string_view secret) {
    std::string out;
    for (std::size_t i = 0; i < secret.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        out.push_back(secret[i]);
    }
    return out;
}

void write_password_section(render::HtmlWriter& html, const AdminContext& context, const core::Error* error) {
    html.element("h2", {{"id", "mat-khau"}}, "Đổi mật khẩu");
    write_form_error(html, error, true);
    html.open("form", {{"method", "post"}, {"action", "/quan-tri/tai-khoan/mat-khau"}});
    html.trusted(csrf_field(context));
    // A hidden login lets password managers file the new password under the right account.
    html.void_element(
        "input",
        {{"type", "hidden"}, {"name", "username"}, {"value", context.user.login}, {"autocomplete", "username"}});
    write_field(html, {.name = "current_password",
                       .label = "Mật khẩu hiện tại",
                       .type = "password",
                       .autocomplete = "current-password",
                       .error = field_error(error, "current_password"),
                       .required = true});
    write_field(html, {.name = "new_password",
                       .label = "Mật khẩu mới",
                       .type = "password",
                       .autocomplete = "new-password",
                       .hint = "Ít nhất 10 ký tự; một câu dài dễ nhớ là mật khẩu tốt.",
                       .error = field_error(error, "new_password"),
                       .required = true});
    write_field(html, {.name = "confirm_password",
                       .label = "Nhập lại mật khẩu mới",
                       .type = "password",
                       .autocomplete = "new-password",
                       .error = field_error(error, "confirm_password"),
                       .required = true});
    html.open("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}}, "Đổi mật khẩu");
    html.close("div");
    html.close("form");
}

void write_totp_section(render::HtmlWriter& html, const AdminContext& context, const auth::ActiveSession& active,
                        const core::Error* error, std::string_view site_name) {
    const auto& security = active.security;
    html.element("h2", {{"id", "hai-buoc"}}, "Xác thực hai bước");
    if (active.must_enrol_totp())
        html.element("p", {{"class", "notice notice-error"}, {"role", "alert"}},
                     "Quản trị viên yêu cầu tài khoản này dùng xác thực hai bước. Hãy bật nó trước khi làm việc khác.");
    write_form_error(html, error, true);
    if (security.totp_enabled()) {
        html.element("p", "Đang bật: mỗi lần đăng nhập cần thêm mã 6 chữ số từ ứng dụng xác thực.");
        if (security.totp_required) {
            html.element("p", {{"class", "muted"}}, "Quản trị viên yêu cầu tài khoản này dùng xác thực hai bước.");
            return;
        }
        html.open("form", {{"method", "post"}, {"action", "/quan-tri/tai-khoan/hai-buoc/tat"}});
        html.trusted(csrf_field(context));
        write_field(html, {.name = "code",
                           .label = "Mã xác thực hiện tại (để tắt)",
                           .autocomplete = "one-time-code",
                           .error = field_error(error, "code"),
                           .required = true,
                           .inputmode = "numeric",
                           .maxlength = 6});
        html.element("button", {{"type", "submit"}, {"class", "button button-quiet"}}, "Tắt xác thực hai bước");
        html.close("form");
        return;
    }
    if (!security.totp_pending_secret.empty()) {
        auto uri =
            auth::totp_uri(site_name.empty() ? "Cong" : site_name, context.user.login, security.totp_pending_secret);
        html.open("ol");
        html.open("li");
        html.text(
            "Trong ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…), chọn thêm "
            "tài khoản bằng khoá thiết lập và nhập khoá: ");
        html.element("span", {{"class", "secret"}}, grouped(security.totp_pending_secret));
        html.close("li");
        html.open("li");
        html.text("Hoặc mở liên kết này trên điện thoại có ứng dụng: ");
        html.element("a", {{"href", uri}}, "thêm vào ứng dụng xác thực");
        html.close("li");
        html.element("li", "Nhập mã 6 chữ số mà ứng dụng hiển thị để xác nhận.");
        html.close("ol");
        html.open("form", {{"method", "post"}, {"action", "/quan-tri/tai-khoan/hai-buoc/xac-nhan"}});
        html.trusted(csrf_field(context));
        write_field(html, {.name = "code",
                           .label = "Mã xác thực",
                           .autocomplete = "one-time-code",
                           .error = field_error(error, "code"),
                           .required = true,
                           .inputmode = "numeric",
                           .maxlength = 6});
        html.open("div", {{"class", "form-actions"}});
        html.element("button", {{"type", "submit"}}, "Xác nhận và bật");
        html.close("div");
        html.close("form");
        return;
    }
    html.element("p",
                 "Chưa bật. Với xác thực hai bước, người biết mật khẩu của bạn vẫn không đăng nhập được nếu "
                 "không có điện thoại của bạn.");
    html.open("form", {{"method", "post"}, {"action", "/quan-tri/tai-khoan/hai-buoc/bat-dau"}});
    html.trusted(csrf_field(context));
    html.element("button", {{"type", "submit"}}, "Bật xác thực hai bước");
    html.close("form");
}

struct AccountPageState {
    const core::Error* password_error = nullptr;
    const core::Error* totp_error = nullptr;
    std::string_view notice;
    int status = 200;
};

http::Response show_account(SessionShell& shell, const AdminContext& context, const auth::ActiveSession& active,
                            const AccountPageState& state) {
    render::HtmlWriter html;
    html.element("h1", "Tài khoản của tôi");
    {
        auto list = html.scope("dl", {{"class", "account-facts"}});
        html.element("dt", "Tên đăng nhập");
        html.element("dd", context.user.login);
        html.element("dt", "Tên hiển thị");
        html.element("dd", context.user.display_name);
        html.element("dt", "Vai trò");
        html.element("dd", role_label(context.user.role));
        html.element("dt", "Đổi mật khẩu lần cuối");
        html.element("dd", active.security.password_changed_at
                               ? core::format_vi_date_time(*active.security.password_changed_at)
                               : std::string("Chưa đổi từ khi tạo tài khoản"));
    }
    write_password_section(html, context, state.password_error);
    write_totp_section(html, context, active, state.totp_error, shell.site_name());
    html.element("h2", {{"id", "phien"}}, "Phiên đăng nhập");
    html.element("p", "Phiên này bắt đầu lúc " + core::format_vi_date_time(active.session.created_at) +
                          ". Nếu bạn đã đăng nhập trên máy khác (máy dùng chung, điện thoại bị mất), hãy đăng xuất "
                          "khỏi mọi phiên.");
    html.open("form", {{"method", "post"}, {"action", "/quan-tri/tai-khoan/dang-xuat-tat-ca"}});
    html.trusted(csrf_field(context));
    html.element("button", {{"type", "submit"}, {"class", "button button-danger"}}, "Đăng xuất khỏi mọi phiên");
    html.close("form");

    AdminPage page;
    page.title = "Tài khoản của tôi";
    page.active_href = std::string(ACCOUNT_PATH);
    page.main = render::TrustedHtml(html.take());
    page.flash = std::string(state.notice);
    page.status = state.status;
    return shell.page(context, std::move(page));
}

// A form error re-renders the page with 400 (or the error's own status when it is no input problem).
int status_of(const core::Error& error) {
    return core::errc_status(error.code);
}

}  // namespace

void add_account_admin_routes(http::Router& router, SessionShell& shell) {
    add_login_routes(router, shell);
    shell.add_menu_item({"Tổng quan", std::string(ADMIN_PREFIX), {}});
    shell.add_menu_item({"Tài khoản", std::string(ACCOUNT_PATH), {}});
    http::RouteOptions form{.max_body_bytes = MAX_ACCOUNT_FORM_BYTES};
    auto& sessions = shell.sessions();

    router.get(std::string(ADMIN_PREFIX), shell.guard([&shell](const http::Request&, const AdminContext& context) {
        render::HtmlWriter html;
        html.element("h1", "Tổng quan");
        html.element("p", "Xin chào " +
                              (context.user.display_name.empty() ? context.user.login : context.user.display_name) +
                              " (" + std::string(role_label(context.user.role)) + ").");
        html.open("ul", {{"class", "dashboard-links"}});
        for (const auto& item : shell.menu_for(context.user.role)) {
            if (item.href == ADMIN_PREFIX) continue;
            html.open("li");
            html.element("a", {{"href", item.href}}, item.label);
            html.close("li");
        }
        html.close("ul");
        AdminPage page;
        page.title = "Tổng quan";
        page.active_href = std::string(ADMIN_PREFIX);
        page.main = render::TrustedHtml(html.take());
        return shell.page(context, std::move(page));
    }));

    router.get(
        std::string(ACCOUNT_PATH),
        shell.guard_session(
            [&shell](const http::Request& request, const AdminContext& context, const auth::ActiveSession& active) {
                AccountPageState state;
                state.notice = notice_for(request.query_param("thong-bao").value_or(""));
                return show_account(shell, context, active, state);
            },
            {}, true));

    router.post("/quan-tri/tai-khoan/mat-khau",
                shell.guard_session(
                    [&shell, &sessions](const http::Request& request, const AdminContext& context,
                                        const auth::ActiveSession& active) {
                        auto changed = sessions.change_password(active, form_value(request, "current_password"),
                                                                form_value(request, "new_password"),
                                                                form_value(request, "confirm_password"), context.ip);
                        if (!changed) {
                            auto error = changed.error();
                            AccountPageState state{.password_error = &error, .status = status_of(error)};
                            return show_account(shell, context, active, state);
                        }
                        return see_other(std::string(ACCOUNT_PATH) + "?thong-bao=mat-khau");
                    },
                    {}, true),
                form);

    router.post("/quan-tri/tai-khoan/dang-xuat-tat-ca",
                shell.guard_session(
                    [&sessions](const http::Request& request, const AdminContext& context, const auth::ActiveSession&) {
                        auto ended = sessions.logout_everywhere(context.user, context.ip);
                        if (!ended) return http::respond_error(request, ended.error());
                        auto response = see_other(std::string(LOGIN_PATH));
                        response.header("Set-Cookie", sessions.clear_session_cookie());
                        return response;
                    },
                    {}, true),
                form);

    router.post("/quan-tri/tai-khoan/hai-buoc/bat-dau",
                shell.guard_session(
                    [&sessions](const http::Request& request, const AdminContext& context, const auth::ActiveSession&) {
                        auto started = sessions.begin_totp_enrolment(context.user);
                        if (!started) return http::respond_error(request, started.error());
                        return see_other(std::string(ACCOUNT_PATH) + "#hai-buoc");
                    },
                    {}, true),
                form);

    router.post("/quan-tri/tai-khoan/hai-buoc/xac-nhan",
                shell.guard_session(
                    [&shell, &sessions](const http::Request& request, const AdminContext& context,
                                        const auth::ActiveSession& active) {
                        auto confirmed =
                            sessions.confirm_totp_enrolment(context.user, form_value(request, "code"), context.ip);
                        if (!confirmed) {
                            auto error = confirmed.error();
                            AccountPageState state{.totp_error = &error, .status = status_of(error)};
                            return show_account(shell, context, active, state);
                        }
                        return see_other(std::string(ACCOUNT_PATH) + "?thong-bao=hai-buoc-bat#hai-buoc");
                    },
                    {}, true),
                form);

    router.post("/quan-tri/tai-khoan/hai-buoc/tat",
                shell.guard_session(
                    [&shell, &sessions](const http::Request& request, const AdminContext& context,
                                        const auth::ActiveSession& active) {
                        auto disabled = sessions.disable_totp(context.user, form_value(request, "code"), context.ip);
                        if (!disabled) {
                            auto error = disabled.error();
                            AccountPageState state{.totp_error = &error, .status = status_of(error)};
                            return show_account(shell, context, active, state);
                        }
                        return see_other(std::string(ACCOUNT_PATH) + "?thong-bao=hai-buoc-tat#hai-buoc");
                    },
                    {}, true),
                form);
}

}  // namespace cong::admin
