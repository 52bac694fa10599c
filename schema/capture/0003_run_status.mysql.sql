-- A run's status: received, or rejected when its bytes are not a message of the instrument's
-- driver (an MLLP frame that is not HL7: answered AR, kept as evidence under R20, nothing read
-- from it), with the reason.
ALTER TABLE cap_runs ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'received';
ALTER TABLE cap_runs ADD CONSTRAINT cap_runs_status CHECK (status IN ('received', 'rejected'));
ALTER TABLE cap_runs ADD COLUMN reason VARCHAR(500) NULL;
