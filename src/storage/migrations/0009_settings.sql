-- 0009: site settings an admin edits in the back office (issue 3): the logo shown in the public header, and
-- the two colours of the public site. An empty colour means the built-in one of assets/site.css.
-- The logo must be a photo of the same site: the service checks it, since ALTER TABLE cannot add the
-- (site_id, id) foreign key the content tables use. Deleting the photo removes the logo, not the site.
ALTER TABLE sites ADD COLUMN logo_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE sites ADD COLUMN primary_colour TEXT NOT NULL DEFAULT ''
    CHECK (primary_colour = '' OR primary_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
ALTER TABLE sites ADD COLUMN accent_colour TEXT NOT NULL DEFAULT ''
    CHECK (accent_colour = '' OR accent_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
