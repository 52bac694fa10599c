-- Responses remembered per (principal, Idempotency-Key), so a retried POST creates nothing twice.
CREATE TABLE idempotency_keys (
  principal VARCHAR(100) NOT NULL,
  idem_key VARCHAR(128) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL,
  status INT NULL,
  content_type VARCHAR(100) NULL,
  location VARCHAR(500) NULL,
  body MEDIUMTEXT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (principal, idem_key),
  CONSTRAINT idempotency_keys_state CHECK (state IN ('pending', 'done'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
