-- Shared instruments (大型仪器开放共享, issue 16; modules/platform/README.md "Shared instruments").
-- Lab side: the lab's equipment it shares (fee schedule, windows, terms as JSON) and its mirror of
-- the bookings of its instruments (the platform holds the truth of the calendar).
CREATE TABLE plat_lab_instruments (
  lab_id BIGINT NOT NULL,
  equipment_id BIGINT NOT NULL,
  terms TEXT NOT NULL,             -- description, techniques, fees, windows, operation, training, approval (JSON)
  active INTEGER NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_id, equipment_id)
);
CREATE TABLE plat_lab_instrument_bookings (
  lab_id BIGINT NOT NULL,
  booking_id BIGINT NOT NULL,
  equipment_id BIGINT NOT NULL,
  booking TEXT NOT NULL,           -- the booking as the platform sent it (JSON)
  status VARCHAR(16) NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  service_record TEXT,             -- actual times, samples, operator, consumables, fee (JSON)
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (lab_id, booking_id)
);
CREATE INDEX plat_lab_instrument_bookings_by_start ON plat_lab_instrument_bookings (lab_id, start_ms);

-- Platform side: the instruments of enrolled labs (replaced with each catalogue snapshot), the
-- bookings, one row per booked half hour (the primary key refuses a second booking of a slot,
-- whichever node writes it), and the users whose booking right a lab suspended.
CREATE TABLE plat_instruments (
  lab_ref BIGINT NOT NULL,
  instrument_key BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  data TEXT NOT NULL,              -- what the lab published (JSON)
  usable_today INTEGER NOT NULL,
  usable_through VARCHAR(10),
  approval_required INTEGER NOT NULL,
  PRIMARY KEY (lab_ref, instrument_key)
);
CREATE TABLE plat_instrument_bookings (
  id BIGINT NOT NULL PRIMARY KEY,
  lab_ref BIGINT NOT NULL,
  instrument_key BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  user_name VARCHAR(100) NOT NULL,
  user_kind VARCHAR(8) NOT NULL CHECK (user_kind IN ('sme', 'lab')),
  org_name VARCHAR(200) NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  samples INTEGER NOT NULL,
  fee VARCHAR(24) NOT NULL,
  contract_ref VARCHAR(100) NOT NULL,
  note VARCHAR(1000),
  status VARCHAR(16) NOT NULL CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled', 'in_use', 'no_show', 'completed')),
  late_cancel INTEGER NOT NULL DEFAULT 0,
  reason VARCHAR(500),
  service_record TEXT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX plat_instrument_bookings_by_instrument ON plat_instrument_bookings (lab_ref, instrument_key, start_ms);
CREATE INDEX plat_instrument_bookings_by_user ON plat_instrument_bookings (user_id, id);
CREATE INDEX plat_instrument_bookings_by_status ON plat_instrument_bookings (status, start_ms);
CREATE TABLE plat_instrument_slots (
  lab_ref BIGINT NOT NULL,
  instrument_key BIGINT NOT NULL,
  slot_ms BIGINT NOT NULL,
  booking_id BIGINT NOT NULL,
  PRIMARY KEY (lab_ref, instrument_key, slot_ms)
);
CREATE INDEX plat_instrument_slots_by_booking ON plat_instrument_slots (booking_id);
CREATE TABLE plat_instrument_suspensions (
  lab_ref BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  since_ms BIGINT NOT NULL,
  no_shows VARCHAR(200) NOT NULL,       -- the bookings that lapsed
  PRIMARY KEY (lab_ref, user_id)
);
