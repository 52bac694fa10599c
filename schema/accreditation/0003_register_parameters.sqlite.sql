-- Parameters (检测项目): unit, reporting precision, LOD/LOQ and the uncertainty model.
-- Decimal values are stored as the exact decimal strings they were given.
CREATE TABLE acc_parameters (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name_zh VARCHAR(100) NOT NULL,
  name_en VARCHAR(100),
  unit VARCHAR(32) NOT NULL,
  precision_kind VARCHAR(16) NOT NULL CHECK (precision_kind IN ('decimals', 'significant')),
  precision_digits INTEGER NOT NULL,
  lod VARCHAR(40),
  loq VARCHAR(40),
  mu_model VARCHAR(16) NOT NULL CHECK (mu_model IN ('none', 'absolute', 'relative', 'range')),
  mu_value VARCHAR(40),
  mu_ranges VARCHAR(1000),
  created_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (lab_id, name_zh, unit)
);
CREATE INDEX acc_parameters_by_lab ON acc_parameters (lab_id, id);
