-- 0011: New Rural Development levels and indicators; OCOP products (issue 6).
-- A criteria set now says which units it assesses (communes, or districts under the 2021–2025 programme),
-- which standard it describes (NTM, nâng cao, kiểu mẫu) and what its thresholds vary by: the 7 regions of
-- QĐ 318/QĐ-TTg or the 3 commune groups of QĐ 51/2025/QĐ-TTg. Criteria hold numbered indicators; a threshold
-- belongs to an indicator and a zone (or to every zone). Existing sets, communes and assessments keep their
-- meaning through the defaults: commune sets of the standard level with no zones.
ALTER TABLE ntm_criteria_sets ADD COLUMN unit_level TEXT NOT NULL DEFAULT 'commune'
    CHECK (unit_level IN ('commune', 'district'));
ALTER TABLE ntm_criteria_sets ADD COLUMN rank TEXT NOT NULL DEFAULT 'standard'
    CHECK (rank IN ('standard', 'advanced', 'model'));
ALTER TABLE ntm_criteria_sets ADD COLUMN zone_kind TEXT NOT NULL DEFAULT 'none'
    CHECK (zone_kind IN ('none', 'region', 'commune_group'));

ALTER TABLE communes ADD COLUMN unit_level TEXT NOT NULL DEFAULT 'commune'
    CHECK (unit_level IN ('commune', 'district'));

-- The regions or commune groups of one set.
CREATE TABLE ntm_zones (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES ntm_criteria_sets (id) ON DELETE CASCADE,
    code     TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (set_id, code)
) STRICT;

-- Which zone a commune belongs to in a set: its own thresholds follow from it.
CREATE TABLE ntm_commune_zones (
    commune_id INTEGER NOT NULL REFERENCES communes (id) ON DELETE CASCADE,
    set_id     INTEGER NOT NULL REFERENCES ntm_criteria_sets (id) ON DELETE CASCADE,
    zone_id    INTEGER NOT NULL REFERENCES ntm_zones (id) ON DELETE CASCADE,
    PRIMARY KEY (commune_id, set_id)
) STRICT;

CREATE INDEX ntm_commune_zones_zone ON ntm_commune_zones (zone_id);

CREATE TABLE ntm_indicators (
    id           INTEGER PRIMARY KEY,
    criterion_id INTEGER NOT NULL REFERENCES ntm_criteria (id) ON DELETE CASCADE,
    code         TEXT    NOT NULL,  -- "2.1", as numbered in the decision
    name         TEXT    NOT NULL,
    unit         TEXT    NOT NULL DEFAULT '',
    kind         TEXT    NOT NULL CHECK (kind IN ('at_least', 'at_most', 'yes_no')),
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (criterion_id, code)
) STRICT;

-- A threshold for one zone, or for every zone when zone_id is NULL (the zone's own value wins). A threshold
-- the decision does not give is no row at all: never a guessed figure.
CREATE TABLE ntm_thresholds (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES ntm_indicators (id) ON DELETE CASCADE,
    zone_id      INTEGER REFERENCES ntm_zones (id) ON DELETE CASCADE,
    value        REAL    NOT NULL
) STRICT;

CREATE UNIQUE INDEX ntm_thresholds_zone ON ntm_thresholds (indicator_id, coalesce(zone_id, 0));

-- Every finding ever entered for an indicator in a commune; the newest is current. A figure is judged
-- against the commune's threshold; met holds a finding where there is nothing to compare.
CREATE TABLE ntm_indicator_assessments (
    id           INTEGER PRIMARY KEY,
    commune_id   INTEGER NOT NULL REFERENCES communes (id),
    indicator_id INTEGER NOT NULL REFERENCES ntm_indicators (id) ON DELETE CASCADE,
    value        REAL,
    met          INTEGER CHECK (met IN (0, 1)),
    assessed_on  TEXT    NOT NULL CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    evidence     TEXT    NOT NULL DEFAULT '',
    entered_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entered_at   INTEGER NOT NULL,
    CHECK (value IS NOT NULL OR met IS NOT NULL)
) STRICT;

CREATE INDEX ntm_indicator_assessments_current ON ntm_indicator_assessments (commune_id, indicator_id, id DESC);
CREATE INDEX ntm_indicator_assessments_indicator ON ntm_indicator_assessments (indicator_id);
CREATE INDEX ntm_indicator_assessments_user ON ntm_indicator_assessments (entered_by) WHERE entered_by IS NOT NULL;

-- OCOP products: 3 to 5 stars, one of the six product groups of QĐ 148/QĐ-TTg.
CREATE TABLE ocop_products (
    id              INTEGER PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites (id),
    slug            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    stars           INTEGER NOT NULL CHECK (stars BETWEEN 3 AND 5),
    producer        TEXT    NOT NULL,
    commune_id      INTEGER REFERENCES communes (id) ON DELETE SET NULL,
    group_code      TEXT    NOT NULL CHECK (group_code IN ('thuc-pham', 'do-uong', 'thao-duoc', 'thu-cong-my-nghe',
                                                           'sinh-vat-canh', 'du-lich')),
    year_recognised INTEGER NOT NULL CHECK (year_recognised BETWEEN 2018 AND 2100),
    decision_ref    TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL DEFAULT '',
    demo            INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (site_id, slug)
) STRICT;

CREATE INDEX ocop_products_listing ON ocop_products (site_id, stars DESC, name);
CREATE INDEX ocop_products_commune ON ocop_products (commune_id) WHERE commune_id IS NOT NULL;

CREATE TABLE ocop_product_media (
    product_id INTEGER NOT NULL REFERENCES ocop_products (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (product_id, media_id)
) STRICT;

CREATE INDEX ocop_product_media_media ON ocop_product_media (media_id);
