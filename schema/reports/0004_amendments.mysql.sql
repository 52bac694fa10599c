-- Amendments (R35, R36): an issued report never changes; a correction is a new report that
-- amends it (numbered <original>-A1, -A2 ...) with its reason and cause, and, where it removes
-- results or changes a conclusion, the technical manager's approval of exactly those changes.
-- The original is then superseded (linked to its amendment) or, separately, withdrawn; every
-- customer notification is logged. A void declaration (the original cannot be recovered) and a
-- public void notice (third parties may be affected) are recorded with the amendment.
CREATE TABLE rep_amendments (
  report_id BIGINT NOT NULL PRIMARY KEY REFERENCES rep_reports (id),
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  amends_id BIGINT NOT NULL REFERENCES rep_reports (id),
  amendment_no INTEGER NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  cause VARCHAR(20) NOT NULL CHECK (cause IN ('error', 'omission', 'customer_request', 'other')),
  original_recovered TINYINT NOT NULL,
  public_notice TINYINT NOT NULL,
  approved_by BIGINT,
  approved_at_ms BIGINT,
  approval_note VARCHAR(2000),
  approved_changes_sha256 CHAR(64)
);
CREATE INDEX rep_amendments_by_original ON rep_amendments (lab_id, amends_id);
ALTER TABLE rep_reports ADD COLUMN superseded_by_id BIGINT NULL;
ALTER TABLE rep_reports ADD COLUMN withdrawn_reason VARCHAR(2000) NULL;
-- R22: after its retention date an issued report's content (PDF, canonical JSON) may be disposed
-- of; its register row, number, hashes and signature stay, and the disposal is audited.
ALTER TABLE rep_reports ADD COLUMN disposed_at_ms BIGINT NULL;
CREATE TABLE rep_notifications (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  report_id BIGINT NOT NULL REFERENCES rep_reports (id),
  kind VARCHAR(20) NOT NULL CHECK (kind IN ('amended', 'withdrawn', 'void_declaration', 'public_notice')),
  channel VARCHAR(20) NOT NULL,
  recipient VARCHAR(400) NOT NULL,
  message TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX rep_notifications_by_report ON rep_notifications (lab_id, report_id, id);
