-- Each transport's stream (transport, lab) numbers its own messages 1, 2, 3 ... gap-free, drawn
-- in the enqueueing transaction from lab_sequences 'outbox:<transport>': a receiver that takes
-- only some topics (the platform link) sees no gaps where other topics were written. Rows written
-- before this column existed keep NULL (the worker then sends the lab-wide seq). The payload
-- grows to MEDIUMTEXT: a lab's whole catalogue (hundreds of scope rows) is one message.
ALTER TABLE outbox_deliveries ADD COLUMN stream_seq BIGINT NULL;
ALTER TABLE outbox MODIFY payload MEDIUMTEXT NOT NULL;
