-- Organizations (labs, customer companies, partner labs), users, roles, sessions, API keys.
CREATE TABLE organizations (
  id BIGINT NOT NULL PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  name VARCHAR(200) NOT NULL,
  uscc CHAR(18) NOT NULL,
  code VARCHAR(16) NULL,
  address VARCHAR(300) NULL,
  cma_no VARCHAR(32) NULL,
  cnas_no VARCHAR(32) NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY organizations_uscc (uscc),
  UNIQUE KEY organizations_code (code),
  CONSTRAINT organizations_kind CHECK (kind IN ('lab', 'customer', 'partner'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id BIGINT NOT NULL PRIMARY KEY,
  org_id BIGINT NULL,
  username VARCHAR(64) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY users_username (username),
  KEY users_by_org (org_id, id),
  CONSTRAINT users_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL,
  role VARCHAR(16) NOT NULL,
  PRIMARY KEY (user_id, role),
  CONSTRAINT user_roles_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE auth_sessions (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT NULL,
  KEY auth_sessions_by_user (user_id),
  CONSTRAINT auth_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_keys (
  id BIGINT NOT NULL PRIMARY KEY,
  org_id BIGINT NOT NULL,
  prefix VARCHAR(16) NOT NULL,
  key_hash CHAR(64) NOT NULL,
  label VARCHAR(100) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT NULL,
  UNIQUE KEY api_keys_hash (key_hash),
  KEY api_keys_by_org (org_id, id),
  CONSTRAINT api_keys_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
