// The New Rural Development half of SqliteTargetStore: criteria sets, criteria, communes, assessments.
#include "storage/sqlite/sqlite_store_support.hpp"
#include "storage/sqlite/sqlite_target_store.hpp"

namespace cong::storage::sqlite {
namespace {

constexpr auto SET_COLUMNS = "id, site_id, slug, title, decision_ref, level, first_year, last_year, created_at";

Result<model::CriteriaSet> read_set(Columns& c) {
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
    return set;
}

std::string select_sets(std::string_view rest) {
    return std::string("SELECT ") + SET_COLUMNS + " FROM ntm_criteria_sets " + std::string(rest);
}

Result<model::Criterion> read_criterion(Columns& c) {
    model::Criterion criterion;
    criterion.id = c.int64();
    criterion.set_id = c.int64();
    criterion.number = c.integer();
    criterion.name = c.text();
    criterion.group_name = c.text();
    return criterion;
}

Result<model::Commune> read_commune(Columns& c) {
    model::Commune commune;
    commune.id = c.int64();
    commune.site_id = c.int64();
    commune.name = c.text();
    commune.merged_into = c.optional_int64();
    return commune;
}

Result<model::CriterionAssessment> read_assessment(Columns& c) {
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

Result<std::int64_t> SqliteTargetStore::insert_criteria_set(const model::CriteriaSet& s) {
    CONG_TRY(statement, connection_.prepare("INSERT INTO ntm_criteria_sets (site_id, slug, title, decision_ref, level, "
                                            "first_year, last_year, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                            "RETURNING id"));
    statement.bind_all(s.site_id, s.slug, s.title, s.decision_ref, s.level, s.first_year, s.last_year, s.created_at);
    return returned_id(statement);
}

Result<std::optional<model::CriteriaSet>> SqliteTargetStore::find_criteria_set(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_sets("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::CriteriaSet>(statement, read_set);
}

Result<std::optional<model::CriteriaSet>> SqliteTargetStore::find_criteria_set_by_slug(std::int64_t site_id,
                                                                                       std::string_view slug) {
    CONG_TRY(statement, connection_.prepare(select_sets("WHERE site_id = ? AND slug = ?")));
    statement.bind_all(site_id, slug);
    return query_optional<model::CriteriaSet>(statement, read_set);
}

Result<std::vector<model::CriteriaSet>> SqliteTargetStore::list_criteria_sets(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare(select_sets("WHERE site_id = ? ORDER BY first_year DESC, title, id")));
    statement.bind_all(site_id);
    return query_all<model::CriteriaSet>(statement, read_set);
}

Result<std::int64_t> SqliteTargetStore::insert_criterion(const model::Criterion& c) {
    CONG_TRY(statement, connection_.prepare("INSERT INTO ntm_criteria (set_id, number, name, group_name) "
                                            "VALUES (?, ?, ?, ?) RETURNING id"));
    statement.bind_all(c.set_id, c.number, c.name, c.group_name);
    return returned_id(statement);
}

Result<std::vector<model::Criterion>> SqliteTargetStore::list_criteria(std::int64_t set_id) {
    CONG_TRY(statement, connection_.prepare("SELECT id, set_id, number, name, group_name FROM ntm_criteria "
                                            "WHERE set_id = ? ORDER BY number"));
    statement.bind_all(set_id);
    return query_all<model::Criterion>(statement, read_criterion);
}

Result<std::int64_t> SqliteTargetStore::insert_commune(const model::Commune& c) {
    CONG_TRY(statement, connection_.prepare("INSERT INTO communes (site_id, name, merged_into) VALUES (?, ?, ?) "
                                            "RETURNING id"));
    statement.bind_all(c.site_id, c.name, c.merged_into);
    return returned_id(statement);
}

Result<std::optional<model::Commune>> SqliteTargetStore::find_commune(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare("SELECT id, site_id, name, merged_into FROM communes WHERE id = ?"));
    statement.bind_all(id);
    return query_optional<model::Commune>(statement, read_commune);
}

Result<std::vector<model::Commune>> SqliteTargetStore::list_communes(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare("SELECT id, site_id, name, merged_into FROM communes WHERE site_id = ? "
                                            "ORDER BY id LIMIT 5000"));
    statement.bind_all(site_id);
    return query_all<model::Commune>(statement, read_commune);
}

Result<std::int64_t> SqliteTargetStore::insert_assessment(const model::CriterionAssessment& a) {
    CONG_TRY(statement, connection_.prepare("INSERT INTO ntm_assessments (commune_id, criterion_id, met, assessed_on, "
                                            "evidence, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                            "RETURNING id"));
    statement.bind_all(a.commune_id, a.criterion_id, a.met, a.assessed_on, a.evidence, a.entered_by, a.entered_at);
    return returned_id(statement);
}

Result<std::vector<model::CriterionAssessment>> SqliteTargetStore::current_assessments(std::int64_t set_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT a.id, a.commune_id, a.criterion_id, a.met, a.assessed_on, a.evidence, "
                                 "a.entered_by, a.entered_at FROM ntm_assessments a "
                                 "JOIN ntm_criteria c ON c.id = a.criterion_id WHERE c.set_id = ? AND a.id = "
                                 "(SELECT max(b.id) FROM ntm_assessments b WHERE b.commune_id = a.commune_id AND "
                                 "b.criterion_id = a.criterion_id) ORDER BY a.commune_id, c.number"));
    statement.bind_all(set_id);
    return query_all<model::CriterionAssessment>(statement, read_assessment);
}

}  // namespace cong::storage::sqlite
