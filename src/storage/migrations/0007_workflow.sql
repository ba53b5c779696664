-- 0007: the editorial workflow (issue 3). Articles gain two statuses — scheduled (published by the
-- scheduler when published_at comes) and unpublished (taken down) — and every save keeps a revision.
--
-- SQLite cannot change a CHECK constraint in place, so articles is rebuilt with the documented 12-step
-- procedure (https://www.sqlite.org/lang_altertable.html#otheralter): the migration runner turns foreign
-- keys off before its transaction (so dropping the old table does not cascade into article_media and
-- search_articles) and runs PRAGMA foreign_key_check before it commits. article_media and
-- search_articles refer to articles by name, so they point at the new table once it is renamed.

CREATE TABLE articles_new (
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

-- Before this migration an article "published" with a future time was how one was scheduled; it
-- becomes scheduled, so the scheduler publishes it (and drops the cached listings) when its time comes.
INSERT INTO articles_new (id, site_id, category_id, title, slug, lead, body_json, body_text, cover_media_id, byline,
                          source, status, featured, published_at, author_id, created_at, updated_at)
SELECT id, site_id, category_id, title, slug, lead, body_json, body_text, cover_media_id, byline, source,
       CASE WHEN status = 'published' AND published_at > CAST(strftime('%s', 'now') AS INTEGER) THEN 'scheduled'
            ELSE status END,
       featured, published_at, author_id, created_at, updated_at
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

-- The indexes of 0001, as they were (articles has no triggers or views).
-- Home page and feeds: the newest published articles of a site, read in index order without a sort.
CREATE INDEX articles_published ON articles (site_id, published_at DESC, id DESC)
    WHERE status = 'published';

-- Category pages: the same, within one category.
CREATE INDEX articles_published_category ON articles (site_id, category_id, published_at DESC, id DESC)
    WHERE status = 'published';

-- The featured block of the home page.
CREATE INDEX articles_featured ON articles (site_id, published_at DESC, id DESC)
    WHERE status = 'published' AND featured = 1;

-- Foreign-key checks when a category or photo is deleted, and the editor's list of articles by category.
CREATE INDEX articles_category ON articles (site_id, category_id);
CREATE INDEX articles_cover ON articles (site_id, cover_media_id) WHERE cover_media_id IS NOT NULL;

-- "My articles" for an editor, and the foreign-key check when a user is deleted.
CREATE INDEX articles_author ON articles (author_id, updated_at DESC) WHERE author_id IS NOT NULL;

-- The scheduler's question every second: which scheduled articles' time has come. Few rows, all hot.
CREATE INDEX articles_scheduled ON articles (site_id, published_at) WHERE status = 'scheduled';

-- The back office's article list: newest change first, optionally of one status.
CREATE INDEX articles_site_updated ON articles (site_id, updated_at DESC, id DESC);
CREATE INDEX articles_status_updated ON articles (site_id, status, updated_at DESC, id DESC);

-- Every save of an article keeps its content here, numbered 1, 2, 3 … per article. An autosave replaces
-- the previous revision when that one was an autosave by the same account, so typing for an hour leaves
-- one revision, not three hundred.
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
