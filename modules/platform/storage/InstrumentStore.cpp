// InstrumentStore: shared instruments' SQL.
#include "storage/InstrumentStore.hpp"

#include "assay/Rows.hpp"
#include "storage/StoreRows.hpp"

namespace assay::platform {

namespace {
using OptI64 = store::OptInt;
using store::collect;


SharedInstrument sharedOfRow(const soci::row& r) {
    return {rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::i64(r, 3) != 0, rows::i64(r, 4)};
}
constexpr const char* kShared = "SELECT lab_id, equipment_id, terms, active, updated_at_ms FROM plat_lab_instruments ";

LabInstrumentBooking labBookingOf(const soci::row& r) {
    return {rows::i64(r, 0), rows::i64(r, 1), rows::i64(r, 2), rows::str(r, 3), rows::str(r, 4),
            rows::i64(r, 5), rows::i64(r, 6), rows::optStr(r, 7), rows::i64(r, 8)};
}
constexpr const char* kLabBookings =
    "SELECT lab_id, booking_id, equipment_id, booking, status, start_ms, end_ms, service_record, updated_at_ms FROM plat_lab_instrument_bookings ";

PublishedInstrument instrumentOf(const soci::row& r) {
    PublishedInstrument p;
    p.labRef = rows::i64(r, 0);
    p.key = rows::i64(r, 1);
    p.labName = rows::str(r, 2);
    p.name = rows::str(r, 3);
    p.dataJson = rows::str(r, 4);
    p.usableToday = rows::i64(r, 5) != 0;
    p.usableThrough = rows::optStr(r, 6);
    p.approvalRequired = rows::i64(r, 7) != 0;
    return p;
}
constexpr const char* kInstruments =
    "SELECT i.lab_ref, i.instrument_key, l.name, i.name, i.data, i.usable_today, i.usable_through, i.approval_required "
    "FROM plat_instruments i JOIN plat_labs l ON l.id = i.lab_ref AND l.state = 'approved' ";

InstrumentBooking bookingOf(const soci::row& r) {
    InstrumentBooking b;
    b.id = rows::i64(r, 0);
    b.labRef = rows::i64(r, 1);
    b.instrumentKey = rows::i64(r, 2);
    b.userId = rows::i64(r, 3);
    b.userName = rows::str(r, 4);
    b.userKind = rows::str(r, 5);
    b.orgName = rows::str(r, 6);
    b.startMs = rows::i64(r, 7);
    b.endMs = rows::i64(r, 8);
    b.samples = static_cast<int>(rows::i64(r, 9));
    b.fee = rows::str(r, 10);
    b.contractRef = rows::str(r, 11);
    b.note = rows::optStr(r, 12);
    b.status = rows::str(r, 13);
    b.lateCancel = rows::i64(r, 14) != 0;
    b.reason = rows::optStr(r, 15);
    b.serviceRecordJson = rows::optStr(r, 16);
    b.createdAtMs = rows::i64(r, 17);
    b.updatedAtMs = rows::i64(r, 18);
    return b;
}
constexpr const char* kBookings =
    "SELECT id, lab_ref, instrument_key, user_id, user_name, user_kind, org_name, start_ms, end_ms, samples, fee, contract_ref, note, "
    "status, late_cancel, reason, service_record, created_at_ms, updated_at_ms FROM plat_instrument_bookings ";

bool duplicateKey(const std::exception& e) {
    const std::string what = e.what();
    return what.find("UNIQUE constraint failed") != std::string::npos || what.find("Duplicate entry") != std::string::npos ||
           what.find("PRIMARY KEY") != std::string::npos;
}
}  // namespace

// --- lab side ------------------------------------------------------------------------------

void InstrumentStore::putShared(Tx& tx, const SharedInstrument& s) {
    long long lab = s.labId, eq = s.equipmentId, at = s.updatedAtMs;
    const int active = s.active ? 1 : 0;
    tx.sql() << "DELETE FROM plat_lab_instruments WHERE lab_id = :lab AND equipment_id = :eq", soci::use(lab, "lab"), soci::use(eq, "eq");
    tx.sql() << "INSERT INTO plat_lab_instruments (lab_id, equipment_id, terms, active, updated_at_ms) VALUES (:lab, :eq, :terms, :active, :at)",
        soci::use(lab, "lab"), soci::use(eq, "eq"), soci::use(s.termsJson, "terms"), soci::use(active, "active"), soci::use(at, "at");
}

std::optional<SharedInstrument> InstrumentStore::shared(Tx& tx, std::int64_t labId, std::int64_t equipmentId) {
    long long lab = labId, eq = equipmentId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kShared) + "WHERE lab_id = :lab AND equipment_id = :eq",
                                  soci::use(lab, "lab"), soci::use(eq, "eq"));
    for (const auto& r : rs) return sharedOfRow(r);
    return std::nullopt;
}

std::vector<SharedInstrument> InstrumentStore::sharedOf(Tx& tx, std::int64_t labId, bool activeOnly) {
    long long lab = labId;
    const int any = activeOnly ? 0 : 1;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kShared) + "WHERE lab_id = :lab AND (active = 1 OR :any = 1) ORDER BY equipment_id",
                                  soci::use(lab, "lab"), soci::use(any, "any"));
    return collect<SharedInstrument>(rs, sharedOfRow);
}

void InstrumentStore::putLabBooking(Tx& tx, const LabInstrumentBooking& b) {
    long long lab = b.labId, id = b.bookingId, eq = b.equipmentId, start = b.startMs, end = b.endMs, at = b.updatedAtMs;
    rows::NullableText record(b.serviceRecordJson);
    tx.sql() << "DELETE FROM plat_lab_instrument_bookings WHERE lab_id = :lab AND booking_id = :id", soci::use(lab, "lab"), soci::use(id, "id");
    tx.sql() << "INSERT INTO plat_lab_instrument_bookings (lab_id, booking_id, equipment_id, booking, status, start_ms, end_ms, service_record, "
                "updated_at_ms) VALUES (:lab, :id, :eq, :booking, :status, :start, :end, :record, :at)",
        soci::use(lab, "lab"), soci::use(id, "id"), soci::use(eq, "eq"), soci::use(b.bookingJson, "booking"), soci::use(b.status, "status"),
        soci::use(start, "start"), soci::use(end, "end"), soci::use(record.value, record.ind, "record"), soci::use(at, "at");
}

std::optional<LabInstrumentBooking> InstrumentStore::labBooking(Tx& tx, std::int64_t labId, std::int64_t bookingId) {
    long long lab = labId, id = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kLabBookings) + "WHERE lab_id = :lab AND booking_id = :id",
                                  soci::use(lab, "lab"), soci::use(id, "id"));
    for (const auto& r : rs) return labBookingOf(r);
    return std::nullopt;
}

std::vector<LabInstrumentBooking> InstrumentStore::labBookings(Tx& tx, std::int64_t labId, std::int64_t fromMs, std::int64_t toMs) {
    long long lab = labId, from = fromMs, to = toMs;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kLabBookings) + "WHERE lab_id = :lab AND start_ms >= :from AND start_ms < :to ORDER BY start_ms, booking_id",
         soci::use(lab, "lab"), soci::use(from, "from"), soci::use(to, "to"));
    return collect<LabInstrumentBooking>(rs, labBookingOf);
}

// --- platform side -------------------------------------------------------------------------

void InstrumentStore::replaceInstruments(Tx& tx, std::int64_t labRef, const std::vector<PublishedInstrument>& list) {
    long long lab = labRef;
    tx.sql() << "DELETE FROM plat_instruments WHERE lab_ref = :lab", soci::use(lab, "lab");
    for (const auto& p : list) {
        long long key = p.key;
        const int usable = p.usableToday ? 1 : 0, approval = p.approvalRequired ? 1 : 0;
        rows::NullableText through(p.usableThrough);
        tx.sql() << "INSERT INTO plat_instruments (lab_ref, instrument_key, name, data, usable_today, usable_through, approval_required) "
                    "VALUES (:lab, :key, :name, :data, :usable, :through, :approval)",
            soci::use(lab, "lab"), soci::use(key, "key"), soci::use(p.name, "name"), soci::use(p.dataJson, "data"), soci::use(usable, "usable"),
            soci::use(through.value, through.ind, "through"), soci::use(approval, "approval");
    }
}

std::optional<PublishedInstrument> InstrumentStore::instrument(Tx& tx, std::int64_t labRef, std::int64_t key) {
    long long lab = labRef, k = key;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kInstruments) + "WHERE i.lab_ref = :lab AND i.instrument_key = :key",
                                  soci::use(lab, "lab"), soci::use(k, "key"));
    for (const auto& r : rs) return instrumentOf(r);
    return std::nullopt;
}

std::vector<PublishedInstrument> InstrumentStore::instruments(Tx& tx, const std::string& q, std::int64_t labRef, int limit) {
    long long lab = labRef;
    const std::string like = "%" + q + "%";
    const int anyQ = q.empty() ? 1 : 0;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kInstruments) +
                                 "WHERE (:lab = 0 OR i.lab_ref = :lab2) AND (:any_q = 1 OR i.name LIKE :q OR i.data LIKE :q2) "
                                 "ORDER BY l.name, i.name, i.instrument_key LIMIT :lim",
         soci::use(lab, "lab"), soci::use(lab, "lab2"), soci::use(anyQ, "any_q"), soci::use(like, "q"), soci::use(like, "q2"), soci::use(limit, "lim"));
    return collect<PublishedInstrument>(rs, instrumentOf);
}

bool InstrumentStore::slotsTaken(Tx& tx, std::int64_t labRef, std::int64_t key, const std::vector<std::int64_t>& slots) {
    if (slots.empty()) return false;
    long long lab = labRef, k = key, first = slots.front(), last = slots.back(), taken = 0;
    tx.sql() << "SELECT COUNT(*) FROM plat_instrument_slots WHERE lab_ref = :lab AND instrument_key = :key AND slot_ms >= :first AND slot_ms <= :last",
        soci::into(taken), soci::use(lab, "lab"), soci::use(k, "key"), soci::use(first, "first"), soci::use(last, "last");
    return taken > 0;
}

bool InstrumentStore::insertBooking(Tx& tx, const InstrumentBooking& b, const std::vector<std::int64_t>& slots) {
    long long lab = b.labRef, key = b.instrumentKey;
    if (slotsTaken(tx, b.labRef, b.instrumentKey, slots)) return false;
    long long id = b.id, user = b.userId, start = b.startMs, end = b.endMs, created = b.createdAtMs;
    rows::NullableText note(b.note);
    tx.sql() << "INSERT INTO plat_instrument_bookings (id, lab_ref, instrument_key, user_id, user_name, user_kind, org_name, start_ms, end_ms, "
                "samples, fee, contract_ref, note, status, late_cancel, created_at_ms, updated_at_ms) VALUES (:id, :lab, :key, :user, :user_name, "
                ":kind, :org, :start, :end, :samples, :fee, :contract, :note, :status, 0, :created, :updated)",
        soci::use(id, "id"), soci::use(lab, "lab"), soci::use(key, "key"), soci::use(user, "user"), soci::use(b.userName, "user_name"),
        soci::use(b.userKind, "kind"), soci::use(b.orgName, "org"), soci::use(start, "start"), soci::use(end, "end"),
        soci::use(b.samples, "samples"), soci::use(b.fee, "fee"), soci::use(b.contractRef, "contract"), soci::use(note.value, note.ind, "note"),
        soci::use(b.status, "status"), soci::use(created, "created"), soci::use(created, "updated");
    for (const auto slot : slots) {
        long long s = slot;
        try {
            tx.sql() << "INSERT INTO plat_instrument_slots (lab_ref, instrument_key, slot_ms, booking_id) VALUES (:lab, :key, :slot, :id)",
                soci::use(lab, "lab"), soci::use(key, "key"), soci::use(s, "slot"), soci::use(id, "id");
        } catch (const soci::soci_error& e) {
            if (duplicateKey(e)) return false;  // another transaction booked it first: the caller rolls back
            throw;
        }
    }
    return true;
}

std::optional<InstrumentBooking> InstrumentStore::booking(Tx& tx, std::int64_t id) {
    long long i = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kBookings) + "WHERE id = :id", soci::use(i, "id"));
    for (const auto& r : rs) return bookingOf(r);
    return std::nullopt;
}

void InstrumentStore::updateBooking(Tx& tx, const InstrumentBooking& b) {
    long long id = b.id, at = b.updatedAtMs;
    const int late = b.lateCancel ? 1 : 0;
    rows::NullableText reason(b.reason), record(b.serviceRecordJson);
    tx.sql() << "UPDATE plat_instrument_bookings SET status = :status, late_cancel = :late, reason = :reason, service_record = :record, "
                "fee = :fee, updated_at_ms = :at WHERE id = :id",
        soci::use(b.status, "status"), soci::use(late, "late"), soci::use(reason.value, reason.ind, "reason"),
        soci::use(record.value, record.ind, "record"), soci::use(b.fee, "fee"), soci::use(at, "at"), soci::use(id, "id");
}

void InstrumentStore::freeSlots(Tx& tx, std::int64_t bookingId, std::int64_t fromMs) {
    long long id = bookingId, from = fromMs;
    tx.sql() << "DELETE FROM plat_instrument_slots WHERE booking_id = :id AND slot_ms >= :from", soci::use(id, "id"), soci::use(from, "from");
}

std::vector<InstrumentBooking> InstrumentStore::bookingsOf(Tx& tx, std::int64_t labRef, std::int64_t key, std::int64_t fromMs, std::int64_t toMs) {
    long long lab = labRef, k = key, from = fromMs, to = toMs;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kBookings) +
                                 "WHERE lab_ref = :lab AND instrument_key = :key AND start_ms < :to AND end_ms > :from "
                                 "AND status IN ('requested', 'confirmed', 'in_use', 'completed') ORDER BY start_ms",
         soci::use(lab, "lab"), soci::use(k, "key"), soci::use(to, "to"), soci::use(from, "from"));
    return collect<InstrumentBooking>(rs, bookingOf);
}

std::vector<InstrumentBooking> InstrumentStore::bookingsOfUser(Tx& tx, std::int64_t userId, std::int64_t beforeId, int limit) {
    long long user = userId, before = beforeId == 0 ? 9223372036854775807LL : beforeId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kBookings) + "WHERE user_id = :user AND id < :before ORDER BY id DESC LIMIT :lim",
                                  soci::use(user, "user"), soci::use(before, "before"), soci::use(limit, "lim"));
    return collect<InstrumentBooking>(rs, bookingOf);
}

std::vector<InstrumentBooking> InstrumentStore::bookingsInStatus(Tx& tx, const std::string& status, std::int64_t startBeforeMs, int limit) {
    long long before = startBeforeMs;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kBookings) + "WHERE status = :status AND start_ms < :before ORDER BY start_ms LIMIT :lim",
         soci::use(status, "status"), soci::use(before, "before"), soci::use(limit, "lim"));
    return collect<InstrumentBooking>(rs, bookingOf);
}

std::vector<InstrumentBooking> InstrumentStore::bookingsBetween(Tx& tx, std::int64_t labRef, std::int64_t fromMs, std::int64_t toMs) {
    long long lab = labRef, from = fromMs, to = toMs;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kBookings) + "WHERE (:lab = 0 OR lab_ref = :lab2) AND start_ms >= :from AND start_ms < :to ORDER BY start_ms, id",
         soci::use(lab, "lab"), soci::use(lab, "lab2"), soci::use(from, "from"), soci::use(to, "to"));
    return collect<InstrumentBooking>(rs, bookingOf);
}

int InstrumentStore::noShowsSince(Tx& tx, std::int64_t labRef, std::int64_t userId, std::int64_t sinceMs) {
    long long lab = labRef, user = userId, since = sinceMs, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM plat_instrument_bookings WHERE lab_ref = :lab AND user_id = :user AND status = 'no_show' AND start_ms >= :since",
        soci::into(n), soci::use(lab, "lab"), soci::use(user, "user"), soci::use(since, "since");
    return static_cast<int>(n);
}

bool InstrumentStore::suspended(Tx& tx, std::int64_t labRef, std::int64_t userId) {
    long long lab = labRef, user = userId, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM plat_instrument_suspensions WHERE lab_ref = :lab AND user_id = :user", soci::into(n), soci::use(lab, "lab"),
        soci::use(user, "user");
    return n > 0;
}

void InstrumentStore::suspend(Tx& tx, std::int64_t labRef, std::int64_t userId, std::int64_t atMs, const std::string& noShows) {
    if (suspended(tx, labRef, userId)) return;
    long long lab = labRef, user = userId, at = atMs;
    tx.sql() << "INSERT INTO plat_instrument_suspensions (lab_ref, user_id, since_ms, no_shows) VALUES (:lab, :user, :at, :ids)",
        soci::use(lab, "lab"), soci::use(user, "user"), soci::use(at, "at"), soci::use(noShows, "ids");
}

bool InstrumentStore::lift(Tx& tx, std::int64_t labRef, std::int64_t userId) {
    long long lab = labRef, user = userId;
    soci::statement st = (tx.sql().prepare << "DELETE FROM plat_instrument_suspensions WHERE lab_ref = :lab AND user_id = :user",
                          soci::use(lab, "lab"), soci::use(user, "user"));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

}  // namespace assay::platform
