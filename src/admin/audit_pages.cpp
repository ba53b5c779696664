#include "admin/account_form.hpp"
#include "admin/account_routes.hpp"

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "http/error_response.hpp"

#include <charconv>

namespace cong::admin {
namespace {

constexpr std::string_view AUDIT_PATH = "/quan-tri/nhat-ky";
constexpr int ENTRIES_PER_PAGE = 50;
// Past this the offset scan costs more than anyone reading pages by hand would go.
constexpr int MAX_PAGE = 10'000;
constexpr std::size_t MAX_FILTER_CHARS = 100;

struct Filters {
    std::string login;
    std::string action;
    std::string object_type;
    std::string object_id;
    std::string from;
    std::string until;
    int page = 1;
};

std::optional<std::int64_t> parse_int(std::string_view text) {
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

// "2026-11-26" (what <input type="date"> sends) → the instant that day starts in Vietnam.
std::optional<core::Timestamp> parse_vietnam_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = parse_int(text.substr(0, 4));
    auto m = parse_int(text.substr(5, 2));
    auto d = parse_int(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year{static_cast<int>(*y)},
                                     std::chrono::month{static_cast<unsigned>(*m)},
                                     std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return core::Timestamp{std::chrono::sys_days{date}.time_since_epoch()} - core::VIETNAM_OFFSET;
}

std::string param(const http::Request& request, std::string_view name) {
    auto value = request.query_param(name).value_or("");
    if (value.size() > MAX_FILTER_CHARS) value.resize(0);
    return value;
}

std::string query_string(const Filters& f, int page) {
    std::string out;
    auto add = [&](std::string_view name, std::string_view value) {
        if (value.empty()) return;
        out += out.empty() ? "?" : "&";
        out += std::string(name) + "=" + http::percent_encode(value);
    };
    add("tai-khoan", f.login);
    add("hanh-dong", f.action);
    add("doi-tuong", f.object_type);
    add("ma", f.object_id);
    add("tu", f.from);
    add("den", f.until);
    if (page > 1) add("trang", std::to_string(page));
    return out;
}

// The filters as a query, or the error that names the field at fault.
core::Result<storage::AuditQuery> to_query(storage::Database& database, const Filters& f) {
    storage::AuditQuery query;
    query.limit = ENTRIES_PER_PAGE;
    query.offset = (f.page - 1) * ENTRIES_PER_PAGE;
    query.action_prefix = f.action;
    query.object_type = f.object_type;
    if (!f.object_id.empty()) {
        auto id = parse_int(f.object_id);
        if (!id) return core::Error{core::Errc::InvalidInput, "Mã đối tượng phải là một số", "ma"};
        query.object_id = *id;
    }
    if (!f.from.empty()) {
        auto from = parse_vietnam_date(f.from);
        if (!from) return core::Error{core::Errc::InvalidInput, "Ngày bắt đầu không hợp lệ (năm-tháng-ngày)", "tu"};
        query.from = *from;
    }
    if (!f.until.empty()) {
        auto until = parse_vietnam_date(f.until);
        if (!until) return core::Error{core::Errc::InvalidInput, "Ngày kết thúc không hợp lệ (năm-tháng-ngày)", "den"};
        query.until = *until + std::chrono::days{1};  // the whole last day
    }
    if (!f.login.empty()) {
        CONG_TRY(user, database.read([&](storage::Tx& tx) { return tx.users().find_user_by_login(f.login); }));
        // An unknown account matches nothing rather than everything.
        query.user_id = user ? user->id : -1;
    }
    return query;
}

void write_filter_form(render::HtmlWriter& html, const Filters& f, const core::Error* error) {
    write_form_error(html, error, false);
    html.open("form", {{"method", "get"},
                       {"action", AUDIT_PATH},
                       {"class", "filters"},
                       {"role", "search"},
                       {"aria-label", "Lọc nhật ký"}});
    write_field(html, {.name = "tai-khoan", .label = "Tài khoản", .value = f.login, .maxlength = 64});
    write_field(html, {.name = "hanh-dong",
                       .label = "Hành động",
                       .value = f.action,
                       .hint = "Ví dụ: user. hoặc article.publish",
                       .maxlength = 100});
    write_field(html, {.name = "doi-tuong", .label = "Loại đối tượng", .value = f.object_type, .maxlength = 100});
    write_field(html, {.name = "ma",
                       .label = "Mã đối tượng",
                       .value = f.object_id,
                       .error = field_error(error, "ma"),
                       .inputmode = "numeric",
                       .maxlength = 19});
    write_field(html,
                {.name = "tu", .label = "Từ ngày", .type = "date", .value = f.from, .error = field_error(error, "tu")});
    write_field(
        html,
        {.name = "den", .label = "Đến ngày", .type = "date", .value = f.until, .error = field_error(error, "den")});
    html.element("button", {{"type", "submit"}}, "Lọc");
    html.element("a", {{"href", AUDIT_PATH}, {"class", "button button-quiet"}}, "Bỏ lọc");
    html.close("form");
}

void write_entries(render::HtmlWriter& html, const audit::AuditPage& page, const Filters& f) {
    auto pages = static_cast<int>((page.total + ENTRIES_PER_PAGE - 1) / ENTRIES_PER_PAGE);
    if (page.entries.empty()) {
        html.element("p", page.total == 0 ? "Không có mục nào khớp với bộ lọc." : "Trang này không có mục nào.");
    } else {
        auto wrap = html.scope("div", {{"class", "table-wrap"}});
        auto table = html.scope("table", {{"class", "data"}});
        html.element("caption", std::to_string(page.total) + " mục, trang " + std::to_string(f.page) + "/" +
                                    std::to_string(std::max(pages, 1)) + ", mới nhất trước");
        html.open("thead");
        html.open("tr");
        for (auto heading : {"Thời điểm", "Tài khoản", "Địa chỉ IP", "Hành động", "Đối tượng", "Chi tiết"})
            html.element("th", {{"scope", "col"}}, heading);
        html.close("tr");
        html.close("thead");
        auto body = html.scope("tbody");
        for (const auto& entry : page.entries) {
            auto row = html.scope("tr");
            html.open("td");
            html.element("time", {{"datetime", core::format_rfc3339(entry.at)}}, core::format_vi_date_time(entry.at));
            html.close("td");
            html.element("td", entry.login.empty() ? std::string("—") : entry.login);
            html.element("td", entry.ip);
            html.open("td");
            html.element("code", entry.action);
            html.close("td");
            std::string object = entry.object_type;
            if (entry.object_id) object += " #" + std::to_string(*entry.object_id);
            html.element("td", object);
            html.element("td", entry.detail);
        }
    }
    if (pages <= 1) return;
    auto nav = html.scope("nav", {{"class", "pagination"}, {"aria-label", "Phân trang nhật ký"}});
    if (f.page > 1)
        html.element("a", {{"href", std::string(AUDIT_PATH) + query_string(f, f.page - 1)}, {"rel", "prev"}},
                     "← Trang trước");
    html.element("span", "Trang " + std::to_string(f.page) + " / " + std::to_string(pages));
    if (f.page < pages)
        html.element("a", {{"href", std::string(AUDIT_PATH) + query_string(f, f.page + 1)}, {"rel", "next"}},
                     "Trang sau →");
}

}  // namespace

void add_audit_admin_routes(http::Router& router, SessionShell& shell, storage::Database& database) {
    shell.add_menu_item({"Nhật ký", std::string(AUDIT_PATH), {model::Role::Admin}});
    router.get(
        std::string(AUDIT_PATH),
        shell.guard(
            [&shell, &database](const http::Request& request, const AdminContext& context) {
                Filters filters{param(request, "tai-khoan"), param(request, "hanh-dong"), param(request, "doi-tuong"),
                                param(request, "ma"),        param(request, "tu"),        param(request, "den")};
                auto page_number = parse_int(param(request, "trang"));
                filters.page =
                    page_number && *page_number >= 1 && *page_number <= MAX_PAGE ? static_cast<int>(*page_number) : 1;
                render::HtmlWriter html;
                html.element("h1", "Nhật ký hoạt động");
                int status = 200;
                auto query = to_query(database, filters);
                if (!query) {
                    auto error = query.error();
                    if (error.code != core::Errc::InvalidInput) return http::respond_error(request, error);
                    write_filter_form(html, filters, &error);
                    status = 400;
                } else {
                    write_filter_form(html, filters, nullptr);
                    auto entries = audit::list(database, *query);
                    if (!entries) return http::respond_error(request, entries.error());
                    write_entries(html, *entries, filters);
                }
                AdminPage page;
                page.title = "Nhật ký hoạt động";
                page.active_href = std::string(AUDIT_PATH);
                page.main = render::TrustedHtml(html.take());
                page.status = status;
                return shell.page(context, std::move(page));
            },
            {model::Role::Admin}));
}

}  // namespace cong::admin
