-- Instruments (linked to equipment records), capture runs (the raw bytes are stored as files
-- named by their SHA-256; the row keeps hash, size, server time and origin, R20) and the staged
-- results of each run, matched to test items or queued (never dropped).
CREATE TABLE cap_instruments (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  equipment_id BIGINT NOT NULL,
  driver VARCHAR(16) NOT NULL,
  profile VARCHAR(4000) NOT NULL,
  analytes VARCHAR(4000) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE KEY cap_instruments_name (lab_id, name),
  CONSTRAINT cap_instruments_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT cap_instruments_driver CHECK (driver IN ('astm', 'hl7', 'delimited'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cap_runs (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  instrument_id BIGINT NOT NULL,
  source VARCHAR(16) NOT NULL,
  origin VARCHAR(300) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  size BIGINT NOT NULL,
  received_at_ms BIGINT NOT NULL,
  received_by BIGINT NULL,
  readings INT NOT NULL,
  diagnostics VARCHAR(2000) NULL,
  UNIQUE KEY cap_runs_content (lab_id, instrument_id, sha256),
  KEY cap_runs_by_lab (lab_id, id),
  CONSTRAINT cap_runs_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT cap_runs_instrument FOREIGN KEY (instrument_id) REFERENCES cap_instruments (id),
  CONSTRAINT cap_runs_source CHECK (source IN ('upload', 'folder', 'tcp'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cap_staged (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  run_id BIGINT NOT NULL,
  line INT NOT NULL,
  sample_code VARCHAR(60) NOT NULL,
  analyte VARCHAR(100) NOT NULL,
  value_text VARCHAR(100) NOT NULL,
  unit VARCHAR(32) NULL,
  parameter_id BIGINT NULL,
  test_item_id BIGINT NULL,
  status VARCHAR(16) NOT NULL,
  equipment_problem VARCHAR(500) NULL,
  result_id BIGINT NULL,
  reason VARCHAR(500) NULL,
  decided_by BIGINT NULL,
  decided_at_ms BIGINT NULL,
  version INT NOT NULL,
  KEY cap_staged_by_status (lab_id, status, id),
  KEY cap_staged_by_run (lab_id, run_id, id),
  CONSTRAINT cap_staged_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT cap_staged_run FOREIGN KEY (run_id) REFERENCES cap_runs (id),
  CONSTRAINT cap_staged_status CHECK (status IN ('staged', 'unmatched', 'accepted', 'rejected'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
