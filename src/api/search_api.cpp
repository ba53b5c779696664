#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "render/html_writer.hpp"

#include <boost/json.hpp>

namespace cong::api {
namespace {

// The longest value read from a query parameter; the service refuses long queries with its own
// message, this only keeps a huge URL from being copied around.
constexpr std::size_t MAX_PARAM_BYTES = 4096;

std::string marked_html(const search::Highlighted& text) {
    render::HtmlWriter html;
    for (const auto& span : text.spans) {
        if (span.match)
            html.element("mark", span.text);
        else
            html.text(span.text);
    }
    return html.take();
}

core::Result<search::SearchRequest> read_request(const http::Request& request) {
    search::SearchRequest wanted;
    auto q = request.query_param("q");
    if (!q || core::trim(*q).empty())
        return core::Error{core::Errc::InvalidInput, "Hãy nhập từ khóa tìm kiếm (tham số q).", "q"};
    if (q->size() > MAX_PARAM_BYTES)
        return core::Error{core::Errc::InvalidInput,
                           "Từ khóa quá dài: tối đa " + std::to_string(search::MAX_QUERY_CHARS) + " ký tự.", "q"};
    wanted.query = std::move(*q);
    if (auto page = request.query_param("page")) {
        bool digits = !page->empty() && page->size() <= 4 &&
                      std::all_of(page->begin(), page->end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits)
            return core::Error{core::Errc::InvalidInput,
                               "Số trang phải là số từ 1 đến " + std::to_string(search::MAX_PAGE) + ".", "page"};
        wanted.page = std::stoi(*page);
    }
    if (auto category = request.query_param("category")) wanted.category_slug = category->substr(0, MAX_PARAM_BYTES);
    if (auto from = request.query_param("from")) {
        CONG_TRY(day, search::parse_day(*from, "from"));
        wanted.from = day;
    }
    if (auto until = request.query_param("to")) {
        CONG_TRY(day, search::parse_day(*until, "to"));
        wanted.until = day + std::chrono::days{1};  // the whole last day is included
    }
    return wanted;
}

boost::json::object synonym_json(const storage::SearchSynonym& synonym) {
    return boost::json::object{{"abbreviation", synonym.abbreviation}, {"expansion", synonym.expansion}};
}

// The abbreviation named in the path, percent-decoded ("H%C4%90ND" is HĐND).
core::Result<std::string> abbreviation_param(const http::Request& request) {
    auto raw = request.param("abbreviation");
    auto decoded = raw.size() <= MAX_PARAM_BYTES ? http::percent_decode(raw, false) : std::nullopt;
    if (!decoded || !core::is_valid_utf8(*decoded))
        return core::Error{core::Errc::InvalidInput, "Từ viết tắt trong đường dẫn không hợp lệ.", "abbreviation"};
    return *decoded;
}

// The abbreviation list changes what every citizen's search finds: administrators only.
core::Result<model::User> admin_only(core::Result<model::User> user) {
    if (user && user->role != model::Role::Admin)
        return core::Error{core::Errc::Forbidden, "Chỉ quản trị viên mới được sửa danh sách từ viết tắt"};
    return user;
}

}  // namespace

http::Response ApiHandlers::list_synonyms(const http::Request& request) {
    if (!search) return not_found(request);
    auto user = admin_only(authenticate(request));
    if (!user) return error_response(request, user.error());
    auto list = search->list_synonyms();
    if (!list) return error_response(request, list.error());
    boost::json::array out;
    for (const auto& synonym : *list) out.push_back(synonym_json(synonym));
    return json_response(boost::json::object{{"synonyms", std::move(out)}});
}

http::Response ApiHandlers::set_synonym(const http::Request& request) {
    if (!search) return not_found(request);
    auto user = admin_only(authenticate(request));
    if (!user) return error_response(request, user.error());
    auto abbreviation = abbreviation_param(request);
    if (!abbreviation) return error_response(request, abbreviation.error());
    auto json = parse_json_object(request.body);
    if (!json) return error_response(request, json.error());
    auto expansion = string_field(*json, "expansion");
    if (!expansion) return error_response(request, expansion.error());
    if (!*expansion)
        return error_response(request, {core::Errc::InvalidInput, "Thiếu nghĩa đầy đủ (expansion).", "expansion"});
    auto stored = search->set_synonym({*abbreviation, **expansion}, audit::Actor::user(*user, request.remote_address));
    if (!stored) return error_response(request, stored.error());
    return json_response(synonym_json(*stored));
}

http::Response ApiHandlers::remove_synonym(const http::Request& request) {
    if (!search) return not_found(request);
    auto user = admin_only(authenticate(request));
    if (!user) return error_response(request, user.error());
    auto abbreviation = abbreviation_param(request);
    if (!abbreviation) return error_response(request, abbreviation.error());
    auto removed = search->remove_synonym(*abbreviation, audit::Actor::user(*user, request.remote_address));
    if (!removed) return error_response(request, removed.error());
    http::Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

http::Response ApiHandlers::search_articles(const http::Request& request) {
    if (!search) return not_found(request);
    auto wanted = read_request(request);
    if (!wanted) return error_response(request, wanted.error());
    auto found = search->search(*wanted, core::now());
    if (!found) return error_response(request, found.error());
    boost::json::array results;
    for (const auto& r : found->results) {
        boost::json::object item{
            {"id", r.article.id},
            {"title", r.title.text()},
            {"url", content::article_path(r.article)},
            {"snippet", r.snippet.text()},
            {"published_at", r.article.published_at ? boost::json::value(core::format_rfc3339(*r.article.published_at))
                                                    : boost::json::value(nullptr)},
            // The same texts with the matched words in <mark>, every character of the text escaped.
            {"title_html", marked_html(r.title)},
            {"snippet_html", marked_html(r.snippet)},
            {"category", r.category ? boost::json::value(r.category->slug) : boost::json::value(nullptr)},
        };
        results.push_back(std::move(item));
    }
    return json_response(boost::json::object{
        {"total", found->total},
        // false: more articles match than were counted (total is then a lower bound).
        {"total_exact", found->total_exact},
        {"page", found->page},
        {"page_count", found->page_count},
        {"results", std::move(results)},
    });
}

}  // namespace cong::api
