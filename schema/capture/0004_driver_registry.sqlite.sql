-- Drivers come from a registry (assay/InstrumentDriver.hpp): the built-in list and any a plugin
-- adds at start-up, so the table no longer lists the driver ids. The server accepts only the id of
-- a loaded driver; an instrument whose plugin is not loaded stays listed and refuses imports.
-- SQLite cannot drop a CHECK constraint: the table is rebuilt under its own name, as in 0002
-- (its rows' children in cap_runs are deferred foreign-key violations until the same rows are
-- back, before the commit).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE cap_instruments_before AS SELECT * FROM cap_instruments;
DROP TABLE cap_instruments;
CREATE TABLE cap_instruments (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(100) NOT NULL,
  equipment_id BIGINT NOT NULL,
  driver VARCHAR(16) NOT NULL CHECK (driver <> ''),
  profile VARCHAR(4000) NOT NULL,
  analytes VARCHAR(4000) NOT NULL,
  created_at_ms BIGINT NOT NULL,
  listen_port INTEGER,
  watch_folder VARCHAR(100),
  watch_interval_ms INTEGER,
  UNIQUE (lab_id, name)
);
INSERT INTO cap_instruments (id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms, listen_port, watch_folder,
  watch_interval_ms)
  SELECT id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms, listen_port, watch_folder, watch_interval_ms
  FROM cap_instruments_before;
DROP TABLE cap_instruments_before;
