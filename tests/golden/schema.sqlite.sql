CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL UNIQUE,
    label        TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;

CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE article_media (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media (id),
    PRIMARY KEY (article_id, media_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX article_media_media ON article_media (media_id);

CREATE TABLE article_revisions (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    number         INTEGER NOT NULL CHECK (number >= 1),
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    login          TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    autosave       INTEGER NOT NULL DEFAULT 0 CHECK (autosave IN (0, 1)),
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'unpublished')),
    title          TEXT    NOT NULL,
    lead           TEXT    NOT NULL DEFAULT '',
    body_json      TEXT    NOT NULL,
    byline         TEXT    NOT NULL DEFAULT '',
    source         TEXT    NOT NULL DEFAULT '',
    -- No foreign key: a revision keeps the category it had even after the category is gone.
    category_id    INTEGER NOT NULL,
    cover_media_id INTEGER,
    featured       INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    published_at   INTEGER,
    UNIQUE (article_id, number)
) STRICT;

CREATE INDEX article_revisions_user ON article_revisions (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE "articles" (
    id             INTEGER PRIMARY KEY,
    site_id        INTEGER NOT NULL REFERENCES sites (id),
    category_id    INTEGER NOT NULL,
    title          TEXT    NOT NULL,
    slug           TEXT    NOT NULL,
    lead           TEXT    NOT NULL DEFAULT '',
    body_json      TEXT    NOT NULL,
    body_text      TEXT    NOT NULL DEFAULT '',
    cover_media_id INTEGER,
    byline         TEXT    NOT NULL DEFAULT '',
    source         TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'unpublished')),
    featured       INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    published_at   INTEGER,
    author_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (site_id, slug),
    FOREIGN KEY (site_id, category_id) REFERENCES categories (site_id, id),
    FOREIGN KEY (site_id, cover_media_id) REFERENCES media (site_id, id),
    -- Listings order by published_at, and the scheduler waits for it, so both statuses need one.
    CHECK (status NOT IN ('published', 'scheduled') OR published_at IS NOT NULL)
) STRICT;

CREATE INDEX articles_author ON articles (author_id, updated_at DESC) WHERE author_id IS NOT NULL;

CREATE INDEX articles_category ON articles (site_id, category_id);

CREATE INDEX articles_cover ON articles (site_id, cover_media_id) WHERE cover_media_id IS NOT NULL;

CREATE INDEX articles_featured ON articles (site_id, published_at DESC, id DESC)
    WHERE status = 'published' AND featured = 1;

CREATE INDEX articles_published ON articles (site_id, published_at DESC, id DESC)
    WHERE status = 'published';

CREATE INDEX articles_published_category ON articles (site_id, category_id, published_at DESC, id DESC)
    WHERE status = 'published';

CREATE INDEX articles_scheduled ON articles (site_id, published_at) WHERE status = 'scheduled';

CREATE INDEX articles_site_updated ON articles (site_id, updated_at DESC, id DESC);

CREATE INDEX articles_status_updated ON articles (site_id, status, updated_at DESC, id DESC);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    -- The account may be deleted later; login keeps who it was.
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    login       TEXT    NOT NULL DEFAULT '',
    ip          TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL,
    object_type TEXT    NOT NULL DEFAULT '',
    object_id   INTEGER,
    site_id     INTEGER,
    detail      TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update
BEFORE UPDATE OF at, login, ip, action, object_type, object_id, site_id, detail ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at);

CREATE INDEX audit_log_user ON audit_log (user_id, at);

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id),
    parent_id   INTEGER,
    name        TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    in_menu     INTEGER NOT NULL DEFAULT 1 CHECK (in_menu IN (0, 1)),
    UNIQUE (site_id, slug),
    -- The target of the same-site foreign keys below and in articles.
    UNIQUE (site_id, id),
    -- A category with children cannot be deleted: its children would lose their place in the menu.
    FOREIGN KEY (site_id, parent_id) REFERENCES categories (site_id, id) ON DELETE RESTRICT
) STRICT;

CREATE INDEX categories_parent ON categories (site_id, parent_id);

CREATE TABLE communes (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id),
    name        TEXT    NOT NULL,
    merged_into INTEGER REFERENCES communes (id), unit_level TEXT NOT NULL DEFAULT 'commune'
    CHECK (unit_level IN ('commune', 'district')),
    UNIQUE (site_id, name),
    CHECK (merged_into IS NULL OR merged_into <> id)
) STRICT;

CREATE INDEX communes_merged_into ON communes (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE media (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites (id),
    sha256        TEXT    NOT NULL,
    extension     TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    original_name TEXT    NOT NULL DEFAULT '',
    caption       TEXT    NOT NULL DEFAULT '',
    alt           TEXT    NOT NULL DEFAULT '',
    credit        TEXT    NOT NULL DEFAULT '',
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    uploaded_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL, pipeline_version INTEGER NOT NULL DEFAULT 0, search_text TEXT NOT NULL DEFAULT '',
    -- The same photo uploaded twice to a site is one media row.
    UNIQUE (site_id, sha256),
    UNIQUE (site_id, id)
) STRICT;

CREATE INDEX media_pipeline ON media (pipeline_version);

CREATE INDEX media_sha256 ON media (sha256);

CREATE TABLE media_variants (
    media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    width    INTEGER NOT NULL CHECK (width > 0),
    height   INTEGER NOT NULL CHECK (height > 0),
    format   TEXT    NOT NULL CHECK (format IN ('jpg', 'webp')),
    bytes    INTEGER NOT NULL,
    PRIMARY KEY (media_id, width, format)
) STRICT, WITHOUT ROWID;

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

CREATE INDEX ntm_assessments_criterion ON ntm_assessments (criterion_id);

CREATE INDEX ntm_assessments_current ON ntm_assessments (commune_id, criterion_id, id DESC);

CREATE INDEX ntm_assessments_user ON ntm_assessments (entered_by) WHERE entered_by IS NOT NULL;

CREATE TABLE ntm_commune_zones (
    commune_id INTEGER NOT NULL REFERENCES communes (id) ON DELETE CASCADE,
    set_id     INTEGER NOT NULL REFERENCES ntm_criteria_sets (id) ON DELETE CASCADE,
    zone_id    INTEGER NOT NULL REFERENCES ntm_zones (id) ON DELETE CASCADE,
    PRIMARY KEY (commune_id, set_id)
) STRICT;

CREATE INDEX ntm_commune_zones_zone ON ntm_commune_zones (zone_id);

CREATE TABLE ntm_criteria (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES ntm_criteria_sets (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number BETWEEN 1 AND 100),
    name       TEXT    NOT NULL,
    group_name TEXT    NOT NULL DEFAULT '',
    UNIQUE (set_id, number)
) STRICT;

CREATE TABLE ntm_criteria_sets (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites (id),
    slug         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    decision_ref TEXT    NOT NULL DEFAULT '',
    level        TEXT    NOT NULL DEFAULT '',
    first_year   INTEGER NOT NULL,
    last_year    INTEGER NOT NULL,
    created_at   INTEGER NOT NULL, unit_level TEXT NOT NULL DEFAULT 'commune'
    CHECK (unit_level IN ('commune', 'district')), rank TEXT NOT NULL DEFAULT 'standard'
    CHECK (rank IN ('standard', 'advanced', 'model')), zone_kind TEXT NOT NULL DEFAULT 'none'
    CHECK (zone_kind IN ('none', 'region', 'commune_group')),
    UNIQUE (site_id, slug),
    CHECK (first_year BETWEEN 1990 AND 2100 AND last_year BETWEEN first_year AND 2100)
) STRICT;

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

CREATE TABLE ntm_thresholds (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES ntm_indicators (id) ON DELETE CASCADE,
    zone_id      INTEGER REFERENCES ntm_zones (id) ON DELETE CASCADE,
    value        REAL    NOT NULL
) STRICT;

CREATE UNIQUE INDEX ntm_thresholds_zone ON ntm_thresholds (indicator_id, coalesce(zone_id, 0));

CREATE TABLE ntm_zones (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES ntm_criteria_sets (id) ON DELETE CASCADE,
    code     TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (set_id, code)
) STRICT;

CREATE TABLE ocop_product_media (
    product_id INTEGER NOT NULL REFERENCES ocop_products (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (product_id, media_id)
) STRICT;

CREATE INDEX ocop_product_media_media ON ocop_product_media (media_id);

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

CREATE INDEX ocop_products_commune ON ocop_products (commune_id) WHERE commune_id IS NOT NULL;

CREATE INDEX ocop_products_listing ON ocop_products (site_id, stars DESC, name);

CREATE TABLE office_members (
    user_id   INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX office_members_office ON office_members (office_id);

CREATE TABLE offices (
    id      INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    name    TEXT    NOT NULL CHECK (name <> ''),
    UNIQUE (site_id, name)
) STRICT;

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE search_articles (
    article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    site_id      INTEGER NOT NULL,
    category_id  INTEGER NOT NULL,
    published_at INTEGER NOT NULL
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
    title, lead, body, captions, exact,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'",
    -- Search as you type: the last word is a prefix (from 3 letters on, search::MIN_PREFIX_CHARS).
    -- A 3-letter prefix matches hundreds of terms; indexing it makes such a query one lookup instead
    -- of a merge of hundreds of lists. Longer prefixes match few terms, spelled out (search_vocab).
    prefix = '3'
);

CREATE TABLE 'search_index_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'search_index_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4);

CREATE TABLE 'search_index_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'search_index_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'search_index_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE search_synonyms (
    abbreviation TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
    expansion    TEXT NOT NULL
) STRICT;

CREATE TABLE search_terms (
    term TEXT NOT NULL PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
    id                    INTEGER PRIMARY KEY,
    user_id               INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash            TEXT    NOT NULL UNIQUE,
    csrf_token            TEXT    NOT NULL,
    created_at            INTEGER NOT NULL,
    last_seen_at          INTEGER NOT NULL,
    -- The absolute end; the idle end is last_seen_at plus the configured idle time.
    expires_at            INTEGER NOT NULL,
    ip                    TEXT    NOT NULL DEFAULT '',
    user_agent            TEXT    NOT NULL DEFAULT '',
    -- Password given, TOTP code still owed: such a session opens nothing but the code page.
    second_factor_pending INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_pending IN (0, 1))
) STRICT;

CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sites (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    slogan     TEXT    NOT NULL DEFAULT '',
    host       TEXT    NOT NULL COLLATE NOCASE UNIQUE,  -- '' for the default site; DNS names ignore case
    owner      TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
, responsible_person TEXT NOT NULL DEFAULT '', licence TEXT NOT NULL DEFAULT '', logo_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL, primary_colour TEXT NOT NULL DEFAULT ''
    CHECK (primary_colour = '' OR primary_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'), accent_colour TEXT NOT NULL DEFAULT ''
    CHECK (accent_colour = '' OR accent_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')) STRICT;

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

CREATE TABLE target_reports (
    id         INTEGER PRIMARY KEY,
    target_id  INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    period     TEXT    NOT NULL,  -- "2024-q1", "2024-t03", "2024-6t", "2024-9t", "2024-nam"
    value      REAL,              -- NULL: not assessable yet ("chưa đánh giá")
    note       TEXT    NOT NULL DEFAULT '',
    entered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entered_at INTEGER NOT NULL
) STRICT;

CREATE INDEX target_reports_current ON target_reports (target_id, period, id DESC);

CREATE INDEX target_reports_user ON target_reports (entered_by) WHERE entered_by IS NOT NULL;

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
    position   INTEGER NOT NULL DEFAULT 0, office_id INTEGER REFERENCES offices (id),
    -- A code names one target of a resolution; reports and imports refer to targets by it.
    UNIQUE (plan_id, code),
    -- Only a range has an upper bound, and it always has one.
    CHECK ((kind = 'within_range') = (plan_max IS NOT NULL))
) STRICT;

CREATE INDEX targets_office ON targets (office_id) WHERE office_id IS NOT NULL;

CREATE INDEX targets_plan ON targets (plan_id, position, id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL COLLATE NOCASE UNIQUE,  -- "Admin" and "admin" are one account
    display_name  TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'approver', 'editor')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL
, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER, totp_secret TEXT NOT NULL DEFAULT '', totp_pending_secret TEXT NOT NULL DEFAULT '', totp_last_step INTEGER, totp_required INTEGER NOT NULL DEFAULT 0 CHECK (totp_required IN (0, 1)), password_changed_at INTEGER) STRICT;
