-- Reports (检验检测报告): a draft covers one or more samples of one accepted order; its number is
-- given at issue (gap-free, per lab). The signatory is chosen on the draft; the rule checks are
-- computed, never stored, until issue.
CREATE TABLE rep_reports (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  order_code VARCHAR(40) NOT NULL,
  sample_codes VARCHAR(4000) NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('draft', 'issued', 'superseded', 'withdrawn', 'discarded')),
  number VARCHAR(60),
  signatory_user_id BIGINT,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (lab_id, number)
);
CREATE INDEX rep_reports_by_lab ON rep_reports (lab_id, id);
CREATE INDEX rep_reports_by_order ON rep_reports (lab_id, order_code);
