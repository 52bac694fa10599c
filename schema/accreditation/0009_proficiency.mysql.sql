-- Proficiency testing rounds and results (R25, R26), and scope suspensions they cause.
CREATE TABLE acc_pt_rounds (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  provider VARCHAR(200) NOT NULL,
  scheme_name VARCHAR(200) NOT NULL,
  round_code VARCHAR(64) NOT NULL,
  parameter_id BIGINT NOT NULL,
  product VARCHAR(100) NULL,
  sub_field VARCHAR(100) NOT NULL,
  mandated INT NOT NULL,
  deadline VARCHAR(10) NULL,
  unit VARCHAR(32) NULL,
  assigned_value VARCHAR(40) NULL,
  lab_result VARCHAR(40) NULL,
  score_kind VARCHAR(4) NULL,
  score VARCHAR(40) NULL,
  classification VARCHAR(1) NULL,
  reported_on VARCHAR(10) NULL,
  nc_id BIGINT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INT NOT NULL,
  UNIQUE KEY acc_pt_rounds_round (lab_id, provider, round_code, parameter_id),
  KEY acc_pt_rounds_by_lab (lab_id, id),
  CONSTRAINT acc_pt_rounds_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_pt_rounds_parameter FOREIGN KEY (parameter_id) REFERENCES acc_parameters (id),
  CONSTRAINT acc_pt_rounds_nc FOREIGN KEY (nc_id) REFERENCES acc_nonconformities (id),
  CONSTRAINT acc_pt_rounds_kind CHECK (score_kind IN ('z', 'En')),
  CONSTRAINT acc_pt_rounds_class CHECK (classification IN ('S', 'Q', 'U'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A suspension holds from from_date until the day before lifted_on (NULL: still suspended).
CREATE TABLE acc_scope_suspensions (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  row_key BIGINT NOT NULL,
  from_date VARCHAR(10) NOT NULL,
  lifted_on VARCHAR(10) NULL,
  reason VARCHAR(500) NOT NULL,
  pt_round_id BIGINT NULL,
  nc_id BIGINT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_scope_suspensions_by_row (lab_id, row_key),
  KEY acc_scope_suspensions_by_nc (lab_id, nc_id),
  CONSTRAINT acc_scope_suspensions_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_scope_suspensions_pt FOREIGN KEY (pt_round_id) REFERENCES acc_pt_rounds (id),
  CONSTRAINT acc_scope_suspensions_nc FOREIGN KEY (nc_id) REFERENCES acc_nonconformities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
