-- Signatories' keys (the private key only encrypted with the signatory's password; the
-- certificate is published for verification) and what an issued report keeps: its issue date
-- and time from the server clock (R32), the canonical JSON that was signed, its SHA-256, the
-- signature, the key, the checks on the issue date, and the public verification code (R38).
CREATE TABLE rep_signing_keys (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  user_id BIGINT NOT NULL,
  fingerprint CHAR(64) NOT NULL UNIQUE,
  certificate_pem VARCHAR(4000) NOT NULL,
  private_key_pem VARCHAR(4000) NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('active', 'retired')),
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX rep_signing_keys_by_user ON rep_signing_keys (lab_id, user_id, status);
ALTER TABLE rep_reports ADD COLUMN issue_date CHAR(10);
ALTER TABLE rep_reports ADD COLUMN issued_at_ms BIGINT;
ALTER TABLE rep_reports ADD COLUMN canonical TEXT;
ALTER TABLE rep_reports ADD COLUMN canonical_sha256 CHAR(64);
ALTER TABLE rep_reports ADD COLUMN signature VARCHAR(200);
ALTER TABLE rep_reports ADD COLUMN key_fingerprint CHAR(64);
ALTER TABLE rep_reports ADD COLUMN checks TEXT;
ALTER TABLE rep_reports ADD COLUMN verify_code VARCHAR(32);
CREATE UNIQUE INDEX rep_reports_verify_code ON rep_reports (verify_code);
