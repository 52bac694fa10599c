-- QC batches (R24): QC samples with their acceptance criteria and outcomes (a time series per
-- material), the batch's hold and its disposition.
CREATE TABLE tst_batches (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(100) NOT NULL,
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('open', 'held', 'released', 'retest', 'rejected')),
  disposition_reason VARCHAR(500),
  disposed_by BIGINT,
  disposed_name VARCHAR(100),
  disposed_at_ms BIGINT,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX tst_batches_by_lab ON tst_batches (lab_id, id);

ALTER TABLE tst_test_items ADD COLUMN batch_id BIGINT REFERENCES tst_batches (id);

CREATE TABLE tst_qc_results (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  batch_id BIGINT NOT NULL REFERENCES tst_batches (id),
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('blank', 'duplicate', 'spike', 'reference')),
  material VARCHAR(100) NOT NULL,
  value VARCHAR(60) NOT NULL,
  criteria VARCHAR(500) NOT NULL,
  figure VARCHAR(60),
  target VARCHAR(60),
  sd VARCHAR(60),
  outcome VARCHAR(8) NOT NULL CHECK (outcome IN ('pass', 'fail')),
  detail VARCHAR(500) NOT NULL,
  measured_by BIGINT NOT NULL,
  measured_name VARCHAR(100) NOT NULL,
  measured_at_ms BIGINT NOT NULL
);
CREATE INDEX tst_qc_results_by_batch ON tst_qc_results (lab_id, batch_id, id);
CREATE INDEX tst_qc_results_series ON tst_qc_results (lab_id, parameter_id, method_id, material, measured_at_ms);

-- The review queues: results by status, oldest first.
CREATE INDEX tst_results_by_status ON tst_results (lab_id, status, id);
