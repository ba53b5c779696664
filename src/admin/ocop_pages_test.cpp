// The OCOP pages of the back office, driven through their routes with a stand-in shell (the session, CSRF and
// role checks are the shell's and tested with it).
#include "admin/ocop_pages.hpp"

#include "admin/test_shell.hpp"
#include "audit/audit_log.hpp"
#include "auth/test_database.hpp"

#include <gtest/gtest.h>

using namespace cong;

namespace {

class OcopPagesTest : public ::testing::Test {
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
        ocop_ = std::make_unique<targets::OcopService>(db_.get(), site_id_);
        commune_ = ntm_->add_commune({.name = "Xã Xuân Lập"}, approver_)->id;
        shell_.context = {approver_, "csrf-token", "192.0.2.10"};
        admin::add_ocop_admin_routes(router_, shell_, *ocop_, *ntm_);
    }

    http::Response post(const std::string& target, const std::string& body) {
        return admin::testing::dispatch(router_, http::Method::Post, target, "csrf=csrf-token&" + body);
    }
    http::Response get(const std::string& target) {
        return admin::testing::dispatch(router_, http::Method::Get, target);
    }
    static std::string location(const http::Response& response) {
        for (const auto& header : response.headers)
            if (header.name == "Location") return header.value;
        return {};
    }
    static bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

    auth::testing::TestDatabase db_;
    std::int64_t site_id_ = 0;
    std::int64_t commune_ = 0;
    model::User approver_{.login = "duyet", .role = model::Role::Approver};
    model::User editor_{.login = "bientap", .role = model::Role::Editor};
    std::unique_ptr<targets::NtmService> ntm_;
    std::unique_ptr<targets::OcopService> ocop_;
    admin::testing::TestShell shell_;
    http::Router router_;
};

TEST_F(OcopPagesTest, AnApproverAddsAProductAndFindsItInTheCatalogue) {
    auto form = get("/quan-tri/ocop/moi");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "name=\"csrf\" value=\"csrf-token\""));
    EXPECT_TRUE(contains(form.body, "<option value=\"" + std::to_string(commune_) + "\">Xã Xuân Lập</option>"));
    auto made = post("/quan-tri/ocop/moi", "name=M%E1%BA%ADt+ong+r%E1%BB%ABng&stars=4&group=thuc-pham&producer=HTX+"
                                           "Xu%C3%A2n+L%E1%BA%ADp&commune_id=" +
                                               std::to_string(commune_) +
                                               "&year_recognised=2023&description=D%C3%B2ng+1%0D%0A%0D%0AD%C3%B2ng+2&demo=1");
    ASSERT_EQ(made.status, 303) << made.body;
    EXPECT_TRUE(location(made).starts_with("/quan-tri/ocop/")) << location(made);
    auto products = ocop_->list();
    ASSERT_TRUE(products);
    ASSERT_EQ(products->size(), 1u);
    const auto& p = products->front();
    EXPECT_EQ(p.name, "Mật ong rừng");
    EXPECT_EQ(p.stars, 4);
    EXPECT_EQ(p.commune_name, "Xã Xuân Lập");
    EXPECT_EQ(p.description, "Dòng 1\n\nDòng 2") << "CRLF from the browser is kept as LF";
    EXPECT_TRUE(p.demo);
    auto list = get("/quan-tri/ocop");
    EXPECT_TRUE(contains(list.body, ">Mật ong rừng</a>"));
    EXPECT_TRUE(contains(list.body, "<td>4 sao</td>"));
    auto saved = get(location(made));
    EXPECT_TRUE(contains(saved.body, "Đã lưu."));
    auto log = audit::list(db_.get(), {.action_prefix = "ocop."});
    ASSERT_TRUE(log);
    ASSERT_EQ(log->total, 1);
    EXPECT_EQ(log->entries[0].ip, "192.0.2.10");
}

TEST_F(OcopPagesTest, ARefusedFormComesBackAsTypedWithTheFieldMarked) {
    auto refused = post("/quan-tri/ocop/moi", "name=N%C6%B0%E1%BB%9Bc+m%E1%BA%AFm&stars=4&group=thuc-pham&producer=&"
                                              "year_recognised=2023");
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(contains(refused.body, "value=\"Nước mắm\"")) << "what was typed is kept";
    EXPECT_TRUE(contains(refused.body, "id=\"producer-loi\"")) << refused.body;
    auto stars = post("/quan-tri/ocop/moi", "name=A&stars=7&group=thuc-pham&producer=B&year_recognised=2023");
    EXPECT_EQ(stars.status, 400);
    EXPECT_TRUE(contains(stars.body, "id=\"stars-loi\""));
    auto photos = post("/quan-tri/ocop/moi", "name=A&stars=3&group=thuc-pham&producer=B&year_recognised=2023&media=1%2C+x");
    EXPECT_EQ(photos.status, 400);
    EXPECT_TRUE(contains(photos.body, "id=\"media-loi\""));
    EXPECT_TRUE(ocop_->list()->empty());
}

TEST_F(OcopPagesTest, AnEditorIsRefusedByTheServiceAndAnUnknownProductIsNotFound) {
    shell_.context.user = editor_;
    auto refused = post("/quan-tri/ocop/moi", "name=A&stars=3&group=thuc-pham&producer=B&year_recognised=2023");
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(ocop_->list()->empty());
    EXPECT_EQ(get("/quan-tri/ocop/999").status, 404);
    EXPECT_EQ(get("/quan-tri/ocop/abc").status, 404);
    ASSERT_EQ(shell_.menu.size(), 1u);
    EXPECT_EQ(shell_.menu[0].href, "/quan-tri/ocop");
    EXPECT_EQ(shell_.menu[0].roles, (std::vector<model::Role>{model::Role::Admin, model::Role::Approver}));
}

}  // namespace
