// Article form: the fields of the back office's article editor as typed, read from a form post (urlencoded,
// or multipart from the editor's autosave), and the edit page that shows them.
#pragma once

#include "admin/admin_shell.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "model/article.hpp"
#include "model/category.hpp"
#include "render/html_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::admin {

// "Nháp", "Chờ duyệt", "Đã lên lịch", "Đã đăng", "Đã gỡ".
std::string_view status_label(model::ArticleStatus status);
// <span class="badge badge-<status>">label</span>
void write_status_badge(render::HtmlWriter& html, model::ArticleStatus status);

// What the buttons of the form ask for. Autosave is a post without a button (the editor bundle's FormData).
enum class FormAction { Save, Submit, Publish, Schedule, Unpublish, ReturnToDraft, Autosave };

// The fields exactly as the browser sent them, so a refused form shows again what was typed.
struct ArticleForm {
    std::string title;
    std::string lead;
    std::string category;  // slug
    std::string byline;
    std::string source;
    std::string slug;
    std::string cover_media;   // a media id, or empty
    std::string published_at;  // datetime-local in Vietnam time: "2024-04-03T07:00"
    std::string body;          // the document JSON written by the editor
    bool featured = false;
    FormAction action = FormAction::Autosave;
};

// Reads an application/x-www-form-urlencoded or multipart/form-data post. InvalidInput for another type,
// an unknown action or a field that is not valid UTF-8.
core::Result<ArticleForm> read_article_form(const http::Request& request);

// "2024-04-03T07:00" (or with ":SS") read as a time in Vietnam (UTC+7); empty text is no time.
core::Result<std::optional<core::Timestamp>> parse_vietnam_local_time(std::string_view text);
// The value of a datetime-local input for t: "2024-04-03T07:00" in Vietnam.
std::string format_vietnam_local_time(core::Timestamp t);

// Everything the edit page shows.
struct ArticleFormView {
    std::optional<std::int64_t> id;  // empty: a new article
    model::ArticleStatus status = model::ArticleStatus::Draft;
    std::string public_path;  // the article's public address once published, else empty
    ArticleForm values;
    std::vector<model::Category> categories;
    std::string media_map_json;          // {"12": {"url", "caption", "alt", "width", "height"}} for the body's photos
    std::string summary_plans_json;      // the plans a "target summary" block may name; empty: no such button
    const core::Error* error = nullptr;  // a refused save: shown beside its field, or above the form
    bool can_edit = true;                // false: the account may read the article but not change it
    bool reviewer = false;               // approver or admin: publish, schedule, unpublish, return buttons
    std::string flash;
};

// The <main> of the edit page: title, status, links, and the form with the buttons the account may use.
render::TrustedHtml write_article_form(const AdminContext& context, const ArticleFormView& view);

// The form's address: /quan-tri/bai-viet/moi or /quan-tri/bai-viet/{id}.
std::string article_edit_path(std::optional<std::int64_t> id);

}  // namespace cong::admin
