// InstrumentBookings: shared instruments' calendar, bookings and sharing report on the platform.
#include "domain/InstrumentBookings.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <regex>
#include <set>

#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "assay/Messages.hpp"
#include "assay/Xlsx.hpp"
#include "domain/BookingWire.hpp"
#include "domain/InstrumentMessages.hpp"
#include "domain/Instruments.hpp"
#include "domain/PlatformMessages.hpp"
#include "domain/PortalMessages.hpp"

namespace assay::platform {

namespace {
std::string labDate(std::int64_t ms) { return isoDateInLab(fromEpochMillis(ms)); }
int labMinutes(std::int64_t ms) {
    const std::int64_t local = ms + 8LL * 3600 * 1000;
    return static_cast<int>((local % (24LL * 3600 * 1000)) / 60000);
}
Poco::JSON::Object::Ptr termsOf(const Poco::JSON::Object::Ptr& data) { return data->getObject("terms") ? data->getObject("terms") : data; }
}  // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> quarterRange(const std::string& quarter) {
    static const std::regex kQuarter("^(20[0-9]{2})Q([1-4])$");
    std::smatch m;
    if (!std::regex_match(quarter, m, kQuarter)) return std::nullopt;
    const int year = std::stoi(m[1]), q = std::stoi(m[2]);
    auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    const std::string from = std::to_string(year) + "-" + two((q - 1) * 3 + 1) + "-01";
    const std::string to = q == 4 ? std::to_string(year + 1) + "-01-01" : std::to_string(year) + "-" + two(q * 3 + 1) + "-01";
    return std::pair{labMillis(from, 0), labMillis(to, 0)};
}

Poco::JSON::Object::Ptr InstrumentBookings::toJson(const InstrumentBooking& b, bool withPeople) {
    auto o = makeObject();
    o->set("id", std::to_string(b.id));
    o->set("lab_id", std::to_string(b.labRef));
    o->set("instrument_key", std::to_string(b.instrumentKey));
    o->set("date", labDate(b.startMs));
    o->set("from", hhmm(labMinutes(b.startMs)));
    o->set("to", hhmm(labMinutes(b.endMs) == 0 ? 24 * 60 : labMinutes(b.endMs)));
    o->set("start", formatRfc3339(fromEpochMillis(b.startMs)));
    o->set("end", formatRfc3339(fromEpochMillis(b.endMs)));
    o->set("status", b.status);
    if (!withPeople) return o;
    o->set("user_id", std::to_string(b.userId));
    o->set("user_name", b.userName);
    o->set("user_kind", b.userKind);
    o->set("org_name", b.orgName);
    o->set("samples", b.samples);
    o->set("fee", b.fee);
    o->set("contract_ref", b.contractRef);
    o->set("note", b.note ? Poco::Dynamic::Var(*b.note) : Poco::Dynamic::Var());
    o->set("late_cancel", b.lateCancel);
    o->set("reason", b.reason ? Poco::Dynamic::Var(*b.reason) : Poco::Dynamic::Var());
    o->set("service_record", b.serviceRecordJson ? Poco::JSON::Parser().parse(*b.serviceRecordJson) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(b.createdAtMs)));
    return o;
}

void InstrumentBookings::replaceFromCatalogue(Tx& tx, std::int64_t labRef, const Poco::JSON::Object::Ptr& body) {
    if (!body->has("instruments")) return;  // a lab of before issue 16: its instruments stay as they were
    std::vector<PublishedInstrument> list;
    auto arr = body->getArray("instruments");
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
        auto o = arr->getObject(static_cast<unsigned>(i));
        PublishedInstrument p;
        p.labRef = labRef;
        p.key = wire::idOf(o, "key");
        p.name = wire::str(o, "name");
        p.dataJson = assay::toJson(o);
        p.usableToday = o->optValue<bool>("usable_today", false);
        p.usableThrough = wire::optStr(o, "usable_through");
        p.approvalRequired = o->getObject("terms") && o->getObject("terms")->optValue<bool>("approval_required", false);
        if (p.key == 0 || p.name.empty()) throw Error(ErrorCode::FailedPrecondition, Message(msg::kBadBody, {{"detail", "instruments[" + std::to_string(i) + "]"}}));
        list.push_back(std::move(p));
    }
    store_.replaceInstruments(tx, labRef, list);
}

std::vector<PublishedInstrument> InstrumentBookings::search(const std::string& q, std::int64_t labRef, int limit) {
    return db_.read([&](Tx& tx) { return store_.instruments(tx, q, labRef, limit); });
}

std::pair<PublishedInstrument, std::vector<InstrumentBooking>> InstrumentBookings::calendar(std::int64_t labRef, std::int64_t key,
                                                                                             const std::string& weekStart) {
    return db_.read([&](Tx& tx) {
        auto i = store_.instrument(tx, labRef, key);
        if (!i) throw Error::notFound("instrument");
        const std::int64_t from = labMillis(weekStart, 0);
        return std::pair{*i, store_.bookingsOf(tx, labRef, key, from, from + 7LL * 24 * 3600 * 1000)};
    });
}

InstrumentBookings::Checked InstrumentBookings::check(Tx& tx, const Principal& p, const BookingRequest& r) {
    Checked c;
    auto i = store_.instrument(tx, r.labRef, r.key);
    if (!i) throw Error::notFound("instrument");
    c.instrument = *i;
    c.data = parseObject(i->dataJson);
    const auto terms = termsOf(c.data);
    const std::int64_t start = labMillis(r.date, r.fromMin), end = labMillis(r.date, r.toMin);
    if (start <= now()) throw Error::invalidField("from", msg::kInPast);
    if (!i->usableToday)
        throw Error::rule("R40", Message(msg::kNotUsable, {{"why", c.data->optValue<std::string>("unusable_reason", "")}}));
    if (i->usableThrough && r.date > *i->usableThrough)
        throw Error::rule("R40", Message(msg::kCalibrationLapses, {{"through", *i->usableThrough}, {"date", r.date}}));
    const auto windows = windowsOn(terms, r.date);
    for (int m = r.fromMin; m < r.toMin; m += kSlotMinutes) {
        const bool inside = std::any_of(windows.begin(), windows.end(), [&](const Window& w) { return w.fromMin <= m && m + kSlotMinutes <= w.toMin; });
        if (!inside) throw Error::invalidField("from", Message(msg::kOutsideWindow, {{"date", r.date}, {"from", hhmm(r.fromMin)}, {"to", hhmm(r.toMin)}}));
        c.slots.push_back(start + static_cast<std::int64_t>(m - r.fromMin) * 60000);
    }
    (void)end;
    if (auto u = portal_.user(tx, p.userId)) {
        c.userKind = "sme";
        c.userName = u->name;
        c.orgName = portal_.account(tx, u->accountId)->companyName;
    } else {
        const auto org = p.orgId ? orgs_.organizationById(tx, *p.orgId) : std::nullopt;
        if (!org || (org->kind != "lab" && org->kind != "partner")) throw Error::failedPrecondition(Message(msg::kNoAccount));
        c.userKind = "lab";
        c.userName = p.displayName.empty() ? p.username : p.displayName;
        c.orgName = org->name;
    }
    if (store_.suspended(tx, r.labRef, p.userId)) throw Error(ErrorCode::PermissionDenied, Message(msg::kSuspended));
    const auto fee = feeOf(terms, static_cast<int>(c.slots.size()), r.samples, c.userKind == "lab");
    if (!fee) throw Error::invalidField("samples", msg::kNoFee);
    c.fee = *fee;
    return c;
}

Decimal InstrumentBookings::quote(const Principal& p, const BookingRequest& r) {
    return db_.read([&](Tx& tx) {
        const Checked c = check(tx, p, r);
        if (store_.slotsTaken(tx, r.labRef, r.key, c.slots)) throw Error::conflict(Message(msg::kSlotTaken));  // told before confirming
        return c.fee;
    });
}

void InstrumentBookings::tellLab(Tx& tx, const InstrumentBooking& b) {
    platform_.appendInbox(tx, b.labRef, "instrument_booking", assay::toJson(toJson(b, true)), now());
}

InstrumentBooking InstrumentBookings::book(const Principal& p, const BookingRequest& r, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        const Checked c = check(tx, p, r);
        InstrumentBooking b;
        b.id = ids_.next();
        b.labRef = r.labRef;
        b.instrumentKey = r.key;
        b.userId = p.userId;
        b.userName = c.userName;
        b.userKind = c.userKind;
        b.orgName = c.orgName;
        b.startMs = labMillis(r.date, r.fromMin);
        b.endMs = labMillis(r.date, r.toMin);
        b.samples = r.samples;
        b.fee = c.fee.toString();
        b.contractRef = r.contractRef;
        b.note = r.note;
        b.status = c.instrument.approvalRequired ? "requested" : "confirmed";
        b.createdAtMs = b.updatedAtMs = now();
        if (!store_.insertBooking(tx, b, c.slots)) throw Error::conflict(Message(msg::kSlotTaken));
        tellLab(tx, b);
        audit_.record(tx, &p, requestId, {"instrument_booking", std::to_string(b.id), "book", "", std::nullopt,
                                          c.instrument.name + " " + r.date + " " + hhmm(r.fromMin) + "-" + hhmm(r.toMin) + "; fee " + b.fee,
                                          r.contractRef});
        return b;
    });
}

std::vector<InstrumentBooking> InstrumentBookings::mine(const Principal& p, std::int64_t beforeId, int limit) {
    return db_.read([&](Tx& tx) { return store_.bookingsOfUser(tx, p.userId, beforeId, limit); });
}

InstrumentBooking InstrumentBookings::get(const Principal& p, std::int64_t id) {
    return db_.read([&](Tx& tx) {
        auto b = store_.booking(tx, id);
        if (!b || b->userId != p.userId) throw Error::notFound("instrument booking");
        return *b;
    });
}

InstrumentBooking InstrumentBookings::cancel(const Principal& p, std::int64_t id, const std::string& reason, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        auto b = store_.booking(tx, id);
        if (!b || b->userId != p.userId) throw Error::notFound("instrument booking");
        if (b->status != "requested" && b->status != "confirmed") throw Error::conflict(Message(msg::kBookingStatus, {{"status", b->status}}));
        b->lateCancel = now() > b->startMs - static_cast<std::int64_t>(settings_.freeCancelHours) * 3600 * 1000;
        b->status = "cancelled";
        b->reason = reason;
        b->updatedAtMs = now();
        store_.updateBooking(tx, *b);
        store_.freeSlots(tx, b->id, 0);
        tellLab(tx, *b);
        audit_.record(tx, &p, requestId, {"instrument_booking", std::to_string(id), "cancel", "status", std::string("confirmed"),
                                          b->lateCancel ? "cancelled late (fee stands)" : "cancelled", reason});
        return *b;
    });
}

void InstrumentBookings::applyLabMessage(Tx& tx, std::int64_t labRef, const std::string& type, const Poco::JSON::Object::Ptr& body) {
    if (type == "instrument_suspension.lifted") {
        store_.lift(tx, labRef, wire::idOf(body, "user_id"));
        return;
    }
    auto b = store_.booking(tx, wire::idOf(body, "booking_id"));
    if (!b || b->labRef != labRef) {
        Log::warn("platform.instrument_booking_unknown", {{"lab", std::to_string(labRef)}, {"type", type}});
        return;
    }
    b->updatedAtMs = now();
    if (type == "instrument_booking.decided" && b->status == "requested") {
        const bool approved = body->optValue<bool>("approved", false);
        b->status = approved ? "confirmed" : "declined";
        b->reason = wire::optStr(body, "reason");
        if (!approved) store_.freeSlots(tx, b->id, 0);
    } else if (type == "instrument_booking.started" && (b->status == "confirmed" || b->status == "no_show")) {
        b->status = "in_use";
    } else if (type == "instrument_booking.completed" && b->status != "cancelled" && b->status != "declined") {
        b->status = "completed";
        auto record = body->getObject("record");
        b->serviceRecordJson = assay::toJson(record);
        if (record && record->has("fee")) b->fee = record->getValue<std::string>("fee");
    } else {
        return;  // stale or repeated: nothing changes
    }
    store_.updateBooking(tx, *b);
    tellLab(tx, *b);
}

int InstrumentBookings::sweep() {
    const std::int64_t graceMs = static_cast<std::int64_t>(settings_.graceMinutes) * 60 * 1000;
    const auto due = db_.read([&](Tx& tx) { return store_.bookingsInStatus(tx, "confirmed", now() - graceMs, 200); });
    int lapsed = 0;
    for (const auto& d : due) {
        db_.write([&](Tx& tx) {
            auto b = store_.booking(tx, d.id);
            if (!b || b->status != "confirmed" || b->startMs >= now() - graceMs) return;
            b->status = "no_show";
            b->updatedAtMs = now();
            store_.updateBooking(tx, *b);
            store_.freeSlots(tx, b->id, now());
            tellLab(tx, *b);
            audit_.record(tx, nullptr, "instrument-sweep", {"instrument_booking", std::to_string(b->id), "no_show", "status", std::string("confirmed"),
                                                             std::string("no_show"), std::nullopt});
            const auto quarter = labDate(b->startMs);
            const int month = std::stoi(quarter.substr(5, 2));
            const std::string qStart = quarter.substr(0, 4) + "-" + (month <= 3 ? "01" : month <= 6 ? "04" : month <= 9 ? "07" : "10") + "-01";
            if (store_.noShowsSince(tx, b->labRef, b->userId, labMillis(qStart, 0)) >= 3)
                store_.suspend(tx, b->labRef, b->userId, now(), std::to_string(b->id));
            ++lapsed;
        });
    }
    return lapsed;
}

std::vector<SharingRow> InstrumentBookings::report(std::int64_t labRef, const std::string& quarter) {
    const auto range = quarterRange(quarter);
    if (!range) throw Error::invalidField("quarter", Message(assay::msg::kOneOf, {{"choices", "YYYYQ1 … YYYYQ4"}}));
    return db_.read([&](Tx& tx) {
        std::map<std::pair<std::int64_t, std::int64_t>, SharingRow> rows;
        std::map<std::pair<std::int64_t, std::int64_t>, std::set<std::int64_t>> sme, labs;
        for (const auto& i : store_.instruments(tx, "", labRef, 10000)) {
            SharingRow& r = rows[{i.labRef, i.key}];
            r.labRef = i.labRef;
            r.key = i.key;
            r.labName = i.labName;
            r.instrument = i.name;
            const auto terms = termsOf(parseObject(i.dataJson));
            for (std::int64_t day = range->first; day < range->second; day += 24LL * 3600 * 1000)
                for (const auto& w : windowsOn(terms, labDate(day))) r.bookableHours += (w.toMin - w.fromMin) / 60.0;
        }
        const std::int64_t nowMs = now();
        for (const auto& b : store_.bookingsBetween(tx, labRef, range->first, range->second)) {
            auto it = rows.find({b.labRef, b.instrumentKey});
            if (it == rows.end()) continue;
            SharingRow& r = it->second;
            const double hours = static_cast<double>(b.endMs - b.startMs) / 3600000.0;
            if (b.status == "cancelled" || b.status == "declined") continue;
            ++r.bookings;
            r.bookedHours += hours;
            if (b.status == "no_show") ++r.noShows;
            if ((b.status == "confirmed" || b.status == "in_use") && b.endMs < nowMs) ++r.open;  // R40: no service record yet
            if (b.status != "completed") continue;
            ++r.completed;
            const auto record = parseObject(*b.serviceRecordJson);
            r.machineHours += record->has("machine_hours") ? std::stod(record->getValue<std::string>("machine_hours")) : hours;
            if (auto fee = Decimal::parse(record->optValue<std::string>("fee", b.fee))) r.income = r.income + *fee;
            (b.userKind == "sme" ? sme : labs)[it->first].insert(b.userId);
        }
        std::vector<SharingRow> out;
        for (auto& [k, r] : rows) {
            r.smeUsers = static_cast<int>(sme[k].size());
            r.labUsers = static_cast<int>(labs[k].size());
            out.push_back(r);
        }
        return out;
    });
}

std::string InstrumentBookings::reportXlsx(const std::vector<SharingRow>& rows, const std::string& quarter) {
    XlsxWorkbook book;
    book.addSheet("共享报告 " + quarter);
    const std::vector<std::string> header{"机构", "仪器", "可预约机时", "预约机时", "使用机时", "利用率", "预约次数", "完成次数",
                                          "爽约次数", "待补服务记录", "服务企业用户", "服务机构用户", "收入（元）"};
    for (std::size_t c = 0; c < header.size(); ++c) book.text(0, static_cast<int>(c), header[c], XlsxStyle::Header);
    auto num = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v);
        return std::string(buf);
    };
    int row = 1;
    for (const auto& r : rows) {
        const std::vector<std::string> cells{r.labName, r.instrument, num(r.bookableHours), num(r.bookedHours), num(r.machineHours),
                                             r.bookableHours > 0 ? num(100.0 * r.bookedHours / r.bookableHours) + "%" : "—",
                                             std::to_string(r.bookings), std::to_string(r.completed), std::to_string(r.noShows),
                                             std::to_string(r.open), std::to_string(r.smeUsers), std::to_string(r.labUsers), r.income.toString()};
        for (std::size_t c = 0; c < cells.size(); ++c) book.text(row, static_cast<int>(c), cells[c]);
        ++row;
    }
    book.columnWidth(0, 28);
    book.columnWidth(1, 24);
    book.freezeRows(1);
    return book.finish();
}

}  // namespace assay::platform
