-- R15 under the lab's flag policy: a result from equipment that was not usable on the test date
-- is kept, carries why, and names the nonconformity opened for it (it cannot carry a CMA or
-- CNAS mark).
ALTER TABLE tst_results ADD COLUMN equipment_flag VARCHAR(500);
ALTER TABLE tst_results ADD COLUMN nc_id BIGINT;
