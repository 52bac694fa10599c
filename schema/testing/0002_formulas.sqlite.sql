-- Versioned formulas (R39): a result keeps the formula version it was calculated with.
CREATE TABLE tst_formulas (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  expression VARCHAR(2000) NOT NULL,
  inputs VARCHAR(500) NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('current', 'superseded')),
  note VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_name VARCHAR(100) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, parameter_id, method_id, version)
);

ALTER TABLE tst_results ADD COLUMN formula_id BIGINT REFERENCES tst_formulas (id);
ALTER TABLE tst_results ADD COLUMN formula_version INTEGER;
ALTER TABLE tst_results ADD COLUMN interim VARCHAR(2000);
