#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"
#include "site/test_content.hpp"

#include <gtest/gtest.h>

using namespace cong;
using namespace cong::site;
using namespace cong::site::fixtures;

namespace {

std::string render_layout(const content::SiteFrame& frame, const PageMeta& meta) {
    render::HtmlWriter html;
    write_layout(html, frame, meta, fixed_now(), [&] { html.element("p", "Nội dung"); });
    return html.take();
}

bool contains(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

}  // namespace

TEST(Layout, DocumentIsVietnameseWithCharsetAndViewportFirst) {
    auto html = render_layout(seed_frame(), {});
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                         "content=\"width=device-width, initial-scale=1\"><title>",
                         0),
              0u);
    EXPECT_TRUE(contains(html, "</footer></body></html>"));
}

TEST(Layout, SkipLinkLeadsToTheMainContent) {
    auto html = render_layout(seed_frame(), {});
    EXPECT_TRUE(contains(html, "<body><a class=\"skip-link\" href=\"#noi-dung\">Bỏ qua để đến nội dung chính</a>"));
    EXPECT_TRUE(contains(html, "<main id=\"noi-dung\" class=\"wrap\" tabindex=\"-1\"><p>Nội dung</p></main>"));
}

TEST(Layout, HeaderHasNameSloganDateSearchAndMenu) {
    auto html = render_layout(seed_frame(), {});
    EXPECT_TRUE(contains(html, "<p class=\"site-name\"><a href=\"/\">Cổng thông tin điện tử huyện Thọ Xuân - Thanh "
                               "Hóa</a></p><p class=\"slogan\">THỌ XUÂN PHẤN ĐẤU"));
    EXPECT_TRUE(contains(html, "<p class=\"today\"><time datetime=\"2026-11-26\">Thứ Năm, 26/11/2026</time></p>"));
    EXPECT_TRUE(contains(html, "<form class=\"search-form\" role=\"search\" aria-label=\"Tìm kiếm trên cổng\" action=\"/tim-kiem\" "
                               "method=\"get\">"
                               "<label class=\"visually-hidden\" for=\"q-dau-trang\">Tìm kiếm</label>"
                               "<input id=\"q-dau-trang\" type=\"search\" name=\"q\""));
    EXPECT_TRUE(contains(html, "<nav class=\"menu\" aria-label=\"Chuyên mục\">"));
    EXPECT_TRUE(contains(html, "<li><a href=\"/chuyen-muc/tin-tuc\">Tin tức</a><ul>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen\">Tin trong huyện</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-xa-thi-tran\">Tin xã, thị trấn</a></li></ul></li>"));
}

TEST(Layout, MenuLeavesOutHiddenCategories) {
    auto frame = seed_frame();
    frame.categories[2].in_menu = false;
    auto html = render_layout(frame, {});
    EXPECT_FALSE(contains(html, "Tin xã, thị trấn"));
}

TEST(Layout, FooterNamesTheOwnerAgencyAndHowToReachIt) {
    auto html = render_layout(seed_frame(), {});
    EXPECT_TRUE(contains(html, "<p>Cơ quan chủ quản: Ủy ban nhân dân huyện Thọ Xuân</p>"));
    EXPECT_TRUE(contains(html, "<p>Chịu trách nhiệm chính: Phó Chủ tịch UBND huyện</p>"));
    EXPECT_TRUE(contains(html, "<p>Giấy phép số 01/GP-TTĐT</p>"));
    EXPECT_TRUE(contains(html, "<p>Địa chỉ: Khu 4, thị trấn Thọ Xuân, huyện Thọ Xuân, tỉnh Thanh Hóa</p>"));
    EXPECT_TRUE(contains(html, "<p>Điện thoại: <a href=\"tel:02373833123\">0237 3 833 123</a></p>"));
    EXPECT_TRUE(contains(html, "<p>Email: <a href=\"mailto:thoxuan@thanhhoa.gov.vn\">thoxuan@thanhhoa.gov.vn</a></p>"));
    EXPECT_TRUE(contains(html, "<p class=\"copyright\">© 2026 Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa."));
}

TEST(Layout, PrintedPagesCarryTheirAddress) {
    auto frame = seed_frame();
    PageMeta meta;
    meta.canonical_path = "/bai-viet/x";
    EXPECT_TRUE(contains(render_layout(frame, meta), "Địa chỉ trang: <span data-page-url=\"\">/bai-viet/x</span>"));
    frame.site.host = "thoxuan.thanhhoa.gov.vn";
    EXPECT_TRUE(contains(render_layout(frame, meta), "<span data-page-url=\"\">https://thoxuan.thanhhoa.gov.vn/bai-viet/x"));
}

TEST(Layout, AFreshSiteWithoutDetailsStillHasAName) {
    content::SiteFrame empty;
    auto html = render_layout(empty, {});
    EXPECT_TRUE(contains(html, "<title>Cổng thông tin điện tử</title>"));
    EXPECT_FALSE(contains(html, "Cơ quan chủ quản"));
    EXPECT_FALSE(contains(html, "class=\"slogan\""));
}

TEST(NotFoundPage, SaysSoInVietnameseWithAWayOn) {
    render::HtmlWriter html;
    write_not_found_page(html, seed_frame(), fixed_now());
    auto page = html.take();
    EXPECT_TRUE(contains(page, "<title>Không tìm thấy trang - "));
    EXPECT_TRUE(contains(page, "<h1>Không tìm thấy trang</h1>"));
    EXPECT_TRUE(contains(page, "<a href=\"/\">Về trang chủ</a>"));
    EXPECT_TRUE(contains(page, "<input id=\"q-trang-loi\" type=\"search\" name=\"q\""));
    EXPECT_TRUE(contains(page, "<meta name=\"robots\" content=\"noindex\">"));
    EXPECT_FALSE(contains(page, "rel=\"canonical\""));
}

TEST(ErrorPage, BusyAndFailedPagesExplainThemselves) {
    render::HtmlWriter busy;
    write_error_page(busy, seed_frame(), 503, fixed_now());
    EXPECT_TRUE(contains(busy.str(), "<h1>Hệ thống đang bận</h1>"));
    render::HtmlWriter failed;
    write_error_page(failed, seed_frame(), 500, fixed_now());
    EXPECT_TRUE(contains(failed.str(), "<h1>Đã xảy ra lỗi</h1>"));
    EXPECT_TRUE(contains(failed.str(), "<meta name=\"robots\" content=\"noindex\">"));
}

TEST(Partials, ShortenCutsAtAWordAndNeverInsideALetter) {
    EXPECT_EQ(shorten("Thọ Xuân", 100), "Thọ Xuân");
    EXPECT_EQ(shorten("Hội nghị Ban Chấp hành Đảng bộ huyện", 20), "Hội nghị Ban…");
    auto cut = shorten("ĐĐĐĐĐĐĐĐĐĐ", 7);  // "Đ" is two bytes: never split one
    EXPECT_EQ(cut, "ĐĐĐ…");
}

TEST(Layout, EveryPageOffersTheSiteFeedAndAHiddenHighContrastSwitch) {
    auto html = render_layout(seed_frame(), {});
    EXPECT_TRUE(contains(html, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Cổng thông tin điện tử "
                               "huyện Thọ Xuân - Thanh Hóa - Tin mới\" href=\"/rss.xml\">"));
    EXPECT_TRUE(contains(html, "<button type=\"button\" class=\"contrast-toggle\" aria-pressed=\"false\" "
                               "data-contrast-toggle=\"\" data-needs-js=\"\" hidden=\"\">Tương phản cao</button>"));
    EXPECT_TRUE(contains(html, "<meta name=\"twitter:card\" content=\"summary\">"));
}

TEST(Layout, UrlEncodingKeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(url_encode("https://a.vn/bai-viet/x_y~z.1?q=a b&c"),
              "https%3A%2F%2Fa.vn%2Fbai-viet%2Fx_y~z.1%3Fq%3Da%20b%26c");
    EXPECT_EQ(url_encode("Hòa"), "H%C3%B2a");
}

TEST(Layout, JsonForScriptsHasNoAngleBracketsOrAmpersands) {
    EXPECT_EQ(json_ld_script_text(R"({"a":"</script><!--&"})"), R"({"a":"\u003c/script\u003e\u003c!--\u0026"})");
}
