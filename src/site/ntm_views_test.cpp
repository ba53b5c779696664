#include "site/ntm_views.hpp"

#include "site/test_content.hpp"

#include <gtest/gtest.h>

namespace cong::site {
namespace {

targets::SetStanding regional() {
    targets::SetStanding s;
    s.set = {.id = 1,
             .slug = "xa-ntm-2021-2025",
             .title = "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025",
             .decision_ref = "Quyết định số 318/QĐ-TTg ngày 08/3/2022",
             .first_year = 2021,
             .last_year = 2025,
             .zone_kind = model::NtmZoneKind::Region};
    s.criteria = {{.id = 10, .set_id = 1, .number = 10, .name = "Thu nhập", .group_name = "Kinh tế và tổ chức sản xuất"}};
    s.zones = {{.id = 1, .code = "bac-trung-bo", .name = "Bắc Trung Bộ"},
               {.id = 2, .code = "tay-nguyen", .name = "Tây Nguyên"}};
    s.indicators = {{.id = 7, .criterion_id = 10, .code = "10.1", .name = "Thu nhập bình quân đầu người",
                     .unit = "triệu đồng/người/năm", .kind = model::IndicatorKind::AtLeast}};
    s.thresholds = {{.indicator_id = 7, .zone_id = 1, .value = 50}};
    targets::CommuneStanding commune;
    commune.commune = {.id = 3, .name = "Xã Xuân Lập"};
    commune.zone = s.zones[0];
    commune.statuses = {std::nullopt};
    s.communes = {commune};
    s.met_by_criterion = {0};
    s.summary = "có 00/01 xã đạt đủ 1/1 tiêu chí";
    return s;
}

TEST(NtmViews, ThresholdsAreShownPerRegionAndAnUnknownOneAsADash) {
    render::HtmlWriter html;
    write_ntm_standing_page(html, fixtures::seed_frame(), regional(), fixtures::fixed_now());
    const std::string& page = html.str();
    EXPECT_NE(page.find("<th scope=\"col\">Bắc Trung Bộ</th><th scope=\"col\">Tây Nguyên</th>"), std::string::npos);
    EXPECT_NE(page.find("<td class=\"number\">≥ 50</td><td class=\"number\">—</td>"), std::string::npos)
        << "a threshold not on record is never guessed";
    EXPECT_NE(page.find("<th scope=\"col\">Vùng</th>"), std::string::npos) << "each commune's region is a column";
    EXPECT_NE(page.find("<td>Bắc Trung Bộ</td>"), std::string::npos);
    EXPECT_NE(page.find("mỗi xã được đánh giá theo ngưỡng của vùng mình"), std::string::npos);
    EXPECT_NE(page.find("Xã nông thôn mới"), std::string::npos);
}

TEST(NtmViews, TheSetListNamesTheUnitAndTheStandard) {
    model::CriteriaSet district{.slug = "huyen-ntm-nang-cao",
                                .title = "Bộ tiêu chí huyện nông thôn mới nâng cao",
                                .first_year = 2021,
                                .last_year = 2025,
                                .unit_level = model::NtmUnitLevel::District,
                                .rank = model::NtmRank::Advanced};
    render::HtmlWriter html;
    write_criteria_sets_page(html, fixtures::seed_frame(), {district}, fixtures::fixed_now());
    EXPECT_NE(html.str().find("(Huyện nông thôn mới nâng cao, giai đoạn 2021–2025)"), std::string::npos);
}

}  // namespace
}  // namespace cong::site
