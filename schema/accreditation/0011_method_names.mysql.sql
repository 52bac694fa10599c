-- Methods are looked up by name (imports, the price list): an index per lab.
CREATE INDEX acc_methods_by_name ON acc_methods (lab_id, name);
