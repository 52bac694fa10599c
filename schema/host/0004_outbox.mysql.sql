-- The transactional outbox (docs/architecture.md "Outbox"). A module writes a message in its use
-- case's transaction (assay::Outbox::enqueue): one outbox row, and one outbox_deliveries row per
-- registered transport that takes the topic. seq is per lab, gap-free and in commit order (drawn
-- from lab_sequences 'outbox', whose row lock queues the writers), so a stream never skips a
-- message that commits late. The delivery worker of each node claims a stream (transport, lab)
-- with a lease in outbox_streams (a conditional UPDATE), sends its pending deliveries in seq
-- order, and marks each delivered only when the receiver acknowledged it.
CREATE TABLE outbox (
  id BIGINT NOT NULL,
  lab_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  topic VARCHAR(64) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY outbox_lab_seq (lab_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE outbox_deliveries (
  message_id BIGINT NOT NULL,
  transport VARCHAR(64) NOT NULL,
  lab_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  last_error VARCHAR(500) NULL,
  last_attempt_at_ms BIGINT NULL,
  delivered_at_ms BIGINT NULL,
  PRIMARY KEY (message_id, transport),
  KEY outbox_deliveries_stream (transport, lab_id, state, seq),
  KEY outbox_deliveries_state (state, transport),
  CONSTRAINT outbox_deliveries_message FOREIGN KEY (message_id) REFERENCES outbox (id),
  CONSTRAINT outbox_deliveries_state_values CHECK (state IN ('pending', 'delivered'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE outbox_streams (
  transport VARCHAR(64) NOT NULL,
  lab_id BIGINT NOT NULL,
  claimed_by VARCHAR(64) NULL,
  lease_until_ms BIGINT NOT NULL DEFAULT 0,
  lease_version BIGINT NOT NULL DEFAULT 0,
  failures INT NOT NULL DEFAULT 0,
  next_attempt_at_ms BIGINT NOT NULL DEFAULT 0,
  last_error VARCHAR(500) NULL,
  PRIMARY KEY (transport, lab_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
