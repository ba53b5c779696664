// The target pages of the back office, driven through their routes with a stand-in shell (the session, CSRF
// and role checks are the shell's and tested with it): figures by office, plans and targets, CSV files.
#include "admin/target_pages.hpp"

#include "admin/test_shell.hpp"
#include "audit/audit_log.hpp"
#include "auth/test_database.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

using namespace cong;

namespace {

const std::string BOUNDARY = "----cong-test-boundary";
constexpr const char* FINANCE = "Phòng Tài chính - Kế hoạch";
constexpr const char* CULTURE = "Phòng Văn hóa và Thông tin";

std::string csv_upload(const std::string& kind, const std::string& period, const std::string& csv) {
    std::string body;
    auto field = [&](const std::string& name, const std::string& value) {
        body += "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("csrf", "csrf-token");
    field("loai", kind);
    field("ky", period);
    body += "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"so-lieu.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + BOUNDARY + "--\r\n";
    return body;
}

class TargetPagesTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto made = db_.get().write([&](storage::Tx& tx) -> core::Result<void> {
            model::Site site;
            site.name = "Cổng thông tin điện tử huyện Thọ Xuân";
            CONG_TRY(site_id, tx.sites().insert_site(site));
            site_id_ = site_id;
            for (auto* user : {&admin_, &editor_}) {
                user->created_at = core::now();
                user->password_hash = "x";
                CONG_TRY(id, tx.users().insert_user(*user));
                user->id = id;
            }
            return {};
        });
        ASSERT_TRUE(made) << made.error().detail;
        service_ = std::make_unique<targets::TargetService>(db_.get(), site_id_);
        admin::add_target_admin_routes(router_, shell_, *service_);
        auto plan = service_->create_plan({.title = "Nghị quyết số 09-NQ/HU năm 2024", .year = 2024}, admin_);
        ASSERT_TRUE(plan);
        plan_id_ = plan->id;
        ours_ = service_->add_target(plan_id_, {.code = "1", .name = "Thu ngân sách", .group_name = "Kinh tế",
                                                .unit = "tỷ đồng", .plan_value = 1200, .office = FINANCE},
                                     admin_)->id;
        theirs_ = service_->add_target(plan_id_, {.code = "2", .name = "Làng văn hóa", .group_name = "Văn hóa – xã hội",
                                                  .unit = "%", .plan_value = 80, .office = CULTURE},
                                       admin_)->id;
        auto finance = service_->find_target(ours_).value()->office_id;
        ASSERT_TRUE(service_->set_user_office(editor_.id, finance, admin_));
        act_as(editor_);
    }

    void act_as(const model::User& user) { shell_.context = {user, "csrf-token", "192.0.2.10"}; }

    http::Response send(http::Method method, const std::string& target, std::string body = {},
                        std::vector<http::Header> headers = {}) {
        return admin::testing::dispatch(router_, method, target, std::move(body), std::move(headers));
    }
    std::string plan_path() const { return "/quan-tri/chi-tieu/" + std::to_string(plan_id_); }
    std::size_t history_of(std::int64_t target_id) { return service_->report_history(target_id, "")->size(); }

    auth::testing::TestDatabase db_;
    std::int64_t site_id_ = 0;
    model::User admin_{.login = "quantri", .display_name = "Quản trị", .role = model::Role::Admin};
    model::User editor_{.login = "taichinh", .display_name = "Lê Thơ", .role = model::Role::Editor};
    std::unique_ptr<targets::TargetService> service_;
    admin::testing::TestShell shell_;
    http::Router router_;
    std::int64_t plan_id_ = 0;
    std::int64_t ours_ = 0;
    std::int64_t theirs_ = 0;
};

TEST_F(TargetPagesTest, AnEditorSeesEntryFormsOnlyForTheTargetsOfTheirOffice) {
    auto page = send(http::Method::Get, plan_path() + "?ky=2024-q1");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("/quan-tri/chi-tieu/muc/" + std::to_string(ours_) + "/so-lieu"), std::string::npos);
    EXPECT_EQ(page.body.find("/quan-tri/chi-tieu/muc/" + std::to_string(theirs_) + "/so-lieu"), std::string::npos);
    EXPECT_NE(page.body.find("Đơn vị khác nhập"), std::string::npos);
    EXPECT_EQ(page.body.find("Thêm chỉ tiêu"), std::string::npos) << "editors do not set up targets";
    auto list = send(http::Method::Get, "/quan-tri/chi-tieu");
    EXPECT_NE(list.body.find("Bạn nhập số liệu cho các chỉ tiêu của Phòng Tài chính - Kế hoạch."), std::string::npos);
}

TEST_F(TargetPagesTest, AnotherOfficesTargetIsForbiddenEvenWhenTheFormIsForged) {
    auto refused = send(http::Method::Post, "/quan-tri/chi-tieu/muc/" + std::to_string(theirs_) + "/so-lieu",
                        "csrf=csrf-token&ky=2024-q1&value=50&note=");
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("bạn chỉ nhập số liệu cho chỉ tiêu của đơn vị mình"), std::string::npos);
    EXPECT_EQ(history_of(theirs_), 0u);

    auto saved = send(http::Method::Post, "/quan-tri/chi-tieu/muc/" + std::to_string(ours_) + "/so-lieu",
                      "csrf=csrf-token&ky=2024-q1&value=1.250%2C5&note=%C6%AF%E1%BB%9Bc+t%C3%ADnh");
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto board = service_->dashboard(plan_id_, "2024-q1");
    EXPECT_EQ(board->groups[0].rows[0].report->value, 1250.5) << "typed the Vietnamese way";
    EXPECT_EQ(board->groups[0].rows[0].report->note, "Ước tính");
    auto log = audit::list(db_.get(), {.action_prefix = "target_report."});
    ASSERT_EQ(log->entries.size(), 1u);
    EXPECT_EQ(log->entries[0].ip, "192.0.2.10");
}

TEST_F(TargetPagesTest, AnAmbiguousFigureIsAskedAboutNotGuessed) {
    auto refused = send(http::Method::Post, "/quan-tri/chi-tieu/muc/" + std::to_string(ours_) + "/so-lieu",
                        "csrf=csrf-token&ky=2024-q1&value=1.200");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("viết 1200 hoặc 1,2"), std::string::npos);
    EXPECT_EQ(history_of(ours_), 0u);
    EXPECT_EQ(admin::parse_form_figure("1200", "value").value(), 1200.0);
    EXPECT_EQ(admin::parse_form_figure("2,5", "value").value(), 2.5);
    EXPECT_EQ(admin::parse_form_figure("1.234.567", "value").value(), 1234567.0);
    EXPECT_EQ(admin::parse_form_figure("0.075", "value").value(), 0.075);
    EXPECT_FALSE(admin::parse_form_figure("", "value").value().has_value());
    EXPECT_EQ(admin::parse_form_figure("1,234", "value").value(), 1.234) << "how the form shows 1.234 back";
    EXPECT_FALSE(admin::parse_form_figure("mười", "value"));
}

TEST_F(TargetPagesTest, ACsvWithOneBadRowNamesItAndImportsNothing) {
    auto refused = send(http::Method::Post, plan_path() + "/nhap-csv",
                        csv_upload("so-lieu", "2024-q1", "code;value;note\r\n1;300;\r\n2;abc;\r\n"),
                        {{"Content-Type", "multipart/form-data; boundary=" + BOUNDARY}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("Dòng 3, cột value: không phải là số"), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("Chưa dòng nào được nhập"), std::string::npos);
    EXPECT_EQ(history_of(ours_), 0u);

    auto forbidden = send(http::Method::Post, plan_path() + "/nhap-csv",
                          csv_upload("so-lieu", "2024-q1", "code,value\n1,300\n2,50\n"),
                          {{"Content-Type", "multipart/form-data; boundary=" + BOUNDARY}});
    EXPECT_EQ(forbidden.status, 403);
    EXPECT_NE(forbidden.body.find("Dòng 3, cột code: chỉ tiêu 2 thuộc Phòng Văn hóa và Thông tin"), std::string::npos)
        << forbidden.body;
    EXPECT_EQ(history_of(ours_), 0u);

    auto imported = send(http::Method::Post, plan_path() + "/nhap-csv",
                         csv_upload("so-lieu", "2024-q1", "\xEF\xBB\xBF" "code;value\r\n1;300,5\r\n"),
                         {{"Content-Type", "multipart/form-data; boundary=" + BOUNDARY}});
    ASSERT_EQ(imported.status, 303) << imported.body;
    EXPECT_EQ(service_->dashboard(plan_id_, "2024-q1")->groups[0].rows[0].report->value, 300.5);
}

TEST_F(TargetPagesTest, ExportsAreExcelReadyDownloads) {
    auto targets_csv = send(http::Method::Get, plan_path() + "/chi-tieu.csv");
    ASSERT_EQ(targets_csv.status, 200);
    EXPECT_EQ(targets_csv.content_type, "text/csv; charset=utf-8");
    EXPECT_TRUE(targets_csv.body.starts_with("\xEF\xBB\xBF" "code,name,group,unit,kind,plan_value,plan_max,office\r\n"));
    EXPECT_NE(targets_csv.body.find("1,Thu ngân sách,Kinh tế,tỷ đồng,higher_is_better,1200,,Phòng Tài chính - Kế hoạch"),
              std::string::npos)
        << targets_csv.body;
    bool attachment = false;
    for (const auto& header : targets_csv.headers)
        if (header.name == "Content-Disposition")
            attachment = header.value == "attachment; filename=\"chi-tieu-nghi-quyet-so-09-nq-hu-nam-2024.csv\"";
    EXPECT_TRUE(attachment);
    auto figures = send(http::Method::Get, plan_path() + "/so-lieu.csv?ky=2024-6t");
    ASSERT_EQ(figures.status, 200);
    EXPECT_NE(figures.body.find("Chưa đánh giá"), std::string::npos);
}

TEST_F(TargetPagesTest, AnAdministratorSetsUpPlansTargetsAndOffices) {
    act_as(admin_);
    auto created = send(http::Method::Post, "/quan-tri/chi-tieu",
                        "csrf=csrf-token&title=K%E1%BA%BF+ho%E1%BA%A1ch+2025&year=2025&threshold_q1=20");
    ASSERT_EQ(created.status, 303) << created.body;
    auto plans = service_->list_plans();
    ASSERT_EQ(plans->size(), 2u);
    EXPECT_EQ(plans->front().threshold_q1, 20);
    auto bad = send(http::Method::Post, "/quan-tri/chi-tieu", "csrf=csrf-token&title=&year=nam");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("Năm phải là một số nguyên"), std::string::npos);

    auto added = send(http::Method::Post, plan_path() + "/muc",
                      "csrf=csrf-token&code=3&name=T%E1%BB%B7+l%E1%BB%87+h%E1%BB%99+ngh%C3%A8o&group=V%C4%83n+h%C3%B3a"
                      "&kind=lower_is_better&plan_value=1%2C5&office=Ph%C3%B2ng+L%C4%90TBXH");
    ASSERT_EQ(added.status, 303) << added.body;
    auto targets = *service_->list_targets(plan_id_);
    ASSERT_EQ(targets.size(), 3u);
    EXPECT_EQ(targets[2].plan_value, 1.5);
    EXPECT_EQ(targets[2].office, "Phòng LĐTBXH");

    auto edited = send(http::Method::Post, "/quan-tri/chi-tieu/muc/" + std::to_string(targets[2].id),
                       "csrf=csrf-token&code=3&name=T%E1%BB%B7+l%E1%BB%87+h%E1%BB%99+ngh%C3%A8o&group=V%C4%83n+h%C3%B3a"
                       "&kind=lower_is_better&plan_value=abc&office=");
    EXPECT_EQ(edited.status, 400);
    EXPECT_NE(edited.body.find("Không phải là số"), std::string::npos);

    auto office = send(http::Method::Post, "/quan-tri/chi-tieu/don-vi", "csrf=csrf-token&office_name=Ph%C3%B2ng+N%E1%BB%99i+v%E1%BB%A5");
    ASSERT_EQ(office.status, 303);
    auto list = send(http::Method::Get, "/quan-tri/chi-tieu");
    EXPECT_NE(list.body.find("Phòng Nội vụ"), std::string::npos);
    EXPECT_NE(list.body.find("Người nhập số liệu theo đơn vị"), std::string::npos);
    auto moved = send(http::Method::Post, "/quan-tri/chi-tieu/don-vi/thanh-vien",
                      "csrf=csrf-token&user_id=" + std::to_string(editor_.id) + "&office_id=");
    ASSERT_EQ(moved.status, 303);
    EXPECT_FALSE(service_->office_of(editor_.id).value().has_value());

    ASSERT_EQ(shell_.menu.size(), 1u);
    EXPECT_EQ(shell_.menu[0].href, "/quan-tri/chi-tieu");
}

TEST_F(TargetPagesTest, EditorsCannotSetUpEvenByForgingTheForms) {
    EXPECT_EQ(send(http::Method::Post, "/quan-tri/chi-tieu", "csrf=csrf-token&title=K&year=2025").status, 403);
    EXPECT_EQ(send(http::Method::Post, plan_path() + "/muc",
                   "csrf=csrf-token&code=9&name=A&group=B&kind=higher_is_better&plan_value=1")
                  .status,
              403);
    EXPECT_EQ(send(http::Method::Post, "/quan-tri/chi-tieu/don-vi/thanh-vien",
                   "csrf=csrf-token&user_id=" + std::to_string(editor_.id) + "&office_id=")
                  .status,
              403);
    EXPECT_EQ(service_->list_plans()->size(), 1u);
    EXPECT_EQ(service_->list_targets(plan_id_)->size(), 2u);
}

TEST_F(TargetPagesTest, UnknownPlansAndTargetsAreNotFound) {
    EXPECT_EQ(send(http::Method::Get, "/quan-tri/chi-tieu/999").status, 404);
    EXPECT_EQ(send(http::Method::Get, "/quan-tri/chi-tieu/abc").status, 404);
    EXPECT_EQ(send(http::Method::Get, "/quan-tri/chi-tieu/muc/999").status, 404);
    EXPECT_EQ(send(http::Method::Post, "/quan-tri/chi-tieu/muc/999/so-lieu", "csrf=csrf-token&ky=2024-q1&value=1").status,
              404);
    auto bad_period = send(http::Method::Get, plan_path() + "?ky=2031-q9");
    EXPECT_EQ(bad_period.status, 200) << "an unknown period shows the latest one";
}

TEST_F(TargetPagesTest, TheEditorIsOfferedEveryPlanWithTheQuartersAndTheYearOfItsYear) {
    auto json = boost::json::parse(admin::summary_plans_json(*service_));
    ASSERT_TRUE(json.is_array());
    ASSERT_EQ(json.as_array().size(), 1u);
    const auto& plan = json.as_array()[0].as_object();
    EXPECT_EQ(plan.at("title").as_string(), "Nghị quyết số 09-NQ/HU năm 2024");
    EXPECT_FALSE(plan.at("slug").as_string().empty());
    std::vector<std::string> keys, labels;
    for (const auto& period : plan.at("periods").as_array()) {
        keys.emplace_back(period.at("key").as_string());
        labels.emplace_back(period.at("label").as_string());
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"2024-q1", "2024-6t", "2024-q3", "2024-9t", "2024-q4", "2024-nam"}));
    EXPECT_EQ(labels.front(), "Quý I năm 2024");
    EXPECT_EQ(labels.back(), "Năm 2024");
}

}  // namespace
