#include "admin/media_pages.hpp"

#include "admin/account_form.hpp"
#include "core/vietnamese.hpp"
#include "media/multipart.hpp"
#include "media/variant_names.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <memory>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;

constexpr int MAX_PAGE_DIGITS = 5;

std::string photo_path(std::int64_t id) {
    return std::string(MEDIA_PATH) + "/" + std::to_string(id);
}

// A positive number of at most MAX_PAGE_DIGITS digits; nullopt for anything else.
std::optional<int> parse_positive(std::string_view text) {
    if (text.empty() || text.size() > MAX_PAGE_DIGITS) return std::nullopt;
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

http::Response json_error(const Error& error) {
    boost::json::object body{{"code", core::errc_code(error.code)}, {"message", error.detail}};
    if (!error.field.empty()) body.emplace("field", error.field);
    auto response = http::Response::json(boost::json::serialize(boost::json::object{{"error", std::move(body)}}),
                                         core::errc_status(error.code));
    response.cache_control = "no-store";
    return response;
}

http::Response json_answer(const boost::json::object& body, int status = 200) {
    auto response = http::Response::json(boost::json::serialize(body), status);
    response.cache_control = "no-store";
    return response;
}

// A browser's own form post asks for HTML; the editor's XHR and API-like clients get JSON.
bool wants_html(const http::Request& request) {
    auto accept = request.header("Accept").value_or("");
    return accept.find("text/html") != std::string_view::npos &&
           accept.find("application/json") == std::string_view::npos;
}

std::string_view status_label(std::string_view status) {
    if (status == "draft") return "Bản nháp";
    if (status == "pending") return "Chờ duyệt";
    if (status == "published") return "Đã đăng";
    if (status == "scheduled") return "Hẹn giờ đăng";
    if (status == "unpublished") return "Đã gỡ";
    return status;
}

void write_thumbnail(render::HtmlWriter& html, const model::Media& photo, std::string_view alt) {
    auto width = std::to_string(photo.width);
    auto height = std::to_string(photo.height);
    html.void_element("img", {{"src", media::thumbnail_url(photo)},
                              {"srcset", media::srcset(photo, media::VariantFormat::Jpeg)},
                              {"sizes", "10rem"},
                              {"width", width, photo.width > 0},
                              {"height", height, photo.height > 0},
                              {"alt", alt},
                              {"loading", "lazy"},
                              {"decoding", "async"}});
}

void write_textarea(render::HtmlWriter& html, std::string_view name, std::string_view label, std::string_view value,
                    std::string_view error, int maxlength) {
    auto field = html.scope("div", {{"class", "form-field"}});
    html.element("label", {{"for", name}}, label);
    std::string error_id = std::string(name) + "-loi";
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", error_id}}, error);
    auto max = std::to_string(maxlength);
    html.element("textarea",
                 {{"id", name},
                  {"name", name},
                  {"rows", "3"},
                  {"maxlength", max},
                  {"aria-invalid", "true", !error.empty()},
                  {"aria-describedby", error_id, !error.empty()}},
                 value);
}

// The upload form of the library page: works without JavaScript; the editor uploads with XHR instead.
void write_upload_form(render::HtmlWriter& html, const AdminContext& context) {
    auto section = html.scope("section", {{"aria-labelledby", "tai-anh-len"}});
    html.element("h2", {{"id", "tai-anh-len"}}, "Tải ảnh lên");
    auto form =
        html.scope("form", {{"method", "post"}, {"action", MEDIA_UPLOAD_PATH}, {"enctype", "multipart/form-data"}});
    html.trusted(csrf_field(context));
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "file"}}, "Tệp ảnh (JPEG, PNG, WebP hoặc GIF)");
        html.void_element("input", {{"id", "file"},
                                    {"name", "file"},
                                    {"type", "file"},
                                    {"accept", "image/jpeg,image/png,image/webp,image/gif"},
                                    {"required", ""}});
    }
    write_textarea(html, "caption", "Chú thích", "", "", static_cast<int>(media::MAX_CAPTION_CHARS));
    write_field(html, {.name = "alt",
                       .label = "Mô tả ảnh cho người khiếm thị (alt)",
                       .maxlength = static_cast<int>(media::MAX_ALT_CHARS)});
    write_field(html, {.name = "credit", .label = "Nguồn ảnh", .maxlength = static_cast<int>(media::MAX_CREDIT_CHARS)});
    auto actions = html.scope("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}, {"class", "button"}}, "Tải lên");
}

void write_search_form(render::HtmlWriter& html, std::string_view q) {
    auto form =
        html.scope("form", {{"method", "get"}, {"action", MEDIA_PATH}, {"class", "filters"}, {"role", "search"}});
    html.element("label", {{"for", "q"}}, "Tìm ảnh theo chú thích, nguồn hoặc tên tệp");
    html.void_element("input", {{"id", "q"}, {"name", "q"}, {"type", "search"}, {"value", q}, {"maxlength", "200"}});
    html.element("button", {{"type", "submit"}, {"class", "button"}}, "Tìm");
}

void write_pagination(render::HtmlWriter& html, const media::LibraryPage& page, std::string_view q) {
    auto pages = static_cast<int>((page.total + page.per_page - 1) / page.per_page);
    if (pages <= 1) return;
    auto link = [&](int number) {
        std::string href = std::string(MEDIA_PATH) + "?trang=" + std::to_string(number);
        if (!q.empty()) href += "&q=" + http::percent_encode(q);
        return href;
    };
    auto nav = html.scope("nav", {{"class", "pagination"}, {"aria-label", "Trang thư viện ảnh"}});
    if (page.page > 1) html.element("a", {{"href", link(page.page - 1)}, {"rel", "prev"}}, "‹ Trang trước");
    html.element("span", "Trang " + std::to_string(page.page) + "/" + std::to_string(pages));
    if (page.page < pages) html.element("a", {{"href", link(page.page + 1)}, {"rel", "next"}}, "Trang sau ›");
}

}  // namespace

http::Response MediaPages::show_library(const http::Request& request, const AdminContext& context) {
    std::string q = request.query_param("q").value_or("");
    int page_number = 1;
    if (auto trang = request.query_param("trang")) page_number = parse_positive(*trang).value_or(1);
    auto found =
        media.search_library({.site_id = options.site_id, .q = q, .page = page_number, .per_page = MEDIA_PAGE_SIZE});
    render::HtmlWriter html;
    html.element("h1", "Thư viện ảnh");
    write_search_form(html, q);
    if (!found) {
        core::Error error = found.error();
        write_form_error(html, &error, false);
        return shell.page(context, {.title = "Thư viện ảnh",
                                    .active_href = std::string(MEDIA_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = 400});
    }
    {
        std::string summary = q.empty()
                                  ? "Thư viện có " + core::format_integer_vi(found->total) + " ảnh, mới nhất trước."
                                  : "Có " + core::format_integer_vi(found->total) + " ảnh khớp với “" + q + "”.";
        html.element("p", {{"role", "status"}}, summary);
    }
    if (!found->items.empty()) {
        auto grid = html.scope("ul", {{"class", "media-grid"}});
        for (const auto& photo : found->items) {
            auto item = html.scope("li", {{"class", "media-item"}});
            auto link = html.scope("a", {{"href", photo_path(photo.id)}});
            // The caption beside it names the photo for a screen reader; the thumbnail repeats it for the eye.
            write_thumbnail(html, photo, "");
            html.element("span", {{"class", "media-caption"}},
                         photo.caption.empty() ? std::string("(chưa có chú thích)") : photo.caption);
            html.element("span", {{"class", "media-name muted"}},
                         photo.original_name.empty() ? "Ảnh số " + std::to_string(photo.id) : photo.original_name);
        }
    }
    write_pagination(html, *found, q);
    write_upload_form(html, context);
    return shell.page(
        context,
        {.title = "Thư viện ảnh", .active_href = std::string(MEDIA_PATH), .main = render::TrustedHtml(html.take())});
}

http::Response MediaPages::show_photo(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    std::optional<model::Media> photo;
    if (id) {
        auto found = media.find(*id);
        if (found && *found && (*found)->site_id == options.site_id) photo = std::move(**found);
    }
    if (!photo) {
        render::HtmlWriter html;
        html.element("h1", "Không tìm thấy ảnh");
        html.element("a", {{"href", MEDIA_PATH}}, "Quay lại Thư viện ảnh");
        return shell.page(context, {.title = "Không tìm thấy ảnh",
                                    .active_href = std::string(MEDIA_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = 404});
    }
    MediaView view{std::move(*photo), nullptr, {}};
    if (request.query_param("da-luu")) view.flash = "Đã lưu chú thích ảnh.";
    return photo_page(context, view, 200);
}

http::Response MediaPages::save_photo(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return show_photo(request, context);
    media::MediaEdit edit;
    edit.caption = http::urlencoded_value(request.body, "caption").value_or("");
    edit.alt = http::urlencoded_value(request.body, "alt").value_or("");
    edit.credit = http::urlencoded_value(request.body, "credit").value_or("");
    auto updated = media.update(options.site_id, *id, edit, audit::Actor::user(context.user, context.ip));
    if (updated) return http::Response::redirect(photo_path(*id) + "?da-luu=1");
    if (updated.error().code == Errc::NotFound) return show_photo(request, context);
    auto found = media.find(*id);
    if (!found || !*found) return show_photo(request, context);
    // The form comes back with what was typed, and the message beside the field at fault.
    model::Media typed = std::move(**found);
    typed.caption = *edit.caption;
    typed.alt = *edit.alt;
    typed.credit = *edit.credit;
    core::Error error = updated.error();
    MediaView view{typed, &error, {}};
    return photo_page(context, view, core::errc_status(error.code));
}

http::Response MediaPages::photo_page(const AdminContext& context, const MediaView& view, int status) {
    const model::Media& photo = view.photo;
    const core::Error* error = view.error;
    render::HtmlWriter html;
    std::string title = photo.original_name.empty() ? "Ảnh số " + std::to_string(photo.id) : photo.original_name;
    html.element("h1", title);
    {
        auto figure = html.scope("figure", {{"class", "media-preview"}});
        auto width = std::to_string(photo.width);
        auto height = std::to_string(photo.height);
        auto sizes = std::string("(max-width: 46rem) 100vw, 46rem");
        auto picture = html.scope("picture");
        html.void_element(
            "source",
            {{"type", "image/webp"}, {"srcset", media::srcset(photo, media::VariantFormat::Webp)}, {"sizes", sizes}});
        html.void_element("img", {{"src", media::fallback_url(photo)},
                                  {"srcset", media::srcset(photo, media::VariantFormat::Jpeg)},
                                  {"sizes", sizes},
                                  {"width", width, photo.width > 0},
                                  {"height", height, photo.height > 0},
                                  {"alt", photo.alt.empty() ? photo.caption : photo.alt}});
    }
    write_form_error(html, error, true);
    {
        auto form = html.scope("form", {{"method", "post"}, {"action", photo_path(photo.id)}, {"novalidate", ""}});
        html.trusted(csrf_field(context));
        write_textarea(html, "caption", "Chú thích", photo.caption, field_error(error, "caption"),
                       static_cast<int>(media::MAX_CAPTION_CHARS));
        write_field(html, {.name = "alt",
                           .label = "Mô tả ảnh cho người khiếm thị (alt)",
                           .value = photo.alt,
                           .hint = "Tả những gì trong ảnh, cho người không nhìn thấy ảnh. Để trống thì dùng chú thích.",
                           .error = field_error(error, "alt"),
                           .maxlength = static_cast<int>(media::MAX_ALT_CHARS)});
        write_field(html, {.name = "credit",
                           .label = "Nguồn ảnh",
                           .value = photo.credit,
                           .hint = "Người chụp hoặc cơ quan cung cấp ảnh.",
                           .error = field_error(error, "credit"),
                           .maxlength = static_cast<int>(media::MAX_CREDIT_CHARS)});
        auto actions = html.scope("div", {{"class", "form-actions"}});
        html.element("button", {{"type", "submit"}, {"class", "button"}}, "Lưu chú thích");
        html.element("a", {{"href", MEDIA_PATH}, {"class", "button button-quiet"}}, "Quay lại Thư viện ảnh");
    }
    {
        auto section = html.scope("section", {{"aria-labelledby", "bai-dung-anh"}});
        html.element("h2", {{"id", "bai-dung-anh"}}, "Bài viết dùng ảnh này");
        auto uses = media.uses(photo.id);
        if (!uses || uses->empty()) {
            html.element("p", {{"class", "muted"}}, "Chưa bài viết nào dùng ảnh này.");
        } else {
            auto list = html.scope("ul");
            for (const auto& use : *uses) {
                auto item = html.scope("li");
                html.element("a", {{"href", "/quan-tri/bai-viet/" + std::to_string(use.article_id)}}, use.title);
                html.text(" ");
                html.element("span", {{"class", "tag"}}, status_label(use.status));
            }
        }
    }
    {
        auto section = html.scope("section", {{"aria-labelledby", "cac-co-anh"}});
        html.element("h2", {{"id", "cac-co-anh"}}, "Các cỡ ảnh Cổng phục vụ");
        html.element("p", {{"class", "form-hint"}},
                     "Mỗi cỡ được mã hoá lại, đã xoay đúng chiều và bỏ toàn bộ siêu dữ liệu (EXIF, vị trí GPS). "
                     "Tệp gốc tải lên không bao giờ được phục vụ.");
        auto variants = media.variants(photo.id);
        if (!variants || variants->empty()) {
            html.element("p", {{"class", "muted"}}, "Ảnh chưa có các cỡ: chạy lệnh cong media rebuild.");
        } else {
            auto wrap = html.scope("div", {{"class", "table-wrap"}});
            auto table = html.scope("table");
            {
                auto head = html.scope("thead");
                auto row = html.scope("tr");
                html.element("th", {{"scope", "col"}}, "Kích thước (điểm ảnh)");
                html.element("th", {{"scope", "col"}}, "Định dạng");
                html.element("th", {{"scope", "col"}}, "Dung lượng");
            }
            auto body = html.scope("tbody");
            for (const auto& variant : *variants) {
                auto row = html.scope("tr");
                auto format = media::variant_format_from_extension(variant.format).value_or(media::VariantFormat::Jpeg);
                {
                    auto cell = html.scope("td");
                    html.element("a", {{"href", media::variant_url(photo, variant.width, format)}},
                                 std::to_string(variant.width) + "×" + std::to_string(variant.height));
                }
                html.element("td", format == media::VariantFormat::Webp ? "WebP" : "JPEG");
                html.element("td", core::format_number_vi(static_cast<double>(variant.bytes) / 1024.0, 1) + " KB");
            }
        }
    }
    return shell.page(context, {.title = title,
                                .active_href = std::string(MEDIA_PATH),
                                .main = render::TrustedHtml(html.take()),
                                .flash = view.flash,
                                .status = status});
}

http::Response MediaPages::upload(const http::Request& request, const AdminContext& context) {
    auto content_type = request.header("Content-Type");
    if (!content_type)
        return json_error({Errc::UnsupportedMediaType, "Cần gửi dạng multipart/form-data với trường file", "file"});
    auto parts = media::parse_multipart(*content_type, request.body);
    if (!parts) return json_error(parts.error());
    media::UploadInput input{.site_id = options.site_id, .uploaded_by = context.user.id};
    input.actor = audit::Actor::user(context.user, context.ip);
    const media::FormPart* file = nullptr;
    for (const auto& part : *parts) {
        if (part.name == "file") {
            if (file) return json_error({Errc::InvalidInput, "Mỗi lần chỉ tải lên một tệp", "file"});
            file = &part;
        } else if (part.name == "caption") {
            input.caption = std::string(part.data);
        } else if (part.name == "alt") {
            input.alt = std::string(part.data);
        } else if (part.name == "credit") {
            input.credit = std::string(part.data);
        }
    }
    if (!file || (file->filename.empty() && file->data.empty()))
        return json_error({Errc::InvalidInput, "Chưa chọn tệp ảnh để tải lên", "file"});
    input.original_name = file->filename;
    input.data = file->data;
    auto stored = media.upload(input);
    if (wants_html(request)) {
        if (stored) return http::Response::redirect(photo_path(stored->id));
        core::Error error = stored.error();
        render::HtmlWriter html;
        html.element("h1", "Không tải được ảnh lên");
        write_form_error(html, &error, false);
        html.element("a", {{"href", MEDIA_PATH}}, "Quay lại Thư viện ảnh");
        return shell.page(context, {.title = "Không tải được ảnh lên",
                                    .active_href = std::string(MEDIA_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = core::errc_status(stored.error().code)});
    }
    if (!stored) return json_error(stored.error());
    const auto& photo = *stored;
    return json_answer({{"id", photo.id},
                        {"url", media::fallback_url(photo)},
                        {"display_url", media.url(photo)},
                        {"width", photo.width},
                        {"height", photo.height},
                        {"caption", photo.caption},
                        {"alt", photo.alt},
                        {"credit", photo.credit},
                        {"original_name", photo.original_name},
                        {"srcset", media::srcset(photo, media::VariantFormat::Jpeg)},
                        {"webp_srcset", media::srcset(photo, media::VariantFormat::Webp)}},
                       201);
}

http::Response MediaPages::library_json(const http::Request& request, const AdminContext&) {
    media::LibraryQuery query{
        .site_id = options.site_id, .q = request.query_param("q").value_or(""), .per_page = MEDIA_PAGE_SIZE};
    if (auto page = request.query_param("page"); page && !page->empty()) {
        auto number = parse_positive(*page);
        if (!number) return json_error({Errc::InvalidInput, "Số trang không hợp lệ", "page"});
        query.page = *number;
    }
    auto found = media.search_library(query);
    if (!found) return json_error(found.error());
    boost::json::array results;
    for (const auto& photo : found->items) {
        results.push_back(boost::json::object{{"id", photo.id},
                                              {"url", media::thumbnail_url(photo)},
                                              {"display_url", media.url(photo)},
                                              {"caption", photo.caption},
                                              {"alt", photo.alt},
                                              {"credit", photo.credit},
                                              {"original_name", photo.original_name},
                                              {"width", photo.width},
                                              {"height", photo.height},
                                              {"srcset", media::srcset(photo, media::VariantFormat::Jpeg)}});
    }
    return json_answer({{"total", found->total},
                        {"page", found->page},
                        {"per_page", found->per_page},
                        {"results", std::move(results)}});
}

void add_media_admin_routes(http::Router& router, AdminShell& shell, media::MediaService& media,
                            MediaAdminOptions options) {
    auto pages = std::make_shared<MediaPages>(MediaPages{shell, media, options});
    auto bind = [&shell, pages](http::Response (MediaPages::*handler)(const http::Request&, const AdminContext&)) {
        return shell.guard([pages, handler](const http::Request& request, const AdminContext& context) {
            return ((*pages).*handler)(request, context);
        });
    };
    http::RouteOptions form{.max_body_bytes = MAX_MEDIA_FORM_BYTES};
    http::RouteOptions upload{.max_body_bytes = options.max_upload_bytes, .admit = options.upload_gate};

    // The library: grid and search, one photo's text, the editor's upload and picker
    router.get(std::string(MEDIA_PATH), bind(&MediaPages::show_library));
    router.get(std::string(MEDIA_JSON_PATH), bind(&MediaPages::library_json));
    router.post(std::string(MEDIA_UPLOAD_PATH), bind(&MediaPages::upload), upload);
    router.get(std::string(MEDIA_PATH) + "/{id}", bind(&MediaPages::show_photo));
    router.post(std::string(MEDIA_PATH) + "/{id}", bind(&MediaPages::save_photo), form);

    shell.add_menu_item({"Thư viện ảnh", std::string(MEDIA_PATH), {}});
}

http::Gate signed_in_gate(auth::SessionService& sessions) {
    return [&sessions](const http::Request& request) -> std::optional<http::Response> {
        auto token = request.cookie(sessions.session_cookie_name()).value_or("");
        if (!token.empty() && sessions.authenticate(token)) return std::nullopt;
        return json_error({Errc::Unauthorized, "Bạn cần đăng nhập để tải ảnh lên"});
    };
}

}  // namespace cong::admin
