#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "media/multipart.hpp"

#include <boost/json.hpp>

namespace cong::api {
namespace {

using core::Errc;
using core::Error;

boost::json::object media_json(const model::Media& media, std::string url) {
    return boost::json::object{
        {"id", media.id},
        {"url", std::move(url)},
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

}  // namespace cong::api
