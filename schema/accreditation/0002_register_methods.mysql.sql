-- Test methods of the register and their dated verification / validation records (R23).
CREATE TABLE acc_methods (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  standard_id BIGINT NOT NULL,
  clause VARCHAR(32) NULL,
  name VARCHAR(200) NOT NULL,
  principle VARCHAR(500) NULL,
  kind VARCHAR(16) NOT NULL,
  equipment_types VARCHAR(500) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL DEFAULT 1,
  KEY acc_methods_by_lab (lab_id, id),
  CONSTRAINT acc_methods_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_methods_standard FOREIGN KEY (standard_id) REFERENCES acc_standards (id),
  CONSTRAINT acc_methods_kind CHECK (kind IN ('standard', 'non_standard')),
  CONSTRAINT acc_methods_status CHECK (status IN ('current', 'withdrawn'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_method_records (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  record_date CHAR(10) NOT NULL,
  record_no VARCHAR(64) NOT NULL,
  summary VARCHAR(1000) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_method_records_by_method (lab_id, method_id, record_date),
  CONSTRAINT acc_method_records_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_method_records_method FOREIGN KEY (method_id) REFERENCES acc_methods (id),
  CONSTRAINT acc_method_records_kind CHECK (kind IN ('verification', 'validation'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
