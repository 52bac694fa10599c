// InstrumentStore: all SQL of shared instruments (issue 16): the lab's shared equipment and its
// mirror of their bookings (plat_lab_instrument*), the platform's published instruments, bookings,
// booked half hours and suspensions (plat_instrument*).
//
// Purpose: a booked half hour is a row whose primary key is (lab, instrument, slot start): a
// second booking of it fails on the key in whichever transaction and node writes second, so the
// database, not a lock in one process, rules out a double booking. Nothing here opens a
// transaction or checks a rule. Thread-safety: stateless; works on the caller's Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Instrument.hpp"

namespace assay::platform {

class InstrumentStore {
public:
    // --- lab side ------------------------------------------------------------------------
    void putShared(Tx& tx, const SharedInstrument& s);  // insert or replace
    std::optional<SharedInstrument> shared(Tx& tx, std::int64_t labId, std::int64_t equipmentId);
    std::vector<SharedInstrument> sharedOf(Tx& tx, std::int64_t labId, bool activeOnly);
    void putLabBooking(Tx& tx, const LabInstrumentBooking& b);  // insert or replace
    std::optional<LabInstrumentBooking> labBooking(Tx& tx, std::int64_t labId, std::int64_t bookingId);
    // The lab's bookings starting in [fromMs, toMs), by start.
    std::vector<LabInstrumentBooking> labBookings(Tx& tx, std::int64_t labId, std::int64_t fromMs, std::int64_t toMs);

    // --- platform side -------------------------------------------------------------------
    void replaceInstruments(Tx& tx, std::int64_t labRef, const std::vector<PublishedInstrument>& all);
    std::optional<PublishedInstrument> instrument(Tx& tx, std::int64_t labRef, std::int64_t key);  // of an approved lab
    std::vector<PublishedInstrument> instruments(Tx& tx, const std::string& q, std::int64_t labRef, int limit);
    // Whether any of the (contiguous) half hours is booked.
    bool slotsTaken(Tx& tx, std::int64_t labRef, std::int64_t key, const std::vector<std::int64_t>& slots);
    // False when a half hour of the booking is taken (nothing written then).
    bool insertBooking(Tx& tx, const InstrumentBooking& b, const std::vector<std::int64_t>& slots);
    std::optional<InstrumentBooking> booking(Tx& tx, std::int64_t id);
    void updateBooking(Tx& tx, const InstrumentBooking& b);
    void freeSlots(Tx& tx, std::int64_t bookingId, std::int64_t fromMs);  // the booking's half hours from fromMs on
    // The instrument's bookings overlapping [fromMs, toMs) that hold their slots.
    std::vector<InstrumentBooking> bookingsOf(Tx& tx, std::int64_t labRef, std::int64_t key, std::int64_t fromMs, std::int64_t toMs);
    std::vector<InstrumentBooking> bookingsOfUser(Tx& tx, std::int64_t userId, std::int64_t beforeId, int limit);
    std::vector<InstrumentBooking> bookingsInStatus(Tx& tx, const std::string& status, std::int64_t startBeforeMs, int limit);
    // Every booking of labRef (0: all labs) starting in [fromMs, toMs).
    std::vector<InstrumentBooking> bookingsBetween(Tx& tx, std::int64_t labRef, std::int64_t fromMs, std::int64_t toMs);
    int noShowsSince(Tx& tx, std::int64_t labRef, std::int64_t userId, std::int64_t sinceMs);
    bool suspended(Tx& tx, std::int64_t labRef, std::int64_t userId);
    void suspend(Tx& tx, std::int64_t labRef, std::int64_t userId, std::int64_t atMs, const std::string& noShows);
    bool lift(Tx& tx, std::int64_t labRef, std::int64_t userId);
};

}  // namespace assay::platform
