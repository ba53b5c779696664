#include "audit/audit_log.hpp"
#include "targets/csv.hpp"
#include "targets/target_test_fixture.hpp"

namespace cong::targets {
namespace {

using TargetCsvTest = testing::TargetFixture;

constexpr const char* TARGETS_CSV =
    "code,name,group,unit,kind,plan_value,plan_max,office\r\n"
    "1,Tổng giá trị sản xuất tăng,Kinh tế,%,higher_is_better,8.5,,Phòng Tài chính - Kế hoạch\r\n"
    "2,\"Thu ngân sách, trên địa bàn\",Kinh tế,tỷ đồng,higher_is_better,1200,,Phòng Tài chính - Kế hoạch\r\n"
    "3,Tỷ lệ hộ nghèo,Văn hóa – xã hội,%,lower_is_better,1.5,,Phòng Lao động - TB&XH\r\n"
    "4,Huyện đạt chuẩn NTM nâng cao,Kinh tế,,yes_no,,,\r\n"
    "5,Tỷ lệ tăng dân số tự nhiên,Văn hóa – xã hội,%,within_range,0.7,0.9,\r\n";

TEST_F(TargetCsvTest, ATargetsFileCreatesThePlansTargetsAndTheirOffices) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto summary = service.import_targets_csv(p.id, TARGETS_CSV, approver_, "192.0.2.1");
    ASSERT_TRUE(summary) << summary.error().detail;
    EXPECT_EQ(summary->rows, 5);
    EXPECT_EQ(summary->created, 5);
    auto targets = service.list_targets(p.id);
    ASSERT_EQ(targets->size(), 5u);
    EXPECT_EQ((*targets)[1].name, "Thu ngân sách, trên địa bàn");
    EXPECT_EQ((*targets)[0].plan_value, 8.5);
    EXPECT_EQ((*targets)[4].plan_max, 0.9);
    EXPECT_EQ((*targets)[2].kind, model::TargetKind::LowerIsBetter);
    EXPECT_EQ((*targets)[2].office, "Phòng Lao động - TB&XH");
    EXPECT_EQ(service.list_offices()->size(), 2u);
    auto log = audit::list(db_.get(), {.action_prefix = "target.import_csv"});
    ASSERT_EQ(log->entries.size(), 1u);
    EXPECT_NE(log->entries[0].detail.find("5 mới"), std::string::npos);
}

TEST_F(TargetCsvTest, OneBadRowImportsNothingAndNamesTheRowAndColumn) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    std::string csv = "code,name,group,unit,kind,plan_value\n";
    for (int i = 1; i <= 5; ++i) csv += std::to_string(i) + ",Chỉ tiêu " + std::to_string(i) + ",Kinh tế,%,,10\n";
    csv += "6,Chỉ tiêu 6,Kinh tế,%,,mười\n";
    auto refused = service.import_targets_csv(p.id, csv, approver_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::InvalidInput);
    EXPECT_EQ(refused.error().detail, "Dòng 7, cột plan_value: không phải là số");
    EXPECT_TRUE(service.list_targets(p.id)->empty()) << "all or nothing";
    EXPECT_EQ(audit::list(db_.get(), {.action_prefix = "target."})->entries.size(), 0u);
}

TEST_F(TargetCsvTest, EveryBadRowIsNamed) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto refused = service.import_targets_csv(p.id,
                                              "code;name;group;kind;plan_value\n"
                                              "1;A;Kinh tế;;1.200\n"
                                              "2;;Kinh tế;;5\n"
                                              "3;C;Kinh tế;tăng;5\n"
                                              "1;D;Kinh tế;;5\n"
                                              "4;E;Kinh tế;within_range;5\n",
                                              approver_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().detail,
              "Dòng 3, cột name: Tên chỉ tiêu không được để trống\n"
              "Dòng 4, cột kind: phải là higher_is_better, lower_is_better, yes_no hoặc within_range\n"
              "Dòng 5, cột code: mã \"1\" đã có ở dòng 2\n"
              "Dòng 6, cột plan_max: Chỉ tiêu dạng khoảng cần giá trị trên (plan_max)");
    auto missing = service.import_targets_csv(p.id, "code,name\n1,A\n", approver_);
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().detail.starts_with("Dòng 1, cột group: thiếu cột này")) << missing.error().detail;
}

TEST_F(TargetCsvTest, ExportedFilesReadBackUnchanged) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    ASSERT_TRUE(service.import_targets_csv(p.id, TARGETS_CSV, approver_));
    auto exported = service.export_targets_csv(p.id);
    ASSERT_TRUE(exported);
    EXPECT_TRUE(exported->starts_with(UTF8_BOM)) << "Excel needs the BOM to read UTF-8";
    EXPECT_NE(exported->find("\r\n"), std::string::npos);
    auto again = service.import_targets_csv(p.id, *exported, approver_);
    ASSERT_TRUE(again) << again.error().detail;
    EXPECT_EQ(again->unchanged, 5);
    EXPECT_EQ(again->created + again->updated, 0);

    // Figures: enter some, export the period, import the export: nothing new in the history.
    auto targets = *service.list_targets(p.id);
    ASSERT_TRUE(service.enter_report(targets[0].id, {.period = "2024-q1", .value = 2.1, .note = "Ước, \"sơ bộ\""},
                                     editor_));
    ASSERT_TRUE(service.enter_report(targets[3].id, {.period = "2024-q1", .value = 0}, editor_));
    auto figures = service.export_reports_csv(p.id, "2024-q1");
    ASSERT_TRUE(figures);
    EXPECT_TRUE(figures->starts_with(std::string(UTF8_BOM) + "code,name,group,unit,office,plan_value,value,note,standing"))
        << *figures;
    auto reimported = service.import_reports_csv(p.id, "2024-q1", *figures, editor_);
    ASSERT_TRUE(reimported) << reimported.error().detail;
    EXPECT_EQ(reimported->unchanged, 5);
    EXPECT_EQ(reimported->created, 0);
    EXPECT_EQ(service.report_history(targets[0].id, "")->size(), 1u);
}

TEST_F(TargetCsvTest, FiguresFromVietnameseExcelWithSemicolonsAndABom) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    ASSERT_TRUE(service.import_targets_csv(p.id, TARGETS_CSV, approver_));
    std::string csv = "\xEF\xBB\xBF" "code;value;note\r\n"
                      "1;2,5;\"Ước tính; chưa chính thức\"\r\n"
                      "2;1.250,5;\r\n"
                      "3;;chưa có số liệu\r\n";
    auto summary = service.import_reports_csv(p.id, "2024-q1", csv, approver_);
    ASSERT_TRUE(summary) << summary.error().detail;
    EXPECT_EQ(summary->created, 3) << "a note alone is an entry too: the target stays \"chưa đánh giá\"";
    auto board = service.dashboard(p.id, "2024-q1");
    ASSERT_TRUE(board);
    EXPECT_EQ(board->groups[0].rows[0].report->value, 2.5);
    EXPECT_EQ(board->groups[0].rows[0].report->note, "Ước tính; chưa chính thức");
    EXPECT_EQ(board->groups[0].rows[1].report->value, 1250.5);
    EXPECT_EQ(board->counts.completed, 1) << "1.250,5 of 1.200 tỷ đồng";
    EXPECT_FALSE(board->groups[1].rows[0].report->value.has_value());
    EXPECT_EQ(board->groups[1].rows[0].report->note, "chưa có số liệu");
}

TEST_F(TargetCsvTest, AFiguresFileWithOneBadRowEntersNothing) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    ASSERT_TRUE(service.import_targets_csv(p.id, TARGETS_CSV, approver_));
    auto refused = service.import_reports_csv(p.id, "2024-q1",
                                              "code,value\n1,3\n2,500\n9,1\n4,0.5\n5,-1\n", approver_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().detail,
              "Dòng 4, cột code: kế hoạch không có chỉ tiêu mã \"9\"\n"
              "Dòng 5, cột value: chỉ tiêu dạng có/không nhận 1 (đã đạt) hoặc 0 (chưa đạt)\n"
              "Dòng 6, cột value: Số liệu không được âm")
        << "the cells' checks and the checks against the plan, in line order";
    EXPECT_EQ(service.dashboard(p.id, "2024-q1")->counts.not_assessed, 5) << "nothing entered";
    auto wrong_year = service.import_reports_csv(p.id, "2025-q1", "code,value\n1,3\n", approver_);
    ASSERT_FALSE(wrong_year);
    EXPECT_EQ(wrong_year.error().field, "period");
}

TEST_F(TargetCsvTest, AnEditorsFileWithAnotherOfficesTargetIsForbiddenAndEntersNothing) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    ASSERT_TRUE(service.import_targets_csv(p.id, TARGETS_CSV, approver_));
    auto finance = service.list_targets(p.id)->front().office_id;
    ASSERT_TRUE(service.set_user_office(editor_.id, finance, admin_));
    auto refused = service.import_reports_csv(p.id, "2024-q1", "code,value\n1,3\n3,1.2\n", editor_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
    EXPECT_TRUE(refused.error().detail.starts_with("Dòng 3, cột code: chỉ tiêu 3 thuộc Phòng Lao động - TB&XH"))
        << refused.error().detail;
    EXPECT_TRUE(service.report_history(service.list_targets(p.id)->front().id, "")->empty());
    auto own = service.import_reports_csv(p.id, "2024-q1", "code,value\n1,3\n2,700\n", editor_);
    ASSERT_TRUE(own) << own.error().detail;
    EXPECT_EQ(own->created, 2);
    auto targets_by_editor = service.import_targets_csv(p.id, TARGETS_CSV, editor_);
    ASSERT_FALSE(targets_by_editor);
    EXPECT_EQ(targets_by_editor.error().code, core::Errc::Forbidden);
}

TEST_F(TargetCsvTest, ATargetsFileUpdatesTargetsByCode) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    ASSERT_TRUE(service.import_targets_csv(p.id, TARGETS_CSV, approver_));
    auto summary = service.import_targets_csv(
        p.id, "code,name,group,plan_value,office\n2,Thu ngân sách,Kinh tế,1300,Phòng Tài chính - Kế hoạch\n6,Mới,Kinh tế,1,\n",
        approver_);
    ASSERT_TRUE(summary) << summary.error().detail;
    EXPECT_EQ(summary->updated, 1);
    EXPECT_EQ(summary->created, 1);
    auto targets = *service.list_targets(p.id);
    ASSERT_EQ(targets.size(), 6u);
    EXPECT_EQ(targets[1].plan_value, 1300.0);
    EXPECT_EQ(targets[1].unit, "") << "a column left out is empty, as in the file";
    EXPECT_EQ(targets[5].code, "6");
}

TEST_F(TargetCsvTest, InvalidUtf8AndEmptyFilesAreRefusedClearly) {
    TargetService service{db_.get(), site_id_};
    auto p = plan(service);
    auto latin1 = service.import_targets_csv(p.id, "code,name,group,plan_value\n1,Thu ng\xE2n s\xE1" "ch,Kinh t\xEA,1\n",
                                             approver_);
    ASSERT_FALSE(latin1);
    EXPECT_TRUE(latin1.error().detail.starts_with("Dòng 2: tệp không phải văn bản UTF-8")) << latin1.error().detail;
    auto empty = service.import_reports_csv(p.id, "2024-q1", "\xEF\xBB\xBF", approver_);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, core::Errc::InvalidInput);
}

}  // namespace
}  // namespace cong::targets
