// Targets against the real server: a plan of 38 targets built through the API, figures entered for the first
// quarter, and the public dashboard that prints the seed article's sentence and draws the chart.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>

using cong::testing::CongProcess;
using cong::testing::field;

namespace {

constexpr const char* SEED_SENTENCE =
    "có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH; "
    "05/38 chỉ tiêu dưới 25% KH; còn 22/38 chỉ tiêu chưa đánh giá";

class Targets : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        cong_.start();
    }

    std::string create_plan() {
        auto plan = cong_.api("POST", "/api/v1/plans",
                              R"({"title":"Nghị quyết số 09-NQ/HU về phương hướng, mục tiêu, nhiệm vụ năm 2024",)"
                              R"("slug":"nq-09-2024","year":2024})");
        EXPECT_EQ(plan.status, 201) << plan.body;
        return field(plan.body, "id");
    }

    std::string create_target(const std::string& plan_id, int code, const std::string& extra = "") {
        std::string group = code <= 20 ? "Kinh tế" : "Văn hóa – xã hội";
        auto target =
            cong_.api("POST", "/api/v1/plans/" + plan_id + "/targets",
                      R"({"code":")" + std::to_string(code) + R"(","name":"Chỉ tiêu số )" + std::to_string(code) +
                          R"(","group":")" + group + R"(","unit":"tỷ đồng","plan_value":1200)" + extra + "}");
        EXPECT_EQ(target.status, 201) << target.body;
        return field(target.body, "id");
    }

    CongProcess cong_;
};

}  // namespace

TEST_F(Targets, ThirtyEightTargetsEnteredThroughTheApiGiveTheSeedSentenceOnThePublicPage) {
    std::string plan_id = create_plan();
    for (int code = 1; code <= 38; ++code) {
        std::string target_id = create_target(plan_id, code);
        // 3 done, 8 past a quarter of the plan, 5 behind, 22 without a figure yet.
        std::string value;
        if (code <= 3)
            value = "1250.5";
        else if (code <= 11)
            value = std::to_string(300 + code);
        else if (code <= 16)
            value = std::to_string(100 + code);
        if (value.empty()) continue;
        auto report = cong_.api("POST", "/api/v1/targets/" + target_id + "/reports",
                                R"({"period":"2024-q1","value":)" + value + R"(,"note":"Số liệu quý I"})");
        ASSERT_EQ(report.status, 201) << report.body;
    }

    auto summary = cong_.api("GET", "/api/v1/plans/" + plan_id + "/summary?ky=2024-q1");
    ASSERT_EQ(summary.status, 200) << summary.body;
    EXPECT_EQ(field(summary.body, "summary"), SEED_SENTENCE);
    EXPECT_EQ(field(summary.body, "total"), "38");

    auto page = cong_.request("GET", "/chi-tieu/nq-09-2024?ky=2024-q1");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(std::string("Quý I năm 2024, ") + SEED_SENTENCE + "."), std::string::npos);
    EXPECT_NE(page.body.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bars\""),
              std::string::npos);
    EXPECT_NE(page.body.find("role=\"img\" aria-labelledby=\"bieu-do-chi-tieu-title bieu-do-chi-tieu-desc\""),
              std::string::npos);
    EXPECT_NE(page.body.find(">Kinh tế (20 chỉ tiêu)</th>"), std::string::npos);
    EXPECT_NE(page.body.find(">Văn hóa – xã hội (18 chỉ tiêu)</th>"), std::string::npos);
    EXPECT_NE(page.body.find(">1.250,5"), std::string::npos) << "figures in vi-VN format";

    // Without ?ky= the page shows the latest period with figures; the plan is listed under /chi-tieu.
    auto latest = cong_.request("GET", "/chi-tieu/nq-09-2024");
    EXPECT_NE(latest.body.find(SEED_SENTENCE), std::string::npos);
    auto list = cong_.request("GET", "/chi-tieu");
    EXPECT_NE(list.body.find("href=\"/chi-tieu/nq-09-2024\""), std::string::npos);

    // At six months the same figures are mostly behind: the threshold moves to 50%.
    auto half = cong_.request("GET", "/chi-tieu/nq-09-2024?ky=2024-6t");
    ASSERT_EQ(half.status, 200);
    EXPECT_NE(half.body.find("có 00/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 00/38 chỉ tiêu đạt trên "
                             "50%KH; 00/38 chỉ tiêu dưới 50% KH; còn 38/38 chỉ tiêu chưa đánh giá"),
              std::string::npos);
    EXPECT_NE(half.body.find("Diễn biến qua các kỳ"), std::string::npos) << "the trend from Q1 to 6 months";
    // The trend chart (and its table for readers without the picture) counts Q1's on-track targets.
    EXPECT_NE(half.body.find("11/38 chỉ tiêu đạt tiến độ"), std::string::npos);
}

// The same 38 targets and figures, as a province office would send them: two CSV files from Excel.
TEST_F(Targets, ThirtyEightTargetsAndTheirFiguresUploadedAsCsvGiveTheSeedSentence) {
    std::string plan_id = create_plan();
    std::map<std::string, std::string> csv_headers{{"Authorization", "Bearer " + cong_.token()},
                                                   {"Content-Type", "text/csv; charset=utf-8"}};
    // Excel in Vietnamese: a BOM, semicolons, CRLF, thousands grouped with dots, a quoted name with a semicolon.
    std::string targets_csv = "\xEF\xBB\xBF" "code;name;group;unit;kind;plan_value;plan_max;office\r\n";
    for (int code = 1; code <= 38; ++code) {
        targets_csv += std::to_string(code) + ";\"Chỉ tiêu số " + std::to_string(code) + "; theo nghị quyết\";" +
                       (code <= 20 ? "Kinh tế" : "Văn hóa – xã hội") + ";tỷ đồng;higher_is_better;1.200;;" +
                       (code % 2 ? "Phòng Tài chính - Kế hoạch" : "Phòng Kinh tế và Hạ tầng") + "\r\n";
    }
    auto imported = cong_.request("POST", "/api/v1/plans/" + plan_id + "/targets.csv", csv_headers, targets_csv);
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(field(imported.body, "created"), "38");

    // The first quarter's figures from another sheet: commas this time, as LibreOffice writes.
    auto figures_csv = [](bool with_bad_row) {
        std::string csv = "code,value,note\n";
        for (int code = 1; code <= 38; ++code) {
            std::string value;
            if (code <= 3)
                value = "1250.5";
            else if (code <= 11)
                value = std::to_string(300 + code);
            else if (code <= 16)
                value = std::to_string(100 + code);
            if (with_bad_row && code == 6) value = "ba trăm";
            csv += std::to_string(code) + "," + value + "," + (value.empty() ? "" : "\"Số liệu quý I, ước\"") + "\n";
        }
        return csv;
    };
    std::string figures = figures_csv(false);
    // One bad row first (code 6, on line 7): nothing of the file is entered, and the row is named.
    auto refused = cong_.request("POST", "/api/v1/plans/" + plan_id + "/reports.csv?ky=2024-q1", csv_headers,
                                 figures_csv(true));
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(field(refused.body, "message"), "Dòng 7, cột value: không phải là số");
    auto before = cong_.api("GET", "/api/v1/plans/" + plan_id + "/summary?ky=2024-q1");
    EXPECT_EQ(field(before.body, "not_assessed"), "38") << "all or nothing";

    auto entered = cong_.request("POST", "/api/v1/plans/" + plan_id + "/reports.csv?ky=2024-q1", csv_headers, figures);
    ASSERT_EQ(entered.status, 200) << entered.body;
    EXPECT_EQ(field(entered.body, "created"), "16");
    auto summary = cong_.api("GET", "/api/v1/plans/" + plan_id + "/summary?ky=2024-q1");
    ASSERT_EQ(summary.status, 200);
    EXPECT_EQ(field(summary.body, "summary"), SEED_SENTENCE);

    // The export opens in Excel and reads back as it is: nothing new in any history.
    auto exported = cong_.api("GET", "/api/v1/plans/" + plan_id + "/reports.csv?ky=2024-q1");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(exported.body.rfind("\xEF\xBB\xBF" "code,name,group,unit,office,plan_value,value,note,standing\r\n", 0), 0u);
    auto again = cong_.request("POST", "/api/v1/plans/" + plan_id + "/reports.csv?ky=2024-q1", csv_headers,
                               exported.body);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(field(again.body, "unchanged"), "38");
    EXPECT_EQ(field(again.body, "created"), "0");

    // The public dashboard offers the same file.
    auto page = cong_.request("GET", "/chi-tieu/nq-09-2024?ky=2024-q1");
    EXPECT_NE(page.body.find("href=\"/chi-tieu/nq-09-2024/so-lieu.csv?ky=2024-q1\""), std::string::npos);
    auto download = cong_.request("GET", "/chi-tieu/nq-09-2024/so-lieu.csv?ky=2024-q1");
    ASSERT_EQ(download.status, 200);
    EXPECT_NE(download.header("content-disposition").find("so-lieu-nq-09-2024-2024-q1.csv"), std::string::npos);
    EXPECT_NE(download.body.find("1,\"Chỉ tiêu số 1; theo nghị quyết\",Kinh tế,tỷ đồng,Phòng Tài chính - Kế hoạch,"
                                 "1200,1250.5,\"Số liệu quý I, ước\",Hoàn thành"),
              std::string::npos)
        << download.body.substr(0, 400);
}

TEST_F(Targets, CsvUploadsRefuseWhatIsNotACsvFile) {
    std::string plan_id = create_plan();
    std::map<std::string, std::string> csv{{"Authorization", "Bearer " + cong_.token()},
                                           {"Content-Type", "text/csv"}};
    const std::string path = "/api/v1/plans/" + plan_id + "/targets.csv";
    auto json = cong_.api("POST", path, R"({"code":"1"})");
    EXPECT_EQ(json.status, 415) << json.body;
    auto latin1 = cong_.request("POST", path, csv, "code,name,group,plan_value\n1,Thu ng\xE2n s\xE1" "ch,Kinh t\xEA,1\n");
    EXPECT_EQ(latin1.status, 400);
    EXPECT_NE(latin1.body.find("Dòng 2: tệp không phải văn bản UTF-8"), std::string::npos) << latin1.body;
    auto unclosed = cong_.request("POST", path, csv, "code,name,group,plan_value\n1,\"Thu,Kinh tế,1\n");
    EXPECT_EQ(unclosed.status, 400);
    auto big = cong_.request("POST", path, csv, std::string(3 * 1024 * 1024, 'a'));
    EXPECT_EQ(big.status, 413);
    auto anonymous = cong_.request("POST", path, {{"Content-Type", "text/csv"}}, "code,name,group\n1,A,B\n");
    EXPECT_EQ(anonymous.status, 401);
    auto no_period = cong_.request("POST", "/api/v1/plans/" + plan_id + "/reports.csv", csv, "code,value\n1,2\n");
    EXPECT_EQ(no_period.status, 400);
    EXPECT_EQ(cong_.api("GET", "/api/v1/plans/" + plan_id).status, 200) << "the server lives on";
}

TEST_F(Targets, CorrectionsKeepTheHistoryWithWhoAndWhen) {
    std::string plan_id = create_plan();
    std::string target_id = create_target(plan_id, 1);
    ASSERT_EQ(
        cong_.api("POST", "/api/v1/targets/" + target_id + "/reports", R"({"period":"2024-q1","value":100})").status,
        201);
    ASSERT_EQ(
        cong_.api("POST", "/api/v1/targets/" + target_id + "/reports", R"({"period":"2024-q1","value":400})").status,
        201);
    auto history = cong_.api("GET", "/api/v1/targets/" + target_id + "/reports?ky=2024-q1");
    ASSERT_EQ(history.status, 200);
    auto newest = history.body.find("\"value\":400");
    auto oldest = history.body.find("\"value\":100");
    ASSERT_NE(newest, std::string::npos) << history.body;
    ASSERT_NE(oldest, std::string::npos);
    EXPECT_LT(newest, oldest) << "newest first";
    EXPECT_EQ(field(history.body, "entered_by"), "tester");
    EXPECT_FALSE(field(history.body, "entered_at").empty());
    auto summary = cong_.api("GET", "/api/v1/plans/" + plan_id + "/summary?ky=2024-q1");
    EXPECT_EQ(field(summary.body, "above_threshold"), "1") << summary.body;
}

TEST_F(Targets, BadInputIsAClearClientError) {
    std::string plan_id = create_plan();
    std::string target_id = create_target(plan_id, 1);
    struct Case {
        std::string method, path, body;
        int status;
        std::string code_or_field;
    };
    const std::string reports = "/api/v1/targets/" + target_id + "/reports";
    const Case cases[] = {
        {"POST", reports, R"({"period":"2024-q1","value":-5})", 400, "\"field\":\"value\""},
        {"POST", reports, R"({"period":"2024-q1","value":"NaN"})", 400, "\"field\":\"value\""},
        {"POST", reports, R"({"period":"2024-q1","value":1e300})", 400, "\"field\":\"value\""},
        {"POST", reports, R"({"period":"2024-q1","value":1e999})", 400, "invalid_input"},
        {"POST", reports, R"({"period":"2024-q1"})", 400, "\"field\":\"value\""},
        {"POST", reports, R"({"period":"2024-q9","value":1})", 400, "\"field\":\"period\""},
        {"POST", reports, R"({"period":"2023-q1","value":1})", 400, "\"field\":\"period\""},
        {"POST", reports, R"({"value":1})", 400, "\"field\":\"period\""},
        {"POST", "/api/v1/targets/999999/reports", R"({"period":"2024-q1","value":1})", 404, "not_found"},
        {"POST", "/api/v1/targets/abc/reports", R"({"period":"2024-q1","value":1})", 404, "not_found"},
        {"GET", "/api/v1/plans/999999/summary", "", 404, "not_found"},
        {"GET", "/api/v1/plans/" + plan_id + "/summary?ky=2024-x1", "", 400, "\"field\":\"period\""},
        {"POST", "/api/v1/plans/999999/targets", R"({"code":"1","name":"A","group":"B","plan_value":1})", 404,
         "not_found"},
        {"POST", "/api/v1/plans/" + plan_id + "/targets", R"({"code":"2","name":"A","group":"B","plan_value":-1})", 400,
         "\"field\":\"plan_value\""},
        {"POST", "/api/v1/plans/" + plan_id + "/targets", R"({"code":"2","name":"A","group":"B","kind":"tang"})", 400,
         "\"field\":\"kind\""},
        {"POST", "/api/v1/plans/" + plan_id + "/targets", R"({"code":"1","name":"A","group":"B","plan_value":1})", 409,
         "\"field\":\"code\""},
        {"POST", "/api/v1/plans", R"({"title":"Kế hoạch","year":20245})", 400, "\"field\":\"year\""},
        {"POST", "/api/v1/plans", R"({"title":"Kế hoạch","year":2024,"threshold_q1":150})", 400,
         "\"field\":\"threshold_q1\""},
        {"POST", "/api/v1/plans", "[1,2]", 400, "invalid_input"},
    };
    for (const auto& c : cases) {
        auto response = cong_.api(c.method, c.path, c.body);
        EXPECT_EQ(response.status, c.status) << c.method << " " << c.path << " " << c.body << "\n" << response.body;
        EXPECT_NE(response.body.find(c.code_or_field), std::string::npos) << c.body << "\n" << response.body;
    }
    EXPECT_EQ(cong_.request("GET", "/chi-tieu/khong-co-ke-hoach").status, 404);
    auto bad_period = cong_.request("GET", "/chi-tieu/nq-09-2024?ky=2024-q7");
    EXPECT_EQ(bad_period.status, 400);
    EXPECT_NE(bad_period.body.find("Kỳ báo cáo không hợp lệ"), std::string::npos);
    EXPECT_EQ(cong_.request("GET", "/chi-tieu/nq-09-2024?ky=2030-q1").status, 400);
    EXPECT_EQ(cong_.request("POST", reports, {}, R"({"period":"2024-q1","value":1})").status, 401);
}

TEST_F(Targets, EditorsEnterFiguresButOnlyApproversSetUpPlans) {
    std::string plan_id = create_plan();
    std::string target_id = create_target(plan_id, 1);
    auto added = cong_.run({"user", "add", "--login", "phongtckh", "--role", "editor", "--password-stdin"},
                           "mot-mat-khau-dai\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto token = cong_.run({"token", "create", "--login", "phongtckh"});
    ASSERT_EQ(token.exit_code, 0);
    std::map<std::string, std::string> editor{{"Authorization", "Bearer " + token.out.substr(0, token.out.find('\n'))}};
    EXPECT_EQ(cong_.request("POST", "/api/v1/plans", editor, R"({"title":"Kế hoạch","year":2024})").status, 403);
    EXPECT_EQ(cong_
                  .request("POST", "/api/v1/plans/" + plan_id + "/targets", editor,
                           R"({"code":"9","name":"A","group":"B","plan_value":1})")
                  .status,
              403);
    auto report = cong_.request("POST", "/api/v1/targets/" + target_id + "/reports", editor,
                                R"({"period":"2024-t03","value":12.5})");
    EXPECT_EQ(report.status, 201) << report.body;
    EXPECT_EQ(field(report.body, "entered_by"), "phongtckh");
}

TEST_F(Targets, AnEditorOfAnOfficeIsRefusedAnotherOfficesTargets) {
    std::string plan_id = create_plan();
    std::string ours = create_target(plan_id, 1, R"(,"office":"Phòng Tài chính - Kế hoạch")");
    std::string theirs = create_target(plan_id, 2, R"(,"office":"Phòng Văn hóa và Thông tin")");
    auto offices = cong_.api("GET", "/api/v1/offices");
    ASSERT_EQ(offices.status, 200);
    EXPECT_NE(offices.body.find("Phòng Văn hóa và Thông tin"), std::string::npos) << offices.body;
    auto finance = cong_.api("GET", "/api/v1/plans/" + plan_id);
    std::string office_id = field(finance.body.substr(finance.body.find("\"code\":\"1\"")), "office_id");
    ASSERT_FALSE(office_id.empty()) << finance.body;

    auto added = cong_.run({"user", "add", "--login", "phongtckh", "--role", "editor", "--password-stdin"},
                           "mot-mat-khau-dai\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto token = cong_.run({"token", "create", "--login", "phongtckh"});
    std::map<std::string, std::string> editor{{"Authorization", "Bearer " + token.out.substr(0, token.out.find('\n'))}};
    // The administrator made by init is account 1, the editor account 2.
    EXPECT_EQ(cong_.request("PUT", "/api/v1/users/2/office", editor, R"({"office_id":)" + office_id + "}").status, 403)
        << "only an administrator says who belongs where";
    ASSERT_EQ(cong_.api("PUT", "/api/v1/users/2/office", R"({"office_id":)" + office_id + "}").status, 204);

    auto refused = cong_.request("POST", "/api/v1/targets/" + theirs + "/reports", editor,
                                 R"({"period":"2024-q1","value":40})");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(field(refused.body, "code"), "forbidden");
    auto own = cong_.request("POST", "/api/v1/targets/" + ours + "/reports", editor, R"({"period":"2024-q1","value":400})");
    EXPECT_EQ(own.status, 201) << own.body;
    std::map<std::string, std::string> editor_csv = editor;
    editor_csv["Content-Type"] = "text/csv";
    auto csv = cong_.request("POST", "/api/v1/plans/" + plan_id + "/reports.csv?ky=2024-q1", editor_csv,
                             "code,value\n1,500\n2,50\n");
    EXPECT_EQ(csv.status, 403) << csv.body;
    EXPECT_NE(csv.body.find("Dòng 3, cột code: chỉ tiêu 2 thuộc Phòng Văn hóa và Thông tin"), std::string::npos);
    auto summary = cong_.api("GET", "/api/v1/plans/" + plan_id + "/summary?ky=2024-q1");
    EXPECT_EQ(field(summary.body, "not_assessed"), "1") << "only the editor's own figure went in";
}

TEST_F(Targets, TheDemoPortalReproducesTheSeedArticlesFirstQuarter) {
    CongProcess demo;
    demo.init(true);
    demo.start();
    auto page = demo.request("GET", "/chi-tieu/nghi-quyet-09-nq-hu-nam-2024");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(std::string("Quý I năm 2024, ") + SEED_SENTENCE + "."), std::string::npos);
}

TEST_F(Targets, NewRuralDevelopmentCriteriaRollUpOverCommunesOnThePublicPage) {
    std::string criteria = "[";
    for (int n = 1; n <= 19; ++n)
        criteria += (n > 1 ? "," : "") + std::string(R"({"number":)") + std::to_string(n) + R"(,"name":"Tiêu chí )" +
                    std::to_string(n) + "\"}";
    criteria += "]";
    auto set = cong_.api("POST", "/api/v1/ntm/sets",
                         R"({"title":"Bộ tiêu chí xã nông thôn mới giai đoạn 2021–2025","slug":"xa-ntm-2021-2025",)"
                         R"("decision_ref":"Quyết định số 318/QĐ-TTg","first_year":2021,"last_year":2025,"criteria":)" +
                             criteria + "}");
    ASSERT_EQ(set.status, 201) << set.body;
    std::string set_id = field(set.body, "id");
    auto xuan_lap = cong_.api("POST", "/api/v1/ntm/communes", R"({"name":"Xã Xuân Lập"})");
    auto dong_son = cong_.api("POST", "/api/v1/ntm/communes", R"({"name":"Xã Đông Sơn"})");
    ASSERT_EQ(xuan_lap.status, 201) << xuan_lap.body;
    auto former = cong_.api("POST", "/api/v1/ntm/communes",
                            R"({"name":"Xã Xuân Tín","merged_into":)" + field(xuan_lap.body, "id") + "}");
    ASSERT_EQ(former.status, 201) << former.body;
    for (int n = 1; n <= 19; ++n) {
        auto met = cong_.api("POST", "/api/v1/ntm/sets/" + set_id + "/assessments",
                             R"({"commune_id":)" + field(xuan_lap.body, "id") + R"(,"criterion":)" + std::to_string(n) +
                                 R"(,"met":true,"assessed_on":"2024-03-31","evidence":"Biên bản thẩm định"})");
        ASSERT_EQ(met.status, 201) << met.body;
    }
    ASSERT_EQ(cong_
                  .api("POST", "/api/v1/ntm/sets/" + set_id + "/assessments",
                       R"({"commune_id":)" + field(dong_son.body, "id") +
                           R"(,"criterion":10,"met":false,"assessed_on":"2024-03-31"})")
                  .status,
              201);

    auto standing = cong_.api("GET", "/api/v1/ntm/sets/" + set_id + "/standing");
    ASSERT_EQ(standing.status, 200);
    EXPECT_EQ(field(standing.body, "summary"), "có 01/02 xã đạt đủ 19/19 tiêu chí");

    auto page = cong_.request("GET", "/tieu-chi-nong-thon-moi/xa-ntm-2021-2025");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("có 01/02 xã đạt đủ 19/19 tiêu chí"), std::string::npos);
    EXPECT_NE(page.body.find("<svg"), std::string::npos);
    auto dong = page.body.find(">Xã Đông Sơn</th>");
    auto xuan = page.body.find(">Xã Xuân Lập</th>");
    ASSERT_NE(dong, std::string::npos);
    EXPECT_LT(dong, xuan) << "Vietnamese order puts Đ before X";
    EXPECT_NE(page.body.find("Xã Xuân Tín (trước sáp nhập)"), std::string::npos);
    EXPECT_NE(
        cong_.request("GET", "/tieu-chi-nong-thon-moi").body.find("href=\"/tieu-chi-nong-thon-moi/xa-ntm-2021-2025\""),
        std::string::npos);
    EXPECT_EQ(cong_.request("GET", "/tieu-chi-nong-thon-moi/khong-co").status, 404);

    const std::string assessments = "/api/v1/ntm/sets/" + set_id + "/assessments";
    const std::string commune = field(dong_son.body, "id");
    EXPECT_EQ(cong_
                  .api("POST", assessments,
                       R"({"commune_id":)" + commune + R"(,"criterion":20,"met":true,"assessed_on":"2024-03-31"})")
                  .status,
              404);
    EXPECT_EQ(cong_
                  .api("POST", assessments,
                       R"({"commune_id":)" + commune + R"(,"criterion":1,"met":true,"assessed_on":"2024-13-01"})")
                  .status,
              400);
    EXPECT_EQ(
        cong_.api("POST", assessments, R"({"commune_id":)" + commune + R"(,"criterion":1,"assessed_on":"2024-03-01"})")
            .status,
        400);
    EXPECT_EQ(cong_
                  .api("POST", "/api/v1/ntm/sets/999999/assessments",
                       R"({"commune_id":)" + commune + R"(,"criterion":1,"met":true,"assessed_on":"2024-03-31"})")
                  .status,
              404);
    EXPECT_EQ(cong_.api("POST", "/api/v1/ntm/communes", R"({"name":"Xã Đông Sơn"})").status, 409);
}
