-- The price list: a price per parameter and method, valid from valid_from through valid_to
-- (NULL: open-ended). Money is a decimal string in CNY.
CREATE TABLE acc_prices (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  parameter_id BIGINT NOT NULL REFERENCES acc_parameters (id),
  method_id BIGINT NOT NULL REFERENCES acc_methods (id),
  price VARCHAR(24) NOT NULL,
  valid_from VARCHAR(10) NOT NULL,
  valid_to VARCHAR(10),
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX acc_prices_lookup ON acc_prices (lab_id, parameter_id, method_id, valid_from);
