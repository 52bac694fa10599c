-- Equipment with dated status, calibrations / verifications, intermediate checks, reference
-- materials (R15, R16), and the nonconformity register with impact lists.
CREATE TABLE acc_equipment (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  asset_no VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  equipment_type VARCHAR(50) NOT NULL,
  model VARCHAR(100),
  serial_no VARCHAR(100),
  manufacturer VARCHAR(200),
  location VARCHAR(200),
  status VARCHAR(16) NOT NULL CHECK (status IN ('in_service', 'out_of_service', 'retired')),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, asset_no)
);
CREATE INDEX acc_equipment_by_lab ON acc_equipment (lab_id, id);

CREATE TABLE acc_equipment_status (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  equipment_id BIGINT NOT NULL REFERENCES acc_equipment (id),
  status VARCHAR(16) NOT NULL CHECK (status IN ('in_service', 'out_of_service', 'retired')),
  effective_date VARCHAR(10) NOT NULL,
  reason VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_equipment_status_by_eq ON acc_equipment_status (lab_id, equipment_id, effective_date, id);

CREATE TABLE acc_calibrations (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  equipment_id BIGINT NOT NULL REFERENCES acc_equipment (id),
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('calibration', 'verification')),
  certificate_no VARCHAR(100) NOT NULL,
  provider VARCHAR(200) NOT NULL,
  performed_on VARCHAR(10) NOT NULL,
  due_on VARCHAR(10) NOT NULL,
  result VARCHAR(8) NOT NULL CHECK (result IN ('pass', 'fail')),
  as_found VARCHAR(20) NOT NULL CHECK (as_found IN ('in_tolerance', 'out_of_tolerance')),
  note VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_calibrations_by_eq ON acc_calibrations (lab_id, equipment_id, performed_on, id);
CREATE INDEX acc_calibrations_due ON acc_calibrations (lab_id, due_on);

CREATE TABLE acc_equipment_checks (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  equipment_id BIGINT NOT NULL REFERENCES acc_equipment (id),
  performed_on VARCHAR(10) NOT NULL,
  result VARCHAR(8) NOT NULL CHECK (result IN ('pass', 'fail')),
  note VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_equipment_checks_by_eq ON acc_equipment_checks (lab_id, equipment_id, performed_on, id);

CREATE TABLE acc_reference_materials (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(200) NOT NULL,
  lot_no VARCHAR(64) NOT NULL,
  certified_value VARCHAR(40),
  unit VARCHAR(32),
  supplier VARCHAR(200),
  expires_on VARCHAR(10) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, name, lot_no)
);
CREATE INDEX acc_reference_materials_expiry ON acc_reference_materials (lab_id, expires_on);

CREATE TABLE acc_nonconformities (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  nc_no INTEGER NOT NULL,
  source VARCHAR(16) NOT NULL CHECK (source IN ('equipment', 'pt', 'result', 'qc', 'audit', 'complaint', 'other')),
  source_ref VARCHAR(100) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  impact VARCHAR(2000) NOT NULL,
  corrective_action VARCHAR(2000),
  verification VARCHAR(2000),
  status VARCHAR(16) NOT NULL CHECK (status IN ('open', 'action_taken', 'verified', 'closed')),
  opened_on VARCHAR(10) NOT NULL,
  action_on VARCHAR(10),
  verified_on VARCHAR(10),
  closed_on VARCHAR(10),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, nc_no)
);
CREATE INDEX acc_nonconformities_by_status ON acc_nonconformities (lab_id, status, id);

CREATE TABLE acc_nc_impacts (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  nc_id BIGINT NOT NULL REFERENCES acc_nonconformities (id),
  kind VARCHAR(16) NOT NULL,
  ref VARCHAR(100) NOT NULL,
  label VARCHAR(500) NOT NULL,
  item_date VARCHAR(10) NOT NULL
);
CREATE INDEX acc_nc_impacts_by_nc ON acc_nc_impacts (lab_id, nc_id, id);
