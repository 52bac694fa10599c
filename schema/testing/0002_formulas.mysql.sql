-- Versioned formulas (R39): a result keeps the formula version it was calculated with.
CREATE TABLE tst_formulas (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  version INT NOT NULL,
  expression VARCHAR(2000) NOT NULL,
  inputs VARCHAR(500) NOT NULL,
  status VARCHAR(16) NOT NULL,
  note VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_name VARCHAR(100) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE KEY tst_formulas_version (lab_id, parameter_id, method_id, version),
  CONSTRAINT tst_formulas_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT tst_formulas_status CHECK (status IN ('current', 'superseded'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE tst_results ADD COLUMN formula_id BIGINT NULL, ADD COLUMN formula_version INT NULL,
  ADD COLUMN interim VARCHAR(2000) NULL,
  ADD CONSTRAINT tst_results_formula FOREIGN KEY (formula_id) REFERENCES tst_formulas (id);
-- A calculated result's entry record holds every input as typed.
ALTER TABLE tst_entry_records MODIFY typed VARCHAR(2000) NOT NULL;
