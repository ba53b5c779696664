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

CREATE TABLE articles (
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
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'pending', 'published')),
    featured       INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    published_at   INTEGER,
    author_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (site_id, slug),
    FOREIGN KEY (site_id, category_id) REFERENCES categories (site_id, id),
    FOREIGN KEY (site_id, cover_media_id) REFERENCES media (site_id, id),
    -- Listings order by published_at, so a published article always has one.
    CHECK (status <> 'published' OR published_at IS NOT NULL)
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
    created_at    INTEGER NOT NULL,
    -- The same photo uploaded twice to a site is one media row.
    UNIQUE (site_id, sha256),
    UNIQUE (site_id, id)
) STRICT;

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
) STRICT;

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
, responsible_person TEXT NOT NULL DEFAULT '', licence TEXT NOT NULL DEFAULT '') STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL COLLATE NOCASE UNIQUE,  -- "Admin" and "admin" are one account
    display_name  TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'approver', 'editor')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL
) STRICT;
