-- The same migration for SQLite and PostgreSQL: only TEXT and BIGINT columns, no
-- autoincrement, nothing either database reads differently. Times are milliseconds since
-- 1970-01-01 UTC.

-- One row per workspace. A writer takes its turn on this row (PostgreSQL: SELECT … FOR
-- UPDATE; SQLite: BEGIN IMMEDIATE locks the file) before it appends, so processes sharing
-- the database take turns.
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The event log, the truth: the JSON of each benefits-core Event, numbered 1, 2, 3… The
-- workspace's head is its largest seq (one step down the primary key's index). An event
-- made by a client's command keeps the command's id, unique in the workspace, and the
-- SHA-256 of the command's JSON, to tell a retry (the first answer again) from an id used
-- for another command; events imported or of the demo have neither.
CREATE TABLE events (
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    seq BIGINT NOT NULL,
    body TEXT NOT NULL,
    command_id TEXT,
    command_hash TEXT,
    PRIMARY KEY (workspace, seq)
);
CREATE UNIQUE INDEX events_by_command ON events (workspace, command_id);

-- Commands the engine refused: nothing changed, but a retry gets the same refusal (the
-- DomainError's JSON), never a second decision.
CREATE TABLE refusals (
    workspace TEXT NOT NULL REFERENCES workspaces (id),
    command_id TEXT NOT NULL,
    command_hash TEXT NOT NULL,
    refusal TEXT NOT NULL,
    user_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (workspace, command_id)
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
