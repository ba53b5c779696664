// The NTM pages of the back office, driven through their routes: with a stand-in shell for what the pages do, and
// with the real session shell for the CSRF check every one of their forms goes through.
#include "admin/ntm_pages.hpp"

#include "admin/session_shell.hpp"
#include "admin/test_shell.hpp"
#include "audit/audit_log.hpp"
#include "auth/test_database.hpp"
#include "auth/user_service.hpp"

#include <gtest/gtest.h>

using namespace cong;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string location(const http::Response& response) {
    for (const auto& header : response.headers)
        if (header.name == "Location") return header.value;
    return {};
}

// QĐ 51/2025-like: two criteria, one with a figure whose threshold differs by commune group, one yes/no.
targets::CriteriaSetInput sample_set() {
    return {.title = "Bộ tiêu chí xã nông thôn mới 2026–2030",
            .slug = "xa-ntm-2026",
            .decision_ref = "Quyết định số 51/2025/QĐ-TTg",
            .level = "Xã nông thôn mới",
            .first_year = 2026,
            .last_year = 2030,
            .criteria = {{.number = 1, .name = "Quy hoạch", .group_name = "Quy hoạch"},
                         {.number = 2, .name = "Giao thông", .group_name = "Hạ tầng"}},
            .zone_kind = model::NtmZoneKind::CommuneGroup,
            .zones = {{"nhom-1", "Nhóm 1"}, {"nhom-2", "Nhóm 2"}},
            .indicators = {{.criterion_number = 1,
                            .code = "1.1",
                            .name = "Có quy hoạch chung xã",
                            .kind = model::IndicatorKind::YesNo},
                           {.criterion_number = 2,
                            .code = "2.1",
                            .name = "Tỷ lệ đường xã được nhựa hóa",
                            .unit = "%",
                            .kind = model::IndicatorKind::AtLeast,
                            .thresholds = {{"nhom-1", 70}, {"nhom-2", 90}}}}};
}

class NtmPagesTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto made = db_.get().write([&](storage::Tx& tx) -> core::Result<void> {
            CONG_TRY(site_id, tx.sites().insert_site(model::Site{.name = "Huyện Sông Lam"}));
            site_id_ = site_id;
            for (auto* user : {&approver_, &editor_}) {
                user->password_hash = "x";
                CONG_TRY(id, tx.users().insert_user(*user));
                user->id = id;
            }
            return {};
        });
        ASSERT_TRUE(made) << made.error().detail;
        ntm_ = std::make_unique<targets::NtmService>(db_.get(), site_id_);
        auto set = ntm_->create_set(sample_set(), approver_);
        ASSERT_TRUE(set) << set.error().detail;
        set_ = *set;
        commune_ = ntm_->add_commune({.name = "Xã Xuân Lập"}, approver_)->id;
        ASSERT_TRUE(ntm_->set_commune_zone(set_.id, commune_, "nhom-1", approver_));
        act_as(editor_);
        admin::add_ntm_admin_routes(router_, shell_, *ntm_);
    }

    void act_as(const model::User& user) { shell_.context = {user, "csrf-token", "192.0.2.10"}; }
    http::Response post(const std::string& target, const std::string& body) {
        return admin::testing::dispatch(router_, http::Method::Post, target, "csrf=csrf-token&" + body);
    }
    http::Response get(const std::string& target) {
        return admin::testing::dispatch(router_, http::Method::Get, target);
    }
    std::string commune_path() const { return "/quan-tri/nong-thon-moi/xa-ntm-2026/xa/" + std::to_string(commune_); }

    // The commune's status for criterion index c, as the standing computes it.
    std::optional<bool> criterion_met(std::size_t c) {
        auto standing = ntm_->standing(set_.id);
        EXPECT_TRUE(standing);
        const auto& status = standing->communes.at(0).statuses.at(c);
        return status ? std::optional<bool>(status->met) : std::nullopt;
    }

    auth::testing::TestDatabase db_;
    std::int64_t site_id_ = 0;
    model::CriteriaSet set_;
    std::int64_t commune_ = 0;
    model::User approver_{.login = "duyet", .role = model::Role::Approver};
    model::User editor_{.login = "bientap", .role = model::Role::Editor};
    std::unique_ptr<targets::NtmService> ntm_;
    admin::testing::TestShell shell_;
    http::Router router_;
};

TEST_F(NtmPagesTest, TheListShowsEachSetWithItsDecisionYearsAndUnitAndLinksToIt) {
    auto list = get("/quan-tri/nong-thon-moi");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body,
                         "<a href=\"/quan-tri/nong-thon-moi/xa-ntm-2026\">Bộ tiêu chí xã nông thôn mới 2026–2030</a>"))
        << list.body;
    EXPECT_TRUE(contains(list.body, "<td>Quyết định số 51/2025/QĐ-TTg</td>"));
    EXPECT_TRUE(contains(list.body, "<td>2026–2030</td>"));
    EXPECT_TRUE(contains(list.body, "<td>Xã nông thôn mới</td>"));
    ASSERT_EQ(shell_.menu.size(), 1u);
    EXPECT_EQ(shell_.menu[0].label, "Nông thôn mới");
    EXPECT_EQ(shell_.menu[0].href, "/quan-tri/nong-thon-moi");
    EXPECT_TRUE(shell_.menu[0].roles.empty()) << "editors record findings, so every role sees the entry";
}

TEST_F(NtmPagesTest, TheSetPageShowsTheStandingWithEachCommuneLinkedToItsEntryPage) {
    auto page = get("/quan-tri/nong-thon-moi/xa-ntm-2026");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<a href=\"" + commune_path() + "\">Xã Xuân Lập</a>")) << page.body;
    EXPECT_TRUE(contains(page.body, "<td>Nhóm 1</td>"));
    EXPECT_TRUE(contains(page.body, "<th scope=\"col\" title=\"Giao thông\">TC 2</th>"));
    EXPECT_TRUE(contains(page.body, "có 00/01 xã đạt đủ 2/2 tiêu chí")) << page.body;
    EXPECT_FALSE(contains(page.body, "id=\"form-xa\"")) << "an editor is not offered the planners' forms";
}

TEST_F(NtmPagesTest, AnEditorRecordsAnIndicatorFindingAndSeesTheCommunesStatusChange) {
    auto before = get(commune_path());
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_TRUE(contains(before.body, "<td class=\"number\">≥ 70 %</td>")) << "the threshold of the commune's group";
    EXPECT_TRUE(contains(before.body, "Chưa đánh giá"));
    EXPECT_TRUE(contains(before.body, "name=\"csrf\" value=\"csrf-token\""));
    EXPECT_TRUE(contains(before.body, "<label for=\"chi-tieu-2-1-so-lieu\">Số liệu (%)</label>"));
    EXPECT_FALSE(criterion_met(1));

    auto recorded =
        post(commune_path() + "/chi-tieu",
             "indicator=2.1&value=1.075%2C5&assessed_on=2026-03-31&evidence=Bi%C3%AAn+b%E1%BA%A3n+s%E1%BB%91+3%0D%0A"
             "Ph%C3%B2ng+N%C3%B4ng+nghi%E1%BB%87p");
    ASSERT_EQ(recorded.status, 303) << recorded.body;
    EXPECT_EQ(location(recorded), commune_path() + "?da-luu=1#chi-tieu-2-1");
    EXPECT_EQ(criterion_met(1), true) << "1075,5 ≥ 70: the figure in Vietnamese notation was read as such";

    auto after = get(location(recorded));
    EXPECT_TRUE(contains(after.body, "Đã ghi kết quả."));
    EXPECT_TRUE(contains(after.body, "1.075,5 % (ngày 2026-03-31)")) << after.body;
    EXPECT_TRUE(contains(after.body, "<small>Biên bản số 3\nPhòng Nông nghiệp</small>")) << "CRLF is kept as LF";
    EXPECT_TRUE(contains(after.body, "<strong class=\"ntm-met\">Đạt (ngày 2026-03-31)</strong>"));

    // A yes/no indicator takes a finding, and the criterion as a whole can be recorded too.
    auto yes_no = post(commune_path() + "/chi-tieu", "indicator=1.1&met=0&assessed_on=2026-04-01&evidence=");
    ASSERT_EQ(yes_no.status, 303) << yes_no.body;
    EXPECT_EQ(criterion_met(0), false);
    auto whole = post(commune_path() + "/tieu-chi", "criterion=1&met=1&assessed_on=2026-05-02&evidence=Q%C4%90+12");
    ASSERT_EQ(whole.status, 303) << whole.body;
    EXPECT_EQ(location(whole), commune_path() + "?da-luu=1#tieu-chi-1");
    EXPECT_EQ(criterion_met(0), true) << "a newer finding for the whole criterion counts";
    EXPECT_TRUE(contains(get("/quan-tri/nong-thon-moi/xa-ntm-2026").body, "có 01/01 xã đạt đủ 2/2 tiêu chí"));

    auto log = audit::list(db_.get(), {.action_prefix = "ntm.indicator."});
    ASSERT_TRUE(log);
    ASSERT_EQ(log->total, 2);
    EXPECT_EQ(log->entries[0].ip, "192.0.2.10");
}

TEST_F(NtmPagesTest, ABadFigureComesBackWithTheErrorBesideItAndWhatWasTyped) {
    auto refused = post(commune_path() + "/chi-tieu",
                        "indicator=2.1&value=abc&assessed_on=2026-03-31&evidence=Theo+b%C3%A1o+c%C3%A1o+qu%C3%BD+I");
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(contains(refused.body, "id=\"chi-tieu-2-1-so-lieu-loi\">Không phải là số")) << refused.body;
    EXPECT_TRUE(contains(refused.body, "value=\"abc\""));
    EXPECT_TRUE(contains(refused.body, ">Theo báo cáo quý I</textarea>")) << "the note is kept";
    EXPECT_TRUE(contains(refused.body, "href=\"#chi-tieu-2-1\"")) << "the alert leads to the form";
    EXPECT_FALSE(criterion_met(1));

    auto date = post(commune_path() + "/chi-tieu", "indicator=2.1&value=80&assessed_on=31%2F03%2F2026");
    EXPECT_EQ(date.status, 400);
    EXPECT_TRUE(contains(date.body, "id=\"chi-tieu-2-1-ngay-loi\">Ngày đánh giá phải có dạng YYYY-MM-DD"));
    EXPECT_TRUE(contains(date.body, "value=\"31/03/2026\""));

    auto no_choice = post(commune_path() + "/tieu-chi", "criterion=2&assessed_on=2026-03-31");
    EXPECT_EQ(no_choice.status, 400);
    EXPECT_TRUE(contains(no_choice.body, "id=\"tieu-chi-2-ket-luan-loi\">Chọn Đạt hoặc Chưa đạt"));

    auto unknown = post(commune_path() + "/chi-tieu", "indicator=9.9&value=1&assessed_on=2026-03-31");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_TRUE(contains(unknown.body, "Bộ tiêu chí không có chỉ tiêu 9.9"));
    EXPECT_FALSE(contains(unknown.body, "href=\"#chi-tieu-9-9\"")) << "no link to a form that is not there";
    auto log = audit::list(db_.get(), {.action_prefix = "ntm.indicator."});
    ASSERT_TRUE(log);
    EXPECT_EQ(log->total, 0);
}

TEST_F(NtmPagesTest, AnEditorAddingACommuneGetsTheRefusalNotAServerError) {
    auto refused = post("/quan-tri/nong-thon-moi/xa-ntm-2026/xa", "name=X%C3%A3+Xu%C3%A2n+T%C3%ADn&merged_into=");
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(contains(refused.body, "role=\"alert\"><p>Chỉ người duyệt hoặc quản trị viên mới được khai báo"))
        << refused.body;
    auto zone =
        post("/quan-tri/nong-thon-moi/xa-ntm-2026/vung", "commune_id=" + std::to_string(commune_) + "&zone=nhom-2");
    EXPECT_EQ(zone.status, 403);
    EXPECT_EQ(ntm_->list_communes()->size(), 1u);
}

TEST_F(NtmPagesTest, AnApproverAddsACommuneAndPutsItInAGroup) {
    act_as(approver_);
    auto page = get("/quan-tri/nong-thon-moi/xa-ntm-2026");
    EXPECT_TRUE(contains(page.body, "id=\"form-xa\""));
    EXPECT_TRUE(contains(page.body, "<label for=\"vung-vung\">Nhóm xã</label>"));
    auto added = post("/quan-tri/nong-thon-moi/xa-ntm-2026/xa", "name=X%C3%A3+Xu%C3%A2n+T%C3%ADn&merged_into=");
    ASSERT_EQ(added.status, 303) << added.body;
    auto communes = ntm_->list_communes();
    ASSERT_EQ(communes->size(), 2u);
    auto tin = communes->at(1).name == "Xã Xuân Tín" ? communes->at(1).id : communes->at(0).id;
    auto zoned = post("/quan-tri/nong-thon-moi/xa-ntm-2026/vung", "commune_id=" + std::to_string(tin) + "&zone=nhom-2");
    ASSERT_EQ(zoned.status, 303) << zoned.body;
    auto entry = get("/quan-tri/nong-thon-moi/xa-ntm-2026/xa/" + std::to_string(tin));
    EXPECT_TRUE(contains(entry.body, "<td class=\"number\">≥ 90 %</td>")) << "its own group's threshold";

    auto taken = post("/quan-tri/nong-thon-moi/xa-ntm-2026/xa", "name=X%C3%A3+Xu%C3%A2n+L%E1%BA%ADp&merged_into=");
    EXPECT_EQ(taken.status, 409);
    EXPECT_TRUE(contains(taken.body, "id=\"xa-ten-loi\">Đã có xã tên")) << taken.body;
    EXPECT_TRUE(contains(taken.body, "value=\"Xã Xuân Lập\""));
    auto bad_zone =
        post("/quan-tri/nong-thon-moi/xa-ntm-2026/vung", "commune_id=" + std::to_string(tin) + "&zone=vung-9");
    EXPECT_EQ(bad_zone.status, 400);
    EXPECT_TRUE(contains(bad_zone.body, "id=\"vung-vung-loi\""));
}

TEST_F(NtmPagesTest, AnUnknownSetOrCommuneIsNotFound) {
    EXPECT_EQ(get("/quan-tri/nong-thon-moi/khong-co").status, 404);
    EXPECT_EQ(get("/quan-tri/nong-thon-moi/khong-co/xa/" + std::to_string(commune_)).status, 404);
    EXPECT_EQ(get("/quan-tri/nong-thon-moi/" + std::string(300, 'a')).status, 404);
    EXPECT_EQ(get("/quan-tri/nong-thon-moi/xa-ntm-2026/xa/999").status, 404);
    EXPECT_EQ(get("/quan-tri/nong-thon-moi/xa-ntm-2026/xa/abc").status, 404);
    EXPECT_EQ(post("/quan-tri/nong-thon-moi/khong-co/xa/" + std::to_string(commune_) + "/chi-tieu",
                   "indicator=2.1&value=80&assessed_on=2026-03-31")
                  .status,
              404);
    EXPECT_EQ(
        post("/quan-tri/nong-thon-moi/xa-ntm-2026/xa/999/tieu-chi", "criterion=1&met=1&assessed_on=2026-03-31").status,
        404);
    auto log = audit::list(db_.get(), {.action_prefix = "ntm.assessment."});
    ASSERT_TRUE(log);
    EXPECT_EQ(log->total, 0);
}

// The same routes behind the real session shell: a form sent without the session's CSRF token records nothing.
TEST(NtmPagesSession, AFormWithoutTheCsrfTokenIsRefused) {
    const std::string password = "mật khẩu đủ dài";
    auth::testing::TestDatabase db;
    auto site =
        db.get().write([](storage::Tx& tx) { return tx.sites().insert_site(model::Site{.name = "Huyện Sông Lam"}); });
    ASSERT_TRUE(site);
    auth::UserService users{db.get()};
    auto approver = users.add_user("duyet", model::Role::Approver, password, "").value();
    (void)users.add_user("bientap", model::Role::Editor, password, "").value();
    targets::NtmService ntm{db.get(), *site};
    auto set = ntm.create_set(sample_set(), approver);
    ASSERT_TRUE(set) << set.error().detail;
    auto commune = ntm.add_commune({.name = "Xã Xuân Lập"}, approver).value().id;
    auth::SessionService sessions{db.get(), auth::SessionLimits{}};
    admin::SessionShell shell{sessions, [] { return std::string("Cổng"); }};
    http::Router router;
    admin::add_ntm_admin_routes(router, shell, ntm);
    auto session = sessions.login({"bientap", password, "192.0.2.1", "Test", ""}).value();

    auto send = [&](std::string body) {
        auto path = "/quan-tri/nong-thon-moi/xa-ntm-2026/xa/" + std::to_string(commune) + "/chi-tieu";
        std::vector<http::Header> headers{{"Cookie", "cong_session=" + session.token}};
        return admin::testing::dispatch(router, http::Method::Post, path, std::move(body), std::move(headers));
    };
    const std::string finding = "indicator=2.1&value=80&assessed_on=2026-03-31";
    EXPECT_EQ(send(finding).status, 403);
    EXPECT_EQ(send(finding + "&csrf=sai").status, 403);
    EXPECT_TRUE(ntm.standing(set->id)->communes.at(0).indicators.at(1).assessment == std::nullopt);
    auto accepted = send(finding + "&csrf=" + session.session.csrf_token);
    EXPECT_EQ(accepted.status, 303) << accepted.body;
    EXPECT_TRUE(ntm.standing(set->id)->communes.at(0).indicators.at(1).assessment.has_value());
}

}  // namespace
