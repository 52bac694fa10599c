-- Qualifications: CMA certificates and CNAS accreditations, with their dated history (R4).
-- valid_from / valid_to: the current certificate period, both days included (有效期至).
CREATE TABLE acc_qualifications (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  scheme VARCHAR(8) NOT NULL,
  number VARCHAR(32) NOT NULL,
  authority VARCHAR(200) NOT NULL,
  valid_from VARCHAR(10) NOT NULL,
  valid_to VARCHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL,
  ilac_mra_permitted INT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL,
  UNIQUE KEY acc_qualifications_number (lab_id, scheme, number),
  KEY acc_qualifications_by_lab (lab_id, scheme, id),
  CONSTRAINT acc_qualifications_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_qualifications_scheme CHECK (scheme IN ('CMA', 'CNAS')),
  CONSTRAINT acc_qualifications_status CHECK (status IN ('valid', 'suspended', 'revoked'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_qualification_events (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  qualification_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  effective_date VARCHAR(10) NOT NULL,
  valid_from VARCHAR(10) NULL,
  valid_to VARCHAR(10) NULL,
  number VARCHAR(32) NULL,
  reason VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_qualification_events_by_q (lab_id, qualification_id, effective_date, id),
  CONSTRAINT acc_qualification_events_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_qualification_events_q FOREIGN KEY (qualification_id) REFERENCES acc_qualifications (id),
  CONSTRAINT acc_qualification_events_kind CHECK (kind IN ('granted', 'suspended', 'reinstated', 'revoked', 'renewed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
