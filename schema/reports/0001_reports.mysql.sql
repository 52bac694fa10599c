-- Reports (检验检测报告): a draft covers one or more samples of one accepted order; its number is
-- given at issue (gap-free, per lab). The signatory is chosen on the draft; the rule checks are
-- computed, never stored, until issue.
CREATE TABLE rep_reports (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  order_code VARCHAR(40) NOT NULL,
  sample_codes VARCHAR(4000) NOT NULL,
  status VARCHAR(16) NOT NULL,
  number VARCHAR(60) NULL,
  signatory_user_id BIGINT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE KEY rep_reports_number (lab_id, number),
  KEY rep_reports_by_lab (lab_id, id),
  KEY rep_reports_by_order (lab_id, order_code),
  CONSTRAINT rep_reports_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT rep_reports_status CHECK (status IN ('draft', 'issued', 'superseded', 'withdrawn', 'discarded'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
