-- The scope schedule (能力附表): change records and the dated row revisions they make (R5).
CREATE TABLE acc_scope_changes (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  change_no INTEGER NOT NULL,
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('initial', 'expansion', 'change', 'reduction')),
  scheme VARCHAR(8) NOT NULL CHECK (scheme IN ('CMA', 'CNAS')),
  effective_date VARCHAR(10) NOT NULL,
  reference VARCHAR(100),
  reason VARCHAR(500) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, change_no)
);
CREATE INDEX acc_scope_changes_by_lab ON acc_scope_changes (lab_id, id);

-- A revision is in force from effective_from until the day before ended_on (NULL: open).
CREATE TABLE acc_scope_rows (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  row_key BIGINT NOT NULL,
  revision INTEGER NOT NULL,
  scheme VARCHAR(8) NOT NULL CHECK (scheme IN ('CMA', 'CNAS')),
  site VARCHAR(100) NOT NULL,
  category VARCHAR(100) NOT NULL,
  product VARCHAR(100) NOT NULL,
  parameter_id BIGINT NOT NULL REFERENCES acc_parameters (id),
  standard_id BIGINT NOT NULL REFERENCES acc_standards (id),
  clause VARCHAR(64),
  limitation VARCHAR(500),
  note VARCHAR(500),
  mra_covered INTEGER NOT NULL,
  effective_from VARCHAR(10) NOT NULL,
  ended_on VARCHAR(10),
  change_id BIGINT NOT NULL REFERENCES acc_scope_changes (id),
  ended_by_change_id BIGINT REFERENCES acc_scope_changes (id),
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, row_key, revision)
);
CREATE INDEX acc_scope_rows_lookup ON acc_scope_rows (lab_id, scheme, parameter_id, effective_from);
CREATE INDEX acc_scope_rows_by_lab ON acc_scope_rows (lab_id, scheme, id);
