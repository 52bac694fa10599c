-- Qualifications: CMA certificates and CNAS accreditations, with their dated history (R4).
-- valid_from / valid_to: the current certificate period, both days included (有效期至).
CREATE TABLE acc_qualifications (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  scheme VARCHAR(8) NOT NULL CHECK (scheme IN ('CMA', 'CNAS')),
  number VARCHAR(32) NOT NULL,
  authority VARCHAR(200) NOT NULL,
  valid_from VARCHAR(10) NOT NULL,
  valid_to VARCHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked')),
  ilac_mra_permitted INTEGER NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, scheme, number)
);
CREATE INDEX acc_qualifications_by_lab ON acc_qualifications (lab_id, scheme, id);

CREATE TABLE acc_qualification_events (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  qualification_id BIGINT NOT NULL REFERENCES acc_qualifications (id),
  kind VARCHAR(16) NOT NULL CHECK (kind IN ('granted', 'suspended', 'reinstated', 'revoked', 'renewed')),
  effective_date VARCHAR(10) NOT NULL,
  valid_from VARCHAR(10),
  valid_to VARCHAR(10),
  number VARCHAR(32),
  reason VARCHAR(500),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_qualification_events_by_q ON acc_qualification_events (lab_id, qualification_id, effective_date, id);
