-- The lab register: standards (number + year), per lab.
CREATE TABLE acc_standards (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  number VARCHAR(64) NOT NULL,
  year INTEGER NOT NULL,
  title VARCHAR(300) NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('current', 'withdrawn', 'replaced')),
  replaced_by BIGINT REFERENCES acc_standards (id),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (lab_id, number, year)
);
CREATE INDEX acc_standards_by_lab ON acc_standards (lab_id, id);
