-- Samples with their immutable codes (R18), receipt (R19) and status, and custody events.
CREATE TABLE int_samples (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  code VARCHAR(40) NOT NULL,
  parent_id BIGINT REFERENCES int_samples (id),
  customer_org_id BIGINT REFERENCES organizations (id),
  name VARCHAR(200) NOT NULL,
  product_category VARCHAR(100) NOT NULL,
  brand VARCHAR(100),
  model VARCHAR(100),
  batch_no VARCHAR(100),
  manufacturer VARCHAR(200),
  manufacturer_uscc CHAR(18),
  production_date VARCHAR(10),
  quantity VARCHAR(40),
  unit VARCHAR(32),
  gtin VARCHAR(14),
  status VARCHAR(16) NOT NULL CHECK (status IN ('registered', 'received', 'in_testing', 'tested', 'reported', 'retained',
                                                'disposed', 'rejected', 'cancelled')),
  condition_on_receipt VARCHAR(500),
  deviation VARCHAR(500),
  customer_decision VARCHAR(16) CHECK (customer_decision IN ('proceed', 'reject')),
  received_at_ms BIGINT,
  received_by BIGINT,
  holder VARCHAR(100) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, code)
);
CREATE INDEX int_samples_by_lab ON int_samples (lab_id, id);
CREATE INDEX int_samples_by_parent ON int_samples (lab_id, parent_id);

CREATE TABLE int_custody_events (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  sample_id BIGINT NOT NULL REFERENCES int_samples (id),
  at_ms BIGINT NOT NULL,
  by_user BIGINT NOT NULL,
  by_name VARCHAR(100) NOT NULL,
  from_holder VARCHAR(100) NOT NULL,
  to_holder VARCHAR(100) NOT NULL,
  reason VARCHAR(500) NOT NULL
);
CREATE INDEX int_custody_events_by_sample ON int_custody_events (lab_id, sample_id, at_ms, id);
