-- The audit hash chain and per-lab sequences (host-owned tables).
CREATE TABLE audit_head (
  id INT NOT NULL PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
  seq BIGINT NOT NULL PRIMARY KEY,
  id BIGINT NOT NULL,
  at_ms BIGINT NOT NULL,
  actor_user_id BIGINT NULL,
  actor_name VARCHAR(100) NOT NULL,
  org_id BIGINT NULL,
  request_id VARCHAR(64) NOT NULL,
  entity VARCHAR(64) NOT NULL,
  entity_id VARCHAR(128) NOT NULL,
  action VARCHAR(32) NOT NULL,
  field VARCHAR(128) NOT NULL,
  old_value MEDIUMTEXT NULL,
  new_value MEDIUMTEXT NULL,
  reason TEXT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  UNIQUE KEY audit_events_id (id),
  KEY audit_events_by_entity (entity, entity_id, seq),
  KEY audit_events_by_org (org_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE lab_sequences (
  lab_id BIGINT NOT NULL,
  name VARCHAR(64) NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (lab_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
