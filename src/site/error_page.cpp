#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"

namespace cong::site {

void write_not_found_page(render::HtmlWriter& html, const content::SiteFrame& frame, core::Timestamp now) {
    PageMeta meta;
    meta.title = "Không tìm thấy trang";
    meta.indexable = false;
    write_layout(html, frame, meta, now, [&] {
        auto section = html.scope("div", {{"class", "error-page"}});
        html.element("h1", "Không tìm thấy trang");
        html.element("p", "Trang bạn tìm không có hoặc đã được chuyển đi. Xin kiểm tra lại địa chỉ, "
                          "hoặc tìm bài viết theo từ khóa:");
        write_search_form(html, "trang-loi", "Tìm bài viết");
        auto back = html.scope("p");
        html.element("a", {{"href", "/"}}, "Về trang chủ");
    });
}

void write_error_page(render::HtmlWriter& html, const content::SiteFrame& frame, int status, core::Timestamp now) {
    bool busy = status == 503;
    PageMeta meta;
    meta.title = busy ? "Hệ thống đang bận" : "Đã xảy ra lỗi";
    meta.indexable = false;
    write_layout(html, frame, meta, now, [&] {
        auto section = html.scope("div", {{"class", "error-page"}});
        html.element("h1", meta.title);
        if (busy)
            html.element("p", "Cổng thông tin đang có nhiều người truy cập. Xin vui lòng thử lại sau ít phút.");
        else
            html.element("p", "Xin lỗi, đã có lỗi khi hiển thị trang này. Chúng tôi đã ghi nhận sự cố; "
                              "xin vui lòng thử lại sau.");
        auto back = html.scope("p");
        html.element("a", {{"href", "/"}}, "Về trang chủ");
    });
}

}  // namespace cong::site
