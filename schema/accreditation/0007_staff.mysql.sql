-- Staff, training and competence records, method authorizations and signatory authorizations
-- (R10-R14). Authorizations are in force from valid_from / filed_on until the day before ended_on.
CREATE TABLE acc_staff (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  user_id BIGINT NULL,
  person_key CHAR(64) NULL,
  id_number_masked VARCHAR(32) NULL,
  position VARCHAR(100) NULL,
  deactivated_on VARCHAR(10) NULL,
  deactivation_reason VARCHAR(500) NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL,
  UNIQUE KEY acc_staff_user (lab_id, user_id),
  KEY acc_staff_by_lab (lab_id, id),
  CONSTRAINT acc_staff_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_staff_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- R14: one row per person while active as technical staff; the primary key makes a second
-- activation in another inspection body fail.
CREATE TABLE acc_active_persons (
  person_key CHAR(64) NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  CONSTRAINT acc_active_persons_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_active_persons_staff FOREIGN KEY (staff_id) REFERENCES acc_staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_staff_records (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  title VARCHAR(200) NOT NULL,
  record_date VARCHAR(10) NOT NULL,
  valid_until VARCHAR(10) NULL,
  result VARCHAR(200) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_staff_records_by_staff (lab_id, staff_id, record_date),
  CONSTRAINT acc_staff_records_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_staff_records_staff FOREIGN KEY (staff_id) REFERENCES acc_staff (id),
  CONSTRAINT acc_staff_records_kind CHECK (kind IN ('training', 'competence', 'qualification'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_authorizations (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  activity VARCHAR(16) NOT NULL,
  method_id BIGINT NULL,
  valid_from VARCHAR(10) NOT NULL,
  ended_on VARCHAR(10) NULL,
  basis VARCHAR(200) NULL,
  end_reason VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_authorizations_by_staff (lab_id, staff_id, id),
  CONSTRAINT acc_authorizations_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_authorizations_staff FOREIGN KEY (staff_id) REFERENCES acc_staff (id),
  CONSTRAINT acc_authorizations_method FOREIGN KEY (method_id) REFERENCES acc_methods (id),
  CONSTRAINT acc_authorizations_activity CHECK (activity IN ('perform', 'check', 'opinion'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_signatories (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  scheme VARCHAR(8) NOT NULL,
  filed_on VARCHAR(10) NOT NULL,
  filing_ref VARCHAR(100) NOT NULL,
  ended_on VARCHAR(10) NULL,
  end_reason VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_signatories_by_staff (lab_id, staff_id, id),
  CONSTRAINT acc_signatories_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_signatories_staff FOREIGN KEY (staff_id) REFERENCES acc_staff (id),
  CONSTRAINT acc_signatories_scheme CHECK (scheme IN ('CMA', 'CNAS'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_signatory_scope (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  signatory_id BIGINT NOT NULL,
  parameter_id BIGINT NOT NULL,
  UNIQUE KEY acc_signatory_scope_param (signatory_id, parameter_id),
  KEY acc_signatory_scope_by_lab (lab_id, signatory_id),
  CONSTRAINT acc_signatory_scope_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_signatory_scope_sig FOREIGN KEY (signatory_id) REFERENCES acc_signatories (id),
  CONSTRAINT acc_signatory_scope_param_fk FOREIGN KEY (parameter_id) REFERENCES acc_parameters (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
