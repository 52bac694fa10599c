-- The rounding interval of a parameter reported to a number of decimals, as a unit of that place
-- (GB/T 8170-2008 3.4): 1 (the place itself), 0.5 (0.5单位修约) or 0.2 (0.2单位修约).
ALTER TABLE acc_parameters ADD COLUMN rounding_unit VARCHAR(4) NOT NULL DEFAULT '1',
  ADD CONSTRAINT acc_parameters_rounding_unit CHECK (rounding_unit IN ('1', '0.5', '0.2'));
