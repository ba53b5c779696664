// The revision pages of an article: the list with a compare form, one revision, a comparison, and restore.
#include "admin/article_form.hpp"
#include "admin/article_pages.hpp"

#include "content/document.hpp"

#include <charconv>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;
using core::Result;

constexpr int MAX_REVISION_NUMBER = 1'000'000;

std::optional<int> parse_number(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0 || value > MAX_REVISION_NUMBER)
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::string revisions_path(std::int64_t id) {
    return article_edit_path(id) + "/phien-ban";
}

std::string revision_label(const model::ArticleRevision& r) {
    return "Phiên bản " + std::to_string(r.number);
}

void write_revision_meta(render::HtmlWriter& html, const model::ArticleRevision& r) {
    html.text(core::format_vi_date_time(r.created_at) + " — " + (r.login.empty() ? "không rõ" : r.login) + " — ");
    write_status_badge(html, r.status);
    if (r.autosave) html.element("span", {{"class", "revision-autosave"}}, " (tự động lưu)");
}

void write_diff_section(render::HtmlWriter& html, std::string_view heading,
                        const std::vector<content::DiffPiece>& pieces) {
    auto section = html.scope("section", {{"class", "diff-section"}});
    html.element("h3", heading);
    auto count = content::count_changes(pieces);
    if (count.inserted == 0 && count.deleted == 0) {
        html.element("p", {{"class", "diff-none"}}, "Không thay đổi.");
    } else {
        html.element("p", {{"class", "diff-count"}},
                     "Thêm " + std::to_string(count.inserted) + " từ, bỏ " + std::to_string(count.deleted) + " từ.");
    }
    auto text = html.scope("div", {{"class", "diff"}});
    content::write_diff(html, pieces);
}

void write_comparison(render::HtmlWriter& html, const content::RevisionComparison& comparison) {
    auto section = html.scope("section", {{"class", "revision-compare"}, {"aria-labelledby", "so-sanh"}});
    html.element("h2", {{"id", "so-sanh"}},
                 "So sánh " + revision_label(comparison.a) + " với " + revision_label(comparison.b));
    html.element("p", {{"class", "diff-legend"}}, "Chữ bị bỏ được gạch ngang, chữ thêm vào được gạch chân.");
    write_diff_section(html, "Tiêu đề", comparison.title);
    write_diff_section(html, "Sa pô", comparison.lead);
    write_diff_section(html, "Nội dung", comparison.body);
}

void write_revision_list(render::HtmlWriter& html, std::int64_t article_id,
                         const std::vector<model::ArticleRevision>& revisions, int a, int b) {
    if (revisions.empty()) {
        html.element("p", "Bài viết này chưa có phiên bản nào được lưu.");
        return;
    }
    auto form =
        html.scope("form", {{"method", "get"}, {"action", revisions_path(article_id)}, {"class", "revision-list"}});
    auto wrap = html.scope("div", {{"class", "table-wrap"}});
    {
        auto table = html.scope("table", {{"class", "data"}});
        html.element("caption", "Các phiên bản, mới nhất ở trên. Chọn hai phiên bản để so sánh.");
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            for (auto name : {"Phiên bản", "Lưu lúc, người lưu, trạng thái", "Bản cũ", "Bản mới"})
                html.element("th", {{"scope", "col"}}, name);
        }
        auto body = html.scope("tbody");
        for (const auto& r : revisions) {
            auto row = html.scope("tr");
            {
                auto cell = html.scope("td");
                html.element("a", {{"href", revisions_path(article_id) + "/" + std::to_string(r.number)}},
                             revision_label(r));
            }
            {
                auto cell = html.scope("td");
                write_revision_meta(html, r);
            }
            auto number = std::to_string(r.number);
            auto label_a = "Bản cũ: " + revision_label(r);
            auto label_b = "Bản mới: " + revision_label(r);
            {
                auto cell = html.scope("td");
                html.void_element("input", {{"type", "radio"},
                                            {"name", "a"},
                                            {"value", number},
                                            {"aria-label", label_a},
                                            {"checked", "", r.number == a}});
            }
            {
                auto cell = html.scope("td");
                html.void_element("input", {{"type", "radio"},
                                            {"name", "b"},
                                            {"value", number},
                                            {"aria-label", label_b},
                                            {"checked", "", r.number == b}});
            }
        }
    }
    html.element("button", {{"type", "submit"}, {"class", "button"}}, "So sánh");
}

}  // namespace

http::Response ArticlePages::show_revisions(const http::Request& request, const AdminContext& context) {
    auto article_id = parse_id(request.param("id"));
    if (!article_id) return error_page(request, context, {Errc::NotFound, "Không tìm thấy bài viết"});
    auto id = *article_id;
    auto record = articles.find_article(id);
    if (!record) return error_page(request, context, record.error());
    if (!*record) return error_page(request, context, {Errc::NotFound, "Không tìm thấy bài viết"});
    auto revisions = articles.list_revisions(id);
    if (!revisions) return error_page(request, context, revisions.error());

    // By default the two newest are chosen, so "So sánh" shows the last change.
    int a = revisions->size() > 1 ? (*revisions)[1].number : 0;
    int b = revisions->empty() ? 0 : (*revisions)[0].number;
    auto asked_a = request.query_param("a");
    auto asked_b = request.query_param("b");
    std::optional<content::RevisionComparison> comparison;
    if (asked_a || asked_b) {
        auto first = parse_number(asked_a.value_or(""));
        auto second = parse_number(asked_b.value_or(""));
        if (!first || !second)
            return error_page(request, context, {Errc::InvalidInput, "Hãy chọn hai phiên bản để so sánh"});
        a = *first;
        b = *second;
        auto compared = articles.compare_revisions(id, a, b);
        if (!compared) return error_page(request, context, compared.error());
        comparison = std::move(*compared);
    }

    render::HtmlWriter html;
    html.element("h1", "Các phiên bản: " + (*record)->article.title);
    {
        auto back = html.scope("p");
        html.element("a", {{"href", article_edit_path(id)}}, "← Về trang sửa bài");
    }
    if (comparison) write_comparison(html, *comparison);
    write_revision_list(html, id, *revisions, a, b);

    AdminPage page;
    page.title = "Các phiên bản";
    page.active_href = "/quan-tri/bai-viet";
    page.main = render::TrustedHtml(html.take());
    return shell.page(context, std::move(page));
}

http::Response ArticlePages::show_revision(const http::Request& request, const AdminContext& context) {
    auto article_id = parse_id(request.param("id"));
    auto number = parse_number(request.param("number"));
    if (!article_id || !number)
        return error_page(request, context, {Errc::NotFound, "Không tìm thấy phiên bản này của bài viết"});
    auto id = *article_id;
    auto revision = articles.find_revision(id, *number);
    if (!revision) return error_page(request, context, revision.error());
    if (!*revision) return error_page(request, context, {Errc::NotFound, "Không tìm thấy phiên bản này của bài viết"});
    const auto& r = **revision;
    auto record = articles.find_article(id);
    bool may_restore = record && *record && content::can_edit(context.user, (*record)->article);

    render::HtmlWriter html;
    html.element("h1", revision_label(r) + ": " + r.title);
    {
        auto meta = html.scope("p", {{"class", "revision-meta"}});
        write_revision_meta(html, r);
    }
    {
        auto links = html.scope("p");
        html.element("a", {{"href", revisions_path(id)}}, "← Tất cả phiên bản");
    }
    if (may_restore) {
        auto form = html.scope("form", {{"method", "post"},
                                        {"action", revisions_path(id) + "/" + std::to_string(r.number) + "/khoi-phuc"},
                                        {"class", "revision-restore"}});
        html.trusted(csrf_field(context));
        html.element("p", {{"class", "form-hint"}},
                     "Khôi phục lưu nội dung của phiên bản này thành một phiên bản mới; trạng thái và thời điểm đăng "
                     "của bài giữ nguyên.");
        html.element("button", {{"type", "submit"}, {"class", "button"}}, "Khôi phục phiên bản này");
    }
    {
        auto article = html.scope("article", {{"class", "revision-content"}});
        if (!r.lead.empty()) html.element("p", {{"class", "lead"}}, r.lead);
        if (auto body = content::parse_document(r.body_json)) {
            // Photos are named, not drawn: what matters here is the text and which photo sat where.
            content::render_document(html, *body, [](std::int64_t) { return std::optional<content::FigureView>{}; });
        }
        std::string credit = r.byline;
        if (!r.source.empty()) credit += (credit.empty() ? "" : ", ") + r.source;
        if (!credit.empty()) html.element("p", {{"class", "byline"}}, credit);
    }

    AdminPage page;
    page.title = revision_label(r);
    page.active_href = "/quan-tri/bai-viet";
    page.main = render::TrustedHtml(html.take());
    return shell.page(context, std::move(page));
}

http::Response ArticlePages::restore_revision(const http::Request& request, const AdminContext& context) {
    auto article_id = parse_id(request.param("id"));
    auto number = parse_number(request.param("number"));
    if (!article_id || !number)
        return error_page(request, context, {Errc::NotFound, "Không tìm thấy phiên bản này của bài viết"});
    auto id = *article_id;
    auto restored = articles.restore_revision(id, *number, {context.user, context.ip});
    if (!restored) return error_page(request, context, restored.error());
    return http::Response::redirect(article_edit_path(id) + "?da-luu=restore");
}

}  // namespace cong::admin
