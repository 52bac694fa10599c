-- The audit hash chain and per-lab sequences (host-owned tables).
CREATE TABLE audit_head (
  id INTEGER NOT NULL PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
  seq BIGINT NOT NULL PRIMARY KEY,
  id BIGINT NOT NULL UNIQUE,
  at_ms BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor_name VARCHAR(100) NOT NULL,
  org_id BIGINT,
  request_id VARCHAR(64) NOT NULL,
  entity VARCHAR(64) NOT NULL,
  entity_id VARCHAR(128) NOT NULL,
  action VARCHAR(32) NOT NULL,
  field VARCHAR(128) NOT NULL,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events (entity, entity_id, seq);
CREATE INDEX audit_events_by_org ON audit_events (org_id, seq);

CREATE TABLE lab_sequences (
  lab_id BIGINT NOT NULL,
  name VARCHAR(64) NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (lab_id, name)
);
