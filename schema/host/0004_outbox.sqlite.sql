-- The transactional outbox (docs/architecture.md "Outbox"). A module writes a message in its use
-- case's transaction (assay::Outbox::enqueue): one outbox row, and one outbox_deliveries row per
-- registered transport that takes the topic. seq is per lab, gap-free and in commit order (drawn
-- from lab_sequences 'outbox', whose row lock queues the writers), so a stream never skips a
-- message that commits late. The delivery worker of each node claims a stream (transport, lab)
-- with a lease in outbox_streams (a conditional UPDATE), sends its pending deliveries in seq
-- order, and marks each delivered only when the receiver acknowledged it.
CREATE TABLE outbox (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  topic VARCHAR(64) NOT NULL,
  payload TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, seq)
);
CREATE TABLE outbox_deliveries (
  message_id BIGINT NOT NULL REFERENCES outbox (id),
  transport VARCHAR(64) NOT NULL,
  lab_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error VARCHAR(500),
  last_attempt_at_ms BIGINT,
  delivered_at_ms BIGINT,
  PRIMARY KEY (message_id, transport)
);
CREATE INDEX outbox_deliveries_stream ON outbox_deliveries (transport, lab_id, state, seq);
CREATE INDEX outbox_deliveries_state ON outbox_deliveries (state, transport);
CREATE TABLE outbox_streams (
  transport VARCHAR(64) NOT NULL,
  lab_id BIGINT NOT NULL,
  claimed_by VARCHAR(64),
  lease_until_ms BIGINT NOT NULL DEFAULT 0,
  lease_version BIGINT NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms BIGINT NOT NULL DEFAULT 0,
  last_error VARCHAR(500),
  PRIMARY KEY (transport, lab_id)
);
