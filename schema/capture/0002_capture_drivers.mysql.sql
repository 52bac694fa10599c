-- More drivers (MT-SICS balances and the vendor-specific export parsers), the listener port and
-- the watched folder an instrument was started with (started again at start-up), the device serial number a run
-- reported (a balance's I4 answer, kept for calibration traceability), and the content key of a
-- run: the SHA-256 of what it says (for framed ASTM, the frame texts joined, so a message sent
-- again with other frame numbers is the same run), unique per instrument.
ALTER TABLE cap_instruments DROP CONSTRAINT cap_instruments_driver;
ALTER TABLE cap_instruments ADD CONSTRAINT cap_instruments_driver CHECK (driver IN ('astm', 'hl7', 'delimited', 'mtsics',
  'chemstation', 'masshunter', 'shimadzu_icpe', 'winlab32', 'gallery'));
ALTER TABLE cap_instruments ADD COLUMN listen_port INTEGER NULL;
ALTER TABLE cap_instruments ADD COLUMN watch_folder VARCHAR(100) NULL;
ALTER TABLE cap_instruments ADD COLUMN watch_interval_ms INTEGER NULL;
ALTER TABLE cap_runs ADD COLUMN device_serial VARCHAR(60) NULL;
ALTER TABLE cap_runs ADD COLUMN content_sha256 CHAR(64) NULL;
UPDATE cap_runs SET content_sha256 = sha256;
ALTER TABLE cap_runs MODIFY content_sha256 CHAR(64) NOT NULL;
CREATE UNIQUE INDEX cap_runs_content_key ON cap_runs (lab_id, instrument_id, content_sha256);
