-- The expanded uncertainty of a result and whether its interval straddles the limit (R29).
ALTER TABLE tst_results ADD COLUMN uncertainty VARCHAR(60) NULL, ADD COLUMN mu_straddles SMALLINT NOT NULL DEFAULT 0;
