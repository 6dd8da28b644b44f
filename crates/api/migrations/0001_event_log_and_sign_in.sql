-- The same migration for SQLite and PostgreSQL: only TEXT and BIGINT columns, no
-- autoincrement, nothing either database reads differently. Times are milliseconds since
-- 1970-01-01 UTC.

-- One row per workspace. `head` is the seq of its last event: a writer locks this row
-- (PostgreSQL: SELECT … FOR UPDATE; SQLite: BEGIN IMMEDIATE) before it appends, so
-- processes sharing the database take turns.
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    head BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The event log, the truth: the JSON of each benefits-core Event, numbered 1, 2, 3…
CREATE TABLE events (
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    seq BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (workspace, seq)
);

-- Every command a client sent, by the id the client made: its first answer is kept so
-- that a retry gets it again (the event's seq, or the engine's refusal as JSON). `hash`
-- is the SHA-256 of the command's JSON, to tell a retry from an id used again.
CREATE TABLE commands (
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    id TEXT NOT NULL,
    hash TEXT NOT NULL,
    seq BIGINT,
    refusal TEXT,
    user_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (workspace, id)
);

-- Argon2id password hashes (PHC strings) of the directory users who may sign in.
CREATE TABLE credentials (
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    user_id TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (workspace, user_id)
);

-- Open sessions, by the SHA-256 of their token (the token itself is only in the cookie).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    user_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (workspace, user_id);

-- Invitations not yet used, by the SHA-256 of their token.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    user_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invitations_by_user ON invitations (workspace, user_id);

-- Failed sign-ins of the last 15 minutes, shared by every server process (R-API-3).
CREATE TABLE sign_in_failures (
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);
