-- The issued report's PDF (base64, kept with the report in the issue transaction), its SHA-256
-- (covered by the signed canonical JSON) and its detached CMS signature (base64 DER, R37).
ALTER TABLE rep_reports ADD COLUMN pdf MEDIUMTEXT NULL;
ALTER TABLE rep_reports ADD COLUMN pdf_sha256 CHAR(64) NULL;
ALTER TABLE rep_reports ADD COLUMN pdf_cms TEXT NULL;
CREATE INDEX rep_reports_by_pdf ON rep_reports (pdf_sha256);
