-- QC batches (R24): QC samples with their acceptance criteria and outcomes (a time series per
-- material), the batch's hold and its disposition.
CREATE TABLE tst_batches (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  disposition_reason VARCHAR(500) NULL,
  disposed_by BIGINT NULL,
  disposed_name VARCHAR(100) NULL,
  disposed_at_ms BIGINT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL,
  KEY tst_batches_by_lab (lab_id, id),
  CONSTRAINT tst_batches_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT tst_batches_status CHECK (status IN ('open', 'held', 'released', 'retest', 'rejected'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE tst_test_items ADD COLUMN batch_id BIGINT NULL,
  ADD CONSTRAINT tst_test_items_batch FOREIGN KEY (batch_id) REFERENCES tst_batches (id);

CREATE TABLE tst_qc_results (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  batch_id BIGINT NOT NULL,
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  material VARCHAR(100) NOT NULL,
  value VARCHAR(60) NOT NULL,
  criteria VARCHAR(500) NOT NULL,
  figure VARCHAR(60) NULL,
  target VARCHAR(60) NULL,
  sd VARCHAR(60) NULL,
  outcome VARCHAR(8) NOT NULL,
  detail VARCHAR(500) NOT NULL,
  measured_by BIGINT NOT NULL,
  measured_name VARCHAR(100) NOT NULL,
  measured_at_ms BIGINT NOT NULL,
  KEY tst_qc_results_by_batch (lab_id, batch_id, id),
  KEY tst_qc_results_series (lab_id, parameter_id, method_id, material, measured_at_ms),
  CONSTRAINT tst_qc_results_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT tst_qc_results_batch FOREIGN KEY (batch_id) REFERENCES tst_batches (id),
  CONSTRAINT tst_qc_results_kind CHECK (kind IN ('blank', 'duplicate', 'spike', 'reference')),
  CONSTRAINT tst_qc_results_outcome CHECK (outcome IN ('pass', 'fail'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The review queues: results by status, oldest first.
CREATE INDEX tst_results_by_status ON tst_results (lab_id, status, id);
