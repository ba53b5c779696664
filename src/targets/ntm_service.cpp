#include "targets/ntm_service.hpp"

#include "audit/audit_log.hpp"
#include "core/text_field.hpp"
#include "core/vietnamese.hpp"
#include "targets/csv.hpp"
#include "targets/summary.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <set>

namespace cong::targets {
namespace {

using core::Errc;
using core::Error;
using core::Result;

Result<void> require_planner(const model::User& user) {
    if (user.role == model::Role::Admin || user.role == model::Role::Approver) return {};
    return Error{Errc::Forbidden, "Chỉ người duyệt hoặc quản trị viên mới được khai báo bộ tiêu chí và xã"};
}

Result<std::string> line(std::string_view value, std::size_t max_chars, core::Required required, std::string_view field,
                         std::string_view label) {
    return core::clean_text_field(value, max_chars, required, core::LineBreaks::Refused, field, label);
}

// "2024-03-31": a real calendar date.
bool valid_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9') return false;
    auto number = [&](std::size_t at, std::size_t length) {
        int value = 0;
        for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    std::chrono::year_month_day date{std::chrono::year{number(0, 4)}, std::chrono::month(unsigned(number(5, 2))),
                                     std::chrono::day(unsigned(number(8, 2)))};
    return date.ok() && number(0, 4) >= 1990 && number(0, 4) <= 2100;
}

// ICU's collator is not thread-safe for use at once from several threads; one per thread is cheap enough.
const icu::Collator* vietnamese_collator() {
    thread_local std::unique_ptr<icu::Collator> collator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> made(icu::Collator::createInstance(icu::Locale("vi"), status));
        if (U_FAILURE(status)) made.reset();
        return made;
    }();
    return collator.get();
}

// "bac-trung-bo", "nhom-2": lowercase ASCII letters, digits and hyphens.
bool valid_zone_code(std::string_view code) {
    if (code.empty() || code.size() > 40) return false;
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

// "2.1", "17.10": numbers joined by dots, the first one the criterion's own.
bool valid_indicator_code(std::string_view code, int criterion_number) {
    if (code.empty() || code.size() > 12) return false;
    auto prefix = std::to_string(criterion_number) + ".";
    if (!code.starts_with(prefix) || code.size() == prefix.size()) return false;
    char previous = '.';
    for (char c : code.substr(prefix.size())) {
        if (c == '.' && previous == '.') return false;
        if (c != '.' && (c < '0' || c > '9')) return false;
        previous = c;
    }
    return previous != '.';
}

bool finite_figure(double value) { return std::isfinite(value) && value >= 0 && value <= MAX_THRESHOLD; }

}  // namespace

std::optional<double> threshold_for(const std::vector<model::IndicatorThreshold>& thresholds,
                                    std::int64_t indicator_id, std::optional<std::int64_t> zone_id) {
    std::optional<double> every_zone;
    for (const auto& t : thresholds) {
        if (t.indicator_id != indicator_id) continue;
        if (!t.zone_id) every_zone = t.value;
        else if (zone_id && *t.zone_id == *zone_id) return t.value;
    }
    return every_zone;
}

std::optional<bool> judge_indicator(model::IndicatorKind kind, std::optional<double> threshold,
                                    const model::IndicatorAssessment& assessment) {
    if (kind != model::IndicatorKind::YesNo && assessment.value && threshold)
        return kind == model::IndicatorKind::AtLeast ? *assessment.value >= *threshold
                                                     : *assessment.value <= *threshold;
    if (assessment.met) return assessment.met;
    if (kind == model::IndicatorKind::YesNo && assessment.value) return *assessment.value >= 1.0;
    return std::nullopt;
}

std::string_view unit_noun(model::NtmUnitLevel level) {
    return level == model::NtmUnitLevel::District ? "huyện" : "xã";
}

bool vietnamese_less(const std::string& a, const std::string& b) {
    const icu::Collator* collator = vietnamese_collator();
    if (!collator) return a < b;
    UErrorCode status = U_ZERO_ERROR;
    auto order = collator->compare(icu::UnicodeString::fromUTF8(a), icu::UnicodeString::fromUTF8(b), status);
    if (U_FAILURE(status)) return a < b;
    return order == UCOL_LESS;
}

void sort_vietnamese(std::vector<std::string>& names) {
    std::stable_sort(names.begin(), names.end(), vietnamese_less);
}

Result<model::CriteriaSet> NtmService::create_set(const CriteriaSetInput& input, const model::User& user,
                                                  const std::string& ip) {
    CONG_TRY_VOID(require_planner(user));
    model::CriteriaSet set;
    CONG_TRY(title, line(input.title, 300, core::Required::Yes, "title", "Tên bộ tiêu chí"));
    CONG_TRY(decision, line(input.decision_ref, 300, core::Required::No, "decision_ref", "Văn bản ban hành"));
    CONG_TRY(level, line(input.level, 100, core::Required::No, "level", "Cấp độ"));
    if (input.first_year < 1990 || input.first_year > 2100 || input.last_year < input.first_year ||
        input.last_year > 2100)
        return Error{Errc::InvalidInput, "Giai đoạn áp dụng không hợp lệ (năm đầu ≤ năm cuối, 1990–2100)",
                     "first_year"};
    if (input.criteria.empty() || input.criteria.size() > MAX_CRITERIA_PER_SET)
        return Error{Errc::InvalidInput, "Bộ tiêu chí cần từ 1 đến 100 tiêu chí", "criteria"};
    std::vector<model::Criterion> criteria;
    std::set<int> numbers;
    for (const auto& c : input.criteria) {
        if (c.number < 1 || c.number > 100 || !numbers.insert(c.number).second)
            return Error{Errc::InvalidInput, "Số thứ tự tiêu chí phải từ 1 đến 100 và không trùng nhau", "criteria"};
        CONG_TRY(name, line(c.name, 300, core::Required::Yes, "criteria", "Tên tiêu chí"));
        CONG_TRY(group, line(c.group_name, 150, core::Required::No, "criteria", "Nhóm tiêu chí"));
        criteria.push_back(
            model::Criterion{.number = c.number, .name = std::move(name), .group_name = std::move(group)});
    }
    // Zones and indicators are checked in full before anything is written.
    if ((input.zone_kind == model::NtmZoneKind::None) != input.zones.empty())
        return Error{Errc::InvalidInput,
                     input.zones.empty() ? "Bộ tiêu chí có ngưỡng theo vùng hoặc nhóm xã cần danh sách vùng/nhóm"
                                         : "Bộ tiêu chí không phân vùng thì không khai báo vùng/nhóm xã",
                     "zones"};
    if (input.zones.size() > MAX_ZONES_PER_SET)
        return Error{Errc::InvalidInput, "Tối đa " + std::to_string(MAX_ZONES_PER_SET) + " vùng hoặc nhóm xã", "zones"};
    std::vector<model::NtmZone> zones;
    std::set<std::string> zone_codes;
    for (const auto& z : input.zones) {
        if (!valid_zone_code(z.code) || !zone_codes.insert(z.code).second)
            return Error{Errc::InvalidInput,
                         "Mã vùng/nhóm xã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, không trùng nhau", "zones"};
        CONG_TRY(zone_name, line(z.name, 150, core::Required::Yes, "zones", "Tên vùng/nhóm xã"));
        zones.push_back(model::NtmZone{.code = z.code, .name = std::move(zone_name), .position = int(zones.size())});
    }
    if (input.indicators.size() > MAX_INDICATORS_PER_SET)
        return Error{Errc::InvalidInput, "Tối đa " + std::to_string(MAX_INDICATORS_PER_SET) + " chỉ tiêu", "indicators"};
    struct PendingIndicator {
        int criterion_number;
        model::Indicator indicator;
        std::vector<ThresholdInput> thresholds;
    };
    std::vector<PendingIndicator> indicators;
    std::set<std::string> indicator_codes;
    for (const auto& i : input.indicators) {
        if (!numbers.count(i.criterion_number))
            return Error{Errc::InvalidInput,
                         "Chỉ tiêu " + i.code.substr(0, 12) + " thuộc tiêu chí số " + std::to_string(i.criterion_number) +
                             " không có trong bộ",
                         "indicators"};
        if (!valid_indicator_code(i.code, i.criterion_number) || !indicator_codes.insert(i.code).second)
            return Error{Errc::InvalidInput,
                         "Mã chỉ tiêu phải có dạng <số tiêu chí>.<số thứ tự> (ví dụ 2.1) và không trùng nhau",
                         "indicators"};
        CONG_TRY(name, line(i.name, 500, core::Required::Yes, "indicators", "Tên chỉ tiêu"));
        CONG_TRY(unit, line(i.unit, 50, core::Required::No, "indicators", "Đơn vị tính"));
        if (i.kind == model::IndicatorKind::YesNo && !i.thresholds.empty())
            return Error{Errc::InvalidInput, "Chỉ tiêu " + i.code + " là đạt/không đạt: không có ngưỡng số",
                         "indicators"};
        std::set<std::string> seen;
        for (const auto& t : i.thresholds) {
            if (!t.zone_code.empty() && !zone_codes.count(t.zone_code))
                return Error{Errc::InvalidInput, "Chỉ tiêu " + i.code + ": không có vùng/nhóm xã \"" +
                                                     t.zone_code.substr(0, 40) + "\"",
                             "indicators"};
            if (!seen.insert(t.zone_code).second)
                return Error{Errc::InvalidInput, "Chỉ tiêu " + i.code + ": mỗi vùng/nhóm xã chỉ có một ngưỡng",
                             "indicators"};
            if (!finite_figure(t.value))
                return Error{Errc::InvalidInput, "Chỉ tiêu " + i.code + ": ngưỡng phải là số không âm", "indicators"};
        }
        indicators.push_back({i.criterion_number,
                              model::Indicator{.code = i.code,
                                               .name = std::move(name),
                                               .unit = std::move(unit),
                                               .kind = i.kind,
                                               .position = int(indicators.size())},
                              i.thresholds});
    }
    set.title = std::move(title);
    set.decision_ref = std::move(decision);
    set.level = std::move(level);
    set.slug = core::slugify(input.slug.empty() ? set.title : input.slug);
    if (set.slug.empty()) return Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
    set.site_id = site_id_;
    set.first_year = input.first_year;
    set.last_year = input.last_year;
    set.unit_level = input.unit_level;
    set.rank = input.rank;
    set.zone_kind = input.zone_kind;
    set.created_at = core::now();
    return db_.write([&](storage::Tx& tx) -> Result<model::CriteriaSet> {
        CONG_TRY(existing, tx.targets().find_criteria_set_by_slug(site_id_, set.slug));
        if (existing) return Error{Errc::Conflict, "Địa chỉ bộ tiêu chí \"" + set.slug + "\" đã được dùng", "slug"};
        CONG_TRY(id, tx.targets().insert_criteria_set(set));
        set.id = id;
        std::map<int, std::int64_t> criterion_ids;
        for (auto& criterion : criteria) {
            criterion.set_id = id;
            CONG_TRY(criterion_id, tx.targets().insert_criterion(criterion));
            criterion_ids[criterion.number] = criterion_id;
        }
        std::map<std::string, std::int64_t> zone_ids;
        for (auto& zone : zones) {
            zone.set_id = id;
            CONG_TRY(zone_id, tx.targets().insert_zone(zone));
            zone_ids[zone.code] = zone_id;
        }
        for (auto& pending : indicators) {
            pending.indicator.criterion_id = criterion_ids[pending.criterion_number];
            CONG_TRY(indicator_id, tx.targets().insert_indicator(pending.indicator));
            for (const auto& t : pending.thresholds) {
                model::IndicatorThreshold threshold{.indicator_id = indicator_id, .value = t.value};
                if (!t.zone_code.empty()) threshold.zone_id = zone_ids[t.zone_code];
                CONG_TRY_VOID(tx.targets().insert_threshold(threshold));
            }
        }
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, ip),
                                    {.action = "ntm.set.create",
                                     .object_type = "criteria_set",
                                     .object_id = set.id,
                                     .site_id = site_id_,
                                     .detail = set.title + " (" + std::to_string(input.criteria.size()) + " tiêu chí)"}));
        return set;
    });
}

Result<std::vector<model::CriteriaSet>> NtmService::list_sets() {
    return db_.read([&](storage::Tx& tx) { return tx.targets().list_criteria_sets(site_id_); });
}

Result<std::optional<model::CriteriaSet>> NtmService::find_set_by_slug(std::string_view slug) {
    return db_.read([&](storage::Tx& tx) { return tx.targets().find_criteria_set_by_slug(site_id_, slug); });
}

Result<model::Commune> NtmService::add_commune(const CommuneInput& input, const model::User& user,
                                               const std::string& ip) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(name, line(input.name, 150, core::Required::Yes, "name", "Tên xã"));
    model::Commune commune{
        .site_id = site_id_, .name = std::move(name), .merged_into = input.merged_into, .unit_level = input.unit_level};
    return db_.write([&](storage::Tx& tx) -> Result<model::Commune> {
        if (commune.merged_into) {
            CONG_TRY(target, tx.targets().find_commune(*commune.merged_into));
            if (!target || target->site_id != site_id_)
                return Error{Errc::InvalidInput, "Xã được sáp nhập vào không tồn tại", "merged_into"};
            if (target->merged_into)
                return Error{Errc::InvalidInput, "Xã được sáp nhập vào cũng đã sáp nhập; chọn xã hiện nay",
                             "merged_into"};
            if (target->unit_level != commune.unit_level)
                return Error{Errc::InvalidInput, "Xã chỉ sáp nhập vào xã, huyện chỉ sáp nhập vào huyện", "merged_into"};
        }
        auto id = tx.targets().insert_commune(commune);
        if (!id && id.error().code == Errc::Conflict)
            return Error{Errc::Conflict, "Đã có xã tên \"" + commune.name + "\"", "name"};
        if (!id) return id.error();
        commune.id = *id;
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, ip),
                                    {.action = "ntm.commune.create",
                                     .object_type = "commune",
                                     .object_id = commune.id,
                                     .site_id = site_id_,
                                     .detail = commune.name}));
        return commune;
    });
}

Result<model::CriterionAssessment> NtmService::record_assessment(std::int64_t set_id, const AssessmentInput& input,
                                                                 const model::User& user, const std::string& ip) {
    if (!valid_date(input.assessed_on))
        return Error{Errc::InvalidInput, "Ngày đánh giá phải có dạng YYYY-MM-DD, ví dụ 2024-03-31", "assessed_on"};
    CONG_TRY(evidence, core::clean_text_field(input.evidence, MAX_EVIDENCE_CHARS, core::Required::No,
                                              core::LineBreaks::Allowed, "evidence", "Căn cứ"));
    return db_.write([&](storage::Tx& tx) -> Result<model::CriterionAssessment> {
        CONG_TRY(set, tx.targets().find_criteria_set(set_id));
        if (!set || set->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bộ tiêu chí"};
        CONG_TRY(commune, tx.targets().find_commune(input.commune_id));
        if (!commune || commune->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy xã", "commune_id"};
        CONG_TRY(criteria, tx.targets().list_criteria(set_id));
        auto criterion = std::find_if(criteria.begin(), criteria.end(),
                                      [&](const model::Criterion& c) { return c.number == input.criterion_number; });
        if (criterion == criteria.end())
            return Error{Errc::NotFound, "Bộ tiêu chí không có tiêu chí số " + std::to_string(input.criterion_number),
                         "criterion"};
        model::CriterionAssessment assessment{
            .commune_id = commune->id,
            .criterion_id = criterion->id,
            .met = input.met,
            .assessed_on = input.assessed_on,
            .evidence = evidence,
            .entered_by = user.id > 0 ? std::optional<std::int64_t>(user.id) : std::nullopt,
            .entered_at = core::now()};
        CONG_TRY(id, tx.targets().insert_assessment(assessment));
        assessment.id = id;
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, ip),
                                    {.action = "ntm.assessment.record",
                                     .object_type = "commune",
                                     .object_id = commune->id,
                                     .site_id = site_id_,
                                     .detail = commune->name + ", tiêu chí " + std::to_string(criterion->number) + ": " +
                                               (input.met ? "đạt" : "chưa đạt") + " ngày " + input.assessed_on}));
        return assessment;
    });
}

Result<void> NtmService::set_commune_zone(std::int64_t set_id, std::int64_t commune_id, std::string_view zone_code,
                                          const model::User& user, const std::string& ip) {
    CONG_TRY_VOID(require_planner(user));
    return db_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(set, tx.targets().find_criteria_set(set_id));
        if (!set || set->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bộ tiêu chí"};
        CONG_TRY(commune, tx.targets().find_commune(commune_id));
        if (!commune || commune->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy xã", "commune_id"};
        CONG_TRY(zones, tx.targets().list_zones(set_id));
        auto zone = std::find_if(zones.begin(), zones.end(), [&](const model::NtmZone& z) { return z.code == zone_code; });
        if (zone == zones.end())
            return Error{Errc::InvalidInput, "Bộ tiêu chí không có vùng/nhóm xã này", "zone"};
        CONG_TRY_VOID(tx.targets().set_commune_zone({.commune_id = commune_id, .set_id = set_id, .zone_id = zone->id}));
        return audit::record(tx, audit::Actor::user(user, ip),
                             {.action = "ntm.commune.zone",
                              .object_type = "commune",
                              .object_id = commune_id,
                              .site_id = site_id_,
                              .detail = commune->name + " → " + zone->code + " (" + set->title + ")"});
    });
}

Result<model::IndicatorAssessment> NtmService::record_indicator_assessment(std::int64_t set_id,
                                                                           const IndicatorAssessmentInput& input,
                                                                           const model::User& user,
                                                                           const std::string& ip) {
    if (!valid_date(input.assessed_on))
        return Error{Errc::InvalidInput, "Ngày đánh giá phải có dạng YYYY-MM-DD, ví dụ 2024-03-31", "assessed_on"};
    if (input.value && !finite_figure(*input.value))
        return Error{Errc::InvalidInput, "Số liệu phải là số không âm", "value"};
    if (!input.value && !input.met)
        return Error{Errc::InvalidInput, "Cần số liệu hoặc kết luận đạt/không đạt", "value"};
    CONG_TRY(evidence, core::clean_text_field(input.evidence, MAX_EVIDENCE_CHARS, core::Required::No,
                                              core::LineBreaks::Allowed, "evidence", "Căn cứ"));
    return db_.write([&](storage::Tx& tx) -> Result<model::IndicatorAssessment> {
        CONG_TRY(set, tx.targets().find_criteria_set(set_id));
        if (!set || set->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bộ tiêu chí"};
        CONG_TRY(commune, tx.targets().find_commune(input.commune_id));
        if (!commune || commune->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy xã", "commune_id"};
        CONG_TRY(indicators, tx.targets().list_indicators(set_id));
        auto indicator = std::find_if(indicators.begin(), indicators.end(),
                                      [&](const model::Indicator& i) { return i.code == input.indicator_code; });
        if (indicator == indicators.end())
            return Error{Errc::NotFound, "Bộ tiêu chí không có chỉ tiêu " + input.indicator_code.substr(0, 12),
                         "indicator"};
        model::IndicatorAssessment assessment{
            .commune_id = commune->id,
            .indicator_id = indicator->id,
            .value = input.value,
            .met = input.met,
            .assessed_on = input.assessed_on,
            .evidence = evidence,
            .entered_by = user.id > 0 ? std::optional<std::int64_t>(user.id) : std::nullopt,
            .entered_at = core::now()};
        CONG_TRY(id, tx.targets().insert_indicator_assessment(assessment));
        assessment.id = id;
        std::string finding = input.value ? "số liệu " + csv_number(*input.value) : std::string();
        if (input.met) finding += (finding.empty() ? "" : ", ") + std::string(*input.met ? "đạt" : "chưa đạt");
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, ip),
                                    {.action = "ntm.indicator.record",
                                     .object_type = "commune",
                                     .object_id = commune->id,
                                     .site_id = site_id_,
                                     .detail = commune->name + ", chỉ tiêu " + indicator->code + ": " + finding +
                                               " ngày " + input.assessed_on}));
        return assessment;
    });
}

Result<std::vector<model::Commune>> NtmService::list_communes() {
    CONG_TRY(communes, db_.read([&](storage::Tx& tx) { return tx.targets().list_communes(site_id_); }));
    std::stable_sort(communes.begin(), communes.end(),
                     [](const model::Commune& a, const model::Commune& b) { return vietnamese_less(a.name, b.name); });
    return communes;
}

Result<SetStanding> NtmService::standing(std::int64_t set_id) {
    return db_.read([&](storage::Tx& tx) -> Result<SetStanding> {
        SetStanding out;
        CONG_TRY(set, tx.targets().find_criteria_set(set_id));
        if (!set || set->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bộ tiêu chí"};
        out.set = std::move(*set);
        CONG_TRY(criteria, tx.targets().list_criteria(set_id));
        out.criteria = std::move(criteria);
        CONG_TRY(zones, tx.targets().list_zones(set_id));
        out.zones = std::move(zones);
        CONG_TRY(indicators, tx.targets().list_indicators(set_id));
        out.indicators = std::move(indicators);
        CONG_TRY(thresholds, tx.targets().list_thresholds(set_id));
        out.thresholds = std::move(thresholds);
        CONG_TRY(all_communes, tx.targets().list_communes(site_id_));
        CONG_TRY(assessments, tx.targets().current_assessments(set_id));
        CONG_TRY(indicator_assessments, tx.targets().current_indicator_assessments(set_id));
        CONG_TRY(commune_zones, tx.targets().list_commune_zones(set_id));

        // A district-level set assesses districts, a commune-level set communes.
        std::vector<model::Commune> communes;
        for (auto& c : all_communes)
            if (c.unit_level == out.set.unit_level) communes.push_back(std::move(c));

        std::map<std::int64_t, std::size_t> column;
        for (std::size_t i = 0; i < out.criteria.size(); ++i) column[out.criteria[i].id] = i;
        std::map<std::int64_t, std::size_t> indicator_column;
        for (std::size_t i = 0; i < out.indicators.size(); ++i) indicator_column[out.indicators[i].id] = i;
        std::map<std::int64_t, std::vector<model::CriterionAssessment>> by_commune;
        for (auto& a : assessments) by_commune[a.commune_id].push_back(std::move(a));
        std::map<std::int64_t, std::vector<model::IndicatorAssessment>> indicators_by_commune;
        for (auto& a : indicator_assessments) indicators_by_commune[a.commune_id].push_back(std::move(a));
        std::map<std::int64_t, std::int64_t> zone_of;
        for (const auto& z : commune_zones) zone_of[z.commune_id] = z.zone_id;

        auto standing_of = [&](const model::Commune& commune) {
            CommuneStanding s;
            s.commune = commune;
            std::optional<std::int64_t> zone_id;
            if (auto z = zone_of.find(commune.id); z != zone_of.end()) {
                zone_id = z->second;
                for (const auto& zone : out.zones)
                    if (zone.id == z->second) s.zone = zone;
            }
            s.indicators.resize(out.indicators.size());
            for (std::size_t i = 0; i < out.indicators.size(); ++i)
                s.indicators[i].threshold = threshold_for(out.thresholds, out.indicators[i].id, zone_id);
            for (auto& a : indicators_by_commune[commune.id]) {
                auto at = indicator_column.find(a.indicator_id);
                if (at == indicator_column.end()) continue;
                auto& status = s.indicators[at->second];
                status.met = judge_indicator(out.indicators[at->second].kind, status.threshold, a);
                status.assessment = a;
            }
            s.statuses.assign(out.criteria.size(), std::nullopt);
            for (auto& a : by_commune[commune.id]) {
                auto at = column.find(a.criterion_id);
                if (at != column.end()) s.statuses[at->second] = a;
            }
            // A criterion with indicators is met when every indicator is, and not met as soon as one is not;
            // a finding for the whole criterion counts instead when it is at least as recent.
            for (std::size_t c = 0; c < out.criteria.size(); ++c) {
                int count = 0, met = 0, unmet = 0;
                std::string latest;
                for (std::size_t i = 0; i < out.indicators.size(); ++i) {
                    if (out.indicators[i].criterion_id != out.criteria[c].id) continue;
                    ++count;
                    const auto& status = s.indicators[i];
                    if (status.met && *status.met) ++met;
                    if (status.met && !*status.met) ++unmet;
                    if (status.assessment && status.assessment->assessed_on > latest)
                        latest = status.assessment->assessed_on;
                }
                if (count == 0 || (met < count && unmet == 0)) continue;
                if (s.statuses[c] && s.statuses[c]->assessed_on >= latest) continue;
                s.statuses[c] = model::CriterionAssessment{
                    .commune_id = commune.id,
                    .criterion_id = out.criteria[c].id,
                    .met = unmet == 0,
                    .assessed_on = latest,
                    .evidence = "Theo kết quả " + std::to_string(count) + " chỉ tiêu: đạt " + std::to_string(met) +
                                ", chưa đạt " + std::to_string(unmet)};
            }
            for (const auto& status : s.statuses)
                if (status && status->met) ++s.met;
            s.eligible = !out.criteria.empty() && s.met == int(out.criteria.size());
            return s;
        };
        auto by_name = [](const CommuneStanding& a, const CommuneStanding& b) {
            return vietnamese_less(a.commune.name, b.commune.name);
        };

        // Former communes are listed under the commune they became (one level: add_commune refuses chains).
        std::map<std::int64_t, std::vector<CommuneStanding>> former;
        for (const auto& commune : communes)
            if (commune.merged_into) former[*commune.merged_into].push_back(standing_of(commune));
        out.met_by_criterion.assign(out.criteria.size(), 0);
        for (const auto& commune : communes) {
            if (commune.merged_into) continue;
            auto s = standing_of(commune);
            s.former = std::move(former[commune.id]);
            std::stable_sort(s.former.begin(), s.former.end(), by_name);
            if (s.eligible) ++out.eligible;
            for (std::size_t i = 0; i < s.statuses.size(); ++i)
                if (s.statuses[i] && s.statuses[i]->met) ++out.met_by_criterion[i];
            out.communes.push_back(std::move(s));
        }
        std::stable_sort(out.communes.begin(), out.communes.end(), by_name);
        int total = int(out.criteria.size());
        out.summary = "có " + format_count(out.eligible, int(out.communes.size())) + " " +
                      std::string(unit_noun(out.set.unit_level)) + " đạt đủ " + std::to_string(total) + "/" +
                      std::to_string(total) + " tiêu chí";
        return out;
    });
}

}  // namespace cong::targets
