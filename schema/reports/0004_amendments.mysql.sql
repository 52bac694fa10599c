-- Amendments (R35, R36): an issued report never changes; a correction is a new report that
-- amends it (numbered <original>-A1, -A2 ...) with its reason and cause, and, where it removes
-- results or changes a conclusion, the technical manager's approval of exactly those changes.
-- The original is then superseded (linked to its amendment) or, separately, withdrawn; every
-- customer notification is logged. A void declaration (the original cannot be recovered) and a
-- public void notice (third parties may be affected) are recorded with the amendment.
CREATE TABLE rep_amendments (
  report_id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  amends_id BIGINT NOT NULL,
  amendment_no INTEGER NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  cause VARCHAR(20) NOT NULL,
  original_recovered TINYINT NOT NULL,
  public_notice TINYINT NOT NULL,
  approved_by BIGINT NULL,
  approved_at_ms BIGINT NULL,
  approval_note VARCHAR(2000) NULL,
  approved_changes_sha256 CHAR(64) NULL,
  KEY rep_amendments_by_original (lab_id, amends_id),
  CONSTRAINT rep_amendments_report FOREIGN KEY (report_id) REFERENCES rep_reports (id),
  CONSTRAINT rep_amendments_original FOREIGN KEY (amends_id) REFERENCES rep_reports (id),
  CONSTRAINT rep_amendments_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT rep_amendments_cause CHECK (cause IN ('error', 'omission', 'customer_request', 'other'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE rep_reports ADD COLUMN superseded_by_id BIGINT NULL;
ALTER TABLE rep_reports ADD COLUMN withdrawn_reason VARCHAR(2000) NULL;
-- R22: after its retention date an issued report's content (PDF, canonical JSON) may be disposed
-- of; its register row, number, hashes and signature stay, and the disposal is audited.
ALTER TABLE rep_reports ADD COLUMN disposed_at_ms BIGINT NULL;
CREATE TABLE rep_notifications (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  report_id BIGINT NOT NULL,
  kind VARCHAR(20) NOT NULL,
  channel VARCHAR(20) NOT NULL,
  recipient VARCHAR(400) NOT NULL,
  message TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY rep_notifications_by_report (lab_id, report_id, id),
  CONSTRAINT rep_notifications_report FOREIGN KEY (report_id) REFERENCES rep_reports (id),
  CONSTRAINT rep_notifications_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT rep_notifications_kind CHECK (kind IN ('amended', 'withdrawn', 'void_declaration', 'public_notice'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
