-- Signatories' keys (the private key only encrypted with the signatory's password; the
-- certificate is published for verification) and what an issued report keeps: its issue date
-- and time from the server clock (R32), the canonical JSON that was signed, its SHA-256, the
-- signature, the key, the checks on the issue date, and the public verification code (R38).
CREATE TABLE rep_signing_keys (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  certificate_pem VARCHAR(4000) NOT NULL,
  private_key_pem VARCHAR(4000) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  UNIQUE KEY rep_signing_keys_fingerprint (fingerprint),
  KEY rep_signing_keys_by_user (lab_id, user_id, status),
  CONSTRAINT rep_signing_keys_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT rep_signing_keys_status CHECK (status IN ('active', 'retired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE rep_reports ADD COLUMN issue_date CHAR(10) NULL;
ALTER TABLE rep_reports ADD COLUMN issued_at_ms BIGINT NULL;
ALTER TABLE rep_reports ADD COLUMN canonical MEDIUMTEXT NULL;
ALTER TABLE rep_reports ADD COLUMN canonical_sha256 CHAR(64) NULL;
ALTER TABLE rep_reports ADD COLUMN signature VARCHAR(200) NULL;
ALTER TABLE rep_reports ADD COLUMN key_fingerprint CHAR(64) NULL;
ALTER TABLE rep_reports ADD COLUMN checks MEDIUMTEXT NULL;
ALTER TABLE rep_reports ADD COLUMN verify_code VARCHAR(32) NULL;
CREATE UNIQUE INDEX rep_reports_verify_code ON rep_reports (verify_code);
