-- Responses remembered per (principal, Idempotency-Key), so a retried POST creates nothing twice.
CREATE TABLE idempotency_keys (
  principal VARCHAR(100) NOT NULL,
  idem_key VARCHAR(128) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'done')),
  status INTEGER,
  content_type VARCHAR(100),
  location VARCHAR(500),
  body TEXT,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (principal, idem_key)
);
