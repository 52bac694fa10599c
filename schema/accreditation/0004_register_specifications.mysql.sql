-- Specifications: versioned limit sets (e.g. GB 2762), with comparison mode and decision rule.
CREATE TABLE acc_specifications (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  version INT NOT NULL,
  standard_id BIGINT NULL,
  comparison_mode VARCHAR(16) NOT NULL,
  decision_rule VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE KEY acc_specifications_version (lab_id, name, version),
  KEY acc_specifications_by_lab (lab_id, id),
  CONSTRAINT acc_specifications_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_specifications_standard FOREIGN KEY (standard_id) REFERENCES acc_standards (id),
  CONSTRAINT acc_specifications_mode CHECK (comparison_mode IN ('full', 'rounded')),
  CONSTRAINT acc_specifications_rule CHECK (decision_rule IN ('simple', 'guard_band')),
  CONSTRAINT acc_specifications_status CHECK (status IN ('current', 'superseded'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE acc_spec_limits (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  spec_id BIGINT NOT NULL,
  position INT NOT NULL,
  parameter_id BIGINT NOT NULL,
  product_category VARCHAR(100) NOT NULL,
  min_op VARCHAR(2) NULL,
  min_value VARCHAR(40) NULL,
  max_op VARCHAR(2) NULL,
  max_value VARCHAR(40) NULL,
  clause VARCHAR(64) NULL,
  KEY acc_spec_limits_by_spec (lab_id, spec_id, position),
  CONSTRAINT acc_spec_limits_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_spec_limits_spec FOREIGN KEY (spec_id) REFERENCES acc_specifications (id),
  CONSTRAINT acc_spec_limits_parameter FOREIGN KEY (parameter_id) REFERENCES acc_parameters (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
