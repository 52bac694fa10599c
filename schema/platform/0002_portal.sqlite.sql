-- The SME portal (issue 15; modules/platform/README.md "SMEs").
-- Platform side: SME accounts (a company by its USCC, an identity organization), their users,
-- one-time e-mail codes, bookings with their timeline, questions, messages and reports.
CREATE TABLE plat_accounts (
  id BIGINT NOT NULL PRIMARY KEY,
  org_id BIGINT NOT NULL,
  uscc VARCHAR(18) NOT NULL UNIQUE,
  company_name VARCHAR(200) NOT NULL,
  contact_name VARCHAR(100) NOT NULL,
  phone VARCHAR(40) NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE TABLE plat_account_users (
  user_id BIGINT NOT NULL PRIMARY KEY,
  account_id BIGINT NOT NULL,
  email VARCHAR(64) NOT NULL UNIQUE,
  name VARCHAR(100) NOT NULL,
  owner INTEGER NOT NULL,
  verified_at_ms BIGINT,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX plat_account_users_by_account ON plat_account_users (account_id, user_id);
CREATE TABLE plat_mail_codes (
  email VARCHAR(64) NOT NULL,
  purpose VARCHAR(16) NOT NULL CHECK (purpose IN ('verify', 'reset', 'invite')),
  code_hash VARCHAR(64) NOT NULL,       -- SHA-256 of purpose, e-mail and code: the code itself is never stored
  account_id BIGINT,
  name VARCHAR(100),
  sent_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (email, purpose)
);
CREATE TABLE plat_bookings (
  id BIGINT NOT NULL PRIMARY KEY,
  account_id BIGINT NOT NULL,
  lab_ref BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  status VARCHAR(24) NOT NULL,
  request TEXT NOT NULL,           -- the samples, report terms, delivery and note as booked (JSON)
  quote TEXT NOT NULL,             -- the published-price quote (JSON)
  offer TEXT,                      -- the lab's offer (JSON)
  samples TEXT,                    -- the samples as the lab last published them (JSON)
  order_code VARCHAR(40),
  due_date VARCHAR(10),
  decline_reason VARCHAR(500),
  disclosure INTEGER NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX plat_bookings_by_account ON plat_bookings (account_id, id);
CREATE INDEX plat_bookings_by_lab ON plat_bookings (lab_ref, id);
CREATE TABLE plat_booking_events (
  booking_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  detail VARCHAR(1000),
  PRIMARY KEY (booking_id, seq)
);
CREATE TABLE plat_booking_questions (
  booking_id BIGINT NOT NULL,
  id BIGINT NOT NULL,                   -- the lab's id
  sample_code VARCHAR(60) NOT NULL,
  deviation VARCHAR(500) NOT NULL,
  asked_at_ms BIGINT NOT NULL,
  answer VARCHAR(16),
  answered_by VARCHAR(100),
  answered_at_ms BIGINT,
  PRIMARY KEY (booking_id, id)
);
CREATE TABLE plat_booking_messages (
  booking_id BIGINT NOT NULL,
  from_side VARCHAR(4) NOT NULL CHECK (from_side IN ('sme', 'lab')),
  id BIGINT NOT NULL,                   -- the id the writing side gave it
  author VARCHAR(100) NOT NULL,
  body TEXT NOT NULL,
  attachment_name VARCHAR(200),
  attachment_type VARCHAR(100),
  attachment_size BIGINT,
  attachment TEXT,                 -- base64
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (booking_id, from_side, id)
);
CREATE TABLE plat_booking_reports (
  booking_id BIGINT NOT NULL,
  number VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,          -- issued | superseded | withdrawn
  issue_date VARCHAR(10),
  verification_code VARCHAR(32),
  amends VARCHAR(64),
  sha256 VARCHAR(64) NOT NULL,
  pdf TEXT NOT NULL,               -- base64 of the signed PDF
  received_at_ms BIGINT NOT NULL,
  PRIMARY KEY (booking_id, number)
);

-- Lab side: the bookings the lab received, with the SME's terms, the offer it made, the state it
-- last published (the publisher sends a change once), the reports delivered, the thread.
CREATE TABLE plat_lab_bookings (
  lab_id BIGINT NOT NULL,
  booking_id BIGINT NOT NULL,
  order_code VARCHAR(40),
  booking TEXT NOT NULL,           -- the booking as it arrived (JSON: account, samples, report, delivery, note)
  offer TEXT,                      -- the offer sent (JSON)
  answer TEXT,                     -- the SME's answer to the offer (JSON)
  decline_reason VARCHAR(500),
  problem VARCHAR(1000),                -- why the booking could not become an order, or why acceptance failed
  published_state VARCHAR(64),          -- SHA-256 of the state last published
  published_reports VARCHAR(2000) NOT NULL DEFAULT '',
  disclosure INTEGER NOT NULL DEFAULT 0,
  open_state INTEGER NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_id, booking_id)
);
CREATE INDEX plat_lab_bookings_by_order ON plat_lab_bookings (lab_id, order_code);
CREATE INDEX plat_lab_bookings_open ON plat_lab_bookings (open_state, lab_id);
CREATE TABLE plat_lab_booking_messages (
  lab_id BIGINT NOT NULL,
  booking_id BIGINT NOT NULL,
  from_side VARCHAR(4) NOT NULL CHECK (from_side IN ('sme', 'lab')),
  id BIGINT NOT NULL,
  author VARCHAR(100) NOT NULL,
  body TEXT NOT NULL,
  attachment_name VARCHAR(200),
  attachment_type VARCHAR(100),
  attachment_size BIGINT,
  attachment TEXT,
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_id, booking_id, from_side, id)
);
CREATE TABLE plat_lab_booking_questions (
  lab_id BIGINT NOT NULL,
  booking_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  sample_code VARCHAR(60) NOT NULL,
  deviation VARCHAR(500) NOT NULL,
  asked_by VARCHAR(100) NOT NULL,
  asked_at_ms BIGINT NOT NULL,
  answer VARCHAR(16),
  answered_by VARCHAR(100),
  answered_at_ms BIGINT,
  PRIMARY KEY (lab_id, booking_id, id)
);
