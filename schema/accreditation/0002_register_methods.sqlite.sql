-- Test methods of the register and their dated verification / validation records (R23).
CREATE TABLE acc_methods (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  standard_id BIGINT NOT NULL REFERENCES acc_standards (id),
  clause VARCHAR(32),
  name VARCHAR(200) NOT NULL,
  principle VARCHAR(500),
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('standard', 'non_standard')),
  equipment_types VARCHAR(500) NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('current', 'withdrawn')),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX acc_methods_by_lab ON acc_methods (lab_id, id);

CREATE TABLE acc_method_records (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  method_id BIGINT NOT NULL REFERENCES acc_methods (id),
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('verification', 'validation')),
  record_date CHAR(10) NOT NULL,
  record_no VARCHAR(64) NOT NULL,
  summary VARCHAR(1000),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_method_records_by_method ON acc_method_records (lab_id, method_id, record_date);
