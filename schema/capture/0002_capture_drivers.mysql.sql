-- More drivers (MT-SICS balances and the vendor-specific export parsers), the listener port an
-- instrument was started on (started again at start-up), and the device serial number a run
-- reported (a balance's I4 answer, kept for calibration traceability).
ALTER TABLE cap_instruments DROP CONSTRAINT cap_instruments_driver;
ALTER TABLE cap_instruments ADD CONSTRAINT cap_instruments_driver CHECK (driver IN ('astm', 'hl7', 'delimited', 'mtsics',
  'chemstation', 'masshunter', 'shimadzu_icpe', 'winlab32', 'gallery'));
ALTER TABLE cap_instruments ADD COLUMN listen_port INTEGER NULL;
ALTER TABLE cap_runs ADD COLUMN device_serial VARCHAR(60) NULL;
