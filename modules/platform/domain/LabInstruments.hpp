// LabInstruments: the lab side of shared instruments (issue 16).
//
// Purpose: the lab's manager shares equipment of the register on the platform with its terms
// (domain/Instruments) and withdraws it; the catalogue snapshot carries every shared instrument
// with what the register says today (names, location, in service, calibration due, usable
// through: R40), so a calibration recorded or lapsing reaches the platform like a scope change.
// Bookings of the lab's instruments arrive through the inbox (the platform's copy, after every
// change) and are mirrored here; the lab approves or declines a requested one, marks a booking
// started, records the service record that closes it (actual times, samples, operator,
// consumables, fee) and lifts a user's suspension, each sent to the platform through the outbox
// in its own transaction. The lab's quarterly sharing report is computed from the mirror.
// Thread-safety: safe from any thread.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/Outbox.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/EquipmentStatus.hpp"
#include "domain/Instrument.hpp"
#include "domain/InstrumentBookings.hpp"
#include "storage/InstrumentStore.hpp"

namespace assay::platform {

struct ServiceRecord {
    std::string actualFrom, actualTo;  // HH:MM on the booking's day
    int samples = 0;
    std::string operatorName;
    std::optional<std::string> consumables;
    std::optional<std::string> fee;    // default: the booked fee
};

class LabInstruments {
public:
    LabInstruments(Db& db, const Clock& clock, AuditLog& audit, Outbox& outbox, accreditation::EquipmentStatus& equipment)
        : db_(db), clock_(clock), audit_(audit), outbox_(outbox), equipment_(equipment) {}

    // terms: the API body (checked by readInstrumentTerms). Errors: 400 named fields; 404 equipment.
    Poco::JSON::Object::Ptr share(const Principal& p, std::int64_t equipmentId, const Poco::JSON::Object::Ptr& terms, const std::string& requestId);
    void unshare(const Principal& p, std::int64_t equipmentId, const std::string& requestId);
    Poco::JSON::Array::Ptr list(const Principal& p);
    // The shared instruments as the catalogue snapshot carries them.
    Poco::JSON::Array::Ptr cataloguePart(Tx& tx, std::int64_t labId, const std::string& today);

    void apply(Tx& tx, std::int64_t labId, const Poco::JSON::Object::Ptr& booking);  // inbox type instrument_booking
    std::vector<LabInstrumentBooking> bookings(const Principal& p, std::int64_t fromMs, std::int64_t toMs);
    LabInstrumentBooking decide(const Principal& p, std::int64_t bookingId, bool approve, const std::optional<std::string>& reason,
                                const std::string& requestId);
    LabInstrumentBooking start(const Principal& p, std::int64_t bookingId, const std::string& requestId);
    LabInstrumentBooking record(const Principal& p, std::int64_t bookingId, const ServiceRecord& r, const std::string& requestId);
    void lift(const Principal& p, std::int64_t userId, const std::string& requestId);
    std::vector<SharingRow> report(const Principal& p, const std::string& quarter);
    std::string today() const { return isoDateInLab(clock_.now()); }

private:
    LabInstrumentBooking own(Tx& tx, const Principal& p, std::int64_t bookingId);
    void send(Tx& tx, std::int64_t labId, const std::string& topic, const Poco::JSON::Object::Ptr& body);

    Db& db_;
    const Clock& clock_;
    AuditLog& audit_;
    Outbox& outbox_;
    accreditation::EquipmentStatus& equipment_;
    InstrumentStore store_;
};

}  // namespace assay::platform
