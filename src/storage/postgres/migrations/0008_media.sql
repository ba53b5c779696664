-- 0008 (PostgreSQL): the media pipeline and library (issue 3). Cổng never serves uploaded bytes: every served
-- file is a variant it re-encoded itself (auto-oriented, metadata stripped), named <sha256>-<width>.<jpg|webp>.
-- The same tables and columns as storage/migrations/0008_media.sql.

-- pipeline_version: the variant ladder the files were derived with; 0 for photos uploaded before this
-- migration, whose variants `cong media rebuild` derives. width and height are then the oriented size.
ALTER TABLE media ADD COLUMN pipeline_version BIGINT NOT NULL DEFAULT 0;
-- Caption, alt, credit and file name folded (core::fold_for_search), so "lua" finds "Lúa"; written by the
-- store on every insert and update.
ALTER TABLE media ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- The files derived from one upload: one row per width and format.
CREATE TABLE media_variants (
    media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    width    BIGINT NOT NULL CHECK (width > 0),
    height   BIGINT NOT NULL CHECK (height > 0),
    format   TEXT   NOT NULL CHECK (format IN ('jpg', 'webp')),
    bytes    BIGINT NOT NULL,
    PRIMARY KEY (media_id, width, format)
);

-- `cong media rebuild` finds the photos still without variants of the current ladder.
CREATE INDEX media_pipeline ON media (pipeline_version);

-- Serving /media/<sha256>-<width>.<ext> looks the photo up by its hash alone, whatever its site.
CREATE INDEX media_sha256 ON media (sha256);
