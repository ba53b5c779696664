#include "site/ocop_views.hpp"

#include "site/test_content.hpp"

#include <gtest/gtest.h>

namespace cong::site {
namespace {

model::OcopProduct honey() {
    return {.id = 1,
            .slug = "mat-ong-rung-xuan-lap",
            .name = "Mật ong rừng <Xuân Lập>",
            .stars = 4,
            .producer = "Hợp tác xã Nông nghiệp Xuân Lập",
            .commune_id = 3,
            .commune_name = "Xã Xuân Lập",
            .group_code = "thuc-pham",
            .year_recognised = 2023,
            .description = "Đoạn một.\n\nĐoạn hai.",
            .demo = true};
}

TEST(OcopViews, TheListingShowsStarsGroupCommuneAndTheDemoLabel) {
    OcopListing listing;
    listing.products = {honey()};
    listing.filter.stars = 4;
    listing.communes = {{.id = 3, .name = "Xã Xuân Lập"}, {.id = 4, .name = "Xã Xuân Tín", .merged_into = 5}};
    render::HtmlWriter html;
    write_ocop_list_page(html, fixtures::seed_frame(), listing, fixtures::fixed_now());
    const std::string& page = html.str();
    EXPECT_NE(page.find("<a href=\"/ocop/mat-ong-rung-xuan-lap\">Mật ong rừng &lt;Xuân Lập&gt;</a>"), std::string::npos);
    EXPECT_NE(page.find("<span aria-hidden=\"true\">★★★★</span> 4 sao"), std::string::npos)
        << "the stars are drawn and also written for screen readers";
    EXPECT_NE(page.find("Thực phẩm · Hợp tác xã Nông nghiệp Xuân Lập · Xã Xuân Lập · Công nhận năm 2023"),
              std::string::npos);
    EXPECT_NE(page.find("Dữ liệu minh họa, không phải sản phẩm có thật"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"/ocop?sao=4\" aria-current=\"true\">4 sao</a>"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"/ocop\">Tất cả</a>"), std::string::npos) << "the stars filter can be cleared";
    EXPECT_NE(page.find("<a href=\"/ocop?sao=4&amp;nhom=thuc-pham\">Thực phẩm</a>"), std::string::npos)
        << "choosing a group keeps the stars chosen";
    EXPECT_NE(page.find(">Xã Xuân Tín (trước sáp nhập)</a>"), std::string::npos);
    EXPECT_NE(page.find("<nav class=\"ocop-filter\" aria-label=\"Nhóm sản phẩm\">"), std::string::npos);
    EXPECT_NE(page.find(">1 sản phẩm</p>"), std::string::npos);
}

TEST(OcopViews, ABadFilterIsExplainedAndNothingIsListed) {
    OcopListing listing;
    listing.error = "Hạng sao phải là 3, 4 hoặc 5.";
    listing.products = {honey()};
    render::HtmlWriter html;
    write_ocop_list_page(html, fixtures::seed_frame(), listing, fixtures::fixed_now());
    EXPECT_NE(html.str().find("role=\"alert\">Hạng sao phải là 3, 4 hoặc 5.</p>"), std::string::npos);
    EXPECT_EQ(html.str().find("/ocop/mat-ong-rung-xuan-lap"), std::string::npos);
    EXPECT_NE(html.str().find("noindex"), std::string::npos);
}

TEST(OcopViews, TheProductPageListsItsFactsAndParagraphs) {
    render::HtmlWriter html;
    write_ocop_product_page(html, fixtures::seed_frame(), honey(), {}, fixtures::fixed_now());
    const std::string& page = html.str();
    EXPECT_NE(page.find("<h1>Mật ong rừng &lt;Xuân Lập&gt;</h1>"), std::string::npos);
    EXPECT_NE(page.find("<dt>Nhóm sản phẩm</dt><dd>Thực phẩm</dd>"), std::string::npos);
    EXPECT_NE(page.find("<dt>Địa phương</dt><dd>Xã Xuân Lập</dd>"), std::string::npos);
    EXPECT_EQ(page.find("<dt>Quyết định công nhận</dt>"), std::string::npos) << "an empty fact is left out";
    EXPECT_NE(page.find("<p>Đoạn một.</p><p>Đoạn hai.</p>"), std::string::npos);
    EXPECT_NE(page.find("rel=\"canonical\""), std::string::npos);
}

}  // namespace
}  // namespace cong::site
