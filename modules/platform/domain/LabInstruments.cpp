// LabInstruments: sharing the lab's equipment and answering its bookings.
#include "domain/LabInstruments.hpp"

#include <Poco/JSON/Parser.h>

#include <map>
#include <set>

#include "assay/Json.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/BookingWire.hpp"
#include "domain/InstrumentMessages.hpp"
#include "domain/Instruments.hpp"

namespace assay::platform {

namespace {
Poco::JSON::Object::Ptr booked(std::int64_t bookingId) {
    auto o = makeObject();
    o->set("booking_id", std::to_string(bookingId));
    return o;
}
}  // namespace

void LabInstruments::send(Tx& tx, std::int64_t labId, const std::string& topic, const Poco::JSON::Object::Ptr& body) {
    outbox_.enqueue(tx, topic, labId, toJson(body));
}

Poco::JSON::Object::Ptr LabInstruments::share(const Principal& p, std::int64_t equipmentId, const Poco::JSON::Object::Ptr& body,
                                              const std::string& requestId) {
    const auto terms = readInstrumentTerms(body);
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        const auto facts = equipment_.equipmentFacts(tx, lab, equipmentId, isoDateInLab(clock_.now()));
        if (!facts) throw Error::notFound("equipment");
        const bool before = store_.shared(tx, lab, equipmentId).has_value();
        store_.putShared(tx, {lab, equipmentId, toJson(terms), true, toEpochMillis(clock_.now())});
        // Audited as a shared_instrument change: the link's observer marks the catalogue for publication.
        audit_.record(tx, &p, requestId, {"shared_instrument", std::to_string(equipmentId), before ? "update" : "create", "terms", std::nullopt,
                                          facts->name + " (" + facts->assetNo + ")", std::nullopt});
        return terms;
    });
}

void LabInstruments::unshare(const Principal& p, std::int64_t equipmentId, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    db_.write([&](Tx& tx) {
        auto s = store_.shared(tx, lab, equipmentId);
        if (!s || !s->active) throw Error::notFound("shared instrument");
        s->active = false;
        s->updatedAtMs = toEpochMillis(clock_.now());
        store_.putShared(tx, *s);
        audit_.record(tx, &p, requestId, {"shared_instrument", std::to_string(equipmentId), "withdraw", "active", std::string("yes"), std::string("no"), std::nullopt});
    });
}

Poco::JSON::Array::Ptr LabInstruments::cataloguePart(Tx& tx, std::int64_t labId, const std::string& today) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& s : store_.sharedOf(tx, labId, true)) {
        const auto f = equipment_.equipmentFacts(tx, labId, s.equipmentId, today);
        if (!f) continue;
        auto o = makeObject();
        o->set("key", std::to_string(s.equipmentId));
        o->set("name", f->name);
        o->set("asset_no", f->assetNo);
        o->set("equipment_type", f->equipmentType);
        for (const auto& [k, v] : {std::pair{"model", f->model}, std::pair{"manufacturer", f->manufacturer}, std::pair{"location", f->location}})
            if (v) o->set(k, *v);
        o->set("usable_today", f->usableToday);
        if (f->calibrationDue) o->set("calibration_due", *f->calibrationDue);
        if (f->usableThrough) o->set("usable_through", *f->usableThrough);
        if (!f->usableToday) o->set("unusable_reason", f->why.render(Lang::zhCN));
        o->set("terms", parseObject(s.termsJson));
        out->add(o);
    }
    return out;
}

Poco::JSON::Array::Ptr LabInstruments::list(const Principal& p) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return cataloguePart(tx, lab, isoDateInLab(clock_.now())); });
}

void LabInstruments::apply(Tx& tx, std::int64_t labId, const Poco::JSON::Object::Ptr& b) {
    LabInstrumentBooking m;
    m.labId = labId;
    m.bookingId = wire::idOf(b, "id");
    m.equipmentId = wire::idOf(b, "instrument_key");
    m.bookingJson = toJson(b);
    m.status = wire::str(b, "status");
    m.startMs = labMillis(wire::str(b, "date"), minutesOf(wire::str(b, "from")).value_or(0));
    m.endMs = labMillis(wire::str(b, "date"), minutesOf(wire::str(b, "to")).value_or(0));
    if (auto r = b->getObject("service_record")) m.serviceRecordJson = toJson(r);
    m.updatedAtMs = toEpochMillis(clock_.now());
    store_.putLabBooking(tx, m);
}

std::vector<LabInstrumentBooking> LabInstruments::bookings(const Principal& p, std::int64_t fromMs, std::int64_t toMs) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return store_.labBookings(tx, lab, fromMs, toMs); });
}

LabInstrumentBooking LabInstruments::own(Tx& tx, const Principal& p, std::int64_t bookingId) {
    auto b = store_.labBooking(tx, identity::requireLab(p), bookingId);
    if (!b) throw Error::notFound("instrument booking");
    return *b;
}

LabInstrumentBooking LabInstruments::decide(const Principal& p, std::int64_t bookingId, bool approve, const std::optional<std::string>& reason,
                                            const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        const auto b = own(tx, p, bookingId);
        if (b.status != "requested") throw Error::conflict(Message(msg::kBookingStatus, {{"status", b.status}}));
        auto body = booked(bookingId);
        body->set("approved", approve);
        if (reason) body->set("reason", *reason);
        send(tx, b.labId, "instrument_booking.decided", body);
        audit_.record(tx, &p, requestId, {"instrument_booking", std::to_string(bookingId), approve ? "approve" : "decline", "status",
                                          std::string("requested"), approve ? "confirmed" : "declined", reason});
        return b;
    });
}

LabInstrumentBooking LabInstruments::start(const Principal& p, std::int64_t bookingId, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        const auto b = own(tx, p, bookingId);
        if (b.status != "confirmed" && b.status != "no_show") throw Error::conflict(Message(msg::kBookingStatus, {{"status", b.status}}));
        auto body = booked(bookingId);
        body->set("at", formatRfc3339(clock_.now()));
        send(tx, b.labId, "instrument_booking.started", body);
        audit_.record(tx, &p, requestId, {"instrument_booking", std::to_string(bookingId), "start", "status", b.status, std::string("in_use"), std::nullopt});
        return b;
    });
}

LabInstrumentBooking LabInstruments::record(const Principal& p, std::int64_t bookingId, const ServiceRecord& r, const std::string& requestId) {
    std::vector<FieldError> errors;
    const auto from = minutesOf(r.actualFrom), to = minutesOf(r.actualTo);
    if (!from) errors.push_back({"actual_from", msg::kHalfHour});
    if (!to) errors.push_back({"actual_to", msg::kHalfHour});
    if (from && to && *to <= *from) errors.push_back({"actual_to", msg::kRecordTimes});
    const std::string operatorName = requiredText(errors, "operator", r.operatorName, assay::msg::kRequired, 100);
    if (!errors.empty()) throw Error::invalid(errors);
    return db_.write([&](Tx& tx) {
        const auto b = own(tx, p, bookingId);
        if (b.status != "confirmed" && b.status != "in_use" && b.status != "no_show")
            throw Error::conflict(Message(msg::kBookingStatus, {{"status", b.status}}));
        const auto booking = parseObject(b.bookingJson);
        auto rec = makeObject();
        rec->set("actual_from", r.actualFrom);
        rec->set("actual_to", r.actualTo);
        const int minutes = *to - *from;  // whole half hours
        rec->set("machine_hours", std::to_string(minutes / 60) + (minutes % 60 ? ".5" : ".0"));  // decimals travel as strings
        rec->set("samples", r.samples);
        rec->set("operator", operatorName);
        if (r.consumables) rec->set("consumables", *r.consumables);
        rec->set("fee", r.fee.value_or(booking->optValue<std::string>("fee", "0")));
        rec->set("recorded_by", p.displayName);
        rec->set("recorded_at", formatRfc3339(clock_.now()));
        auto body = booked(bookingId);
        body->set("record", rec);
        send(tx, b.labId, "instrument_booking.completed", body);
        audit_.record(tx, &p, requestId, {"instrument_booking", std::to_string(bookingId), "service_record", "status", b.status, std::string("completed"),
                                          r.actualFrom + "-" + r.actualTo + "; " + operatorName});
        return b;
    });
}

void LabInstruments::lift(const Principal& p, std::int64_t userId, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    db_.write([&](Tx& tx) {
        auto body = makeObject();
        body->set("user_id", std::to_string(userId));
        send(tx, lab, "instrument_suspension.lifted", body);
        audit_.record(tx, &p, requestId, {"shared_instrument", "user " + std::to_string(userId), "lift", "booking right", std::string("suspended"),
                                          std::string("restored"), std::nullopt});
    });
}

std::vector<SharingRow> LabInstruments::report(const Principal& p, const std::string& quarter) {
    const auto range = quarterRange(quarter);
    if (!range) throw Error::invalidField("quarter", Message(assay::msg::kOneOf, {{"choices", "YYYYQ1 … YYYYQ4"}}));
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        std::map<std::int64_t, SharingRow> rows;
        std::map<std::int64_t, std::set<std::string>> sme, labs;
        const std::string today = isoDateInLab(clock_.now());
        for (const auto& s : store_.sharedOf(tx, lab, false)) {
            SharingRow& r = rows[s.equipmentId];
            r.key = s.equipmentId;
            const auto f = equipment_.equipmentFacts(tx, lab, s.equipmentId, today);
            r.instrument = f ? f->name + " (" + f->assetNo + ")" : std::to_string(s.equipmentId);
            const auto terms = parseObject(s.termsJson);
            for (std::int64_t day = range->first; day < range->second; day += 24LL * 3600 * 1000)
                for (const auto& w : windowsOn(terms, isoDateInLab(fromEpochMillis(day)))) r.bookableHours += (w.toMin - w.fromMin) / 60.0;
        }
        const std::int64_t nowMs = toEpochMillis(clock_.now());
        for (const auto& b : store_.labBookings(tx, lab, range->first, range->second)) {
            SharingRow& r = rows[b.equipmentId];
            if (b.status == "cancelled" || b.status == "declined") continue;
            const auto j = parseObject(b.bookingJson);
            ++r.bookings;
            r.bookedHours += static_cast<double>(b.endMs - b.startMs) / 3600000.0;
            if (b.status == "no_show") ++r.noShows;
            if ((b.status == "confirmed" || b.status == "in_use") && b.endMs < nowMs) ++r.open;
            if (b.status != "completed" || !b.serviceRecordJson) continue;
            ++r.completed;
            const auto rec = parseObject(*b.serviceRecordJson);
            r.machineHours += std::stod(rec->optValue<std::string>("machine_hours", "0"));
            if (auto fee = Decimal::parse(rec->optValue<std::string>("fee", "0"))) r.income = r.income + *fee;
            (j->optValue<std::string>("user_kind", "") == "sme" ? sme : labs)[b.equipmentId].insert(j->optValue<std::string>("user_id", ""));
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

}  // namespace assay::platform
