-- 0005: the back office's audit log (issue 3). Append-only: nothing in Cổng updates or deletes a row.
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
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at);

-- An audit log that can be edited is no record: refuse changes below the application too. Only user_id
-- may change, when ON DELETE SET NULL forgets a deleted account (login still says who it was).
CREATE TRIGGER audit_log_no_update
BEFORE UPDATE OF at, login, ip, action, object_type, object_id, site_id, detail ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
