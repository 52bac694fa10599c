-- Instruments (linked to equipment records), capture runs (the raw bytes are stored as files
-- named by their SHA-256; the row keeps hash, size, server time and origin, R20) and the staged
-- results of each run, matched to test items or queued (never dropped).
CREATE TABLE cap_instruments (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(100) NOT NULL,
  equipment_id BIGINT NOT NULL,
  driver VARCHAR(16) NOT NULL CHECK (driver IN ('astm', 'hl7', 'delimited')),
  profile VARCHAR(4000) NOT NULL,
  analytes VARCHAR(4000) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, name)
);

CREATE TABLE cap_runs (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  instrument_id BIGINT NOT NULL REFERENCES cap_instruments (id),
  source VARCHAR(16) NOT NULL CHECK (source IN ('upload', 'folder', 'tcp')),
  origin VARCHAR(300) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  size BIGINT NOT NULL,
  received_at_ms BIGINT NOT NULL,
  received_by BIGINT,
  readings INTEGER NOT NULL,
  diagnostics VARCHAR(2000),
  UNIQUE (lab_id, instrument_id, sha256)
);
CREATE INDEX cap_runs_by_lab ON cap_runs (lab_id, id);

CREATE TABLE cap_staged (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  run_id BIGINT NOT NULL REFERENCES cap_runs (id),
  line INTEGER NOT NULL,
  sample_code VARCHAR(60) NOT NULL,
  analyte VARCHAR(100) NOT NULL,
  value_text VARCHAR(100) NOT NULL,
  unit VARCHAR(32),
  parameter_id BIGINT,
  test_item_id BIGINT,
  status VARCHAR(16) NOT NULL CHECK (status IN ('staged', 'unmatched', 'accepted', 'rejected')),
  equipment_problem VARCHAR(500),
  result_id BIGINT,
  reason VARCHAR(500),
  decided_by BIGINT,
  decided_at_ms BIGINT,
  version INTEGER NOT NULL
);
CREATE INDEX cap_staged_by_status ON cap_staged (lab_id, status, id);
CREATE INDEX cap_staged_by_run ON cap_staged (lab_id, run_id, id);
