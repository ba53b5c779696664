#include "targets/ntm_service.hpp"

#include "core/text_field.hpp"
#include "core/vietnamese.hpp"
#include "targets/summary.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
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

}  // namespace

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

Result<model::CriteriaSet> NtmService::create_set(const CriteriaSetInput& input, const model::User& user) {
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
    set.title = std::move(title);
    set.decision_ref = std::move(decision);
    set.level = std::move(level);
    set.slug = core::slugify(input.slug.empty() ? set.title : input.slug);
    if (set.slug.empty()) return Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
    set.site_id = site_id_;
    set.first_year = input.first_year;
    set.last_year = input.last_year;
    set.created_at = core::now();
    return db_.write([&](storage::Tx& tx) -> Result<model::CriteriaSet> {
        CONG_TRY(existing, tx.targets().find_criteria_set_by_slug(site_id_, set.slug));
        if (existing) return Error{Errc::Conflict, "Địa chỉ bộ tiêu chí \"" + set.slug + "\" đã được dùng", "slug"};
        CONG_TRY(id, tx.targets().insert_criteria_set(set));
        set.id = id;
        for (auto& criterion : criteria) {
            criterion.set_id = id;
            CONG_TRY(criterion_id, tx.targets().insert_criterion(criterion));
            (void)criterion_id;
        }
        return set;
    });
}

Result<std::vector<model::CriteriaSet>> NtmService::list_sets() {
    return db_.read([&](storage::Tx& tx) { return tx.targets().list_criteria_sets(site_id_); });
}

Result<std::optional<model::CriteriaSet>> NtmService::find_set_by_slug(std::string_view slug) {
    return db_.read([&](storage::Tx& tx) { return tx.targets().find_criteria_set_by_slug(site_id_, slug); });
}

Result<model::Commune> NtmService::add_commune(const CommuneInput& input, const model::User& user) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(name, line(input.name, 150, core::Required::Yes, "name", "Tên xã"));
    model::Commune commune{.site_id = site_id_, .name = std::move(name), .merged_into = input.merged_into};
    return db_.write([&](storage::Tx& tx) -> Result<model::Commune> {
        if (commune.merged_into) {
            CONG_TRY(target, tx.targets().find_commune(*commune.merged_into));
            if (!target || target->site_id != site_id_)
                return Error{Errc::InvalidInput, "Xã được sáp nhập vào không tồn tại", "merged_into"};
            if (target->merged_into)
                return Error{Errc::InvalidInput, "Xã được sáp nhập vào cũng đã sáp nhập; chọn xã hiện nay",
                             "merged_into"};
        }
        auto id = tx.targets().insert_commune(commune);
        if (!id && id.error().code == Errc::Conflict)
            return Error{Errc::Conflict, "Đã có xã tên \"" + commune.name + "\"", "name"};
        if (!id) return id.error();
        commune.id = *id;
        return commune;
    });
}

Result<model::CriterionAssessment> NtmService::record_assessment(std::int64_t set_id, const AssessmentInput& input,
                                                                 const model::User& user) {
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
        return assessment;
    });
}

Result<SetStanding> NtmService::standing(std::int64_t set_id) {
    return db_.read([&](storage::Tx& tx) -> Result<SetStanding> {
        SetStanding out;
        CONG_TRY(set, tx.targets().find_criteria_set(set_id));
        if (!set || set->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bộ tiêu chí"};
        out.set = std::move(*set);
        CONG_TRY(criteria, tx.targets().list_criteria(set_id));
        out.criteria = std::move(criteria);
        CONG_TRY(communes, tx.targets().list_communes(site_id_));
        CONG_TRY(assessments, tx.targets().current_assessments(set_id));

        std::map<std::int64_t, std::size_t> column;
        for (std::size_t i = 0; i < out.criteria.size(); ++i) column[out.criteria[i].id] = i;
        std::map<std::int64_t, std::vector<model::CriterionAssessment>> by_commune;
        for (auto& a : assessments) by_commune[a.commune_id].push_back(std::move(a));

        auto standing_of = [&](const model::Commune& commune) {
            CommuneStanding s;
            s.commune = commune;
            s.statuses.assign(out.criteria.size(), std::nullopt);
            for (auto& a : by_commune[commune.id]) {
                auto at = column.find(a.criterion_id);
                if (at == column.end()) continue;
                if (a.met) ++s.met;
                s.statuses[at->second] = a;
            }
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
        out.summary = "có " + format_count(out.eligible, int(out.communes.size())) + " xã đạt đủ " +
                      std::to_string(total) + "/" + std::to_string(total) + " tiêu chí";
        return out;
    });
}

}  // namespace cong::targets
