#include "admin/article_form.hpp"

#include "core/vietnamese.hpp"
#include "media/multipart.hpp"

#include <charconv>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;
using core::Result;
using model::ArticleStatus;

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != prefix[i]) return false;
    }
    return true;
}

Result<FormAction> parse_action(std::string_view text) {
    if (text == "save") return FormAction::Save;
    if (text == "submit") return FormAction::Submit;
    if (text == "publish") return FormAction::Publish;
    if (text == "schedule") return FormAction::Schedule;
    if (text == "unpublish") return FormAction::Unpublish;
    if (text == "return") return FormAction::ReturnToDraft;
    return Error{Errc::InvalidInput, "Thao tác không hợp lệ", "action"};
}

// Reads digits at text[pos, pos + count) as a number; nullopt when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::string two(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

struct FieldOptions {
    std::string_view type = "text";
    std::string_view hint = {};
    bool required = false;
    int maxlength = 0;
};

// The error of the refused save when it names this field.
std::string_view error_for(const core::Error* error, std::string_view field) {
    if (error && error->field == field) return error->detail;
    return {};
}

void write_label_hint_error(render::HtmlWriter& html, std::string_view id, std::string_view label,
                            std::string_view hint, std::string_view error) {
    html.element("label", {{"for", id}}, label);
    if (!hint.empty()) html.element("span", {{"class", "form-hint"}, {"id", std::string(id) + "-hint"}}, hint);
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", std::string(id) + "-error"}}, error);
}

std::string described_by(std::string_view id, std::string_view hint, std::string_view error) {
    std::string ids;
    if (!hint.empty()) ids = std::string(id) + "-hint";
    if (!error.empty()) ids += (ids.empty() ? "" : " ") + std::string(id) + "-error";
    return ids;
}

void write_input(render::HtmlWriter& html, const ArticleFormView& view, std::string_view name, std::string_view label,
                 std::string_view value, FieldOptions options = {}) {
    auto error = error_for(view.error, name);
    auto field = html.scope("div", {{"class", error.empty() ? "form-field" : "form-field has-error"}});
    write_label_hint_error(html, name, label, options.hint, error);
    auto max = options.maxlength > 0 ? std::to_string(options.maxlength) : std::string();
    auto describe = described_by(name, options.hint, error);
    html.void_element("input", {{"type", options.type},
                                {"id", name},
                                {"name", name},
                                {"value", value},
                                {"maxlength", max, !max.empty()},
                                {"required", "", options.required},
                                {"aria-invalid", "true", !error.empty()},
                                {"aria-describedby", describe, !describe.empty()},
                                {"disabled", "", !view.can_edit}});
}

void write_textarea(render::HtmlWriter& html, const ArticleFormView& view, std::string_view name,
                    std::string_view label, std::string_view value, std::string_view hint, int maxlength) {
    auto error = error_for(view.error, name);
    auto field = html.scope("div", {{"class", error.empty() ? "form-field" : "form-field has-error"}});
    write_label_hint_error(html, name, label, hint, error);
    auto max = std::to_string(maxlength);
    auto describe = described_by(name, hint, error);
    html.element("textarea",
                 {{"id", name},
                  {"name", name},
                  {"rows", "3"},
                  {"maxlength", max},
                  {"aria-invalid", "true", !error.empty()},
                  {"aria-describedby", describe, !describe.empty()},
                  {"disabled", "", !view.can_edit}},
                 value);
}

void write_category_select(render::HtmlWriter& html, const ArticleFormView& view) {
    auto error = error_for(view.error, "category");
    auto field = html.scope("div", {{"class", error.empty() ? "form-field" : "form-field has-error"}});
    write_label_hint_error(html, "category", "Chuyên mục", {}, error);
    auto describe = described_by("category", {}, error);
    auto select = html.scope("select", {{"id", "category"},
                                        {"name", "category"},
                                        {"required", ""},
                                        {"aria-invalid", "true", !error.empty()},
                                        {"aria-describedby", describe, !describe.empty()},
                                        {"disabled", "", !view.can_edit}});
    html.element("option", {{"value", ""}}, "— Chọn chuyên mục —");
    for (const auto& category : view.categories) {
        // Children are indented under their parent, as in the menu.
        std::string name = category.parent_id ? "— " + category.name : category.name;
        html.element("option", {{"value", category.slug}, {"selected", "", category.slug == view.values.category}},
                     name);
    }
}

void write_button(render::HtmlWriter& html, std::string_view action, std::string_view label, bool primary = false) {
    html.element(
        "button",
        {{"type", "submit"}, {"name", "action"}, {"value", action}, {"class", primary ? "button" : "button-quiet"}},
        label);
}

void write_actions(render::HtmlWriter& html, const ArticleFormView& view) {
    auto actions = html.scope("div", {{"class", "form-actions"}, {"role", "group"}, {"aria-label", "Thao tác"}});
    bool is_new = !view.id;
    auto status = view.status;
    bool draft_like = is_new || status == ArticleStatus::Draft || status == ArticleStatus::Unpublished;
    write_button(html, "save", is_new || status == ArticleStatus::Draft ? "Lưu nháp" : "Lưu thay đổi",
                 view.reviewer ? status == ArticleStatus::Published : !draft_like);
    if (!view.reviewer) {
        if (draft_like) write_button(html, "submit", "Gửi duyệt", true);
        return;
    }
    if (status != ArticleStatus::Published) {
        write_button(html, "publish", "Đăng ngay", true);
        write_button(html, "schedule", "Hẹn giờ đăng");
    }
    if (!is_new && (status == ArticleStatus::Published || status == ArticleStatus::Scheduled))
        write_button(html, "unpublish", "Gỡ bài");
    if (!is_new && (status == ArticleStatus::Pending || status == ArticleStatus::Scheduled ||
                    status == ArticleStatus::Unpublished))
        write_button(html, "return", "Trả lại");
}

void write_body_field(render::HtmlWriter& html, const ArticleFormView& view) {
    auto error = error_for(view.error, "body");
    auto field = html.scope(
        "div", {{"class", error.empty() ? "form-field form-field-body" : "form-field form-field-body has-error"}});
    html.element("span", {{"class", "label"}, {"id", "article-body-label"}}, "Nội dung");
    if (!error.empty()) html.element("span", {{"class", "field-error"}, {"id", "article-body-error"}}, error);
    html.element("textarea", {{"name", "body"}, {"id", "article-body"}, {"hidden", ""}}, view.values.body);
    html.element("div",
                 {{"class", "editor"},
                  {"data-editor-for", "article-body"},
                  {"data-media-map", view.media_map_json},
                  {"data-upload-url", "/quan-tri/thu-vien-anh/tai-len"},
                  {"data-library-url", "/quan-tri/thu-vien-anh.json"},
                  {"data-summary-plans", view.summary_plans_json, !view.summary_plans_json.empty()},
                  {"data-readonly", "true", !view.can_edit},
                  {"aria-labelledby", "article-body-label"},
                  {"aria-describedby", "article-body-error", !error.empty()}},
                 "");
    html.element("noscript", {}, "Trình soạn thảo nội dung cần JavaScript. Hãy bật JavaScript để sửa nội dung bài.");
}

}  // namespace

std::string_view status_label(ArticleStatus status) {
    switch (status) {
        case ArticleStatus::Draft:
            return "Nháp";
        case ArticleStatus::Pending:
            return "Chờ duyệt";
        case ArticleStatus::Scheduled:
            return "Đã lên lịch";
        case ArticleStatus::Published:
            return "Đã đăng";
        case ArticleStatus::Unpublished:
            return "Đã gỡ";
    }
    return "";
}

void write_status_badge(render::HtmlWriter& html, ArticleStatus status) {
    auto css = "tag badge badge-" + std::string(model::to_string(status));
    html.element("span", {{"class", css}}, status_label(status));
}

std::string article_edit_path(std::optional<std::int64_t> id) {
    return std::string(ADMIN_PREFIX) + "/bai-viet/" + (id ? std::to_string(*id) : "moi");
}

Result<ArticleForm> read_article_form(const http::Request& request) {
    std::vector<std::pair<std::string, std::string>> fields;
    auto type = request.header("Content-Type").value_or("");
    if (starts_with_ci(type, "application/x-www-form-urlencoded")) {
        fields = http::parse_urlencoded(request.body);
    } else if (starts_with_ci(type, "multipart/form-data")) {
        CONG_TRY(parts, media::parse_multipart(type, request.body));
        for (const auto& part : parts) {
            if (!part.filename.empty()) continue;  // a file has no place in this form
            if (!core::is_valid_utf8(part.data))
                return Error{Errc::InvalidInput, "Trường " + part.name + " không phải văn bản UTF-8 hợp lệ", part.name};
            fields.emplace_back(part.name, std::string(part.data));
        }
    } else {
        return Error{Errc::InvalidInput,
                     "Biểu mẫu phải gửi dạng application/x-www-form-urlencoded hoặc multipart/form-data"};
    }
    ArticleForm form;
    for (auto& [name, value] : fields) {
        if (name == "title")
            form.title = std::move(value);
        else if (name == "lead")
            form.lead = std::move(value);
        else if (name == "category")
            form.category = std::move(value);
        else if (name == "byline")
            form.byline = std::move(value);
        else if (name == "source")
            form.source = std::move(value);
        else if (name == "slug")
            form.slug = std::move(value);
        else if (name == "cover_media")
            form.cover_media = std::move(value);
        else if (name == "published_at")
            form.published_at = std::move(value);
        else if (name == "body")
            form.body = std::move(value);
        else if (name == "featured")
            form.featured = value == "1" || value == "on";
        else if (name == "action") {
            CONG_TRY(action, parse_action(value));
            form.action = action;
        }
    }
    return form;
}

Result<std::optional<core::Timestamp>> parse_vietnam_local_time(std::string_view text) {
    if (text.empty()) return std::optional<core::Timestamp>{};
    Error invalid{Errc::InvalidInput, "Thời điểm đăng phải có dạng ngày/tháng/năm giờ:phút", "published_at"};
    // yyyy-mm-ddThh:mm, optionally :ss — what <input type="datetime-local"> sends.
    if ((text.size() != 16 && text.size() != 19) || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || (text.size() == 19 && text[16] != ':'))
        return invalid;
    auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    auto hour = digits(text, 11, 2), minute = digits(text, 14, 2);
    auto second = text.size() == 19 ? digits(text, 17, 2) : std::optional<int>(0);
    if (!year || !month || !day || !hour || !minute || !second) return invalid;
    if (*year < 1990 || *year > 2100 || *hour > 23 || *minute > 59 || *second > 59) return invalid;
    std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                     std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) return invalid;
    auto local = std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
                 std::chrono::seconds(*second);
    return std::optional<core::Timestamp>{core::Timestamp(local - core::VIETNAM_OFFSET)};
}

std::string format_vietnam_local_time(core::Timestamp t) {
    auto local = t + core::VIETNAM_OFFSET;
    auto days = std::chrono::floor<std::chrono::days>(local);
    std::chrono::year_month_day date{days};
    std::chrono::hh_mm_ss time{local - days};
    return std::to_string(static_cast<int>(date.year())) + "-" +
           two(static_cast<int>(static_cast<unsigned>(date.month()))) + "-" +
           two(static_cast<int>(static_cast<unsigned>(date.day()))) + "T" +
           two(static_cast<int>(time.hours().count())) + ":" + two(static_cast<int>(time.minutes().count()));
}

render::TrustedHtml write_article_form(const AdminContext& context, const ArticleFormView& view) {
    render::HtmlWriter html;
    html.element("h1", view.id ? "Sửa bài viết" : "Viết bài mới");
    {
        auto status = html.scope("div", {{"class", "article-admin-status"}});
        html.text("Trạng thái: ");
        write_status_badge(html, view.status);
        if (view.id) {
            auto links = html.scope("ul", {{"class", "inline-links"}});
            {
                auto item = html.scope("li");
                html.element("a", {{"href", article_edit_path(view.id) + "/xem-truoc"}}, "Xem trước");
            }
            {
                auto item = html.scope("li");
                html.element("a", {{"href", article_edit_path(view.id) + "/phien-ban"}}, "Các phiên bản");
            }
            if (!view.public_path.empty()) {
                auto item = html.scope("li");
                html.element("a", {{"href", view.public_path}}, "Xem trên trang");
            }
        }
    }
    if (!view.can_edit)
        html.element("p", {{"class", "notice"}, {"role", "status"}},
                     "Bạn chỉ xem được bài viết này: biên tập viên sửa bài của mình khi bài chưa được duyệt.");
    if (view.error) {
        auto alert = html.scope("div", {{"class", "notice notice-error"}, {"role", "alert"}});
        html.element("p", "Chưa lưu được bài viết: " + view.error->detail);
    }

    bool autosave = view.can_edit && (!view.id || view.status == ArticleStatus::Draft);
    auto form = html.scope("form", {{"id", "article-form"},
                                    {"class", "article-form"},
                                    {"method", "post"},
                                    {"action", article_edit_path(view.id)},
                                    {"data-autosave", autosave ? "on" : "off"},
                                    {"novalidate", ""}});
    html.trusted(csrf_field(context));
    const auto& v = view.values;
    write_input(html, view, "title", "Tiêu đề", v.title, {.required = true, .maxlength = 300});
    write_textarea(html, view, "lead", "Sa pô", v.lead, "Đoạn mở đầu in đậm dưới tiêu đề.", 2000);
    write_category_select(html, view);
    write_body_field(html, view);
    write_input(html, view, "byline", "Tác giả", v.byline, {.hint = "Ví dụ: Lê Thơ-Hồng Tăng", .maxlength = 200});
    write_input(html, view, "source", "Nguồn", v.source,
                {.hint = "Ví dụ: Trung tâm VHTT, TT&DL huyện", .maxlength = 200});
    write_input(html, view, "cover_media", "Ảnh bìa (mã ảnh trong thư viện)", v.cover_media,
                {.type = "text", .hint = "Để trống nếu bài không có ảnh bìa.", .maxlength = 20});
    write_input(html, view, "published_at", "Thời điểm đăng", v.published_at,
                {.type = "datetime-local", .hint = "Giờ Việt Nam (GMT+7). Để trống khi đăng ngay."});
    write_input(html, view, "slug", "Địa chỉ (slug)", v.slug, {.hint = "Để trống để tạo từ tiêu đề.", .maxlength = 80});
    {
        auto field = html.scope("div", {{"class", "checkbox"}});
        html.void_element("input", {{"type", "checkbox"},
                                    {"id", "featured"},
                                    {"name", "featured"},
                                    {"value", "1"},
                                    {"checked", "", v.featured},
                                    {"disabled", "", !view.can_edit}});
        html.element("label", {{"for", "featured"}}, "Tin nổi bật trên trang chủ");
    }
    if (view.can_edit) write_actions(html, view);
    return render::TrustedHtml(html.take());
}

}  // namespace cong::admin
