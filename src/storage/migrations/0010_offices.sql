-- 0010: offices as records (issue 6, data entry). A target belongs to the office that answers for it, and a
-- back-office account may belong to one office: an editor with an office enters figures only for its targets.
-- The free-text targets.office of 0004 becomes a reference; the offices are the distinct texts it held.

CREATE TABLE offices (
    id      INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    name    TEXT    NOT NULL CHECK (name <> ''),
    UNIQUE (site_id, name)
) STRICT;

INSERT INTO offices (site_id, name)
    SELECT DISTINCT p.site_id, t.office
    FROM targets t JOIN target_plans p ON p.id = t.plan_id
    WHERE t.office <> ''
    ORDER BY p.site_id, t.office;

-- An office in use cannot be removed: its targets would lose who answers for them.
ALTER TABLE targets ADD COLUMN office_id INTEGER REFERENCES offices (id);

UPDATE targets SET office_id = (
    SELECT o.id FROM offices o JOIN target_plans p ON p.site_id = o.site_id
    WHERE p.id = targets.plan_id AND o.name = targets.office)
WHERE office <> '';

ALTER TABLE targets DROP COLUMN office;

CREATE INDEX targets_office ON targets (office_id) WHERE office_id IS NOT NULL;

-- At most one office per account; removing the account or the office removes the membership.
CREATE TABLE office_members (
    user_id   INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX office_members_office ON office_members (office_id);
