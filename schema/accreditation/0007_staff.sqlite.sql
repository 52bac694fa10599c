-- Staff, training and competence records, method authorizations and signatory authorizations
-- (R10-R14). Authorizations are in force from valid_from / filed_on until the day before ended_on.
CREATE TABLE acc_staff (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(100) NOT NULL,
  user_id BIGINT REFERENCES users (id),
  person_key CHAR(64),
  id_number_masked VARCHAR(32),
  position VARCHAR(100),
  deactivated_on VARCHAR(10),
  deactivation_reason VARCHAR(500),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, user_id)
);
CREATE INDEX acc_staff_by_lab ON acc_staff (lab_id, id);

-- R14: one row per person while active as technical staff; the primary key makes a second
-- activation in another inspection body fail.
CREATE TABLE acc_active_persons (
  person_key CHAR(64) NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  staff_id BIGINT NOT NULL REFERENCES acc_staff (id)
);

CREATE TABLE acc_staff_records (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  staff_id BIGINT NOT NULL REFERENCES acc_staff (id),
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('training', 'competence', 'qualification')),
  title VARCHAR(200) NOT NULL,
  record_date VARCHAR(10) NOT NULL,
  valid_until VARCHAR(10),
  result VARCHAR(200),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_staff_records_by_staff ON acc_staff_records (lab_id, staff_id, record_date);

CREATE TABLE acc_authorizations (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  staff_id BIGINT NOT NULL REFERENCES acc_staff (id),
  activity VARCHAR(16) NOT NULL CHECK (activity IN ('perform', 'check', 'opinion')),
  method_id BIGINT REFERENCES acc_methods (id),
  valid_from VARCHAR(10) NOT NULL,
  ended_on VARCHAR(10),
  basis VARCHAR(200),
  end_reason VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_authorizations_by_staff ON acc_authorizations (lab_id, staff_id, id);

CREATE TABLE acc_signatories (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  staff_id BIGINT NOT NULL REFERENCES acc_staff (id),
  scheme VARCHAR(8) NOT NULL CHECK (scheme IN ('CMA', 'CNAS')),
  filed_on VARCHAR(10) NOT NULL,
  filing_ref VARCHAR(100) NOT NULL,
  ended_on VARCHAR(10),
  end_reason VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_signatories_by_staff ON acc_signatories (lab_id, staff_id, id);

CREATE TABLE acc_signatory_scope (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  signatory_id BIGINT NOT NULL REFERENCES acc_signatories (id),
  parameter_id BIGINT NOT NULL REFERENCES acc_parameters (id),
  UNIQUE (signatory_id, parameter_id)
);
CREATE INDEX acc_signatory_scope_by_lab ON acc_signatory_scope (lab_id, signatory_id);
