-- Equipment with dated status, calibrations / verifications, intermediate checks, reference
-- materials (R15, R16), and the nonconformity register with impact lists.
CREATE TABLE acc_equipment (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  asset_no VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  equipment_type VARCHAR(50) NOT NULL,
  model VARCHAR(100) NULL,
  serial_no VARCHAR(100) NULL,
  manufacturer VARCHAR(200) NULL,
  location VARCHAR(200) NULL,
  status VARCHAR(16) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL,
  KEY acc_equipment_by_lab (lab_id, id),
  CONSTRAINT acc_equipment_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_equipment_status_chk CHECK (status IN ('in_service', 'out_of_service', 'retired')),
  UNIQUE KEY acc_equipment_u0 (lab_id, asset_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_equipment_status (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  equipment_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  effective_date VARCHAR(10) NOT NULL,
  reason VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_equipment_status_by_eq (lab_id, equipment_id, effective_date, id),
  CONSTRAINT acc_equipment_status_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_equipment_status_equipment_id_fk FOREIGN KEY (equipment_id) REFERENCES acc_equipment (id),
  CONSTRAINT acc_equipment_status_status_chk CHECK (status IN ('in_service', 'out_of_service', 'retired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_calibrations (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  equipment_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  certificate_no VARCHAR(100) NOT NULL,
  provider VARCHAR(200) NOT NULL,
  performed_on VARCHAR(10) NOT NULL,
  due_on VARCHAR(10) NOT NULL,
  result VARCHAR(8) NOT NULL,
  as_found VARCHAR(20) NOT NULL,
  note VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_calibrations_by_eq (lab_id, equipment_id, performed_on, id),
  KEY acc_calibrations_due (lab_id, due_on),
  CONSTRAINT acc_calibrations_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_calibrations_equipment_id_fk FOREIGN KEY (equipment_id) REFERENCES acc_equipment (id),
  CONSTRAINT acc_calibrations_kind_chk CHECK (kind IN ('calibration', 'verification')),
  CONSTRAINT acc_calibrations_result_chk CHECK (result IN ('pass', 'fail')),
  CONSTRAINT acc_calibrations_as_found_chk CHECK (as_found IN ('in_tolerance', 'out_of_tolerance'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_equipment_checks (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  equipment_id BIGINT NOT NULL,
  performed_on VARCHAR(10) NOT NULL,
  result VARCHAR(8) NOT NULL,
  note VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_equipment_checks_by_eq (lab_id, equipment_id, performed_on, id),
  CONSTRAINT acc_equipment_checks_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_equipment_checks_equipment_id_fk FOREIGN KEY (equipment_id) REFERENCES acc_equipment (id),
  CONSTRAINT acc_equipment_checks_result_chk CHECK (result IN ('pass', 'fail'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_reference_materials (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  lot_no VARCHAR(64) NOT NULL,
  certified_value VARCHAR(40) NULL,
  unit VARCHAR(32) NULL,
  supplier VARCHAR(200) NULL,
  expires_on VARCHAR(10) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_reference_materials_expiry (lab_id, expires_on),
  CONSTRAINT acc_reference_materials_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  UNIQUE KEY acc_reference_materials_u0 (lab_id, name, lot_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_nonconformities (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  nc_no INT NOT NULL,
  source VARCHAR(16) NOT NULL,
  source_ref VARCHAR(100) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  impact VARCHAR(2000) NOT NULL,
  corrective_action VARCHAR(2000) NULL,
  verification VARCHAR(2000) NULL,
  status VARCHAR(16) NOT NULL,
  opened_on VARCHAR(10) NOT NULL,
  action_on VARCHAR(10) NULL,
  verified_on VARCHAR(10) NULL,
  closed_on VARCHAR(10) NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL,
  KEY acc_nonconformities_by_status (lab_id, status, id),
  CONSTRAINT acc_nonconformities_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_nonconformities_source_chk CHECK (source IN ('equipment', 'pt', 'result', 'qc', 'audit', 'complaint', 'other')),
  CONSTRAINT acc_nonconformities_status_chk CHECK (status IN ('open', 'action_taken', 'verified', 'closed')),
  UNIQUE KEY acc_nonconformities_u0 (lab_id, nc_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_nc_impacts (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  nc_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  ref VARCHAR(100) NOT NULL,
  label VARCHAR(500) NOT NULL,
  item_date VARCHAR(10) NOT NULL,
  KEY acc_nc_impacts_by_nc (lab_id, nc_id, id),
  CONSTRAINT acc_nc_impacts_lab_id_fk FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_nc_impacts_nc_id_fk FOREIGN KEY (nc_id) REFERENCES acc_nonconformities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
