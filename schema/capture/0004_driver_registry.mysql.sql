-- Drivers come from a registry (assay/InstrumentDriver.hpp): the built-in list and any a plugin
-- adds at start-up, so the table no longer lists the driver ids. The server accepts only the id of
-- a loaded driver; an instrument whose plugin is not loaded stays listed and refuses imports.
ALTER TABLE cap_instruments DROP CONSTRAINT cap_instruments_driver;
ALTER TABLE cap_instruments ADD CONSTRAINT cap_instruments_driver CHECK (driver <> '');
