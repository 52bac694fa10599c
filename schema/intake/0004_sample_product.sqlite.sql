-- A sample names its product (or object) from the lab's product list (产品目录: the products of
-- its scope and specifications). Scope matching, specification limits and statistics use it and
-- its category; the free-text name stays as the customer wrote it. NULL for samples registered
-- before: they are matched by their name, as then.
ALTER TABLE int_samples ADD COLUMN product VARCHAR(100);

-- The specification (产品标准/限量标准) the sample's results are judged by, chosen at contract review
-- (per sample); the test items take it at acceptance, and testing changes it with a reason until
-- the results are approved.
ALTER TABLE int_samples ADD COLUMN specification_id BIGINT;
