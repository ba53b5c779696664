#include "targets/target_service.hpp"

#include "targets/target_test_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cong::targets {
namespace {

// The shared fixture (two sites, an administrator, an approver, two editors), plus targets made in one call.
class TargetServiceTest : public testing::TargetFixture {
protected:
    model::Target target(TargetService& service, std::int64_t plan_id, const std::string& code, double plan_value,
                         model::TargetKind kind = model::TargetKind::HigherIsBetter) {
        auto created = service.add_target(plan_id,
                                          {.code = code,
                                           .name = "Chỉ tiêu " + code,
                                           .group_name = "Kinh tế",
                                           .unit = "%",
                                           .kind = kind,
                                           .plan_value = plan_value},
                                          approver_);
        EXPECT_TRUE(created) << created.error().detail;
        return *created;
    }
};

TEST_F(TargetServiceTest, ThirtyEightTargetsGiveTheSeedSentenceForTheFirstQuarter) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    EXPECT_EQ(p.slug, "nghi-quyet-so-09-nq-hu-ve-phuong-huong-muc-tieu-nhiem-vu-nam-2024");
    for (int i = 1; i <= 38; ++i) {
        auto t = target(service, p.id, std::to_string(i), 100);
        std::optional<double> figure;
        if (i <= 3)
            figure = 100 + i;  // done or exceeded
        else if (i <= 11)
            figure = 25 + i;  // on track for a first quarter
        else if (i <= 16)
            figure = i - 11;  // behind
        if (figure) {
            ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-q1", .value = figure}, editor_));
        }
    }
    auto board = service.dashboard(p.id, std::nullopt);
    ASSERT_TRUE(board) << board.error().detail;
    EXPECT_EQ(board->period.key(), "2024-q1") << "the latest period with figures";
    EXPECT_EQ(board->threshold, 25);
    EXPECT_EQ(board->summary,
              "có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH; "
              "05/38 chỉ tiêu dưới 25% KH; còn 22/38 chỉ tiêu chưa đánh giá");
    ASSERT_EQ(board->groups.size(), 1u);
    EXPECT_EQ(board->groups[0].rows.size(), 38u);
    EXPECT_EQ(board->groups[0].rows[0].target.code, "1") << "in the resolution's order";
}

TEST_F(TargetServiceTest, TheSameFiguresAreBehindAtSixMonths) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto t = target(service, p.id, "1", 100);
    ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-q1", .value = 40}, editor_));
    ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-6t", .value = 40}, editor_));
    EXPECT_EQ(service.dashboard(p.id, "2024-q1")->counts.above_threshold, 1);
    auto half = service.dashboard(p.id, "2024-6t");
    EXPECT_EQ(half->counts.below_threshold, 1);
    EXPECT_EQ(half->threshold, 50);
    EXPECT_EQ(half->periods.size(), 2u);
    ASSERT_EQ(half->trend.size(), 2u) << "the trend judges each period by its own threshold";
    EXPECT_EQ(half->trend[0].period.key(), "2024-q1");
    EXPECT_EQ(half->trend[0].counts.above_threshold, 1);
    EXPECT_EQ(half->trend[1].counts.below_threshold, 1);
}

TEST_F(TargetServiceTest, ACorrectionIsANewEntryAndTheOldOneStaysInTheHistory) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto t = target(service, p.id, "1", 100);
    ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-q1", .value = 10, .note = "Số liệu sơ bộ"}, editor_));
    ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-q1", .value = 30}, approver_));
    auto history = service.report_history(t.id, "2024-q1");
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].value, 30.0);
    EXPECT_EQ((*history)[0].entered_by_name, "Nguyễn Văn Duyệt");
    EXPECT_EQ((*history)[1].value, 10.0);
    EXPECT_EQ((*history)[1].note, "Số liệu sơ bộ");
    EXPECT_EQ((*history)[1].entered_by_name, "Lê Thơ");
    auto board = service.dashboard(p.id, "2024-q1");
    EXPECT_EQ(board->counts.above_threshold, 1) << "the newest figure counts";
    // Withdrawing a figure (no value) makes the target "chưa đánh giá" again, and is itself on record.
    ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-q1", .value = std::nullopt}, editor_));
    EXPECT_EQ(service.dashboard(p.id, "2024-q1")->counts.not_assessed, 1);
    EXPECT_EQ(service.report_history(t.id, "")->size(), 3u);
}

TEST_F(TargetServiceTest, DecimalFiguresAreStoredExactly) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto t = target(service, p.id, "1", 0.3);
    ASSERT_TRUE(service.enter_report(t.id, {.period = "2024-q1", .value = 0.075}, editor_));
    auto targets = service.list_targets(p.id);
    EXPECT_EQ((*targets)[0].plan_value, 0.3);
    EXPECT_EQ((*service.report_history(t.id, ""))[0].value, 0.075);
    EXPECT_EQ(service.dashboard(p.id, "2024-q1")->counts.above_threshold, 1) << "exactly 25% is on track";
}

TEST_F(TargetServiceTest, EditorsReportFiguresButCannotSetUpPlans) {
    TargetService service{db_.get(), site_id_};
    auto refused = service.create_plan({.title = "Kế hoạch", .year = 2024}, editor_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
    auto p = plan(service);
    auto added = service.add_target(p.id, {.code = "1", .name = "A", .group_name = "B", .plan_value = 1}, editor_);
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, core::Errc::Forbidden);
}

TEST_F(TargetServiceTest, BadFiguresAndPeriodsAreRefusedWithTheirField) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto t = target(service, p.id, "1", 100);
    auto yes_no = target(service, p.id, "2", 1, model::TargetKind::YesNo);
    struct Case {
        std::int64_t target_id;
        ReportInput input;
        const char* field;
    };
    const Case cases[] = {
        {t.id, {.period = "2024-q1", .value = -1}, "value"},
        {t.id, {.period = "2024-q1", .value = std::nan("")}, "value"},
        {t.id, {.period = "2024-q1", .value = std::numeric_limits<double>::infinity()}, "value"},
        {t.id, {.period = "2024-q1", .value = 1e13}, "value"},
        {t.id, {.period = "2023-q1", .value = 1}, "period"},
        {t.id, {.period = "2024-q5", .value = 1}, "period"},
        {yes_no.id, {.period = "2024-q1", .value = 0.5}, "value"},
    };
    for (const auto& c : cases) {
        auto result = service.enter_report(c.target_id, c.input, editor_);
        ASSERT_FALSE(result) << c.input.period;
        EXPECT_EQ(result.error().code, core::Errc::InvalidInput);
        EXPECT_EQ(result.error().field, c.field);
    }
    auto unknown = service.enter_report(9999, {.period = "2024-q1", .value = 1}, editor_);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, core::Errc::NotFound);
    EXPECT_FALSE(service.dashboard(p.id, "2025-q1")) << "a period outside the plan's year";
}

TEST_F(TargetServiceTest, TargetRulesDependOnTheirKind) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    using K = model::TargetKind;
    auto add = [&](TargetInput input) { return service.add_target(p.id, input, approver_); };
    EXPECT_FALSE(add({.code = "1", .name = "A", .group_name = "G", .kind = K::WithinRange, .plan_value = 1}))
        << "a range needs its upper bound";
    EXPECT_FALSE(
        add({.code = "1", .name = "A", .group_name = "G", .kind = K::WithinRange, .plan_value = 2, .plan_max = 1}));
    EXPECT_FALSE(add({.code = "1", .name = "A", .group_name = "G", .plan_value = 1, .plan_max = 2}));
    EXPECT_FALSE(add({.code = "1", .name = "A", .group_name = "G"})) << "no plan value";
    EXPECT_FALSE(add({.code = "", .name = "A", .group_name = "G", .plan_value = 1}));
    auto yes_no = add({.code = "1", .name = "Huyện đạt chuẩn NTM nâng cao", .group_name = "G", .kind = K::YesNo});
    ASSERT_TRUE(yes_no);
    EXPECT_EQ(yes_no->plan_value, 1.0);
    auto again = add({.code = "1", .name = "B", .group_name = "G", .plan_value = 3});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::Errc::Conflict);
    EXPECT_EQ(again.error().field, "code");
}

TEST_F(TargetServiceTest, PlansOfAnotherSiteAreNotFound) {
    TargetService ours{db_.get(), site_id_};
    TargetService theirs{db_.get(), other_site_id_};
    auto p = plan(theirs);
    auto board = ours.dashboard(p.id, std::nullopt);
    ASSERT_FALSE(board);
    EXPECT_EQ(board.error().code, core::Errc::NotFound);
    EXPECT_FALSE(ours.add_target(p.id, {.code = "1", .name = "A", .group_name = "G", .plan_value = 1}, approver_));
    EXPECT_TRUE(ours.list_plans()->empty());
    EXPECT_FALSE(*ours.find_plan(p.id));
}

TEST_F(TargetServiceTest, PlanThresholdsAreCheckedAndUsed) {
    TargetService service{db_.get(), site_id_};
    EXPECT_FALSE(service.create_plan({.title = "A", .year = 2024, .threshold_q1 = 0}, approver_));
    EXPECT_FALSE(service.create_plan({.title = "A", .year = 2024, .threshold_q1 = 60, .threshold_6m = 50}, approver_));
    EXPECT_FALSE(service.create_plan({.title = "A", .year = 3000}, approver_));
    auto p = service.create_plan({.title = "Kế hoạch 2024", .year = 2024, .threshold_q1 = 20}, approver_);
    ASSERT_TRUE(p);
    EXPECT_EQ(service.dashboard(p->id, "2024-q1")->threshold, 20);
    auto taken = service.create_plan({.title = "Kế hoạch 2024", .year = 2024}, approver_);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, core::Errc::Conflict);
}

}  // namespace
}  // namespace cong::targets
