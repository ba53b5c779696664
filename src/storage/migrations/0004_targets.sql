-- 0004: plans, targets and their periodic reports; New Rural Development criteria (issue 6).
-- A plan is a resolution for one year; its targets are judged by kind against a plan value; offices
-- report cumulative figures by period. Figures are REAL: plans hold rates ("1,5%") as well as amounts.

CREATE TABLE target_plans (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites (id),
    slug         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    description  TEXT    NOT NULL DEFAULT '',
    -- The share of the year's plan, in percent, that counts as on track after Q1, 6 and 9 months.
    threshold_q1 INTEGER NOT NULL DEFAULT 25 CHECK (threshold_q1 BETWEEN 1 AND 100),
    threshold_6m INTEGER NOT NULL DEFAULT 50 CHECK (threshold_6m BETWEEN 1 AND 100),
    threshold_9m INTEGER NOT NULL DEFAULT 75 CHECK (threshold_9m BETWEEN 1 AND 100),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (site_id, slug)
) STRICT;

CREATE TABLE targets (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES target_plans (id) ON DELETE CASCADE,
    code       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    group_name TEXT    NOT NULL,
    unit       TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL CHECK (kind IN ('higher_is_better', 'lower_is_better', 'yes_no', 'within_range')),
    plan_value REAL    NOT NULL,
    plan_max   REAL,
    office     TEXT    NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    -- A code names one target of a resolution; reports and imports refer to targets by it.
    UNIQUE (plan_id, code),
    -- Only a range has an upper bound, and it always has one.
    CHECK ((kind = 'within_range') = (plan_max IS NOT NULL))
) STRICT;

CREATE INDEX targets_plan ON targets (plan_id, position, id);

-- Every figure ever entered: a correction is a new row, so who reported what and when stays on record.
CREATE TABLE target_reports (
    id         INTEGER PRIMARY KEY,
    target_id  INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    period     TEXT    NOT NULL,  -- "2024-q1", "2024-t03", "2024-6t", "2024-9t", "2024-nam"
    value      REAL,              -- NULL: not assessable yet ("chưa đánh giá")
    note       TEXT    NOT NULL DEFAULT '',
    entered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entered_at INTEGER NOT NULL
) STRICT;

-- The current figure of a target for a period is its newest row: found by this index without a sort.
CREATE INDEX target_reports_current ON target_reports (target_id, period, id DESC);
CREATE INDEX target_reports_user ON target_reports (entered_by) WHERE entered_by IS NOT NULL;

-- New Rural Development: criteria sets are versioned by period and level (the 2021–2025 set of 19 criteria,
-- the 2026–2030 set of 10), each with numbered criteria; communes are assessed criterion by criterion.
CREATE TABLE ntm_criteria_sets (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites (id),
    slug         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    decision_ref TEXT    NOT NULL DEFAULT '',
    level        TEXT    NOT NULL DEFAULT '',
    first_year   INTEGER NOT NULL,
    last_year    INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (site_id, slug),
    CHECK (first_year BETWEEN 1990 AND 2100 AND last_year BETWEEN first_year AND 2100)
) STRICT;

CREATE TABLE ntm_criteria (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES ntm_criteria_sets (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number BETWEEN 1 AND 100),
    name       TEXT    NOT NULL,
    group_name TEXT    NOT NULL DEFAULT '',
    UNIQUE (set_id, number)
) STRICT;

-- A commune merged in the 2025 reorganisation keeps its row and its records, and names the commune it became.
CREATE TABLE communes (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id),
    name        TEXT    NOT NULL,
    merged_into INTEGER REFERENCES communes (id),
    UNIQUE (site_id, name),
    CHECK (merged_into IS NULL OR merged_into <> id)
) STRICT;

CREATE INDEX communes_merged_into ON communes (merged_into) WHERE merged_into IS NOT NULL;

-- Every assessment ever entered; the newest for a commune and criterion is its current status.
CREATE TABLE ntm_assessments (
    id           INTEGER PRIMARY KEY,
    commune_id   INTEGER NOT NULL REFERENCES communes (id),
    criterion_id INTEGER NOT NULL REFERENCES ntm_criteria (id) ON DELETE CASCADE,
    met          INTEGER NOT NULL CHECK (met IN (0, 1)),
    assessed_on  TEXT    NOT NULL CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    evidence     TEXT    NOT NULL DEFAULT '',
    entered_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entered_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX ntm_assessments_current ON ntm_assessments (commune_id, criterion_id, id DESC);
CREATE INDEX ntm_assessments_criterion ON ntm_assessments (criterion_id);
CREATE INDEX ntm_assessments_user ON ntm_assessments (entered_by) WHERE entered_by IS NOT NULL;
