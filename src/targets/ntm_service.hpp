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
};

struct CommuneInput {
    std::string name;
    std::optional<std::int64_t> merged_into;  // the commune it became in a reorganisation
};

struct AssessmentInput {
    std::int64_t commune_id = 0;
    int criterion_number = 0;
    bool met = false;
    std::string assessed_on;  // "YYYY-MM-DD"
    std::string evidence;
};

struct CommuneStanding {
    model::Commune commune;
    std::vector<std::optional<model::CriterionAssessment>> statuses;  // one per criterion, in number order
    int met = 0;
    bool eligible = false;                // every criterion met: may be proposed for recognition
    std::vector<CommuneStanding> former;  // communes merged into this one, with their own records
};

struct SetStanding {
    model::CriteriaSet set;
    std::vector<model::Criterion> criteria;
    std::vector<CommuneStanding> communes;  // current communes in Vietnamese alphabetical order
    int eligible = 0;
    std::vector<int> met_by_criterion;  // how many current communes meet each criterion
    std::string summary;                // "có 03/12 xã đạt đủ 19/19 tiêu chí"
};

class NtmService {
public:
    NtmService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}

    // Approvers and administrators define sets and communes; any editor records assessments.
    core::Result<model::CriteriaSet> create_set(const CriteriaSetInput& input, const model::User& user);
    core::Result<std::vector<model::CriteriaSet>> list_sets();
    core::Result<std::optional<model::CriteriaSet>> find_set_by_slug(std::string_view slug);
    core::Result<model::Commune> add_commune(const CommuneInput& input, const model::User& user);
    // NotFound for an unknown set, commune or criterion number; InvalidInput for a malformed date.
    core::Result<model::CriterionAssessment> record_assessment(std::int64_t set_id, const AssessmentInput& input,
                                                               const model::User& user);
    core::Result<SetStanding> standing(std::int64_t set_id);

private:
    storage::Database& db_;
    std::int64_t site_id_;
};

// Orders names as Vietnamese readers expect (ICU collation for "vi": "Xuân Bái" before "Xuân Lập" before "Xuân Tín").
void sort_vietnamese(std::vector<std::string>& names);
bool vietnamese_less(const std::string& a, const std::string& b);

}  // namespace cong::targets
