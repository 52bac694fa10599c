-- Subcontracting (R31): an order item sent to another lab. The customer's written consent (the
-- item and the receiving lab) and the receiving lab's acceptance are recorded before the item is
-- dispatched; reports list the item with the receiving lab and its CMA / CNAS numbers.
CREATE TABLE int_subcontracts (
  order_item_id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL REFERENCES organizations (id),
  order_id BIGINT NOT NULL,
  receiving_lab VARCHAR(200) NOT NULL,
  receiving_cma_no VARCHAR(32),
  receiving_cnas_no VARCHAR(32),
  consented_by VARCHAR(100) NOT NULL,
  consent_ref VARCHAR(200) NOT NULL,
  consent_recorded_by BIGINT NOT NULL,
  consent_at_ms BIGINT NOT NULL,
  accepted_by VARCHAR(100),
  acceptance_ref VARCHAR(200),
  accepted_at_ms BIGINT,
  dispatched_by BIGINT,
  dispatched_at_ms BIGINT
);
CREATE INDEX int_subcontracts_by_order ON int_subcontracts (lab_id, order_id);
