-- Subcontracting (R31): an order item sent to another lab. The customer's written consent (the
-- item and the receiving lab) and the receiving lab's acceptance are recorded before the item is
-- dispatched; reports list the item with the receiving lab and its CMA / CNAS numbers.
CREATE TABLE int_subcontracts (
  order_item_id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  receiving_lab VARCHAR(200) NOT NULL,
  receiving_cma_no VARCHAR(32) NULL,
  receiving_cnas_no VARCHAR(32) NULL,
  consented_by VARCHAR(100) NOT NULL,
  consent_ref VARCHAR(200) NOT NULL,
  consent_recorded_by BIGINT NOT NULL,
  consent_at_ms BIGINT NOT NULL,
  accepted_by VARCHAR(100) NULL,
  acceptance_ref VARCHAR(200) NULL,
  accepted_at_ms BIGINT NULL,
  dispatched_by BIGINT NULL,
  dispatched_at_ms BIGINT NULL,
  KEY int_subcontracts_by_order (lab_id, order_id),
  CONSTRAINT int_subcontracts_lab FOREIGN KEY (lab_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
