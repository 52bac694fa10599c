-- Test items (one per ordered item), their results with every version kept (R20), and the
-- contemporaneous manual entry records that are a result's raw data (R21).
CREATE TABLE tst_test_items (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  order_item_id BIGINT NOT NULL,
  order_code VARCHAR(40) NOT NULL,
  sample_id BIGINT NOT NULL REFERENCES int_samples (id),
  sample_code VARCHAR(40) NOT NULL,
  product VARCHAR(200) NOT NULL,
  product_category VARCHAR(100) NOT NULL,
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  specification_id BIGINT,
  decision_rule VARCHAR(16),
  assignee_user_id BIGINT,
  assignee_name VARCHAR(100),
  test_date VARCHAR(10),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, order_item_id)
);
CREATE INDEX tst_test_items_by_lab ON tst_test_items (lab_id, id);
CREATE INDEX tst_test_items_by_assignee ON tst_test_items (lab_id, assignee_user_id, id);

CREATE TABLE tst_entry_records (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  test_item_id BIGINT NOT NULL REFERENCES tst_test_items (id),
  typed VARCHAR(100) NOT NULL,
  entered_by BIGINT NOT NULL,
  entered_name VARCHAR(100) NOT NULL,
  at_ms BIGINT NOT NULL,
  sha256 CHAR(64) NOT NULL
);
CREATE INDEX tst_entry_records_by_item ON tst_entry_records (lab_id, test_item_id, id);

CREATE TABLE tst_results (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  test_item_id BIGINT NOT NULL REFERENCES tst_test_items (id),
  attempt INTEGER NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('entered', 'checked', 'approved', 'invalidated')),
  value_text VARCHAR(100) NOT NULL,
  value VARCHAR(60),
  below_lod SMALLINT NOT NULL,
  lod VARCHAR(40),
  reported VARCHAR(60) NOT NULL,
  unit VARCHAR(32) NOT NULL,
  limit_text VARCHAR(60),
  conformity VARCHAR(16) CHECK (conformity IN ('pass', 'fail', 'no_judgement')),
  raw_kind VARCHAR(16) NOT NULL CHECK (raw_kind IN ('manual', 'capture')),
  raw_ref BIGINT NOT NULL,
  performer_user_id BIGINT NOT NULL,
  performer_name VARCHAR(100) NOT NULL,
  checker_user_id BIGINT,
  checker_name VARCHAR(100),
  approver_user_id BIGINT,
  approver_name VARCHAR(100),
  invalid_reason VARCHAR(500),
  retest_reason VARCHAR(500),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (test_item_id, attempt)
);
CREATE INDEX tst_results_by_item ON tst_results (lab_id, test_item_id, attempt);

CREATE TABLE tst_result_versions (
  result_id BIGINT NOT NULL REFERENCES tst_results (id),
  version INTEGER NOT NULL,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  status VARCHAR(16) NOT NULL,
  value_text VARCHAR(100) NOT NULL,
  reported VARCHAR(60) NOT NULL,
  conformity VARCHAR(16),
  raw_ref BIGINT NOT NULL,
  changed_by BIGINT NOT NULL,
  changed_name VARCHAR(100) NOT NULL,
  changed_at_ms BIGINT NOT NULL,
  reason VARCHAR(500),
  PRIMARY KEY (result_id, version)
);
