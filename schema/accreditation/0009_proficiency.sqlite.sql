-- Proficiency testing rounds and results (R25, R26), and scope suspensions they cause.
CREATE TABLE acc_pt_rounds (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  provider VARCHAR(200) NOT NULL,
  scheme_name VARCHAR(200) NOT NULL,
  round_code VARCHAR(64) NOT NULL,
  parameter_id BIGINT NOT NULL REFERENCES acc_parameters (id),
  product VARCHAR(100),
  sub_field VARCHAR(100) NOT NULL,
  mandated INTEGER NOT NULL,
  deadline VARCHAR(10),
  unit VARCHAR(32),
  assigned_value VARCHAR(40),
  lab_result VARCHAR(40),
  score_kind VARCHAR(4) CHECK (score_kind IN ('z', 'En')),
  score VARCHAR(40),
  classification VARCHAR(1) CHECK (classification IN ('S', 'Q', 'U')),
  reported_on VARCHAR(10),
  nc_id BIGINT REFERENCES acc_nonconformities (id),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, provider, round_code, parameter_id)
);
CREATE INDEX acc_pt_rounds_by_lab ON acc_pt_rounds (lab_id, id);

-- A suspension holds from from_date until the day before lifted_on (NULL: still suspended).
CREATE TABLE acc_scope_suspensions (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  row_key BIGINT NOT NULL,
  from_date VARCHAR(10) NOT NULL,
  lifted_on VARCHAR(10),
  reason VARCHAR(500) NOT NULL,
  pt_round_id BIGINT REFERENCES acc_pt_rounds (id),
  nc_id BIGINT REFERENCES acc_nonconformities (id),
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_scope_suspensions_by_row ON acc_scope_suspensions (lab_id, row_key);
CREATE INDEX acc_scope_suspensions_by_nc ON acc_scope_suspensions (lab_id, nc_id);
