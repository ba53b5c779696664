// The New Rural Development half of TargetStoreOn: criteria sets, criteria, communes, assessments.
#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

constexpr auto SET_COLUMNS =
    "id, site_id, slug, title, decision_ref, level, first_year, last_year, created_at, unit_level, rank, zone_kind";

template <class Engine>
Result<model::NtmUnitLevel> read_unit_level(typename Engine::Columns& c) {
    auto text = c.text();
    auto level = model::parse_ntm_unit_level(text);
    if (!level) return Error{core::Errc::Internal, std::string(Engine::NAME) + ": unknown unit level '" + text + "'"};
    return *level;
}

template <class Engine>
Result<model::CriteriaSet> read_set(typename Engine::Columns& c) {
    model::CriteriaSet set;
    set.id = c.int64();
    set.site_id = c.int64();
    set.slug = c.text();
    set.title = c.text();
    set.decision_ref = c.text();
    set.level = c.text();
    set.first_year = c.integer();
    set.last_year = c.integer();
    set.created_at = c.timestamp();
    CONG_TRY(unit_level, read_unit_level<Engine>(c));
    set.unit_level = unit_level;
    auto rank_text = c.text();
    auto rank = model::parse_ntm_rank(rank_text);
    if (!rank) return Error{core::Errc::Internal, std::string(Engine::NAME) + ": unknown NTM rank '" + rank_text + "'"};
    set.rank = *rank;
    auto zone_text = c.text();
    auto zone_kind = model::parse_ntm_zone_kind(zone_text);
    if (!zone_kind)
        return Error{core::Errc::Internal, std::string(Engine::NAME) + ": unknown zone kind '" + zone_text + "'"};
    set.zone_kind = *zone_kind;
    return set;
}

std::string select_sets(std::string_view rest) {
    return std::string("SELECT ") + SET_COLUMNS + " FROM ntm_criteria_sets " + std::string(rest);
}

template <class Engine>
Result<model::Criterion> read_criterion(typename Engine::Columns& c) {
    model::Criterion criterion;
    criterion.id = c.int64();
    criterion.set_id = c.int64();
    criterion.number = c.integer();
    criterion.name = c.text();
    criterion.group_name = c.text();
    return criterion;
}

template <class Engine>
Result<model::Commune> read_commune(typename Engine::Columns& c) {
    model::Commune commune;
    commune.id = c.int64();
    commune.site_id = c.int64();
    commune.name = c.text();
    commune.merged_into = c.optional_int64();
    CONG_TRY(unit_level, read_unit_level<Engine>(c));
    commune.unit_level = unit_level;
    return commune;
}

template <class Engine>
Result<model::CriterionAssessment> read_assessment(typename Engine::Columns& c) {
    model::CriterionAssessment a;
    a.id = c.int64();
    a.commune_id = c.int64();
    a.criterion_id = c.int64();
    a.met = c.boolean();
    a.assessed_on = c.text();
    a.evidence = c.text();
    a.entered_by = c.optional_int64();
    a.entered_at = c.timestamp();
    return a;
}

}  // namespace

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_criteria_set(const model::CriteriaSet& s) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO ntm_criteria_sets (site_id, slug, title, decision_ref, level, "
                            "first_year, last_year, created_at, unit_level, rank, zone_kind) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(s.site_id, s.slug, s.title, s.decision_ref, s.level, s.first_year, s.last_year, s.created_at,
                       model::to_string(s.unit_level), model::to_string(s.rank), model::to_string(s.zone_kind));
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::optional<model::CriteriaSet>> TargetStoreOn<Engine>::find_criteria_set(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_sets("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::CriteriaSet>(statement, read_set<Engine>);
}

template <class Engine>
Result<std::optional<model::CriteriaSet>> TargetStoreOn<Engine>::find_criteria_set_by_slug(std::int64_t site_id,
                                                                                           std::string_view slug) {
    CONG_TRY(statement, connection_.prepare(select_sets("WHERE site_id = ? AND slug = ?")));
    statement.bind_all(site_id, slug);
    return query_optional<model::CriteriaSet>(statement, read_set<Engine>);
}

template <class Engine>
Result<std::vector<model::CriteriaSet>> TargetStoreOn<Engine>::list_criteria_sets(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare(select_sets("WHERE site_id = ? ORDER BY first_year DESC, title, id")));
    statement.bind_all(site_id);
    return query_all<model::CriteriaSet>(statement, read_set<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_criterion(const model::Criterion& c) {
    CONG_TRY(statement, connection_.prepare(
                            with_returning_id<Engine>("INSERT INTO ntm_criteria (set_id, number, name, group_name) "
                                                      "VALUES (?, ?, ?, ?)")));
    statement.bind_all(c.set_id, c.number, c.name, c.group_name);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::Criterion>> TargetStoreOn<Engine>::list_criteria(std::int64_t set_id) {
    CONG_TRY(statement, connection_.prepare("SELECT id, set_id, number, name, group_name FROM ntm_criteria "
                                            "WHERE set_id = ? ORDER BY number"));
    statement.bind_all(set_id);
    return query_all<model::Criterion>(statement, read_criterion<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_commune(const model::Commune& c) {
    CONG_TRY(statement, connection_.prepare(
                            with_returning_id<Engine>("INSERT INTO communes (site_id, name, merged_into, unit_level) "
                                                      "VALUES (?, ?, ?, ?)")));
    statement.bind_all(c.site_id, c.name, c.merged_into, model::to_string(c.unit_level));
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::optional<model::Commune>> TargetStoreOn<Engine>::find_commune(std::int64_t id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id, site_id, name, merged_into, unit_level FROM communes WHERE id = ?"));
    statement.bind_all(id);
    return query_optional<model::Commune>(statement, read_commune<Engine>);
}

template <class Engine>
Result<std::vector<model::Commune>> TargetStoreOn<Engine>::list_communes(std::int64_t site_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id, site_id, name, merged_into, unit_level FROM communes WHERE site_id = ? "
                                 "ORDER BY id LIMIT 5000"));
    statement.bind_all(site_id);
    return query_all<model::Commune>(statement, read_commune<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_assessment(const model::CriterionAssessment& a) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO ntm_assessments (commune_id, criterion_id, met, assessed_on, "
                            "evidence, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(a.commune_id, a.criterion_id, a.met, a.assessed_on, a.evidence, a.entered_by, a.entered_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::CriterionAssessment>> TargetStoreOn<Engine>::current_assessments(std::int64_t set_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT a.id, a.commune_id, a.criterion_id, a.met, a.assessed_on, a.evidence, "
                                 "a.entered_by, a.entered_at FROM ntm_assessments a "
                                 "JOIN ntm_criteria c ON c.id = a.criterion_id WHERE c.set_id = ? AND a.id = "
                                 "(SELECT max(b.id) FROM ntm_assessments b WHERE b.commune_id = a.commune_id AND "
                                 "b.criterion_id = a.criterion_id) ORDER BY a.commune_id, c.number"));
    statement.bind_all(set_id);
    return query_all<model::CriterionAssessment>(statement, read_assessment<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_zone(const model::NtmZone& z) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO ntm_zones (set_id, code, name, position) VALUES (?, ?, ?, ?)")));
    statement.bind_all(z.set_id, z.code, z.name, z.position);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::NtmZone>> TargetStoreOn<Engine>::list_zones(std::int64_t set_id) {
    CONG_TRY(statement, connection_.prepare("SELECT id, set_id, code, name, position FROM ntm_zones WHERE set_id = ? "
                                            "ORDER BY position, id"));
    statement.bind_all(set_id);
    return query_all<model::NtmZone>(statement, [](Columns& c) -> Result<model::NtmZone> {
        model::NtmZone z;
        z.id = c.int64();
        z.set_id = c.int64();
        z.code = c.text();
        z.name = c.text();
        z.position = c.integer();
        return z;
    });
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::set_commune_zone(const model::CommuneZone& z) {
    CONG_TRY(statement,
             connection_.prepare("INSERT INTO ntm_commune_zones (commune_id, set_id, zone_id) VALUES (?, ?, ?) "
                                 "ON CONFLICT (commune_id, set_id) DO UPDATE SET zone_id = excluded.zone_id"));
    statement.bind_all(z.commune_id, z.set_id, z.zone_id);
    return statement.run();
}

template <class Engine>
Result<std::vector<model::CommuneZone>> TargetStoreOn<Engine>::list_commune_zones(std::int64_t set_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT commune_id, set_id, zone_id FROM ntm_commune_zones WHERE set_id = ? "
                                 "ORDER BY commune_id"));
    statement.bind_all(set_id);
    return query_all<model::CommuneZone>(statement, [](Columns& c) -> Result<model::CommuneZone> {
        model::CommuneZone z;
        z.commune_id = c.int64();
        z.set_id = c.int64();
        z.zone_id = c.int64();
        return z;
    });
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_indicator(const model::Indicator& i) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO ntm_indicators (criterion_id, code, name, unit, kind, position) "
                            "VALUES (?, ?, ?, ?, ?, ?)")));
    statement.bind_all(i.criterion_id, i.code, i.name, i.unit, model::to_string(i.kind), i.position);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::Indicator>> TargetStoreOn<Engine>::list_indicators(std::int64_t set_id) {
    CONG_TRY(statement, connection_.prepare("SELECT i.id, i.criterion_id, i.code, i.name, i.unit, i.kind, i.position "
                                            "FROM ntm_indicators i JOIN ntm_criteria c ON c.id = i.criterion_id "
                                            "WHERE c.set_id = ? ORDER BY c.number, i.position, i.id"));
    statement.bind_all(set_id);
    return query_all<model::Indicator>(statement, [](Columns& c) -> Result<model::Indicator> {
        model::Indicator i;
        i.id = c.int64();
        i.criterion_id = c.int64();
        i.code = c.text();
        i.name = c.text();
        i.unit = c.text();
        auto kind_text = c.text();
        auto kind = model::parse_indicator_kind(kind_text);
        if (!kind) {
            return Error{core::Errc::Internal,
                         std::string(Engine::NAME) + ": unknown indicator kind '" + kind_text + "'"};
        }
        i.kind = *kind;
        i.position = c.integer();
        return i;
    });
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::insert_threshold(const model::IndicatorThreshold& t) {
    CONG_TRY(statement, connection_.prepare("INSERT INTO ntm_thresholds (indicator_id, zone_id, value) "
                                            "VALUES (?, ?, CAST(? AS DOUBLE PRECISION))"));
    statement.bind_all(t.indicator_id, t.zone_id, real_text(t.value));
    return statement.run();
}

template <class Engine>
Result<std::vector<model::IndicatorThreshold>> TargetStoreOn<Engine>::list_thresholds(std::int64_t set_id) {
    static const std::string sql = "SELECT t.indicator_id, t.zone_id, " + Engine::real_as_text("t.value") +
                                   " FROM ntm_thresholds t "
                                   "JOIN ntm_indicators i ON i.id = t.indicator_id "
                                   "JOIN ntm_criteria c ON c.id = i.criterion_id WHERE c.set_id = ? "
                                   "ORDER BY t.indicator_id, t.zone_id";
    CONG_TRY(statement, connection_.prepare(sql));
    statement.bind_all(set_id);
    return query_all<model::IndicatorThreshold>(statement, [](Columns& c) -> Result<model::IndicatorThreshold> {
        model::IndicatorThreshold t;
        t.indicator_id = c.int64();
        t.zone_id = c.optional_int64();
        CONG_TRY(value, read_real<Engine>(c, "ntm_thresholds.value"));
        t.value = value.value_or(0);
        return t;
    });
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_indicator_assessment(const model::IndicatorAssessment& a) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO ntm_indicator_assessments (commune_id, indicator_id, value, met, "
                            "assessed_on, evidence, entered_by, entered_at) "
                            "VALUES (?, ?, CAST(? AS DOUBLE PRECISION), ?, ?, ?, ?, ?)")));
    statement.bind_all(a.commune_id, a.indicator_id, real_text(a.value), a.met, a.assessed_on, a.evidence, a.entered_by,
                       a.entered_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::IndicatorAssessment>> TargetStoreOn<Engine>::current_indicator_assessments(
    std::int64_t set_id) {
    static const std::string sql =
        "SELECT a.id, a.commune_id, a.indicator_id, CASE WHEN a.value IS NULL THEN NULL ELSE " +
        Engine::real_as_text("a.value") +
        " END, a.met, a.assessed_on, "
        "a.evidence, a.entered_by, a.entered_at FROM ntm_indicator_assessments a "
        "JOIN ntm_indicators i ON i.id = a.indicator_id JOIN ntm_criteria c ON c.id = i.criterion_id "
        "WHERE c.set_id = ? AND a.id = (SELECT max(b.id) FROM ntm_indicator_assessments b "
        "WHERE b.commune_id = a.commune_id AND b.indicator_id = a.indicator_id) "
        "ORDER BY a.commune_id, a.indicator_id";
    CONG_TRY(statement, connection_.prepare(sql));
    statement.bind_all(set_id);
    return query_all<model::IndicatorAssessment>(statement, [](Columns& c) -> Result<model::IndicatorAssessment> {
        model::IndicatorAssessment a;
        a.id = c.int64();
        a.commune_id = c.int64();
        a.indicator_id = c.int64();
        CONG_TRY(value, read_real<Engine>(c, "ntm_indicator_assessments.value"));
        a.value = value;
        auto met = c.optional_int64();
        if (met) a.met = *met != 0;
        a.assessed_on = c.text();
        a.evidence = c.text();
        a.entered_by = c.optional_int64();
        a.entered_at = c.timestamp();
        return a;
    });
}

// The class is instantiated once, in target_store.cpp; the members defined in this file are instantiated here.
#define CONG_NTM_MEMBERS(E)                                                                                           \
    template Result<std::int64_t> TargetStoreOn<E>::insert_criteria_set(const model::CriteriaSet&);                   \
    template Result<std::optional<model::CriteriaSet>> TargetStoreOn<E>::find_criteria_set(std::int64_t);             \
    template Result<std::optional<model::CriteriaSet>> TargetStoreOn<E>::find_criteria_set_by_slug(std::int64_t,      \
                                                                                                   std::string_view); \
    template Result<std::vector<model::CriteriaSet>> TargetStoreOn<E>::list_criteria_sets(std::int64_t);              \
    template Result<std::int64_t> TargetStoreOn<E>::insert_criterion(const model::Criterion&);                        \
    template Result<std::vector<model::Criterion>> TargetStoreOn<E>::list_criteria(std::int64_t);                     \
    template Result<std::int64_t> TargetStoreOn<E>::insert_commune(const model::Commune&);                            \
    template Result<std::optional<model::Commune>> TargetStoreOn<E>::find_commune(std::int64_t);                      \
    template Result<std::vector<model::Commune>> TargetStoreOn<E>::list_communes(std::int64_t);                       \
    template Result<std::int64_t> TargetStoreOn<E>::insert_assessment(const model::CriterionAssessment&);             \
    template Result<std::vector<model::CriterionAssessment>> TargetStoreOn<E>::current_assessments(std::int64_t);     \
    template Result<std::int64_t> TargetStoreOn<E>::insert_zone(const model::NtmZone&);                               \
    template Result<std::vector<model::NtmZone>> TargetStoreOn<E>::list_zones(std::int64_t);                          \
    template Result<void> TargetStoreOn<E>::set_commune_zone(const model::CommuneZone&);                              \
    template Result<std::vector<model::CommuneZone>> TargetStoreOn<E>::list_commune_zones(std::int64_t);              \
    template Result<std::int64_t> TargetStoreOn<E>::insert_indicator(const model::Indicator&);                        \
    template Result<std::vector<model::Indicator>> TargetStoreOn<E>::list_indicators(std::int64_t);                   \
    template Result<void> TargetStoreOn<E>::insert_threshold(const model::IndicatorThreshold&);                       \
    template Result<std::vector<model::IndicatorThreshold>> TargetStoreOn<E>::list_thresholds(std::int64_t);          \
    template Result<std::int64_t> TargetStoreOn<E>::insert_indicator_assessment(const model::IndicatorAssessment&);   \
    template Result<std::vector<model::IndicatorAssessment>> TargetStoreOn<E>::current_indicator_assessments(         \
        std::int64_t);
CONG_NTM_MEMBERS(sqlite::Engine)
CONG_NTM_MEMBERS(postgres::Engine)
#undef CONG_NTM_MEMBERS

}  // namespace cong::storage::sql
