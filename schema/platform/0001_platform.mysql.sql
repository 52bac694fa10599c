-- The platform link and the platform (PLATFORM.md; modules/platform/README.md).
-- Lab side: the lab's link to its platform and its instance keys.
CREATE TABLE plat_link (
  lab_id BIGINT NOT NULL PRIMARY KEY,
  platform_url VARCHAR(300),            -- NULL: this instance's own platform part (role both)
  state VARCHAR(16) NOT NULL CHECK (state IN ('none', 'requested', 'approved', 'refused')),
  region VARCHAR(6),
  turnaround_days INTEGER,
  enrolment_id BIGINT,                  -- the platform's id of this lab's enrolment
  requested_at_ms BIGINT,
  decided_at_ms BIGINT,
  refused_reason VARCHAR(500),
  inbox_position BIGINT NOT NULL DEFAULT 0,
  catalogue_dirty INTEGER NOT NULL DEFAULT 0,
  catalogue_date VARCHAR(10),
  last_poll_error VARCHAR(500),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE plat_link_keys (
  lab_id BIGINT NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  public_pem TEXT NOT NULL,
  private_pem TEXT NOT NULL,            -- encrypted PKCS#8 PEM (AES-256-CBC)
  created_at_ms BIGINT NOT NULL,
  retired_at_ms BIGINT,
  from_seq BIGINT NOT NULL DEFAULT 0,   -- the first stream seq it signs (its key.rotated message); 0: from the start
  PRIMARY KEY (lab_id, key_id)
);

-- Platform side: enrolled labs, their keys, the feed's bookkeeping, the catalogue, the inbox and
-- the verification records.
CREATE TABLE plat_labs (
  id BIGINT NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  uscc VARCHAR(18) NOT NULL,
  cma_no VARCHAR(32),
  cnas_no VARCHAR(32),
  region VARCHAR(6) NOT NULL,
  turnaround_days INTEGER,
  state VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
  requested_at_ms BIGINT NOT NULL,
  decided_at_ms BIGINT,
  decided_by BIGINT,
  reason VARCHAR(500),
  applied_seq BIGINT NOT NULL DEFAULT 0,
  inbox_seq BIGINT NOT NULL DEFAULT 0,
  acked_inbox BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX plat_labs_by_state ON plat_labs (state, id);
CREATE INDEX plat_labs_by_uscc ON plat_labs (uscc);
CREATE TABLE plat_lab_keys (
  lab_ref BIGINT NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  public_pem TEXT NOT NULL,
  added_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_ref, key_id)
);
CREATE TABLE plat_feed_applied (
  lab_ref BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  type VARCHAR(64) NOT NULL,
  applied_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_ref, seq)
);
CREATE TABLE plat_feed_held (
  lab_ref BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  envelope MEDIUMTEXT NOT NULL,
  received_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_ref, seq)
);
CREATE TABLE plat_feed_refusals (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_ref BIGINT,
  seq BIGINT,
  reason VARCHAR(32) NOT NULL,
  detail VARCHAR(500),
  at_ms BIGINT NOT NULL
);
CREATE TABLE plat_standings (
  lab_ref BIGINT NOT NULL,
  scheme VARCHAR(8) NOT NULL,
  number VARCHAR(32) NOT NULL,
  status VARCHAR(16) NOT NULL,
  valid_to VARCHAR(10),
  PRIMARY KEY (lab_ref, scheme)
);
CREATE TABLE plat_catalogue (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_ref BIGINT NOT NULL,
  row_key BIGINT NOT NULL,
  scheme VARCHAR(8) NOT NULL,
  region VARCHAR(6) NOT NULL,
  site VARCHAR(100) NOT NULL,
  category VARCHAR(100) NOT NULL,
  product VARCHAR(100) NOT NULL,
  parameter VARCHAR(200) NOT NULL,
  parameter_en VARCHAR(200),
  standard VARCHAR(100) NOT NULL,
  standard_title VARCHAR(300),
  limitation VARCHAR(500),
  price VARCHAR(24),
  price_fen BIGINT,
  turnaround_days INTEGER,
  terms TEXT NOT NULL
);
CREATE INDEX plat_catalogue_by_lab ON plat_catalogue (lab_ref, row_key);
-- The search index: Mroonga over our own unigram + bigram terms (modules/platform/domain/
-- SearchTerms), split on spaces, so one- and two-character Chinese words match; id =
-- plat_catalogue.id. Mroonga tables are not transactional: the search joins plat_catalogue (InnoDB,
-- the truth), and the index rows of a lab are rewritten whole when its catalogue is.
CREATE TABLE plat_catalogue_fts (
  id BIGINT NOT NULL PRIMARY KEY,
  terms TEXT NOT NULL,
  FULLTEXT INDEX plat_catalogue_fts_terms (terms) COMMENT 'tokenizer "TokenDelimit"'
) ENGINE = Mroonga DEFAULT CHARSET = utf8mb4;
CREATE TABLE plat_inbox (
  lab_ref BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  type VARCHAR(64) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_ref, seq)
);
CREATE TABLE plat_verifications (
  lab_ref BIGINT NOT NULL,
  number VARCHAR(64) NOT NULL,
  code VARCHAR(32),
  status VARCHAR(16) NOT NULL CHECK (status IN ('valid', 'superseded', 'withdrawn')),
  superseded_by VARCHAR(64),
  issue_date VARCHAR(10),
  pdf_sha256 VARCHAR(64),
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_ref, number)
);
CREATE INDEX plat_verifications_by_code ON plat_verifications (code);
CREATE INDEX plat_verifications_by_number ON plat_verifications (number);
CREATE INDEX plat_verifications_by_pdf ON plat_verifications (pdf_sha256);
