#include "api/authentication.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "content/document.hpp"

#include <boost/json.hpp>

namespace cong::api {
namespace {

using core::Errc;
using core::Error;
using core::Result;

boost::json::object article_json(const model::Article& article, std::string_view category_slug) {
    auto optional_time = [](const std::optional<core::Timestamp>& t) -> boost::json::value {
        if (!t) return nullptr;
        return boost::json::value(core::format_rfc3339(*t));
    };
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(article.body_json, ec);
    return boost::json::object{
        {"id", article.id},
        {"url", content::article_path(article)},
        {"slug", article.slug},
        {"title", article.title},
        {"lead", article.lead},
        {"body", ec ? boost::json::value(nullptr) : std::move(body)},
        {"category", category_slug},
        {"byline", article.byline},
        {"source", article.source},
        {"status", model::to_string(article.status)},
        {"featured", article.featured},
        {"published_at", optional_time(article.published_at)},
        {"cover_media", article.cover_media_id ? boost::json::value(*article.cover_media_id) : nullptr},
        {"created_at", core::format_rfc3339(article.created_at)},
        {"updated_at", core::format_rfc3339(article.updated_at)},
    };
}

// Applies the fields present in the request over input; create requires title and category.
Result<void> read_article_fields(const boost::json::object& json, content::ArticleInput& input) {
    CONG_TRY(title, string_field(json, "title"));
    if (title) input.title = *title;
    CONG_TRY(lead, string_field(json, "lead"));
    if (lead) input.lead = *lead;
    CONG_TRY(category, string_field(json, "category"));
    if (category) input.category_slug = *category;
    CONG_TRY(byline, string_field(json, "byline"));
    if (byline) input.byline = *byline;
    CONG_TRY(source, string_field(json, "source"));
    if (source) input.source = *source;
    CONG_TRY(slug, string_field(json, "slug"));
    if (slug) input.slug = *slug;
    CONG_TRY(featured, bool_field(json, "featured"));
    if (featured) input.featured = *featured;
    CONG_TRY(status, string_field(json, "status"));
    if (status) {
        auto parsed = model::parse_article_status(*status);
        if (!parsed)
            return Error{Errc::InvalidInput,
                         "Trạng thái phải là draft, pending, published, scheduled hoặc unpublished", "status"};
        input.status = *parsed;
    }
    CONG_TRY(published_at, nullable_time_field(json, "published_at"));
    if (published_at) input.published_at = *published_at;
    CONG_TRY(cover, nullable_id_field(json, "cover_media"));
    if (cover) input.cover_media_id = *cover;
    if (auto it = json.find("body"); it != json.end()) {
        CONG_TRY(body, content::document_from_json_value(it->value()));
        input.body = std::move(body);
    }
    return {};
}

// The account and its address, for the rules and the audit log.
content::ActingUser acting(const model::User& user, const http::Request& request) {
    return {user, request.remote_address};
}

}  // namespace

Result<model::User> ApiHandlers::authenticate(const http::Request& request) {
    return credentials.authenticate(request);
}

std::optional<http::Response> ApiHandlers::refuse_unauthenticated(const http::Request& request) {
    return credentials.refuse_unauthenticated(request);
}

http::Response ApiHandlers::create_article(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto json = parse_json_object(request.body);
    if (!json) return error_response(request, json.error());
    content::ArticleInput input;  // its body starts as the empty document
    if (auto read = read_article_fields(*json, input); !read) return error_response(request, read.error());
    if (input.category_slug.empty())
        return error_response(request, {Errc::InvalidInput, "Cần chọn chuyên mục (category)", "category"});
    auto article = articles.create_article(input, acting(*user, request));
    if (!article) return error_response(request, article.error());
    auto response = json_response(article_json(*article, input.category_slug), 201);
    response.header("Location", "/api/v1/articles/" + std::to_string(article->id));
    return response;
}

http::Response ApiHandlers::show_article(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, id.error());
    auto record = articles.find_article(*id);
    if (!record) return error_response(request, record.error());
    if (!*record) return error_response(request, {Errc::NotFound, "Không tìm thấy bài viết"});
    return json_response(article_json((*record)->article, (*record)->category_slug));
}

http::Response ApiHandlers::update_article(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, id.error());
    auto json = parse_json_object(request.body);
    if (!json) return error_response(request, json.error());
    std::string category_slug;
    auto article = articles.update_article(
        *id,
        [&](content::ArticleInput& input) -> Result<void> {
            CONG_TRY_VOID(read_article_fields(*json, input));
            category_slug = input.category_slug;
            return {};
        },
        acting(*user, request));
    if (!article) return error_response(request, article.error());
    return json_response(article_json(*article, category_slug));
}

http::Response ApiHandlers::delete_article(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, id.error());
    if (auto deleted = articles.delete_article(*id, acting(*user, request)); !deleted)
        return error_response(request, deleted.error());
    http::Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

http::Response ApiHandlers::not_found(const http::Request& request) {
    return error_response(request, {Errc::NotFound, "Không có điểm cuối API này"});
}

}  // namespace cong::api
