-- Specifications: versioned limit sets (e.g. GB 2762), with comparison mode and decision rule.
CREATE TABLE acc_specifications (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(200) NOT NULL,
  version INTEGER NOT NULL,
  standard_id BIGINT REFERENCES acc_standards (id),
  comparison_mode VARCHAR(16) NOT NULL CHECK (comparison_mode IN ('full', 'rounded')),
  decision_rule VARCHAR(16) NOT NULL CHECK (decision_rule IN ('simple', 'guard_band')),
  status VARCHAR(16) NOT NULL CHECK (status IN ('current', 'superseded')),
  created_at_ms BIGINT NOT NULL,
  UNIQUE (lab_id, name, version)
);
CREATE INDEX acc_specifications_by_lab ON acc_specifications (lab_id, id);

CREATE TABLE acc_spec_limits (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  spec_id BIGINT NOT NULL REFERENCES acc_specifications (id),
  position INTEGER NOT NULL,
  parameter_id BIGINT NOT NULL REFERENCES acc_parameters (id),
  product_category VARCHAR(100) NOT NULL,
  min_op VARCHAR(2),
  min_value VARCHAR(40),
  max_op VARCHAR(2),
  max_value VARCHAR(40),
  clause VARCHAR(64)
);
CREATE INDEX acc_spec_limits_by_spec ON acc_spec_limits (lab_id, spec_id, position);
