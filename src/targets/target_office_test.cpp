#include "audit/audit_log.hpp"
#include "targets/target_test_fixture.hpp"

namespace cong::targets {
namespace {

using OfficeTest = testing::TargetFixture;

constexpr const char* FINANCE = "Phòng Tài chính - Kế hoạch";
constexpr const char* CULTURE = "Phòng Văn hóa và Thông tin";

TEST_F(OfficeTest, AnEditorOfAnOfficeEntersFiguresOnlyForItsOwnTargets) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto ours = service.add_target(
        p.id, {.code = "1", .name = "Thu ngân sách", .group_name = "Kinh tế", .plan_value = 1200, .office = FINANCE},
        approver_);
    auto theirs = service.add_target(
        p.id, {.code = "2", .name = "Làng văn hóa", .group_name = "Văn hóa – xã hội", .plan_value = 80, .office = CULTURE},
        approver_);
    ASSERT_TRUE(ours && theirs);
    ASSERT_TRUE(ours->office_id.has_value()) << "the office was created from its name";
    auto offices = service.list_offices();
    ASSERT_EQ(offices->size(), 2u);
    ASSERT_TRUE(service.set_user_office(editor_.id, ours->office_id, admin_));

    EXPECT_TRUE(service.enter_report(ours->id, {.period = "2024-q1", .value = 400}, editor_));
    auto refused = service.enter_report(theirs->id, {.period = "2024-q1", .value = 40}, editor_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
    EXPECT_NE(refused.error().detail.find(CULTURE), std::string::npos) << refused.error().detail;
    EXPECT_TRUE(service.report_history(theirs->id, "")->empty()) << "nothing was written";
    EXPECT_FALSE(*service.may_enter_figures(editor_, *theirs));
    EXPECT_TRUE(*service.may_enter_figures(editor_, *ours));

    // Approvers and administrators enter figures for every office; an editor of no office too.
    EXPECT_TRUE(service.enter_report(theirs->id, {.period = "2024-q1", .value = 40}, approver_));
    EXPECT_TRUE(service.enter_report(theirs->id, {.period = "2024-q1", .value = 41}, admin_));
    EXPECT_TRUE(service.enter_report(theirs->id, {.period = "2024-q1", .value = 42}, other_editor_));

    // Leaving the office lifts the restriction.
    ASSERT_TRUE(service.set_user_office(editor_.id, std::nullopt, admin_));
    EXPECT_TRUE(service.enter_report(theirs->id, {.period = "2024-q1", .value = 43}, editor_));
}

TEST_F(OfficeTest, OnlyAnAdministratorSaysWhoBelongsToAnOffice) {
    TargetService service{db_.get(), site_id_};
    auto office = service.create_office(FINANCE, approver_, "192.0.2.7");
    ASSERT_TRUE(office) << office.error().detail;
    auto refused = service.set_user_office(editor_.id, office->id, approver_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
    EXPECT_FALSE(service.create_office(FINANCE, editor_)) << "editors do not create offices";
    auto twice = service.create_office(FINANCE, approver_);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, core::Errc::Conflict);
    EXPECT_FALSE(service.create_office("   ", approver_));

    ASSERT_TRUE(service.set_user_office(editor_.id, office->id, admin_, "192.0.2.8"));
    EXPECT_EQ((*service.office_of(editor_.id))->name, FINANCE);
    auto members = service.office_members();
    ASSERT_EQ(members->size(), 1u);
    EXPECT_EQ((*members)[0], std::pair(editor_.id, office->id));

    // An office of another site is not one of ours.
    TargetService theirs{db_.get(), other_site_id_};
    auto foreign = theirs.create_office("Phòng Nội vụ", approver_);
    ASSERT_TRUE(foreign);
    auto unknown = service.set_user_office(editor_.id, foreign->id, admin_);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, core::Errc::NotFound);

    auto log = audit::list(db_.get(), {.action_prefix = "office.member"});
    ASSERT_TRUE(log);
    ASSERT_EQ(log->entries.size(), 1u) << "refused changes are not recorded";
    EXPECT_EQ(log->entries[0].detail, "taichinh: " + std::string(FINANCE));
    EXPECT_EQ(log->entries[0].ip, "192.0.2.8");
}

TEST_F(OfficeTest, EveryChangeIsInTheAuditLogWithWhoAndWhat) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto t = service.add_target(p.id, {.code = "1", .name = "Thu ngân sách", .group_name = "Kinh tế",
                                       .plan_value = 1200, .office = FINANCE},
                                approver_, "192.0.2.1");
    ASSERT_TRUE(t);
    ASSERT_TRUE(service.enter_report(t->id, {.period = "2024-q1", .value = 350.5}, editor_, "192.0.2.2"));
    auto edited = service.update_target(t->id, {.code = "1", .name = "Thu ngân sách nhà nước", .group_name = "Kinh tế",
                                                .plan_value = 1300, .office = FINANCE},
                                        approver_);
    ASSERT_TRUE(edited) << edited.error().detail;
    EXPECT_EQ(edited->position, t->position) << "no position: unchanged";
    auto renamed = service.update_plan(p.id, {.title = "Nghị quyết 09 năm 2024", .slug = p.slug, .year = 2024,
                                              .threshold_q1 = 20},
                                       admin_);
    ASSERT_TRUE(renamed) << renamed.error().detail;
    EXPECT_EQ(service.dashboard(p.id, "2024-q1")->threshold, 20);

    auto log = audit::list(db_.get(), {});
    ASSERT_TRUE(log);
    std::vector<std::string> actions;
    for (const auto& entry : log->entries) actions.push_back(entry.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"target_plan.update", "target.update", "target_report.enter",
                                                  "target.create", "office.create", "target_plan.create"}));
    EXPECT_EQ(log->entries[2].detail, "1 · Thu ngân sách; Quý I năm 2024: 350,5");
    EXPECT_EQ(log->entries[2].ip, "192.0.2.2");
    EXPECT_EQ(log->entries[1].detail, "1 · Thu ngân sách nhà nước; kế hoạch 1200 → 1300");
}

TEST_F(OfficeTest, APlanWithFiguresKeepsItsYear) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto t = service.add_target(p.id, {.code = "1", .name = "A", .group_name = "G", .plan_value = 1}, approver_);
    ASSERT_TRUE(service.enter_report(t->id, {.period = "2024-q1", .value = 1}, editor_));
    auto moved = service.update_plan(p.id, {.title = p.title, .year = 2025}, approver_);
    ASSERT_FALSE(moved);
    EXPECT_EQ(moved.error().field, "year");
    auto by_editor = service.update_plan(p.id, {.title = p.title, .year = 2024}, editor_);
    ASSERT_FALSE(by_editor);
    EXPECT_EQ(by_editor.error().code, core::Errc::Forbidden);
}

TEST_F(OfficeTest, TheListenerHearsThePlanThatChanged) {
    struct Recorder : core::ChangeListener {
        std::vector<std::string> tags;
        void content_changed(const std::vector<std::string>& changed) override {
            tags.insert(tags.end(), changed.begin(), changed.end());
        }
    } recorder;
    TargetService service{db_.get(), site_id_};
    service.set_change_listener(&recorder);
    auto p = plan(service);
    auto t = service.add_target(p.id, {.code = "1", .name = "A", .group_name = "G", .plan_value = 1}, approver_);
    recorder.tags.clear();
    ASSERT_TRUE(service.enter_report(t->id, {.period = "2024-q1", .value = 1}, editor_));
    EXPECT_EQ(recorder.tags, std::vector<std::string>{plan_tag(p.id)});
    recorder.tags.clear();
    EXPECT_FALSE(service.enter_report(t->id, {.period = "2023-q1", .value = 1}, editor_));
    EXPECT_TRUE(recorder.tags.empty()) << "a refused change changes nothing";
}

}  // namespace
}  // namespace cong::targets
