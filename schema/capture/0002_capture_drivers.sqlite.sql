-- More drivers (MT-SICS balances and the vendor-specific export parsers), the listener port and
-- the watched folder an instrument was started with (started again at start-up), the device serial number a run
-- reported (a balance's I4 answer, kept for calibration traceability), and the content key of a
-- run: the SHA-256 of what it says (for framed ASTM, the frame texts joined, so a message sent
-- again with other frame numbers is the same run), unique per instrument.
-- SQLite cannot change a CHECK constraint: the table is rebuilt under its own name. Dropping it
-- counts its rows' children in cap_runs as deferred foreign-key violations, and putting the same
-- rows back into the new table clears them before the commit (foreign_keys stays ON).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE cap_instruments_before AS SELECT * FROM cap_instruments;
DROP TABLE cap_instruments;
CREATE TABLE cap_instruments (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(100) NOT NULL,
  equipment_id BIGINT NOT NULL,
  driver VARCHAR(16) NOT NULL CHECK (driver IN ('astm', 'hl7', 'delimited', 'mtsics', 'chemstation', 'masshunter',
    'shimadzu_icpe', 'winlab32', 'gallery')),
  profile VARCHAR(4000) NOT NULL,
  analytes VARCHAR(4000) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  listen_port INTEGER,
  watch_folder VARCHAR(100),
  watch_interval_ms INTEGER,
  UNIQUE (lab_id, name)
);
INSERT INTO cap_instruments (id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms)
  SELECT id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms FROM cap_instruments_before;
DROP TABLE cap_instruments_before;
ALTER TABLE cap_runs ADD COLUMN device_serial VARCHAR(60);
ALTER TABLE cap_runs ADD COLUMN content_sha256 CHAR(64);
UPDATE cap_runs SET content_sha256 = sha256;
CREATE UNIQUE INDEX cap_runs_content_key ON cap_runs (lab_id, instrument_id, content_sha256);
