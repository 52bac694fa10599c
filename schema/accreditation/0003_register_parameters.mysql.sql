-- Parameters (检测项目): unit, reporting precision, LOD/LOQ and the uncertainty model.
-- Decimal values are stored as the exact decimal strings they were given.
CREATE TABLE acc_parameters (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  name_zh VARCHAR(100) NOT NULL,
  name_en VARCHAR(100) NULL,
  unit VARCHAR(32) NOT NULL,
  precision_kind VARCHAR(16) NOT NULL,
  precision_digits INT NOT NULL,
  lod VARCHAR(40) NULL,
  loq VARCHAR(40) NULL,
  mu_model VARCHAR(16) NOT NULL,
  mu_value VARCHAR(40) NULL,
  mu_ranges VARCHAR(1000) NULL,
  created_at_ms BIGINT NOT NULL,
  version INT NOT NULL DEFAULT 1,
  UNIQUE KEY acc_parameters_name (lab_id, name_zh, unit),
  KEY acc_parameters_by_lab (lab_id, id),
  CONSTRAINT acc_parameters_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_parameters_precision CHECK (precision_kind IN ('decimals', 'significant')),
  CONSTRAINT acc_parameters_mu CHECK (mu_model IN ('none', 'absolute', 'relative', 'range'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
