-- The lab register: standards (number + year), per lab.
CREATE TABLE acc_standards (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  number VARCHAR(64) NOT NULL,
  year INT NOT NULL,
  title VARCHAR(300) NOT NULL,
  status VARCHAR(16) NOT NULL,
  replaced_by BIGINT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY acc_standards_edition (lab_id, number, year),
  KEY acc_standards_by_lab (lab_id, id),
  CONSTRAINT acc_standards_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_standards_replaced_by FOREIGN KEY (replaced_by) REFERENCES acc_standards (id),
  CONSTRAINT acc_standards_status CHECK (status IN ('current', 'withdrawn', 'replaced'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
