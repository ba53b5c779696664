// NtmService: New Rural Development criteria — versioned sets of numbered criteria, the communes assessed
// against them (merged communes keep their records), each commune's standing and the roll-up over communes.
#pragma once

#include "core/result.hpp"
#include "model/ntm.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cong::targets {

constexpr std::size_t MAX_CRITERIA_PER_SET = 100;
constexpr std::size_t MAX_EVIDENCE_CHARS = 1000;
// QĐ 318/QĐ-TTg has 7 regions and QĐ 51/2025/QĐ-TTg 3 commune groups; 20 leaves room for a province's own split.
constexpr std::size_t MAX_ZONES_PER_SET = 20;
// QĐ 51/2025/QĐ-TTg has 47 indicators; the old commune set has a few more.
constexpr std::size_t MAX_INDICATORS_PER_SET = 300;
constexpr double MAX_THRESHOLD = 1e12;

// A region or commune group of a set: "bac-trung-bo" / "Bắc Trung Bộ", "nhom-2" / "Nhóm 2".
struct ZoneInput {
    std::string code;
    std::string name;
};

// A threshold for one zone, named by its code; an empty code: for every zone without its own value.
struct ThresholdInput {
    std::string zone_code;
    double value = 0;
};

// An indicator of the criterion numbered criterion_number; code "2.1" starts with that number.
struct IndicatorInput {
    int criterion_number = 0;
    std::string code;
    std::string name;
    std::string unit;
    model::IndicatorKind kind = model::IndicatorKind::YesNo;
    std::vector<ThresholdInput> thresholds;  // may be empty: the decision's figure is not on record
};

struct CriterionInput {
    int number = 0;
    std::string name;
    std::string group_name;
};

struct CriteriaSetInput {
    std::string title;
    std::string slug;  // empty: derived from the title
    std::string decision_ref;
    std::string level;
    int first_year = 0;
    int last_year = 0;
    std::vector<CriterionInput> criteria;  // numbered 1…n, each number once
    model::NtmUnitLevel unit_level = model::NtmUnitLevel::Commune;
    model::NtmRank rank = model::NtmRank::Standard;
    model::NtmZoneKind zone_kind = model::NtmZoneKind::None;
    std::vector<ZoneInput> zones;  // required when zone_kind is not None, refused otherwise
    std::vector<IndicatorInput> indicators;
};

struct CommuneInput {
    std::string name;
    std::optional<std::int64_t> merged_into;  // the commune it became in a reorganisation
    model::NtmUnitLevel unit_level = model::NtmUnitLevel::Commune;
};

struct AssessmentInput {
    std::int64_t commune_id = 0;
    int criterion_number = 0;
    bool met = false;
    std::string assessed_on;  // "YYYY-MM-DD"
    std::string evidence;
};

// A finding for one indicator: a figure judged against the commune's own threshold, or a yes/no finding.
struct IndicatorAssessmentInput {
    std::int64_t commune_id = 0;
    std::string indicator_code;  // "2.1"
    std::optional<double> value;
    std::optional<bool> met;  // for yes/no indicators, or where no threshold is on record
    std::string assessed_on;  // "YYYY-MM-DD"
    std::string evidence;
};

// One indicator as it stands in one commune.
struct IndicatorStatus {
    std::optional<double> threshold;  // the commune's own; none: not on record (shown as "—")
    std::optional<model::IndicatorAssessment> assessment;
    std::optional<bool> met;  // none: not assessed, or a figure with no threshold to judge it by
};

struct CommuneStanding {
    model::Commune commune;
    std::optional<model::NtmZone> zone;       // its region or commune group in this set
    std::vector<IndicatorStatus> indicators;  // one per SetStanding::indicators
    std::vector<std::optional<model::CriterionAssessment>> statuses;  // one per criterion, in number order
    int met = 0;
    bool eligible = false;                // every criterion met: may be proposed for recognition
    std::vector<CommuneStanding> former;  // communes merged into this one, with their own records
};

struct SetStanding {
    model::CriteriaSet set;
    std::vector<model::Criterion> criteria;
    std::vector<model::NtmZone> zones;
    std::vector<model::Indicator> indicators;  // by criterion number, then position
    std::vector<model::IndicatorThreshold> thresholds;
    std::vector<CommuneStanding> communes;  // current communes in Vietnamese alphabetical order
    int eligible = 0;
    std::vector<int> met_by_criterion;  // how many current communes meet each criterion
    std::string summary;                // "có 03/12 xã đạt đủ 19/19 tiêu chí"
};

// The threshold of an indicator in a zone: the zone's own value, else the value for every zone, else none.
std::optional<double> threshold_for(const std::vector<model::IndicatorThreshold>& thresholds,
                                    std::int64_t indicator_id, std::optional<std::int64_t> zone_id);

// Whether a finding meets an indicator: a figure against the threshold (at least / at most), a yes/no finding
// as given; none when there is a figure but no threshold and no finding.
std::optional<bool> judge_indicator(model::IndicatorKind kind, std::optional<double> threshold,
                                    const model::IndicatorAssessment& assessment);

// "xã" or "huyện": what the units of a set are called in sentences.
std::string_view unit_noun(model::NtmUnitLevel level);

class NtmService {
public:
    NtmService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}

    // Approvers and administrators define sets and communes; any editor records assessments.
    // Every write is recorded in the audit log, in its own transaction, with the client's address ip.
    core::Result<model::CriteriaSet> create_set(const CriteriaSetInput& input, const model::User& user,
                                                const std::string& ip = {});
    core::Result<std::vector<model::CriteriaSet>> list_sets();
    core::Result<std::optional<model::CriteriaSet>> find_set_by_slug(std::string_view slug);
    core::Result<model::Commune> add_commune(const CommuneInput& input, const model::User& user,
                                             const std::string& ip = {});
    // NotFound for an unknown set, commune or criterion number; InvalidInput for a malformed date.
    core::Result<model::CriterionAssessment> record_assessment(std::int64_t set_id, const AssessmentInput& input,
                                                               const model::User& user, const std::string& ip = {});
    // Puts a commune in a region or commune group of the set: its thresholds follow from it.
    core::Result<void> set_commune_zone(std::int64_t set_id, std::int64_t commune_id, std::string_view zone_code,
                                        const model::User& user, const std::string& ip = {});
    // NotFound for an unknown set, commune or indicator code; InvalidInput for a malformed date or figure, or a
    // finding with neither a figure nor a yes/no.
    core::Result<model::IndicatorAssessment> record_indicator_assessment(std::int64_t set_id,
                                                                         const IndicatorAssessmentInput& input,
                                                                         const model::User& user,
                                                                         const std::string& ip = {});
    // Every current unit of the set's level with each criterion's status — from its indicators, judged against
    // the unit's own thresholds, unless a newer finding was made for the whole criterion — and the roll-up.
    core::Result<SetStanding> standing(std::int64_t set_id);
    // Every commune (and district) of the site, former ones included, in Vietnamese alphabetical order.
    core::Result<std::vector<model::Commune>> list_communes();

private:
    storage::Database& db_;
    std::int64_t site_id_;
};

// Orders names as Vietnamese readers expect (ICU collation for "vi": "Xuân Bái" before "Xuân Lập" before "Xuân Tín").
void sort_vietnamese(std::vector<std::string>& names);
bool vietnamese_less(const std::string& a, const std::string& b);

}  // namespace cong::targets
