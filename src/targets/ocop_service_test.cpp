#include "targets/ocop_service.hpp"

#include "audit/audit_log.hpp"
#include "auth/test_database.hpp"
#include "targets/ntm_service.hpp"

#include <gtest/gtest.h>

#include <set>

namespace cong::targets {
namespace {

struct Recorder : core::ChangeListener {
    std::vector<std::string> tags;
    void content_changed(const std::vector<std::string>& changed) override {
        tags.insert(tags.end(), changed.begin(), changed.end());
    }
};

class OcopServiceTest : public ::testing::Test {
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
        NtmService ntm{db_.get(), site_id_};
        xuan_sinh_ = ntm.add_commune({.name = "Xã Xuân Sinh"}, approver_)->id;
        xuan_tin_ = ntm.add_commune({.name = "Xã Xuân Tín", .merged_into = xuan_sinh_}, approver_)->id;
        bac_luong_ = ntm.add_commune({.name = "Xã Bắc Lương"}, approver_)->id;
    }

    OcopProductInput product(std::string name, int stars, std::string group, std::optional<std::int64_t> commune) {
        return {.name = std::move(name),
                .stars = stars,
                .producer = "Hợp tác xã thử nghiệm",
                .commune_id = commune,
                .group_code = std::move(group),
                .year_recognised = 2024,
                .demo = true};
    }

    auth::testing::TestDatabase db_;
    std::int64_t site_id_ = 0;
    std::int64_t xuan_sinh_ = 0, xuan_tin_ = 0, bac_luong_ = 0;
    model::User approver_{.login = "duyet", .role = model::Role::Approver};
    model::User editor_{.login = "bientap", .role = model::Role::Editor};
};

TEST_F(OcopServiceTest, ProductsAreListedByStarsThenInVietnameseOrderAndFiltered) {
    OcopService service{db_.get(), site_id_};
    Recorder recorder;
    service.set_change_listener(&recorder);
    for (auto input : {product("Mật ong rừng", 4, "thuc-pham", xuan_tin_), product("Đệm cói", 3, "thu-cong-my-nghe", bac_luong_),
                       product("Bánh gai", 4, "thuc-pham", xuan_sinh_), product("Chè xanh", 5, "do-uong", std::nullopt)}) {
        auto made = service.create(input, approver_, "127.0.0.1");
        ASSERT_TRUE(made) << made.error().detail;
    }
    EXPECT_EQ(recorder.tags, std::vector<std::string>(4, ocop_tag(site_id_))) << "each change drops the OCOP pages";
    auto names = [](const std::vector<model::OcopProduct>& products) {
        std::vector<std::string> out;
        for (const auto& p : products) out.push_back(p.name);
        return out;
    };
    auto all = service.list();
    ASSERT_TRUE(all);
    EXPECT_EQ(names(*all), (std::vector<std::string>{"Chè xanh", "Bánh gai", "Mật ong rừng", "Đệm cói"}));
    EXPECT_EQ(names(*service.list({.stars = 4})), (std::vector<std::string>{"Bánh gai", "Mật ong rừng"}));
    EXPECT_EQ(names(*service.list({.group_code = "thu-cong-my-nghe"})), (std::vector<std::string>{"Đệm cói"}));
    // The products of Xuân Tín, merged into Xuân Sinh, are Xuân Sinh's too.
    EXPECT_EQ(names(*service.list({.commune_id = xuan_sinh_})), (std::vector<std::string>{"Bánh gai", "Mật ong rừng"}));
    EXPECT_EQ(names(*service.list({.commune_id = xuan_tin_})), (std::vector<std::string>{"Mật ong rừng"}));
    // Within a star rank, Vietnamese order: "Đ" comes after "D" and before "E", not after "Z" as in bytes.
    ASSERT_TRUE(service.create(product("Mắm tôm", 3, "thuc-pham", bac_luong_), approver_, ""));
    EXPECT_EQ(names(*service.list({.stars = 3})), (std::vector<std::string>{"Đệm cói", "Mắm tôm"}));
    auto honey = service.find_by_slug("mat-ong-rung");
    ASSERT_TRUE(honey && *honey);
    EXPECT_EQ((*honey)->commune_name, "Xã Xuân Tín");
    EXPECT_TRUE((*honey)->demo);
}

TEST_F(OcopServiceTest, EditsAreAuditedAndOnlyApproversKeepTheCatalogue) {
    OcopService service{db_.get(), site_id_};
    auto made = service.create(product("Nước mắm", 3, "thuc-pham", bac_luong_), approver_, "10.0.0.5");
    ASSERT_TRUE(made) << made.error().detail;
    auto input = product("Nước mắm", 4, "thuc-pham", bac_luong_);
    auto updated = service.update(made->id, input, approver_, "10.0.0.5");
    ASSERT_TRUE(updated) << updated.error().detail;
    EXPECT_EQ(service.find(made->id).value()->stars, 4);
    auto log = audit::list(db_.get(), {});
    ASSERT_TRUE(log);
    ASSERT_GE(log->entries.size(), 2u);
    EXPECT_EQ(log->entries[0].action, "ocop.update");
    EXPECT_NE(log->entries[0].detail.find("3 sao"), std::string::npos);
    EXPECT_NE(log->entries[0].detail.find("4 sao"), std::string::npos);
    EXPECT_EQ(log->entries[1].action, "ocop.create");
    EXPECT_EQ(service.create(product("Khác", 3, "thuc-pham", std::nullopt), editor_, "").error().code,
              core::Errc::Forbidden);
    EXPECT_EQ(service.update(made->id, input, editor_, "").error().code, core::Errc::Forbidden);
    EXPECT_EQ(service.update(9999, input, approver_, "").error().code, core::Errc::NotFound);
}

TEST_F(OcopServiceTest, BadProductsAreRefusedNamingTheField) {
    OcopService service{db_.get(), site_id_};
    auto refuse = [&](auto change) {
        auto input = product("Sản phẩm", 3, "thuc-pham", std::nullopt);
        change(input);
        auto made = service.create(input, approver_, "");
        EXPECT_FALSE(made);
        return made ? std::string() : made.error().field;
    };
    EXPECT_EQ(refuse([](auto& i) { i.stars = 2; }), "stars");
    EXPECT_EQ(refuse([](auto& i) { i.stars = 6; }), "stars");
    EXPECT_EQ(refuse([](auto& i) { i.group_code = "xe-may"; }), "group");
    EXPECT_EQ(refuse([](auto& i) { i.year_recognised = 2017; }), "year_recognised");
    EXPECT_EQ(refuse([](auto& i) { i.name = ""; }), "name");
    EXPECT_EQ(refuse([](auto& i) { i.producer = std::string(300, 'a'); }), "producer");
    EXPECT_EQ(refuse([](auto& i) { i.commune_id = 9999; }), "commune_id");
    EXPECT_EQ(refuse([](auto& i) { i.media_ids = {12345}; }), "media");
    EXPECT_EQ(refuse([](auto& i) { i.media_ids = {1, 1}; }), "media");
    ASSERT_TRUE(service.create(product("Gạo", 3, "thuc-pham", std::nullopt), approver_, ""));
    EXPECT_EQ(service.create(product("Gạo", 4, "thuc-pham", std::nullopt), approver_, "").error().code,
              core::Errc::Conflict);
    EXPECT_TRUE(service.list()->size() == 1) << "nothing half-written";
}

}  // namespace
}  // namespace cong::targets
