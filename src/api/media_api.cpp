#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "media/multipart.hpp"
#include "media/variant_names.hpp"

#include <charconv>

#include <boost/json.hpp>

namespace cong::api {
namespace {

using core::Errc;
using core::Error;

boost::json::object media_json(const model::Media& media, std::string url) {
    return boost::json::object{
        {"id", media.id},
        {"url", std::move(url)},
        {"thumbnail_url", media::thumbnail_url(media)},
        {"srcset", media::srcset(media, media::VariantFormat::Jpeg)},
        {"webp_srcset", media::srcset(media, media::VariantFormat::Webp)},
        {"width", media.width},
        {"height", media.height},
        {"content_type", media.content_type},
        {"bytes", media.bytes},
        {"sha256", media.sha256},
        {"original_name", media.original_name},
        {"caption", media.caption},
        {"alt", media.alt},
        {"credit", media.credit},
        {"created_at", core::format_rfc3339(media.created_at)},
    };
}

}  // namespace

http::Response ApiHandlers::upload_media(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto content_type = request.header("Content-Type");
    if (!content_type)
        return error_response(request, {Errc::UnsupportedMediaType, "Cần gửi dạng multipart/form-data với trường file"});
    auto parts = media::parse_multipart(*content_type, request.body);
    if (!parts) return error_response(request, parts.error());

    media::UploadInput input{.site_id = site_id, .uploaded_by = user->id};
    input.actor = audit::Actor::user(*user, request.remote_address);
    const media::FormPart* file = nullptr;
    for (const auto& part : *parts) {
        if (part.name == "file") {
            if (file) return error_response(request, {Errc::InvalidInput, "Mỗi lần chỉ tải lên một tệp", "file"});
            file = &part;
        } else if (part.name == "caption") {
            input.caption = std::string(part.data);
        } else if (part.name == "alt") {
            input.alt = std::string(part.data);
        } else if (part.name == "credit") {
            input.credit = std::string(part.data);
        }
    }
    if (!file) return error_response(request, {Errc::InvalidInput, "Thiếu tệp ảnh (trường file)", "file"});
    input.original_name = file->filename;
    input.data = file->data;
    auto stored = media.upload(input);
    if (!stored) return error_response(request, stored.error());
    return json_response(media_json(*stored, media.url(*stored)), 201);
}

http::Response ApiHandlers::list_media(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    media::LibraryQuery query{.site_id = site_id, .q = request.query_param("q").value_or("")};
    if (auto page = request.query_param("page")) {
        auto [end, error] = std::from_chars(page->data(), page->data() + page->size(), query.page);
        if (error != std::errc{} || end != page->data() + page->size() || query.page < 1)
            return error_response(request, {Errc::InvalidInput, "Số trang không hợp lệ", "page"});
    }
    auto found = media.search_library(query);
    if (!found) return error_response(request, found.error());
    boost::json::array results;
    for (const auto& item : found->items) results.push_back(media_json(item, media.url(item)));
    return json_response(boost::json::object{{"total", found->total},
                                             {"page", found->page},
                                             {"per_page", found->per_page},
                                             {"results", std::move(results)}});
}

http::Response ApiHandlers::update_media(const http::Request& request) {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    auto id = parse_id(request.param("id"));
    if (!id) return error_response(request, id.error());
    auto json = parse_json_object(request.body);
    if (!json) return error_response(request, json.error());
    media::MediaEdit edit;
    for (auto [name, field] : {std::pair{"caption", &edit.caption}, std::pair{"alt", &edit.alt},
                               std::pair{"credit", &edit.credit}}) {
        auto value = string_field(*json, name);
        if (!value) return error_response(request, value.error());
        *field = std::move(*value);
    }
    auto updated = media.update(site_id, *id, edit, audit::Actor::user(*user, request.remote_address));
    if (!updated) return error_response(request, updated.error());
    return json_response(media_json(*updated, media.url(*updated)));
}

}  // namespace cong::api
