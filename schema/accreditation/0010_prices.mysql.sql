-- The price list: a price per parameter and method, valid from valid_from through valid_to
-- (NULL: open-ended). Money is a decimal string in CNY.
CREATE TABLE acc_prices (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  parameter_id BIGINT NOT NULL,
  method_id BIGINT NOT NULL,
  price VARCHAR(24) NOT NULL,
  valid_from VARCHAR(10) NOT NULL,
  valid_to VARCHAR(10) NULL,
  created_by BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  KEY acc_prices_lookup (lab_id, parameter_id, method_id, valid_from),
  CONSTRAINT acc_prices_lab FOREIGN KEY (lab_id) REFERENCES organizations (id),
  CONSTRAINT acc_prices_parameter FOREIGN KEY (parameter_id) REFERENCES acc_parameters (id),
  CONSTRAINT acc_prices_method FOREIGN KEY (method_id) REFERENCES acc_methods (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
