// InstrumentBookings: shared instruments on the platform (issue 16; PLATFORM.md "Shared
// instruments"): the instruments enrolled labs publish, their week calendars, bookings by SMEs and
// partner-lab users, and the quarterly sharing report.
//
// Purpose: a booking is accepted only if (R40) the instrument is in service with a valid
// calibration for the whole window (the lab publishes through which day it stays usable; a window
// past it is refused naming that day), every half hour lies in a bookable window of that day, the
// user's booking right at that lab is not suspended, the fee comes from the published schedule
// (member rate for a lab's users) and a contract reference is given. Each booked half hour is a
// row keyed by (lab, instrument, slot): the database refuses a second booking of it on any node.
// The owning lab hears of every booking and change through its inbox; where it requires approval
// the booking waits as requested. A confirmed booking not started within the grace period
// lapses as a no-show; the third no-show of a quarter at one lab suspends the user there until
// the lab lifts it. Cancelling is free until `platform.instrument_cancel_free_hours` before the
// start (later it is recorded as a late cancellation, the fee standing).
// Thread-safety: safe from any thread; sweep() may run on any node at once (each lapse is a
// conditional update of one booking).
#pragma once

#include <Poco/JSON/Object.h>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/Decimal.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/Instrument.hpp"
#include "storage/InstrumentStore.hpp"
#include "storage/PlatformStore.hpp"
#include "storage/PortalStore.hpp"

namespace assay::platform {

struct InstrumentSettings {
    int graceMinutes = 60;
    int freeCancelHours = 24;
};

struct BookingRequest {
    std::int64_t labRef = 0, key = 0;
    std::string date;  // YYYY-MM-DD, lab time
    int fromMin = 0, toMin = 0;
    int samples = 0;
    std::string contractRef;
    std::optional<std::string> note;
};

struct SharingRow {
    std::int64_t labRef = 0, key = 0;
    std::string labName, instrument;
    double bookableHours = 0, bookedHours = 0, machineHours = 0;
    int bookings = 0, completed = 0, noShows = 0, open = 0, smeUsers = 0, labUsers = 0;
    Decimal income = Decimal::fromInt(0);
};

class InstrumentBookings {
public:
    InstrumentBookings(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                       InstrumentSettings settings)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), settings_(settings) {}

    // A catalogue snapshot's instruments replace the lab's (FeedIngest, in its transaction).
    void replaceFromCatalogue(Tx& tx, std::int64_t labRef, const Poco::JSON::Object::Ptr& body);
    std::vector<PublishedInstrument> search(const std::string& q, std::int64_t labRef, int limit);
    // The instrument and its bookings of the 7 days from weekStart (times and status only).
    std::pair<PublishedInstrument, std::vector<InstrumentBooking>> calendar(std::int64_t labRef, std::int64_t key, const std::string& weekStart);

    // The fee and every check of a booking, without booking. Errors as book().
    Decimal quote(const Principal& p, const BookingRequest& r);
    // Errors: 404 unknown instrument; 422 R40 (not usable, calibration lapsing in the window);
    // 400 outside the windows, in the past, no fee; 403 suspended; 409 a half hour taken.
    InstrumentBooking book(const Principal& p, const BookingRequest& r, const std::string& requestId);
    std::vector<InstrumentBooking> mine(const Principal& p, std::int64_t beforeId, int limit);
    InstrumentBooking get(const Principal& p, std::int64_t id);
    InstrumentBooking cancel(const Principal& p, std::int64_t id, const std::string& reason, const std::string& requestId);

    // The owning lab's answers (envelope types instrument_booking.decided, .started, .completed,
    // instrument_suspension.lifted), in the feed's transaction.
    void applyLabMessage(Tx& tx, std::int64_t labRef, const std::string& type, const Poco::JSON::Object::Ptr& body);
    // Lapses the confirmed bookings not started within the grace period; returns how many.
    int sweep();
    // The quarter's sharing report ("2026Q4"), of one lab or (0) every lab. Errors: 400 quarter.
    std::vector<SharingRow> report(std::int64_t labRef, const std::string& quarter);
    static std::string reportXlsx(const std::vector<SharingRow>& rows, const std::string& quarter);
    static Poco::JSON::Object::Ptr toJson(const InstrumentBooking& b, bool withPeople);
    std::string today() const { return isoDateInLab(clock_.now()); }

private:
    struct Checked {
        PublishedInstrument instrument;
        Poco::JSON::Object::Ptr data;
        Decimal fee = Decimal::fromInt(0);
        std::vector<std::int64_t> slots;
        std::string userKind, userName, orgName;
    };
    Checked check(Tx& tx, const Principal& p, const BookingRequest& r);
    void tellLab(Tx& tx, const InstrumentBooking& b);
    std::int64_t now() const { return toEpochMillis(clock_.now()); }

    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    InstrumentSettings settings_;
    InstrumentStore store_;
    PlatformStore platform_;
    PortalStore portal_;
};

// "2026Q4" -> [from, to) epoch ms in lab time; none when malformed.
std::optional<std::pair<std::int64_t, std::int64_t>> quarterRange(const std::string& quarter);

}  // namespace assay::platform
