-- R38: the public verification shows the customer and the results of a report only when the
-- customer consented to it; the consent (who, which document) is recorded here, once per report.
CREATE TABLE rep_disclosures (
  report_id BIGINT NOT NULL PRIMARY KEY,
  lab_id BIGINT NOT NULL,
  consented_by VARCHAR(100) NOT NULL,
  consent_ref VARCHAR(200) NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_at_ms BIGINT NOT NULL
);
