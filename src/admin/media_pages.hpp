// Media pages of the back office: the photo library with its search, a photo's caption, alt text and credit,
// the upload the editor calls, and the library as JSON for the editor's picker.
#pragma once

#include "admin/admin_shell.hpp"
#include "auth/session_service.hpp"
#include "http/router.hpp"
#include "media/media_service.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cong::admin {

constexpr std::string_view MEDIA_PATH = "/quan-tri/thu-vien-anh";
constexpr std::string_view MEDIA_UPLOAD_PATH = "/quan-tri/thu-vien-anh/tai-len";
constexpr std::string_view MEDIA_JSON_PATH = "/quan-tri/thu-vien-anh.json";
// Photos on one page of the library grid and of its JSON.
constexpr int MEDIA_PAGE_SIZE = 24;
// The caption form: three short texts and a token, percent-encoded.
constexpr std::size_t MAX_MEDIA_FORM_BYTES = 64 * 1024;

struct MediaAdminOptions {
    std::int64_t site_id = 0;
    std::size_t max_upload_bytes = 25 * 1024 * 1024;  // the configured http.max_upload_bytes
    // Looks at an upload before its body is read: without a session it is refused before megabytes arrive
    // (signed_in_gate). Empty: the request is read and the shell's guard alone refuses it.
    http::Gate upload_gate;
};

struct MediaPages {
    AdminShell& shell;
    media::MediaService& media;
    MediaAdminOptions options;

    // GET /quan-tri/thu-vien-anh?q=&trang= — the grid, newest first, with the search box and an upload form.
    http::Response show_library(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/thu-vien-anh/{id} — the photo, its text form, its variants and the articles using it.
    http::Response show_photo(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/thu-vien-anh/{id} — caption, alt, credit; 303 back to the photo, or the form with errors.
    http::Response save_photo(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/thu-vien-anh/tai-len — multipart file (+ caption, alt, credit): 201 JSON {"id", "url",
    // "width", "height", "caption", "alt", "srcset", …} or {"error": {"code", "message", "field"}} with a 4xx;
    // a plain HTML form post (Accept: text/html) is sent on to the new photo's page instead.
    http::Response upload(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/thu-vien-anh.json?q=&page= — {"total", "page", "per_page", "results": [{"id", "url"
    // (a small variant), "caption", "alt", "original_name", "width", "height", "srcset"}]}.
    http::Response library_json(const http::Request& request, const AdminContext& context);

private:
    struct MediaView {
        model::Media photo;  // as stored, or with the text just typed when it was refused
        const core::Error* error = nullptr;
        std::string flash;
    };
    http::Response photo_page(const AdminContext& context, const MediaView& view, int status);
};

// Adds the routes above (every role) and the menu entry "Thư viện ảnh". The pages live as long as the router.
void add_media_admin_routes(http::Router& router, AdminShell& shell, media::MediaService& media,
                            MediaAdminOptions options);

// A gate that lets a request in only with a valid session cookie; otherwise 401 with a JSON error, before
// the body is read.
http::Gate signed_in_gate(auth::SessionService& sessions);

}  // namespace cong::admin
