#include "admin/article_pages.hpp"

#include "admin/article_form.hpp"
#include "http/error_response.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <memory>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;
using core::Result;
using model::ArticleStatus;

constexpr std::string_view ARTICLES_PATH = "/quan-tri/bai-viet";

bool accepts_json(const http::Request& request) {
    return request.header("Accept").value_or("").find("application/json") != std::string_view::npos;
}

std::optional<std::int64_t> parse_positive(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

Result<std::int64_t> article_id(const http::Request& request) {
    auto id = parse_positive(request.param("id"));
    if (!id) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
    return *id;
}

http::Response json_error(const Error& error) {
    std::string body = "{\"error\":{\"code\":" + http::json_quote(core::errc_code(error.code)) +
                       ",\"message\":" + http::json_quote(error.detail);
    if (!error.field.empty()) body += ",\"field\":" + http::json_quote(error.field);
    body += "}}";
    return http::Response::json(std::move(body), core::errc_status(error.code));
}

// The photos of the body (and the cover) as the editor bundle needs them to draw figures.
std::string media_map_json(const content::ArticleContent& content) {
    boost::json::object map;
    auto add = [&](const model::Media& m) {
        map[std::to_string(m.id)] = boost::json::object{{"url", site::media_url(m)},
                                                        {"caption", m.caption},
                                                        {"alt", m.alt},
                                                        {"width", m.width},
                                                        {"height", m.height}};
    };
    for (const auto& [id, m] : content.media) add(m);
    if (content.cover) add(*content.cover);
    return boost::json::serialize(map);
}

ArticleForm form_of(const content::ArticleRecord& record) {
    const auto& a = record.article;
    ArticleForm form;
    form.title = a.title;
    form.lead = a.lead;
    form.category = record.category_slug;
    form.byline = a.byline;
    form.source = a.source;
    form.slug = a.slug;
    form.cover_media = a.cover_media_id ? std::to_string(*a.cover_media_id) : "";
    form.published_at = a.published_at ? format_vietnam_local_time(*a.published_at) : "";
    form.body = a.body_json;
    form.featured = a.featured;
    return form;
}

std::string_view saved_notice(std::string_view what) {
    if (what == "save") return "Đã lưu.";
    if (what == "submit") return "Đã gửi bài để duyệt.";
    if (what == "publish") return "Đã đăng bài.";
    if (what == "schedule") return "Đã hẹn giờ đăng bài.";
    if (what == "unpublish") return "Đã gỡ bài khỏi trang.";
    if (what == "return") return "Đã trả bài về nháp.";
    if (what == "restore") return "Đã khôi phục phiên bản; bản khôi phục được lưu thành phiên bản mới.";
    return {};
}

std::string_view action_name(FormAction action) {
    switch (action) {
        case FormAction::Save:
            return "save";
        case FormAction::Submit:
            return "submit";
        case FormAction::Publish:
            return "publish";
        case FormAction::Schedule:
            return "schedule";
        case FormAction::Unpublish:
            return "unpublish";
        case FormAction::ReturnToDraft:
            return "return";
        case FormAction::Autosave:
            return "autosave";
    }
    return "save";
}

// The input a form asks to save, over the article as it is (or a new one), with the status its button asks for.
Result<content::ArticleInput> input_from_form(const ArticleForm& form, const content::ArticleRecord* existing,
                                              core::Timestamp now) {
    content::ArticleInput input;
    if (existing) {
        CONG_TRY(current, existing->to_input());
        input = std::move(current);
    }
    input.title = form.title;
    input.lead = form.lead;
    input.category_slug = form.category;
    input.byline = form.byline;
    input.source = form.source;
    input.featured = form.featured;
    if (!form.slug.empty()) input.slug = form.slug;
    if (form.category.empty()) return Error{Errc::InvalidInput, "Hãy chọn chuyên mục", "category"};
    if (form.cover_media.empty()) {
        input.cover_media_id.reset();
    } else {
        auto cover = parse_positive(form.cover_media);
        if (!cover) return Error{Errc::InvalidInput, "Mã ảnh bìa phải là một số dương", "cover_media"};
        input.cover_media_id = *cover;
    }
    CONG_TRY(published_at, parse_vietnam_local_time(form.published_at));
    input.published_at = published_at;
    if (!form.body.empty()) {
        auto body = content::parse_document(form.body);
        if (!body) return Error{body.error().code, body.error().detail, "body"};
        input.body = std::move(*body);
    }

    auto current = existing ? existing->article.status : ArticleStatus::Draft;
    switch (form.action) {
        case FormAction::Save:
            input.status = current;
            break;
        case FormAction::Autosave:
            if (current != ArticleStatus::Draft)
                return Error{Errc::Conflict, "Chỉ bản nháp được tự động lưu; hãy bấm Lưu thay đổi", "status"};
            input.status = ArticleStatus::Draft;
            break;
        case FormAction::Submit:
            input.status = ArticleStatus::Pending;
            break;
        case FormAction::Publish:
            input.status = ArticleStatus::Published;
            // "Now" unless the form names a moment already past (an article entered after the event).
            if (!input.published_at || *input.published_at > now) input.published_at = now;
            break;
        case FormAction::Schedule:
            if (!input.published_at || *input.published_at <= now)
                return Error{Errc::InvalidInput, "Hãy chọn thời điểm đăng trong tương lai để hẹn giờ", "published_at"};
            input.status = ArticleStatus::Scheduled;
            break;
        case FormAction::Unpublish:
            input.status = ArticleStatus::Unpublished;
            break;
        case FormAction::ReturnToDraft:
            input.status = ArticleStatus::Draft;
            break;
    }
    return input;
}

void write_pagination(render::HtmlWriter& html, const content::ArticleList& list, const std::string& base_query) {
    if (list.page_count <= 1) return;
    auto nav = html.scope("nav", {{"class", "pagination"}, {"aria-label", "Trang danh sách"}});
    auto link = [&](int page, std::string_view label, std::string_view rel) {
        auto href = std::string(ARTICLES_PATH) + "?" + base_query + (base_query.empty() ? "" : "&") +
                    "trang=" + std::to_string(page);
        html.element("a", {{"href", href}, {"rel", rel}}, label);
    };
    if (list.page > 1) link(list.page - 1, "← Trang trước", "prev");
    html.element("span", {{"aria-current", "page"}},
                 "Trang " + std::to_string(list.page) + "/" + std::to_string(list.page_count));
    if (list.page < list.page_count) link(list.page + 1, "Trang sau →", "next");
}

void write_filters(render::HtmlWriter& html, const content::ArticleFilter& filter,
                   const std::vector<model::Category>& categories) {
    auto form =
        html.scope("form", {{"method", "get"}, {"action", ARTICLES_PATH}, {"class", "filters"}, {"role", "search"}});
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "loc-q"}}, "Tiêu đề có chữ");
        html.void_element(
            "input",
            {{"type", "search"}, {"id", "loc-q"}, {"name", "q"}, {"value", filter.text}, {"maxlength", "200"}});
    }
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "loc-trang-thai"}}, "Trạng thái");
        auto select = html.scope("select", {{"id", "loc-trang-thai"}, {"name", "trang-thai"}});
        html.element("option", {{"value", ""}}, "Tất cả");
        for (auto status : {ArticleStatus::Draft, ArticleStatus::Pending, ArticleStatus::Scheduled,
                            ArticleStatus::Published, ArticleStatus::Unpublished})
            html.element("option", {{"value", model::to_string(status)}, {"selected", "", filter.status == status}},
                         status_label(status));
    }
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "loc-chuyen-muc"}}, "Chuyên mục");
        auto select = html.scope("select", {{"id", "loc-chuyen-muc"}, {"name", "chuyen-muc"}});
        html.element("option", {{"value", ""}}, "Tất cả");
        for (const auto& c : categories)
            html.element("option", {{"value", c.slug}, {"selected", "", c.slug == filter.category_slug}},
                         c.parent_id ? "— " + c.name : c.name);
    }
    {
        auto field = html.scope("div", {{"class", "checkbox"}});
        html.void_element("input", {{"type", "checkbox"},
                                    {"id", "loc-cua-toi"},
                                    {"name", "cua-toi"},
                                    {"value", "1"},
                                    {"checked", "", filter.mine}});
        html.element("label", {{"for", "loc-cua-toi"}}, "Chỉ bài của tôi");
    }
    html.element("button", {{"type", "submit"}, {"class", "button"}}, "Lọc");
}

void write_article_table(render::HtmlWriter& html, const content::ArticleList& list) {
    if (list.items.empty()) {
        html.element("p", "Không có bài viết nào khớp với bộ lọc.");
        return;
    }
    auto wrap = html.scope("div", {{"class", "table-wrap"}});
    auto table = html.scope("table", {{"class", "data"}});
    html.element("caption", "Bài viết, bài sửa gần nhất ở trên");
    {
        auto head = html.scope("thead");
        auto row = html.scope("tr");
        for (auto name : {"Tiêu đề", "Chuyên mục", "Trạng thái", "Thời điểm đăng", "Cập nhật"})
            html.element("th", {{"scope", "col"}}, name);
    }
    auto body = html.scope("tbody");
    for (const auto& item : list.items) {
        const auto& a = item.article;
        auto row = html.scope("tr");
        {
            auto cell = html.scope("td");
            html.element("a", {{"href", article_edit_path(a.id)}}, a.title);
        }
        html.element("td", item.category_name);
        {
            auto cell = html.scope("td");
            write_status_badge(html, a.status);
        }
        html.element("td", a.published_at ? core::format_vi_date_time(*a.published_at) : "");
        html.element("td", core::format_vi_date_time(a.updated_at));
    }
}

}  // namespace

http::Response ArticlePages::error_page(const http::Request& request, const AdminContext& context, const Error& error) {
    if (accepts_json(request)) return json_error(error);
    render::HtmlWriter html;
    {
        auto alert = html.scope("div", {{"class", "notice notice-error"}, {"role", "alert"}});
        html.element("h1", error.code == Errc::NotFound ? "Không tìm thấy" : "Không thực hiện được");
        html.element("p", error.detail);
        auto back = html.scope("p");
        html.element("a", {{"href", ARTICLES_PATH}}, "Về danh sách bài viết");
    }
    AdminPage page;
    page.title = "Bài viết";
    page.active_href = std::string(ARTICLES_PATH);
    page.main = render::TrustedHtml(html.take());
    page.status = core::errc_status(error.code);
    return shell.page(context, std::move(page));
}

http::Response ArticlePages::show_list(const http::Request& request, const AdminContext& context) {
    content::ArticleFilter filter;
    std::vector<std::pair<std::string, std::string>> kept;  // the filters, for the pagination links
    if (auto status = request.query_param("trang-thai"); status && !status->empty()) {
        filter.status = model::parse_article_status(*status);
        if (!filter.status) return error_page(request, context, {Errc::InvalidInput, "Trạng thái không hợp lệ"});
        kept.emplace_back("trang-thai", *status);
    }
    if (auto category = request.query_param("chuyen-muc"); category && !category->empty()) {
        filter.category_slug = category->substr(0, 200);
        kept.emplace_back("chuyen-muc", filter.category_slug);
    }
    if (request.query_param("cua-toi").value_or("") == "1") {
        filter.mine = true;
        kept.emplace_back("cua-toi", "1");
    }
    if (auto text = request.query_param("q"); text && !text->empty()) {
        filter.text = text->substr(0, 200);
        kept.emplace_back("q", filter.text);
    }
    if (auto page = request.query_param("trang")) {
        auto number = parse_positive(*page);
        filter.page = number && *number <= 100000 ? static_cast<int>(*number) : 1;
    }
    auto list = articles.list_articles(filter, context.user);
    if (!list) return error_page(request, context, list.error());
    auto categories = articles.categories();
    if (!categories) return error_page(request, context, categories.error());

    std::string base_query;
    for (const auto& [name, value] : kept)
        base_query += (base_query.empty() ? "" : "&") + name + "=" + http::percent_encode(value);

    render::HtmlWriter html;
    {
        auto header = html.scope("div", {{"class", "page-header"}});
        html.element("h1", "Bài viết");
        html.element("a", {{"class", "button"}, {"href", article_edit_path(std::nullopt)}}, "Viết bài mới");
    }
    write_filters(html, filter, *categories);
    html.element("p", {{"class", "result-count"}, {"role", "status"}},
                 "Có " + std::to_string(list->total) + " bài viết.");
    write_article_table(html, *list);
    write_pagination(html, *list, base_query);

    AdminPage page;
    page.title = "Bài viết";
    page.active_href = std::string(ARTICLES_PATH);
    page.main = render::TrustedHtml(html.take());
    return shell.page(context, std::move(page));
}

http::Response ArticlePages::show_form(const http::Request& request, const AdminContext& context) {
    ArticleFormView view;
    view.reviewer = content::can_review(context.user);
    auto categories = articles.categories();
    if (!categories) return error_page(request, context, categories.error());
    view.categories = std::move(*categories);
    view.media_map_json = "{}";
    if (!request.param("id").empty()) {
        auto id = article_id(request);
        if (!id) return error_page(request, context, id.error());
        auto record = articles.find_article(*id);
        if (!record) return error_page(request, context, record.error());
        if (!*record) return error_page(request, context, {Errc::NotFound, "Không tìm thấy bài viết"});
        const auto& article = (*record)->article;
        view.id = article.id;
        view.status = article.status;
        view.values = form_of(**record);
        view.can_edit = content::can_edit(context.user, article);
        if (article.status == ArticleStatus::Published) view.public_path = content::article_path(article);
        if (auto preview = articles.preview(article.id); preview && *preview)
            view.media_map_json = media_map_json(**preview);
        if (auto notice = request.query_param("da-luu")) view.flash = std::string(saved_notice(*notice));
    } else {
        view.values.body = R"({"type":"doc","content":[]})";
    }
    AdminPage page;
    page.title = view.id ? "Sửa bài viết" : "Viết bài mới";
    page.active_href = std::string(ARTICLES_PATH);
    page.flash = view.flash;
    if (summary_plans && view.can_edit) view.summary_plans_json = summary_plans();
    page.main = write_article_form(context, view);
    page.scripts.push_back("admin-editor.js");
    return shell.page(context, std::move(page));
}

http::Response ArticlePages::save(const http::Request& request, const AdminContext& context) {
    bool json = accepts_json(request);
    auto form = read_article_form(request);
    if (!form) return json ? json_error(form.error()) : error_page(request, context, form.error());

    std::optional<content::ArticleRecord> existing;
    if (!request.param("id").empty()) {
        auto id = article_id(request);
        if (!id) return error_page(request, context, id.error());
        auto record = articles.find_article(*id);
        if (!record) return error_page(request, context, record.error());
        if (!*record) return error_page(request, context, {Errc::NotFound, "Không tìm thấy bài viết"});
        existing = std::move(**record);
    }
    content::ActingUser acting{context.user, context.ip};
    auto kind = form->action == FormAction::Autosave ? content::SaveKind::Autosave : content::SaveKind::Manual;
    auto saved = [&]() -> Result<model::Article> {
        CONG_TRY(input, input_from_form(*form, existing ? &*existing : nullptr, clock()));
        if (existing) return articles.update_article(existing->article.id, input, acting, kind);
        return articles.create_article(input, acting, kind);
    }();

    if (!saved) {
        if (json) return json_error(saved.error());
        if (saved.error().code == Errc::Forbidden || saved.error().code == Errc::NotFound ||
            saved.error().code == Errc::Busy)
            return error_page(request, context, saved.error());
        // The form again, with what was typed and the error beside its field.
        ArticleFormView view;
        view.reviewer = content::can_review(context.user);
        if (auto categories = articles.categories()) view.categories = std::move(*categories);
        view.values = *form;
        view.media_map_json = "{}";
        if (existing) {
            view.id = existing->article.id;
            view.status = existing->article.status;
            view.can_edit = content::can_edit(context.user, existing->article);
            if (auto preview = articles.preview(existing->article.id); preview && *preview)
                view.media_map_json = media_map_json(**preview);
        }
        const auto& error = saved.error();
        view.error = &error;
        AdminPage page;
        page.title = view.id ? "Sửa bài viết" : "Viết bài mới";
        page.active_href = std::string(ARTICLES_PATH);
        if (summary_plans && view.can_edit) view.summary_plans_json = summary_plans();
    page.main = write_article_form(context, view);
        page.scripts.push_back("admin-editor.js");
        page.status = core::errc_status(error.code);
        return shell.page(context, std::move(page));
    }

    auto edit_url = article_edit_path(saved->id);
    if (json) {
        std::string body = "{\"id\":" + std::to_string(saved->id) +
                           ",\"saved_at\":" + http::json_quote(core::format_rfc3339(saved->updated_at)) +
                           ",\"status\":" + http::json_quote(model::to_string(saved->status)) +
                           ",\"edit_url\":" + http::json_quote(edit_url) + "}";
        return http::Response::json(std::move(body), existing ? 200 : 201);
    }
    return http::Response::redirect(edit_url + "?da-luu=" + std::string(action_name(form->action)));
}

http::Response ArticlePages::show_preview(const http::Request& request, const AdminContext& context) {
    auto id = article_id(request);
    if (!id) return error_page(request, context, id.error());
    auto content = articles.preview(*id);
    if (!content) return error_page(request, context, content.error());
    if (!*content) return error_page(request, context, {Errc::NotFound, "Không tìm thấy bài viết"});
    render::HtmlWriter html;
    site::write_article_preview(html, **content, clock());
    auto response = http::Response::html(html.take());
    response.cache_control = "no-store";
    return response;
}

void add_article_admin_routes(http::Router& router, AdminShell& shell, content::ArticleService& articles,
                              std::function<std::string()> summary_plans) {
    auto pages = std::make_shared<ArticlePages>(ArticlePages{shell, articles});
    pages->summary_plans = std::move(summary_plans);
    auto bind = [&shell, pages](http::Response (ArticlePages::*handler)(const http::Request&, const AdminContext&)) {
        return shell.guard([pages, handler](const http::Request& request, const AdminContext& context) {
            return ((*pages).*handler)(request, context);
        });
    };
    http::RouteOptions form{.max_body_bytes = MAX_ARTICLE_FORM_BYTES};

    router.get("/quan-tri/bai-viet", bind(&ArticlePages::show_list));
    router.get("/quan-tri/bai-viet/moi", bind(&ArticlePages::show_form));
    router.post("/quan-tri/bai-viet/moi", bind(&ArticlePages::save), form);
    router.get("/quan-tri/bai-viet/{id}", bind(&ArticlePages::show_form));
    router.post("/quan-tri/bai-viet/{id}", bind(&ArticlePages::save), form);
    router.get("/quan-tri/bai-viet/{id}/xem-truoc", bind(&ArticlePages::show_preview));
    // Revisions
    router.get("/quan-tri/bai-viet/{id}/phien-ban", bind(&ArticlePages::show_revisions));
    router.get("/quan-tri/bai-viet/{id}/phien-ban/{number}", bind(&ArticlePages::show_revision));
    router.post("/quan-tri/bai-viet/{id}/phien-ban/{number}/khoi-phuc", bind(&ArticlePages::restore_revision));

    shell.add_menu_item({"Bài viết", std::string(ARTICLES_PATH), {}});
}

}  // namespace cong::admin
