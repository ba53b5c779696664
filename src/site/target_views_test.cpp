#include "site/target_views.hpp"

#include "site/test_content.hpp"

#include <gtest/gtest.h>

namespace cong::site {
namespace {

targets::PlanDashboard seed_board() {
    targets::PlanDashboard board;
    board.plan.id = 1;
    board.plan.slug = "nghi-quyet-09-nq-hu-nam-2024";
    board.plan.title = "Nghị quyết số 09-NQ/HU về phương hướng, mục tiêu, nhiệm vụ năm 2024";
    board.plan.year = 2024;
    board.period = *targets::parse_period("2024-q1");
    board.periods = {board.period};
    board.threshold = 25;
    auto row = [](std::string code, std::string name, model::TargetKind kind, double plan, std::optional<double> value,
                  int threshold) {
        targets::TargetRow r;
        r.target.code = std::move(code);
        r.target.name = std::move(name);
        r.target.kind = kind;
        r.target.plan_value = plan;
        r.target.unit = "%";
        r.target.office = "Phòng Tài chính - Kế hoạch";
        if (value) {
            r.report = model::TargetReport{.value = value, .note = "Ước tính", .entered_at = fixtures::fixed_now()};
        }
        r.assessment = targets::assess(r.target, value, threshold);
        return r;
    };
    targets::TargetGroup economy{"Kinh tế", {}, {}};
    economy.rows.push_back(row("1", "Tốc độ tăng giá trị sản xuất", model::TargetKind::HigherIsBetter, 8.5, 9, 25));
    economy.rows.push_back(
        row("2", "Thu ngân sách <script>alert(1)</script>", model::TargetKind::HigherIsBetter, 1200, 300, 25));
    targets::TargetGroup society{"Văn hóa – xã hội", {}, {}};
    society.rows.push_back(row("3", "Tỷ lệ hộ nghèo", model::TargetKind::LowerIsBetter, 1.5, std::nullopt, 25));
    for (auto* group : {&economy, &society})
        for (const auto& r : group->rows) {
            group->counts.add(r.assessment.standing);
            board.counts.add(r.assessment.standing);
        }
    board.groups = {economy, society};
    board.summary = targets::summary_sentence(board.counts, 25);
    return board;
}

std::string html_of(const targets::PlanDashboard& board) {
    render::HtmlWriter html;
    write_plan_dashboard_page(html, fixtures::seed_frame(), board, fixtures::fixed_now());
    return html.take();
}

TEST(TargetViews, DashboardShowsTheSentenceChartAndTableByGroup) {
    render::HtmlWriter html;
    write_plan_dashboard_page(html, fixtures::seed_frame(), seed_board(), fixtures::fixed_now());
    const std::string& page = html.str();
    EXPECT_NE(page.find("Quý I năm 2024, có 01/03 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 01/03 chỉ tiêu "
                        "đạt trên 25%KH; 00/03 chỉ tiêu dưới 25% KH; còn 01/03 chỉ tiêu chưa đánh giá."),
              std::string::npos);
    EXPECT_NE(page.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_NE(page.find(">Kinh tế (2 chỉ tiêu)</th>"), std::string::npos);
    EXPECT_NE(page.find(">Văn hóa – xã hội (1 chỉ tiêu)</th>"), std::string::npos);
    EXPECT_NE(page.find(">1.200</td>"), std::string::npos) << "plan values in vi-VN format";
    EXPECT_NE(page.find(">≤ 1,5</td>"), std::string::npos);
    EXPECT_NE(page.find(">105,9%</td>"), std::string::npos) << "9 of 8.5";
    EXPECT_NE(page.find(">Chưa đánh giá</td>"), std::string::npos);
    EXPECT_NE(page.find(">Chưa đánh giá</text>"), std::string::npos) << "the chart says it too";
    EXPECT_EQ(page.find("<script>alert"), std::string::npos) << "names are escaped in the table and the chart";
    EXPECT_NE(page.find("<option value=\"2024-q1\" selected=\"selected\">Quý I năm 2024</option>"), std::string::npos);
    EXPECT_NE(page.find("href=\"/chi-tieu/nghi-quyet-09-nq-hu-nam-2024?ky=2024-q1\" aria-current=\"page\""),
              std::string::npos);
}

TEST(TargetViews, TheTrendShowsEveryPeriodWithFigures) {
    auto board = seed_board();
    EXPECT_EQ(html_of(board).find("Diễn biến qua các kỳ"), std::string::npos) << "one period is no trend";
    auto q1 = board.trend.empty() ? targets::PeriodCounts{board.period, 25, board.counts} : board.trend[0];
    targets::PeriodCounts half{*targets::parse_period("2024-6t"),
                               50,
                               {.completed = 2, .above_threshold = 0, .below_threshold = 1, .not_assessed = 0}};
    board.trend = {q1, half};
    std::string page = html_of(board);
    EXPECT_NE(page.find("Diễn biến qua các kỳ"), std::string::npos);
    EXPECT_NE(page.find(">6 tháng đầu năm 2024</text>"), std::string::npos);
    EXPECT_NE(page.find("6 tháng đầu năm 2024 – Chỉ tiêu đạt tiến độ (%): 02/03 chỉ tiêu đạt tiến độ</title>"),
              std::string::npos);
    EXPECT_NE(page.find("<td class=\"number\">02/03 chỉ tiêu đạt tiến độ</td>"), std::string::npos)
        << "the data table repeats what the line shows";
    EXPECT_NE(page.find("<td class=\"number\">50%</td>"), std::string::npos) << "each period's own threshold";
}

TEST(TargetViews, ATargetPageDrawsItsTrendAcrossPeriodsWithEachPeriodsThreshold) {
    auto board = seed_board();
    model::Target revenue = board.groups[0].rows[1].target;
    std::vector<model::TargetReport> history{
        {.id = 1, .period = "2024-q1", .value = 200.0, .entered_at = fixtures::fixed_now()},
        {.id = 3, .period = "2024-6t", .value = 700.0, .note = "Ước tính", .entered_at = fixtures::fixed_now()},
        {.id = 2, .period = "2024-q1", .value = 300.0, .entered_at = fixtures::fixed_now()},
        {.id = 4, .period = "2023-nam", .value = 9.0, .entered_at = fixtures::fixed_now()},
        {.id = 5, .period = "2024-9t", .value = std::nullopt, .entered_at = fixtures::fixed_now()},
    };
    auto trend = make_target_trend(board.plan, revenue, history);
    ASSERT_EQ(trend.points.size(), 3u) << "other years are left out";
    EXPECT_EQ(trend.points[0].report.value, 300.0) << "the newest entry of a period counts";
    EXPECT_EQ(trend.points[1].threshold, 50);
    EXPECT_EQ(trend.points[1].assessment.standing, targets::Standing::AboveThreshold) << "700 of 1200 is 58%";
    EXPECT_EQ(trend.points[2].assessment.standing, targets::Standing::NotAssessed);
    render::HtmlWriter html;
    write_target_page(html, fixtures::seed_frame(), trend, fixtures::fixed_now());
    const std::string& page = html.str();
    EXPECT_NE(page.find("class=\"chart chart-line\""), std::string::npos);
    EXPECT_NE(page.find("<summary>Xem số liệu dạng bảng</summary>"), std::string::npos);
    EXPECT_NE(page.find(">58,3%</td>"), std::string::npos);
    EXPECT_NE(page.find("href=\"/chi-tieu/nghi-quyet-09-nq-hu-nam-2024\""), std::string::npos) << "breadcrumb";
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_NE(html_of(board).find("href=\"/chi-tieu/nghi-quyet-09-nq-hu-nam-2024/2\""), std::string::npos)
        << "the dashboard links each target to its page";
}

TEST(TargetViews, TheArticleBlockGivesTheLiveSentenceAndTheFourCounts) {
    auto block = render_target_summary_block(seed_board()).markup();
    EXPECT_NE(block.find("Quý I năm 2024, có 01/03 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 01/03 chỉ tiêu "
                         "đạt trên 25%KH; 00/03 chỉ tiêu dưới 25% KH; còn 01/03 chỉ tiêu chưa đánh giá."),
              std::string::npos);
    EXPECT_NE(block.find("<th scope=\"row\">Chưa đánh giá</th><td class=\"number\">01/03</td>"), std::string::npos);
    EXPECT_NE(block.find("href=\"/chi-tieu/nghi-quyet-09-nq-hu-nam-2024?ky=2024-q1\""), std::string::npos);
}

TEST(TargetViews, FiguresAreWrittenTheVietnameseWay) {
    EXPECT_EQ(format_figure(1234567), "1.234.567");
    EXPECT_EQ(format_figure(8.5), "8,5");
    EXPECT_EQ(format_figure(0.075), "0,075");
    model::Target range;
    range.kind = model::TargetKind::WithinRange;
    range.plan_value = 0.7;
    range.plan_max = 0.9;
    EXPECT_EQ(format_plan_value(range), "0,7 – 0,9");
}

TEST(TargetViews, PlanListLinksEveryPlanOrSaysThereIsNone) {
    render::HtmlWriter empty;
    write_plan_list_page(empty, fixtures::seed_frame(), {}, fixtures::fixed_now());
    EXPECT_NE(empty.str().find("Chưa có kế hoạch nào được công bố."), std::string::npos);
    render::HtmlWriter html;
    write_plan_list_page(html, fixtures::seed_frame(), {seed_board().plan}, fixtures::fixed_now());
    EXPECT_NE(html.str().find("<a href=\"/chi-tieu/nghi-quyet-09-nq-hu-nam-2024\">Nghị quyết số 09-NQ/HU"),
              std::string::npos);
}

}  // namespace
}  // namespace cong::site
