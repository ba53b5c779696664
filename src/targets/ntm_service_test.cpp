#include "targets/ntm_service.hpp"

#include "auth/test_database.hpp"

#include <gtest/gtest.h>

namespace cong::targets {
namespace {

// The 19 commune criteria of Quyết định 318/QĐ-TTg (2022), for the 2021–2025 period.
const char* const CRITERIA_318[] = {"Quy hoạch",
                                    "Giao thông",
                                    "Thủy lợi và phòng, chống thiên tai",
                                    "Điện",
                                    "Trường học",
                                    "Cơ sở vật chất văn hóa",
                                    "Cơ sở hạ tầng thương mại nông thôn",
                                    "Thông tin và Truyền thông",
                                    "Nhà ở dân cư",
                                    "Thu nhập",
                                    "Nghèo đa chiều",
                                    "Lao động",
                                    "Tổ chức sản xuất và phát triển kinh tế nông thôn",
                                    "Giáo dục và Đào tạo",
                                    "Y tế",
                                    "Văn hóa",
                                    "Môi trường và an toàn thực phẩm",
                                    "Hệ thống chính trị và tiếp cận pháp luật",
                                    "Quốc phòng và An ninh"};

class NtmServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto made = db_.get().write([&](storage::Tx& tx) -> core::Result<void> {
            CONG_TRY(site_id, tx.sites().insert_site(model::Site{.name = "Huyện Thọ Xuân"}));
            site_id_ = site_id;
            for (auto* user : {&approver_, &editor_}) {
                user->password_hash = "x";
                CONG_TRY(id, tx.users().insert_user(*user));
                user->id = id;
            }
            return {};
        });
        ASSERT_TRUE(made) << made.error().detail;
    }

    model::CriteriaSet set_318(NtmService& service) {
        CriteriaSetInput input{.title = "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025",
                               .decision_ref = "Quyết định số 318/QĐ-TTg ngày 08/3/2022",
                               .level = "Xã nông thôn mới",
                               .first_year = 2021,
                               .last_year = 2025};
        int number = 1;
        for (const char* name : CRITERIA_318) input.criteria.push_back({number++, name, ""});
        auto set = service.create_set(input, approver_);
        EXPECT_TRUE(set) << set.error().detail;
        return *set;
    }

    std::int64_t commune(NtmService& service, const std::string& name, std::optional<std::int64_t> merged = {}) {
        auto made = service.add_commune({.name = name, .merged_into = merged}, approver_);
        EXPECT_TRUE(made) << made.error().detail;
        return made->id;
    }

    void meet(NtmService& service, std::int64_t set_id, std::int64_t commune_id, int from, int to, bool met = true) {
        for (int n = from; n <= to; ++n)
            ASSERT_TRUE(service.record_assessment(
                set_id, {.commune_id = commune_id, .criterion_number = n, .met = met, .assessed_on = "2024-03-31"},
                editor_));
    }

    auth::testing::TestDatabase db_;
    std::int64_t site_id_ = 0;
    model::User approver_{.login = "duyet", .role = model::Role::Approver};
    model::User editor_{.login = "bientap", .role = model::Role::Editor};
};

TEST_F(NtmServiceTest, ACommuneMeetingAllNineteenCriteriaIsEligibleForRecognition) {
    NtmService service{db_.get(), site_id_};
    auto set = set_318(service);
    auto xuan_lap = commune(service, "Xã Xuân Lập");
    auto bac_luong = commune(service, "Xã Bắc Lương");
    meet(service, set.id, xuan_lap, 1, 19);
    meet(service, set.id, bac_luong, 1, 17);
    meet(service, set.id, bac_luong, 18, 18, false);
    auto standing = service.standing(set.id);
    ASSERT_TRUE(standing) << standing.error().detail;
    ASSERT_EQ(standing->communes.size(), 2u);
    EXPECT_EQ(standing->communes[0].commune.name, "Xã Bắc Lương");
    EXPECT_EQ(standing->communes[0].met, 17);
    EXPECT_FALSE(standing->communes[0].eligible);
    EXPECT_FALSE(standing->communes[0].statuses[18]) << "criterion 19 not assessed yet";
    EXPECT_TRUE(standing->communes[1].eligible);
    EXPECT_EQ(standing->eligible, 1);
    EXPECT_EQ(standing->met_by_criterion[0], 2);
    EXPECT_EQ(standing->met_by_criterion[17], 1);
    EXPECT_EQ(standing->summary, "có 01/02 xã đạt đủ 19/19 tiêu chí");
}

TEST_F(NtmServiceTest, TheNewestAssessmentIsTheCurrentStatus) {
    NtmService service{db_.get(), site_id_};
    auto set = set_318(service);
    auto xa = commune(service, "Xã Xuân Tín");
    meet(service, set.id, xa, 1, 19);
    meet(service, set.id, xa, 10, 10, false);  // income fell below the threshold on reassessment
    auto standing = service.standing(set.id);
    EXPECT_EQ(standing->communes[0].met, 18);
    EXPECT_EQ(standing->eligible, 0);
}

TEST_F(NtmServiceTest, MergedCommunesKeepTheirRecordsUnderTheCommuneTheyBecame) {
    NtmService service{db_.get(), site_id_};
    auto set = set_318(service);
    auto merged = commune(service, "Xã Xuân Sinh");
    auto former_a = commune(service, "Xã Xuân Quang", merged);
    auto former_b = commune(service, "Xã Bắc Lương cũ", merged);
    meet(service, set.id, former_a, 1, 19);
    meet(service, set.id, former_b, 1, 5);
    auto standing = service.standing(set.id);
    ASSERT_EQ(standing->communes.size(), 1u) << "only current communes are counted";
    const auto& current = standing->communes[0];
    EXPECT_EQ(current.commune.name, "Xã Xuân Sinh");
    EXPECT_EQ(current.met, 0) << "the new commune is assessed on its own";
    ASSERT_EQ(current.former.size(), 2u);
    EXPECT_EQ(current.former[0].commune.name, "Xã Bắc Lương cũ");
    EXPECT_EQ(current.former[0].met, 5);
    EXPECT_TRUE(current.former[1].eligible);
    EXPECT_EQ(standing->eligible, 0);
    auto chained = service.add_commune({.name = "Xã khác", .merged_into = former_a}, approver_);
    ASSERT_FALSE(chained);
    EXPECT_EQ(chained.error().field, "merged_into");
}

TEST_F(NtmServiceTest, CommunesSortInVietnameseAlphabeticalOrder) {
    std::vector<std::string> names{"Xã Xuân Lập",  "Xã Đông Sơn",  "Xã Ân Hòa",
                                   "Xã Bắc Lương", "Xã Dân Quyền", "Xã An Lộc"};
    sort_vietnamese(names);
    EXPECT_EQ(names, (std::vector<std::string>{"Xã An Lộc", "Xã Ân Hòa", "Xã Bắc Lương", "Xã Dân Quyền", "Xã Đông Sơn",
                                               "Xã Xuân Lập"}));
}

TEST_F(NtmServiceTest, BadAssessmentsAndSetsAreRefused) {
    NtmService service{db_.get(), site_id_};
    auto set = set_318(service);
    auto xa = commune(service, "Xã Thọ Lập");
    auto assess = [&](AssessmentInput input) { return service.record_assessment(set.id, input, editor_); };
    EXPECT_EQ(assess({.commune_id = xa, .criterion_number = 1, .assessed_on = "2024-02-30"}).error().field,
              "assessed_on");
    EXPECT_EQ(assess({.commune_id = xa, .criterion_number = 1, .assessed_on = "31/03/2024"}).error().field,
              "assessed_on");
    EXPECT_EQ(assess({.commune_id = xa, .criterion_number = 20, .assessed_on = "2024-03-31"}).error().code,
              core::Errc::NotFound);
    EXPECT_EQ(assess({.commune_id = 999, .criterion_number = 1, .assessed_on = "2024-03-31"}).error().code,
              core::Errc::NotFound);
    EXPECT_EQ(
        service.record_assessment(999, {.commune_id = xa, .criterion_number = 1, .assessed_on = "2024-03-31"}, editor_)
            .error()
            .code,
        core::Errc::NotFound);
    EXPECT_EQ(
        service.create_set({.title = "A", .first_year = 2021, .last_year = 2025, .criteria = {{1, "A", ""}}}, editor_)
            .error()
            .code,
        core::Errc::Forbidden);
    EXPECT_FALSE(service.create_set(
        {.title = "B", .first_year = 2021, .last_year = 2025, .criteria = {{1, "A", ""}, {1, "B", ""}}}, approver_))
        << "numbers are unique";
    EXPECT_FALSE(service.create_set({.title = "C", .first_year = 2026, .last_year = 2025, .criteria = {{1, "A", ""}}},
                                    approver_));
    EXPECT_EQ(service.add_commune({.name = "Xã Thọ Lập"}, approver_).error().code, core::Errc::Conflict);
}

}  // namespace
}  // namespace cong::targets
