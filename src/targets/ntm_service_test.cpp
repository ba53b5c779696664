#include "targets/ntm_service.hpp"

#include "audit/audit_log.hpp"

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

TEST_F(NtmServiceTest, EveryChangeIsInTheAuditLogWithWhoAndFromWhere) {
    NtmService service{db_.get(), site_id_};
    auto set = set_318(service);
    auto xa = commune(service, "Xã Xuân Tín");
    ASSERT_TRUE(service.record_assessment(
        set.id, {.commune_id = xa, .criterion_number = 2, .met = true, .assessed_on = "2024-03-31"}, editor_,
        "10.0.0.7"));
    auto log = audit::list(db_.get(), {});
    ASSERT_TRUE(log);
    ASSERT_EQ(log->entries.size(), 3u);
    EXPECT_EQ(log->entries[0].action, "ntm.assessment.record");
    EXPECT_EQ(log->entries[0].login, "bientap");
    EXPECT_EQ(log->entries[0].ip, "10.0.0.7");
    EXPECT_EQ(log->entries[0].detail, "Xã Xuân Tín, tiêu chí 2: đạt ngày 2024-03-31");
    EXPECT_EQ(log->entries[1].action, "ntm.commune.create");
    EXPECT_EQ(log->entries[2].action, "ntm.set.create");
    EXPECT_NE(log->entries[2].detail.find("19 tiêu chí"), std::string::npos);
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

// A set shaped like QĐ 318/QĐ-TTg's: thresholds by region. The figures here are test values, not the decision's.
CriteriaSetInput regional_set() {
    CriteriaSetInput input{.title = "Bộ tiêu chí thử theo vùng",
                           .level = "Xã nông thôn mới",
                           .first_year = 2021,
                           .last_year = 2025,
                           .criteria = {{1, "Quy hoạch", ""}, {10, "Thu nhập", ""}},
                           .zone_kind = model::NtmZoneKind::Region,
                           .zones = {{"bac-trung-bo", "Bắc Trung Bộ"}, {"mien-nui-phia-bac", "Trung du và miền núi phía Bắc"}}};
    input.indicators = {
        {.criterion_number = 1, .code = "1.1", .name = "Có quy hoạch chung xây dựng xã", .kind = model::IndicatorKind::YesNo},
        {.criterion_number = 10,
         .code = "10.1",
         .name = "Thu nhập bình quân đầu người",
         .unit = "triệu đồng/người/năm",
         .kind = model::IndicatorKind::AtLeast,
         .thresholds = {{"bac-trung-bo", 50}, {"mien-nui-phia-bac", 40}}},
        {.criterion_number = 10,
         .code = "10.2",
         .name = "Chỉ tiêu không có ngưỡng trong hồ sơ",
         .unit = "%",
         .kind = model::IndicatorKind::AtMost},
    };
    return input;
}

TEST_F(NtmServiceTest, ThresholdsByRegionDecideWhetherTheSameFigureIsMet) {
    NtmService service{db_.get(), site_id_};
    auto set = service.create_set(regional_set(), approver_);
    ASSERT_TRUE(set) << set.error().detail;
    auto lowland = commune(service, "Xã Xuân Lập");
    auto upland = commune(service, "Xã Bát Mọt");
    ASSERT_TRUE(service.set_commune_zone(set->id, lowland, "bac-trung-bo", approver_));
    ASSERT_TRUE(service.set_commune_zone(set->id, upland, "mien-nui-phia-bac", approver_));
    for (auto id : {lowland, upland}) {
        ASSERT_TRUE(service.record_indicator_assessment(
            set->id, {.commune_id = id, .indicator_code = "10.1", .value = 45, .assessed_on = "2024-12-31"}, editor_));
    }
    auto standing = service.standing(set->id);
    ASSERT_TRUE(standing) << standing.error().detail;
    ASSERT_EQ(standing->communes.size(), 2u);
    const auto& bat_mot = standing->communes[0];
    const auto& xuan_lap = standing->communes[1];
    ASSERT_EQ(bat_mot.commune.name, "Xã Bát Mọt");
    ASSERT_TRUE(bat_mot.zone);
    EXPECT_EQ(bat_mot.zone->name, "Trung du và miền núi phía Bắc");
    EXPECT_EQ(bat_mot.indicators[1].threshold, 40.0);
    EXPECT_EQ(bat_mot.indicators[1].met, true) << "45 ≥ 40 in the northern mountains";
    EXPECT_EQ(xuan_lap.indicators[1].threshold, 50.0);
    EXPECT_EQ(xuan_lap.indicators[1].met, false) << "45 < 50 in Bắc Trung Bộ";
    EXPECT_FALSE(bat_mot.indicators[2].threshold) << "a threshold not on record stays unset";
    // Criterion 10 is not met anywhere yet: 10.2 is still open in Bát Mọt, 10.1 failed in Xuân Lập.
    EXPECT_FALSE(bat_mot.statuses[1]);
    ASSERT_TRUE(xuan_lap.statuses[1]);
    EXPECT_FALSE(xuan_lap.statuses[1]->met);
}

TEST_F(NtmServiceTest, ACriterionIsMetWhenEveryIndicatorIsAndTheCommuneBecomesEligible) {
    NtmService service{db_.get(), site_id_};
    auto set = service.create_set(regional_set(), approver_);
    ASSERT_TRUE(set) << set.error().detail;
    auto xa = commune(service, "Xã Bát Mọt");
    ASSERT_TRUE(service.set_commune_zone(set->id, xa, "mien-nui-phia-bac", approver_));
    auto record = [&](std::string code, std::optional<double> value, std::optional<bool> met) {
        auto done = service.record_indicator_assessment(
            set->id, {.commune_id = xa, .indicator_code = code, .value = value, .met = met, .assessed_on = "2024-12-31"},
            editor_);
        ASSERT_TRUE(done) << done.error().detail;
    };
    record("1.1", std::nullopt, true);
    record("10.1", 41.5, std::nullopt);
    // No threshold on record for 10.2: a figure alone decides nothing, the commission's finding does.
    record("10.2", 3, std::nullopt);
    auto before = service.standing(set->id);
    EXPECT_FALSE(before->communes[0].indicators[2].met);
    EXPECT_FALSE(before->communes[0].eligible);
    record("10.2", 3, true);
    auto after = service.standing(set->id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->communes[0].met, 2);
    EXPECT_TRUE(after->communes[0].eligible);
    EXPECT_EQ(after->summary, "có 01/01 xã đạt đủ 2/2 tiêu chí");
    // A newer finding for the whole criterion counts over its indicators.
    ASSERT_TRUE(service.record_assessment(
        set->id, {.commune_id = xa, .criterion_number = 10, .met = false, .assessed_on = "2025-06-30"}, editor_));
    EXPECT_FALSE(service.standing(set->id)->communes[0].eligible);
}

TEST_F(NtmServiceTest, LevelsAndTheDistrictLevelAreKeptApart) {
    NtmService service{db_.get(), site_id_};
    CriteriaSetInput district{.title = "Bộ tiêu chí huyện nông thôn mới giai đoạn 2021–2025",
                              .decision_ref = "Quyết định số 320/QĐ-TTg ngày 08/3/2022",
                              .first_year = 2021,
                              .last_year = 2025,
                              .criteria = {{1, "Quy hoạch", ""}},
                              .unit_level = model::NtmUnitLevel::District};
    auto set = service.create_set(district, approver_);
    ASSERT_TRUE(set) << set.error().detail;
    auto advanced = service.create_set({.title = "Xã nông thôn mới nâng cao",
                                        .first_year = 2021,
                                        .last_year = 2025,
                                        .criteria = {{1, "Quy hoạch", ""}},
                                        .rank = model::NtmRank::Advanced},
                                       approver_);
    ASSERT_TRUE(advanced);
    commune(service, "Xã Xuân Lập");
    auto huyen = service.add_commune({.name = "Huyện Thọ Xuân", .unit_level = model::NtmUnitLevel::District}, approver_);
    ASSERT_TRUE(huyen) << huyen.error().detail;
    ASSERT_TRUE(service.record_assessment(set->id, {.commune_id = huyen->id, .criterion_number = 1, .met = true,
                                                    .assessed_on = "2025-01-15"},
                                          editor_));
    auto standing = service.standing(set->id);
    ASSERT_TRUE(standing);
    ASSERT_EQ(standing->communes.size(), 1u) << "a district set assesses districts only";
    EXPECT_EQ(standing->communes[0].commune.name, "Huyện Thọ Xuân");
    EXPECT_EQ(standing->summary, "có 01/01 huyện đạt đủ 1/1 tiêu chí");
    auto sets = service.list_sets();
    ASSERT_TRUE(sets);
    bool found = false;
    for (const auto& s : *sets)
        if (s.id == advanced->id) {
            found = true;
            EXPECT_EQ(s.rank, model::NtmRank::Advanced);
            EXPECT_EQ(model::rank_label(s.rank), "Nông thôn mới nâng cao");
        }
    EXPECT_TRUE(found);
    EXPECT_EQ(service.standing(advanced->id)->communes.size(), 1u) << "the commune set lists the commune";
    auto merged_across = service.add_commune({.name = "Xã cũ", .merged_into = huyen->id}, approver_);
    EXPECT_FALSE(merged_across) << "a commune cannot merge into a district";
}

TEST_F(NtmServiceTest, IndicatorsAndThresholdsThatDoNotFitTheSetAreRefused) {
    NtmService service{db_.get(), site_id_};
    auto with = [&](auto change) {
        auto input = regional_set();
        change(input);
        return service.create_set(input, approver_);
    };
    EXPECT_EQ(with([](auto& i) { i.indicators[1].code = "9.1"; }).error().field, "indicators");
    EXPECT_EQ(with([](auto& i) { i.indicators[1].thresholds[0].zone_code = "tay-nguyen"; }).error().field,
              "indicators");
    EXPECT_EQ(with([](auto& i) { i.indicators[0].thresholds = {{"", 1}}; }).error().field, "indicators");
    EXPECT_EQ(with([](auto& i) { i.indicators[1].thresholds[1].value = -1; }).error().field, "indicators");
    EXPECT_EQ(with([](auto& i) { i.zones.clear(); }).error().field, "zones");
    EXPECT_EQ(with([](auto& i) { i.indicators[2].criterion_number = 7; }).error().field, "indicators");
    auto set = service.create_set(regional_set(), approver_);
    ASSERT_TRUE(set);
    auto xa = commune(service, "Xã Thọ Lập");
    EXPECT_EQ(service.set_commune_zone(set->id, xa, "tay-nguyen", approver_).error().field, "zone");
    EXPECT_EQ(service.set_commune_zone(set->id, xa, "bac-trung-bo", editor_).error().code, core::Errc::Forbidden);
    auto record = [&](IndicatorAssessmentInput input) {
        return service.record_indicator_assessment(set->id, input, editor_);
    };
    EXPECT_EQ(record({.commune_id = xa, .indicator_code = "10.1", .assessed_on = "2024-12-31"}).error().field, "value");
    EXPECT_EQ(record({.commune_id = xa, .indicator_code = "10.9", .value = 1, .assessed_on = "2024-12-31"}).error().code,
              core::Errc::NotFound);
    EXPECT_EQ(record({.commune_id = xa, .indicator_code = "10.1", .value = -3, .assessed_on = "2024-12-31"})
                  .error()
                  .field,
              "value");
}

TEST(NtmThresholds, AZonesOwnValueWinsOverTheValueForEveryZone) {
    std::vector<model::IndicatorThreshold> thresholds{{.indicator_id = 1, .value = 70},
                                                      {.indicator_id = 1, .zone_id = 5, .value = 60}};
    EXPECT_EQ(threshold_for(thresholds, 1, 5), 60.0);
    EXPECT_EQ(threshold_for(thresholds, 1, 6), 70.0);
    EXPECT_EQ(threshold_for(thresholds, 1, std::nullopt), 70.0);
    EXPECT_FALSE(threshold_for(thresholds, 2, 5));
    model::IndicatorAssessment a{.value = 1.5};
    EXPECT_EQ(judge_indicator(model::IndicatorKind::AtMost, 1.5, a), true) << "exactly at the threshold is met";
    EXPECT_EQ(judge_indicator(model::IndicatorKind::AtLeast, 1.6, a), false);
    EXPECT_EQ(judge_indicator(model::IndicatorKind::AtLeast, std::nullopt, a), std::nullopt);
}

}  // namespace
}  // namespace cong::targets
