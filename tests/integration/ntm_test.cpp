// New Rural Development, OCOP and the live target summary against the real server: criteria judged by each
// commune's own regional threshold, the OCOP catalogue through the API and its public pages, and an article
// whose "target summary" block changes — cache and all — when a figure is entered.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <regex>

using cong::testing::CongProcess;
using cong::testing::csrf_of;
using cong::testing::field;
using cong::testing::form_encode;

namespace {

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

class Ntm : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        cong_.start();
    }
    CongProcess cong_;
};

}  // namespace

TEST_F(Ntm, EachCommuneIsJudgedByTheThresholdOfItsOwnRegion) {
    // Thresholds here are test values, not the decision's.
    auto set = cong_.api("POST", "/api/v1/ntm/sets",
                         R"({"title":"Bộ tiêu chí thử theo vùng","slug":"thu-theo-vung","first_year":2021,)"
                         R"("last_year":2025,"zone_kind":"region","zones":[{"code":"bac-trung-bo","name":"Bắc Trung Bộ"},)"
                         R"({"code":"tay-nguyen","name":"Tây Nguyên"}],"criteria":[{"number":10,"name":"Thu nhập"}],)"
                         R"("indicators":[{"criterion":10,"code":"10.1","name":"Thu nhập bình quân đầu người",)"
                         R"("unit":"triệu đồng/người/năm","kind":"at_least","thresholds":{"bac-trung-bo":50}},)"
                         R"({"criterion":10,"code":"10.2","name":"Chỉ tiêu chưa có ngưỡng","kind":"at_least"}]})");
    ASSERT_EQ(set.status, 201) << set.body;
    std::string set_id = field(set.body, "id");
    EXPECT_EQ(field(set.body, "zone_kind"), "region");
    std::string a = field(cong_.api("POST", "/api/v1/ntm/communes", R"({"name":"Xã Xuân Lập"})").body, "id");
    std::string b = field(cong_.api("POST", "/api/v1/ntm/communes", R"({"name":"Xã Ea Tul"})").body, "id");
    for (auto [commune, zone] : {std::pair{a, "bac-trung-bo"}, std::pair{b, "tay-nguyen"}}) {
        auto put = cong_.api("PUT", "/api/v1/ntm/sets/" + set_id + "/communes/" + commune + "/zone",
                             std::string(R"({"zone":")") + zone + R"("})");
        ASSERT_EQ(put.status, 200) << put.body;
    }
    for (const auto& commune : {a, b}) {
        auto found = cong_.api("POST", "/api/v1/ntm/sets/" + set_id + "/indicator-assessments",
                               R"({"commune_id":)" + commune +
                                   R"(,"indicator":"10.1","value":52,"assessed_on":"2024-12-31"})");
        ASSERT_EQ(found.status, 201) << found.body;
    }
    auto bad = cong_.api("POST", "/api/v1/ntm/sets/" + set_id + "/indicator-assessments",
                         R"({"commune_id":)" + a + R"(,"indicator":"10.1","assessed_on":"2024-12-31"})");
    EXPECT_EQ(bad.status, 400) << "a finding needs a figure or a yes/no";
    auto standing = cong_.api("GET", "/api/v1/ntm/sets/" + set_id + "/standing");
    ASSERT_EQ(standing.status, 200);
    // Xuân Lập's 52 meets its region's 50; Ea Tul's region has no threshold on record, so nothing is decided.
    EXPECT_TRUE(contains(standing.body, R"("name":"Xã Xuân Lập","zone":"bac-trung-bo","met":0)")) << standing.body;
    EXPECT_TRUE(contains(standing.body, R"({"threshold":50,"value":52,"met":true)")) << standing.body;
    EXPECT_TRUE(contains(standing.body, R"({"threshold":null,"value":52,"met":null)")) << standing.body;
    auto page = cong_.request("GET", "/tieu-chi-nong-thon-moi/thu-theo-vung");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<td class=\"number\">≥ 50</td><td class=\"number\">—</td>")) << page.body;
}

TEST_F(Ntm, OcopProductsAreKeptThroughTheApiAndListedWithFilters) {
    std::string commune = field(cong_.api("POST", "/api/v1/ntm/communes", R"({"name":"Xã Xuân Lập"})").body, "id");
    auto made = cong_.api("POST", "/api/v1/ocop",
                          R"({"name":"Mật ong rừng Xuân Lập","stars":4,"producer":"HTX Xuân Lập","group":"thuc-pham",)"
                          R"("year_recognised":2023,"commune_id":)" + commune + R"(,"demo":true})");
    ASSERT_EQ(made.status, 201) << made.body;
    std::string id = field(made.body, "id");
    auto other = cong_.api("POST", "/api/v1/ocop",
                           R"({"name":"Đệm cói","stars":3,"producer":"Tổ hợp tác cói","group":"thu-cong-my-nghe",)"
                           R"("year_recognised":2022})");
    ASSERT_EQ(other.status, 201) << other.body;
    EXPECT_EQ(cong_.api("POST", "/api/v1/ocop", R"({"name":"X","stars":6,"producer":"Y","group":"thuc-pham",)"
                                                 R"("year_recognised":2023})")
                  .status,
              400);
    auto anonymous = cong_.request("POST", "/api/v1/ocop", {{"Content-Type", "application/json"}}, "{}");
    EXPECT_EQ(anonymous.status, 401);

    auto listing = cong_.request("GET", "/ocop");
    ASSERT_EQ(listing.status, 200);
    EXPECT_TRUE(contains(listing.body, "Mật ong rừng Xuân Lập"));
    EXPECT_TRUE(contains(listing.body, "Đệm cói"));
    auto four = cong_.request("GET", "/ocop?sao=4");
    EXPECT_TRUE(contains(four.body, "Mật ong rừng Xuân Lập"));
    EXPECT_FALSE(contains(four.body, "Đệm cói"));
    auto by_commune = cong_.request("GET", "/ocop?xa=" + commune);
    EXPECT_FALSE(contains(by_commune.body, "Đệm cói"));
    EXPECT_EQ(cong_.request("GET", "/ocop?sao=9").status, 400);
    EXPECT_EQ(cong_.request("GET", "/ocop?nhom=%3Cscript%3E").status, 400);
    EXPECT_EQ(cong_.request("GET", "/ocop/khong-co").status, 404);

    // A change reaches the pages the cache keeps.
    cong_.request("GET", "/ocop/mat-ong-rung-xuan-lap");
    auto product = cong_.request("GET", "/ocop/mat-ong-rung-xuan-lap");
    ASSERT_EQ(product.status, 200);
    EXPECT_TRUE(contains(product.body, "4 sao"));
    auto updated = cong_.api("PUT", "/api/v1/ocop/" + id,
                             R"({"name":"Mật ong rừng Xuân Lập","stars":5,"producer":"HTX Xuân Lập","group":"thuc-pham",)"
                             R"("year_recognised":2023,"commune_id":)" + commune + R"(,"demo":true})");
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_TRUE(contains(cong_.request("GET", "/ocop/mat-ong-rung-xuan-lap").body, "5 sao"));
    auto json = cong_.request("GET", "/api/v1/ocop?stars=5");
    EXPECT_EQ(json.status, 200) << "reading the catalogue needs no token";
    EXPECT_TRUE(contains(json.body, R"("stars":5)"));
}

TEST_F(Ntm, AnArticleShowsTheLiveTargetSummaryAndItChangesWithTheFigures) {
    auto plan = cong_.api("POST", "/api/v1/plans", R"({"title":"Nghị quyết thử năm 2024","slug":"nq-thu-2024","year":2024})");
    ASSERT_EQ(plan.status, 201) << plan.body;
    std::string plan_id = field(plan.body, "id");
    std::string target = field(cong_.api("POST", "/api/v1/plans/" + plan_id + "/targets",
                                         R"({"code":"1","name":"Thu ngân sách","group":"Kinh tế","unit":"tỷ đồng",)"
                                         R"("plan_value":1200})")
                                   .body,
                               "id");
    ASSERT_EQ(cong_.api("POST", "/api/v1/targets/" + target + "/reports", R"({"period":"2024-q1","value":100})").status,
              201);
    ASSERT_EQ(cong_.api("POST", "/api/v1/categories", R"({"name":"Tin tức"})").status, 201);
    auto article = cong_.api("POST", "/api/v1/articles",
                             R"({"title":"Kết quả quý I","lead":"Sa pô.","category":"tin-tuc","status":"published",)"
                             R"("body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text",)"
                             R"("text":"Kết quả thực hiện:"}]},{"type":"targetSummary","attrs":{"plan":"nq-thu-2024",)"
                             R"("period":"2024-q1"}}]}})");
    ASSERT_EQ(article.status, 201) << article.body;
    std::string url = field(article.body, "url");
    cong_.request("GET", url);
    auto before = cong_.request("GET", url);
    ASSERT_EQ(before.status, 200);
    EXPECT_TRUE(contains(before.body, "Quý I năm 2024, có 00/01 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; "
                                      "00/01 chỉ tiêu đạt trên 25%KH; 01/01 chỉ tiêu dưới 25% KH"))
        << before.body;
    ASSERT_EQ(cong_.api("POST", "/api/v1/targets/" + target + "/reports", R"({"period":"2024-q1","value":1250})").status,
              201);
    auto after = cong_.request("GET", url);
    EXPECT_TRUE(contains(after.body, "Quý I năm 2024, có 01/01 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch"))
        << "the cached page was dropped when the figure changed";
}

TEST_F(Ntm, TheDemoPortalHasBothNationalSetsAndTheOcopCatalogue) {
    CongProcess demo;
    demo.init(true);
    demo.start();
    auto sets = demo.request("GET", "/tieu-chi-nong-thon-moi");
    EXPECT_TRUE(contains(sets.body, "/tieu-chi-nong-thon-moi/xa-ntm-2021-2025"));
    EXPECT_TRUE(contains(sets.body, "/tieu-chi-nong-thon-moi/xa-ntm-2026-2030"));
    auto old_set = demo.request("GET", "/tieu-chi-nong-thon-moi/xa-ntm-2021-2025");
    ASSERT_EQ(old_set.status, 200);
    EXPECT_TRUE(contains(old_set.body, "<th scope=\"col\">Vùng</th>"));
    EXPECT_TRUE(contains(old_set.body, "Bắc Trung Bộ"));
    auto new_set = demo.request("GET", "/tieu-chi-nong-thon-moi/xa-ntm-2026-2030");
    EXPECT_TRUE(contains(new_set.body, "Nhóm 2: các xã còn lại"));
    EXPECT_TRUE(contains(new_set.body, "Tiếp cận pháp luật và an ninh, quốc phòng"));
    auto ocop = demo.request("GET", "/ocop");
    ASSERT_EQ(ocop.status, 200);
    EXPECT_TRUE(contains(ocop.body, "Dữ liệu minh họa"));
    EXPECT_TRUE(contains(ocop.body, "Bánh gai Xuân Tín"));
}

TEST_F(Ntm, AFindingRecordedInTheBackOfficeChangesThePublicStanding) {
    CongProcess demo;
    demo.init(true);
    demo.start();
    const std::string set = "xa-ntm-2021-2025";
    auto row_of = [](const std::string& html, const std::string& commune) {
        auto at = html.find("<th scope=\"row\">" + commune + "</th>");
        return at == std::string::npos ? std::string() : html.substr(at, html.find("</tr>", at) - at);
    };
    auto before = row_of(demo.request("GET", "/tieu-chi-nong-thon-moi/" + set).body, "Xã Bắc Lương");
    ASSERT_TRUE(contains(before, "19/19")) << before;

    // The harness's administrator, through the login form; the set's page links each commune's entry page.
    auto cookie = demo.sign_in("tester", "mat-khau-thu-nghiem-123");
    auto set_page = demo.request("GET", "/quan-tri/nong-thon-moi/" + set, {{"Cookie", cookie}});
    ASSERT_EQ(set_page.status, 200) << set_page.body;
    std::smatch link;
    ASSERT_TRUE(std::regex_search(set_page.body, link,
                                  std::regex("href=\"(/quan-tri/nong-thon-moi/" + set + "/xa/[0-9]+)\"[^>]*>Xã Bắc Lương<")));
    auto entry = demo.request("GET", link[1].str(), {{"Cookie", cookie}});
    ASSERT_EQ(entry.status, 200) << entry.body;

    auto recorded = demo.request("POST", link[1].str() + "/tieu-chi",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                                 "criterion=1&met=0&assessed_on=2026-11-01&evidence=" +
                                     form_encode("Đường trục xã chưa cứng hóa đủ") + "&csrf=" +
                                     form_encode(csrf_of(entry.body)));
    ASSERT_EQ(recorded.status, 303) << recorded.body;
    auto after = row_of(demo.request("GET", "/tieu-chi-nong-thon-moi/" + set).body, "Xã Bắc Lương");
    EXPECT_TRUE(contains(after, "18/19")) << after;
    EXPECT_TRUE(contains(after, "Chưa đủ")) << after;

    // Without the session's CSRF token the same form changes nothing.
    auto forged = demo.request("POST", link[1].str() + "/tieu-chi",
                               {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}},
                               "criterion=2&met=0&assessed_on=2026-11-01");
    EXPECT_EQ(forged.status, 403);
    EXPECT_TRUE(contains(row_of(demo.request("GET", "/tieu-chi-nong-thon-moi/" + set).body, "Xã Bắc Lương"), "18/19"));
}
