-- Orders (委托单) with their requested items, contract review and quote; sample retention (R22)
-- and the search columns of the sample register.
CREATE TABLE int_orders (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  code VARCHAR(40) NOT NULL,
  customer_org_id BIGINT NOT NULL REFERENCES organizations (id),
  contact_name VARCHAR(100) NOT NULL,
  contact_phone VARCHAR(40),
  contact_email VARCHAR(200),
  site VARCHAR(100) NOT NULL,
  due_date VARCHAR(10) NOT NULL,
  priority VARCHAR(8) NOT NULL CHECK (priority IN ('normal', 'urgent')),
  want_cma SMALLINT NOT NULL,
  want_cnas SMALLINT NOT NULL,
  report_language VARCHAR(10) NOT NULL CHECK (report_language IN ('zh', 'en', 'bilingual')),
  uncertainty SMALLINT NOT NULL,
  decision_rule VARCHAR(16) CHECK (decision_rule IN ('simple', 'guard_band')),
  status VARCHAR(16) NOT NULL CHECK (status IN ('draft', 'reviewed', 'accepted', 'cancelled')),
  reviewed_by BIGINT,
  reviewer_name VARCHAR(100),
  reviewed_on VARCHAR(10),
  reviewed_at_ms BIGINT,
  quote_total VARCHAR(40),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, code)
);
CREATE INDEX int_orders_by_lab ON int_orders (lab_id, id);
CREATE INDEX int_orders_by_customer ON int_orders (customer_org_id, id);

CREATE TABLE int_order_items (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  order_id BIGINT NOT NULL REFERENCES int_orders (id),
  sample_id BIGINT NOT NULL REFERENCES int_samples (id),
  position INTEGER NOT NULL,
  package VARCHAR(100),
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  parameter_name VARCHAR(200) NOT NULL,
  method_citation VARCHAR(300) NOT NULL,
  reviewed SMALLINT NOT NULL,
  can_perform SMALLINT NOT NULL,
  blockers VARCHAR(2000),
  performers VARCHAR(500),
  cma_in_scope SMALLINT NOT NULL,
  cma_reason VARCHAR(500),
  cnas_in_scope SMALLINT NOT NULL,
  cnas_reason VARCHAR(500),
  price VARCHAR(40),
  outside_scope_accepted SMALLINT NOT NULL,
  outside_scope_note VARCHAR(500),
  excluded SMALLINT NOT NULL,
  exclusion_reason VARCHAR(500),
  exclusion_agreed_by VARCHAR(100),
  UNIQUE (order_id, position)
);
CREATE INDEX int_order_items_by_sample ON int_order_items (lab_id, sample_id);

CREATE TABLE int_retention_periods (
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  product_category VARCHAR(100) NOT NULL,
  days INTEGER NOT NULL CHECK (days > 0),
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_id, product_category)
);

ALTER TABLE int_samples ADD COLUMN order_id BIGINT REFERENCES int_orders (id);
ALTER TABLE int_samples ADD COLUMN retain_until VARCHAR(10);
ALTER TABLE int_samples ADD COLUMN disposal_method VARCHAR(200);
CREATE INDEX int_samples_by_order ON int_samples (lab_id, order_id);
CREATE INDEX int_samples_by_status ON int_samples (lab_id, status, id);
CREATE INDEX int_samples_by_customer ON int_samples (customer_org_id, id);
CREATE INDEX int_samples_by_category ON int_samples (lab_id, product_category, id);
