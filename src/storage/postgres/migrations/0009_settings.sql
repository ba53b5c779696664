-- 0009 (PostgreSQL): site settings an admin edits in the back office (issue 3): the logo shown in the public
-- header, and the two colours of the public site. An empty colour means the built-in one of assets/site.css.
-- The logo must be a photo of the same site: the service checks it, as on SQLite. Deleting the photo removes
-- the logo, not the site.
ALTER TABLE sites ADD COLUMN logo_media_id BIGINT REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE sites ADD COLUMN primary_colour TEXT NOT NULL DEFAULT ''
    CHECK (primary_colour = '' OR primary_colour ~ '^#[0-9a-f]{6}$');
ALTER TABLE sites ADD COLUMN accent_colour TEXT NOT NULL DEFAULT ''
    CHECK (accent_colour = '' OR accent_colour ~ '^#[0-9a-f]{6}$');
