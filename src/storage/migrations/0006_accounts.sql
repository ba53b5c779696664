-- 0006: back-office sign-in (issue 3): server-side sessions, failed-login lockout and TOTP second factor.

-- A session is known by the SHA-256 of its cookie token only: a copy of this table signs nobody in.
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

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Consecutive wrong passwords since the last success; at the limit the account is locked for a while.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
-- Base32 TOTP secret once confirmed with a code (empty: no second factor), and one being enrolled.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT NOT NULL DEFAULT '';
-- The last accepted 30-second step: a code seen once is never accepted again.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
-- Set by an admin: the account must enrol a second factor before it can do anything else.
ALTER TABLE users ADD COLUMN totp_required INTEGER NOT NULL DEFAULT 0 CHECK (totp_required IN (0, 1));
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;
