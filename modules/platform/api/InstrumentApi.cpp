// InstrumentApi: request parsing and rendering for shared instruments.
#include "api/InstrumentApi.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "assay/Api.hpp"
#include "assay/ApiEdge.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "domain/InstrumentMessages.hpp"
#include "domain/Instruments.hpp"

namespace assay::platform {

namespace {
Poco::JSON::Object::Ptr instrumentJson(const PublishedInstrument& i) {
    auto o = parseObject(i.dataJson);
    o->set("lab_id", std::to_string(i.labRef));
    o->set("lab_name", i.labName);
    o->set("key", std::to_string(i.key));
    return o;
}

Response search(Request& req, InstrumentDeps& d) {
    const auto lab = req.query("lab_id");
    const auto items = d.bookings.search(req.query("q").value_or(""), lab && !lab->empty() ? parseId(*lab) : 0, 100);
    auto o = makeObject();
    o->set("items", jsonArray(items, instrumentJson));
    return Response::json(o);
}

// The instrument with its week: for each of 7 days the bookable windows, whether the calibration
// covers the day, and the booked times (no names).
Response calendar(Request& req, InstrumentDeps& d) {
    const std::string week = req.query("week").value_or(d.bookings.today());
    if (!parseIsoDate(week)) throw Error::invalidField("week", Message(assay::msg::kNotDate));
    const auto [instrument, booked] = d.bookings.calendar(req.idParam("lab"), req.idParam("key"), week);
    auto o = instrumentJson(instrument);
    const auto terms = o->getObject("terms");
    Poco::JSON::Array::Ptr days = new Poco::JSON::Array;
    for (int i = 0; i < 7; ++i) {
        const std::string date = addDays(week, i);
        auto day = makeObject();
        day->set("date", date);
        Poco::JSON::Array::Ptr windows = new Poco::JSON::Array;
        for (const auto& w : windowsOn(terms, date)) {
            auto x = makeObject();
            x->set("from", hhmm(w.fromMin));
            x->set("to", hhmm(w.toMin));
            windows->add(x);
        }
        day->set("windows", windows);
        day->set("calibration_valid", instrument.usableToday && (!instrument.usableThrough || date <= *instrument.usableThrough));
        days->add(day);
    }
    o->set("days", days);
    o->set("booked", jsonArray(booked, [](const InstrumentBooking& b) { return InstrumentBookings::toJson(b, false); }));
    return Response::json(o);
}

BookingRequest readRequest(Request& req) {
    JsonReader r(req.jsonObject());
    BookingRequest b;
    b.labRef = req.idParam("lab");
    b.key = req.idParam("key");
    b.date = r.requiredString("date", 10);
    if (!b.date.empty() && !parseIsoDate(b.date)) r.addError("date", Message(assay::msg::kNotDate));
    const auto from = minutesOf(r.requiredString("from", 5)), to = minutesOf(r.requiredString("to", 5));
    if (!from) r.addError("from", Message(msg::kHalfHour));
    if (!to) r.addError("to", Message(msg::kHalfHour));
    else if (from && *to <= *from) r.addError("to", Message(msg::kWindowOrder));
    b.fromMin = from.value_or(0);
    b.toMin = to.value_or(0);
    b.samples = static_cast<int>(r.optionalInt("samples", 0, 10000).value_or(0));
    b.contractRef = r.optionalString("contract_ref", 100).value_or("");
    b.note = r.optionalString("note", 1000, Lines::many);
    return r.finish(), b;
}

Response quote(Request& req, InstrumentDeps& d) {
    BookingRequest b = readRequest(req);
    auto o = makeObject();
    o->set("fee", d.bookings.quote(req.principal(), b).toString());
    o->set("currency", "CNY");
    return Response::json(o);
}

Response book(Request& req, InstrumentDeps& d) {
    BookingRequest b = readRequest(req);
    b.contractRef = requireText("contract_ref", b.contractRef, assay::msg::kRequired, 100);
    const auto made = d.bookings.book(req.principal(), b, req.requestId());
    return Response::created(InstrumentBookings::toJson(made, true), "/api/instrument-bookings/" + std::to_string(made.id));
}

Response mine(Request& req, InstrumentDeps& d) {
    const Page pg = page(req);
    const auto items = d.bookings.mine(req.principal(), pg.cursor, pg.limit);
    return Response::json(pageObject(jsonArray(items, [](const InstrumentBooking& b) { return InstrumentBookings::toJson(b, true); }), items.size(), pg,
                                     items.empty() ? 0 : items.back().id));
}

Response one(Request& req, InstrumentDeps& d) { return Response::json(InstrumentBookings::toJson(d.bookings.get(req.principal(), req.idParam("id")), true)); }

Response cancel(Request& req, InstrumentDeps& d) {
    JsonReader r(req.jsonObject());
    const std::string reason = requireText("reason", r.requiredString("reason", 500, Lines::many), assay::msg::kRequired, 500);
    r.finish();
    return Response::json(InstrumentBookings::toJson(d.bookings.cancel(req.principal(), req.idParam("id"), reason, req.requestId()), true));
}

Poco::JSON::Object::Ptr rowJson(const SharingRow& r) {
    auto o = makeObject();
    o->set("lab_id", std::to_string(r.labRef));
    o->set("lab_name", r.labName);
    o->set("instrument_key", std::to_string(r.key));
    o->set("instrument", r.instrument);
    o->set("bookable_hours", r.bookableHours);
    o->set("booked_hours", r.bookedHours);
    o->set("machine_hours", r.machineHours);
    o->set("utilization", r.bookableHours > 0 ? r.bookedHours / r.bookableHours : 0.0);
    o->set("bookings", r.bookings);
    o->set("completed", r.completed);
    o->set("no_shows", r.noShows);
    o->set("open_without_service_record", r.open);
    o->set("sme_users", r.smeUsers);
    o->set("lab_users", r.labUsers);
    o->set("income", r.income.toString());
    return o;
}

Response reportOf(Request& req, const std::vector<SharingRow>& rows, const std::string& quarter) {
    if (req.query("format").value_or("") == "xlsx")
        return Response::file(InstrumentBookings::reportXlsx(rows, quarter), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              "仪器共享报告-" + quarter + ".xlsx");
    auto o = makeObject();
    o->set("quarter", quarter);
    o->set("items", jsonArray(rows, rowJson));
    return Response::json(o);
}

Response platformReport(Request& req, InstrumentDeps& d) {
    const std::string quarter = req.query("quarter").value_or("");
    const auto lab = req.query("lab_id");
    return reportOf(req, d.bookings.report(lab && !lab->empty() ? parseId(*lab) : 0, quarter), quarter);
}

const RouteEntry<InstrumentDeps> kRoutes[] = {
    {"GET", "/api/instruments", kPublic, "Shared instruments of the platform's labs (public; ?q=, ?lab_id=)", search},
    {"GET", "/api/instruments/{lab}/{key}", kPublic, "A shared instrument with its week: windows, calibration, booked times (public; ?week=)", calendar},
    {"POST", "/api/instruments/{lab}/{key}/quote", "instruments:book", "The fee and the checks of a booking, without booking", quote},
    {"POST", "/api/instruments/{lab}/{key}/bookings", "instruments:book", "Book a shared instrument (R40; never a double booking)", book},
    {"GET", "/api/instrument-bookings", "instruments:book", "My instrument bookings, newest first", mine},
    {"GET", "/api/instrument-bookings/{id}", "instruments:book", "One of my instrument bookings", one},
    {"POST", "/api/instrument-bookings/{id}/cancel", "instruments:book", "Cancel my booking (free until the configured hours before)", cancel},
    {"GET", "/api/platform/sharing-report", "platform:operate", "The platform's quarterly sharing report (?quarter=2026Q4&lab_id=&format=xlsx)", platformReport},
};

// --- lab side ------------------------------------------------------------------------------------
Response labList(Request& req, LabInstrumentDeps& d) {
    auto o = makeObject();
    o->set("items", d.instruments.list(req.principal()));
    return Response::json(o);
}

Response labShare(Request& req, LabInstrumentDeps& d) {
    return Response::json(d.instruments.share(req.principal(), req.idParam("id"), req.jsonObject(), req.requestId()));
}

Response labUnshare(Request& req, LabInstrumentDeps& d) {
    d.instruments.unshare(req.principal(), req.idParam("id"), req.requestId());
    return Response::noContent();
}

Poco::JSON::Object::Ptr labBookingJson(const LabInstrumentBooking& b) {
    auto o = parseObject(b.bookingJson);
    o->set("status", b.status);
    return o;
}

Response labBookings(Request& req, LabInstrumentDeps& d) {
    const auto from = dateQuery(req, "from"), to = dateQuery(req, "to");
    const std::string today = d.instruments.today();
    const auto items = d.instruments.bookings(req.principal(), labMillis(from.value_or(addDays(today, -7)), 0), labMillis(to.value_or(addDays(today, 60)), 0));
    auto o = makeObject();
    o->set("items", jsonArray(items, labBookingJson));
    return Response::json(o);
}

Response labDecide(Request& req, LabInstrumentDeps& d, bool approve) {
    JsonReader r(req.body().empty() ? makeObject() : req.jsonObject());
    auto reason = r.optionalString("reason", 500, Lines::many);
    r.finish();
    if (!approve) reason = requireText("reason", reason.value_or(""), assay::msg::kRequired, 500);
    return Response::json(labBookingJson(d.instruments.decide(req.principal(), req.idParam("id"), approve, reason, req.requestId())));
}
Response labApprove(Request& req, LabInstrumentDeps& d) { return labDecide(req, d, true); }
Response labDecline(Request& req, LabInstrumentDeps& d) { return labDecide(req, d, false); }

Response labStart(Request& req, LabInstrumentDeps& d) {
    JsonReader(req.body().empty() ? makeObject() : req.jsonObject()).finish();
    return Response::json(labBookingJson(d.instruments.start(req.principal(), req.idParam("id"), req.requestId())));
}

Response labRecord(Request& req, LabInstrumentDeps& d) {
    JsonReader r(req.jsonObject());
    ServiceRecord s;
    s.actualFrom = r.requiredString("actual_from", 5);
    s.actualTo = r.requiredString("actual_to", 5);
    s.samples = static_cast<int>(r.optionalInt("samples", 0, 10000).value_or(0));
    s.operatorName = r.requiredString("operator", 100);
    s.consumables = r.optionalString("consumables", 500, Lines::many);
    if (auto fee = decimalField(r, req.jsonObject(), "fee", "fee")) s.fee = fee->toString();
    r.finish();
    return Response::json(labBookingJson(d.instruments.record(req.principal(), req.idParam("id"), s, req.requestId())));
}

Response labLift(Request& req, LabInstrumentDeps& d) {
    JsonReader(req.body().empty() ? makeObject() : req.jsonObject()).finish();
    d.instruments.lift(req.principal(), req.idParam("user"), req.requestId());
    return Response::noContent();
}

Response labReport(Request& req, LabInstrumentDeps& d) {
    const std::string quarter = req.query("quarter").value_or("");
    return reportOf(req, d.instruments.report(req.principal(), quarter), quarter);
}

const RouteEntry<LabInstrumentDeps> kLabRoutes[] = {
    {"GET", "/api/platform/instruments", "instruments:operate", "The lab's shared instruments with what the register says today", labList},
    {"PUT", "/api/platform/instruments/{id}", "instruments:share", "Share an instrument of the register on the platform, with its terms", labShare},
    {"DELETE", "/api/platform/instruments/{id}", "instruments:share", "Withdraw a shared instrument from the platform", labUnshare},
    {"GET", "/api/platform/instrument-bookings", "instruments:operate", "Bookings of the lab's instruments (?from=&to=)", labBookings},
    {"POST", "/api/platform/instrument-bookings/{id}/approve", "instruments:share", "Approve a requested booking", labApprove},
    {"POST", "/api/platform/instrument-bookings/{id}/decline", "instruments:share", "Decline a requested booking, with the reason", labDecline},
    {"POST", "/api/platform/instrument-bookings/{id}/start", "instruments:operate", "The user has started: the booking is in use", labStart},
    {"POST", "/api/platform/instrument-bookings/{id}/service-record", "instruments:operate", "The service record that closes a booking (R40)", labRecord},
    {"POST", "/api/platform/instrument-suspensions/{user}/lift", "instruments:share", "Lift a user's suspended booking right", labLift},
    {"GET", "/api/platform/instrument-report", "instruments:operate", "The lab's quarterly sharing report (?quarter=2026Q4&format=xlsx)", labReport},
};
}  // namespace

void registerInstrumentRoutes(Router& router, InstrumentDeps& deps) { addRoutes(router, deps, kRoutes); }
void registerLabInstrumentRoutes(Router& router, LabInstrumentDeps& deps) { addRoutes(router, deps, kLabRoutes); }

}  // namespace assay::platform
