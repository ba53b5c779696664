// Target test fixture: a real SQLite database with two sites and an administrator, an approver and two
// editors, for the target services' tests.
#pragma once

#include "auth/test_database.hpp"
#include "targets/target_service.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cong::targets::testing {

class TargetFixture : public ::testing::Test {
protected:
    void SetUp() override {
        auto made = db_.get().write([&](storage::Tx& tx) -> core::Result<void> {
            model::Site site;
            site.name = "Cổng thông tin điện tử huyện Thọ Xuân";
            CONG_TRY(site_id, tx.sites().insert_site(site));
            site_id_ = site_id;
            model::Site other;
            other.name = "Xã khác";
            other.host = "xa-khac.example";
            CONG_TRY(other_id, tx.sites().insert_site(other));
            other_site_id_ = other_id;
            for (auto* user : {&admin_, &approver_, &editor_, &other_editor_}) {
                user->created_at = core::now();
                user->password_hash = "x";
                CONG_TRY(id, tx.users().insert_user(*user));
                user->id = id;
            }
            return {};
        });
        ASSERT_TRUE(made) << made.error().detail;
    }

    model::TargetPlan plan(TargetService& service, int year = 2024) {
        auto created = service.create_plan(
            {.title = "Nghị quyết số 09-NQ/HU về phương hướng, mục tiêu, nhiệm vụ năm " + std::to_string(year),
             .year = year},
            approver_);
        EXPECT_TRUE(created) << created.error().detail;
        return *created;
    }

    auth::testing::TestDatabase db_;
    std::int64_t site_id_ = 0;
    std::int64_t other_site_id_ = 0;
    model::User admin_{.login = "quantri", .display_name = "Quản trị", .role = model::Role::Admin};
    model::User approver_{.login = "duyet", .display_name = "Nguyễn Văn Duyệt", .role = model::Role::Approver};
    model::User editor_{.login = "taichinh", .display_name = "Lê Thơ", .role = model::Role::Editor};
    model::User other_editor_{.login = "vanhoa", .display_name = "Hồng Tăng", .role = model::Role::Editor};
};

}  // namespace cong::targets::testing
