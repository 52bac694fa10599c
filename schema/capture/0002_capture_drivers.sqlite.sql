-- More drivers (MT-SICS balances and the vendor-specific export parsers), the listener port an
-- instrument was started on (started again at start-up), and the device serial number a run
-- reported (a balance's I4 answer, kept for calibration traceability).
-- SQLite cannot change a CHECK constraint: the table is rebuilt. cap_runs refers to it by name;
-- the foreign-key check is deferred to the commit, when the rebuilt table holds every row again.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE cap_instruments_rebuilt (
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
  UNIQUE (lab_id, name)
);
INSERT INTO cap_instruments_rebuilt (id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms)
  SELECT id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms FROM cap_instruments;
DROP TABLE cap_instruments;
ALTER TABLE cap_instruments_rebuilt RENAME TO cap_instruments;
ALTER TABLE cap_runs ADD COLUMN device_serial VARCHAR(60);
