-- Organizations (labs, customer companies, partner labs), users, roles, sessions, API keys.
CREATE TABLE organizations (
  id BIGINT NOT NULL PRIMARY KEY,
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('lab', 'customer', 'partner')),
  name VARCHAR(200) NOT NULL,
  uscc CHAR(18) NOT NULL UNIQUE,
  code VARCHAR(16),
  address VARCHAR(300),
  cma_no VARCHAR(32),
  cnas_no VARCHAR(32),
  active INTEGER NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX organizations_code ON organizations (code);

CREATE TABLE users (
  id BIGINT NOT NULL PRIMARY KEY,
  org_id BIGINT REFERENCES organizations (id),
  username VARCHAR(64) NOT NULL UNIQUE,
  display_name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_by_org ON users (org_id, id);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role VARCHAR(16) NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE auth_sessions (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT
);
CREATE INDEX auth_sessions_by_user ON auth_sessions (user_id);

CREATE TABLE api_keys (
  id BIGINT NOT NULL PRIMARY KEY,
  org_id BIGINT NOT NULL REFERENCES organizations (id),
  prefix VARCHAR(16) NOT NULL,
  key_hash CHAR(64) NOT NULL UNIQUE,
  label VARCHAR(100) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT
);
CREATE INDEX api_keys_by_org ON api_keys (org_id, id);
