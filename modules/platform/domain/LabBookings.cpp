// LabBookings: bookings in the lab's intake, the lab's answers, and what the SME follows.
#include "domain/LabBookings.hpp"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <regex>

#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/BookingWire.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PortalMessages.hpp"

namespace assay::platform {

using wire::idOf;
using wire::optStr;
using wire::str;

namespace {
constexpr const char* kActor = "platform-inbox";

// The lab acting on what its platform inbox brings (the SME's booking or answer).
Principal labPrincipal(std::int64_t labId) {
    Principal p;
    p.userId = 0;
    p.username = "platform";
    p.displayName = "检验检测资源共享平台";
    p.orgId = labId;
    p.orgKind = "lab";
    p.roles = {"manager"};
    return p;
}


// The first message of an Error in Chinese (the SME reads it).
std::string zhText(const Error& e) {
    if (!e.fieldErrors().empty()) {
        std::string out;
        for (const auto& f : e.fieldErrors()) out += (out.empty() ? "" : "；") + f.field + "：" + f.message.render(Lang::zhCN);
        return out;
    }
    if (!e.ruleFailures().empty()) {
        std::string out;
        for (const auto& r : e.ruleFailures()) out += (out.empty() ? "" : "；") + r.id + "：" + r.message.render(Lang::zhCN);
        return out;
    }
    return e.detail(Lang::zhCN);
}

Poco::JSON::Object::Ptr withBooking(std::int64_t bookingId) {
    auto o = makeObject();
    o->set("booking_id", std::to_string(bookingId));
    return o;
}
}  // namespace

bool LabBookings::handles(const std::string& t) {
    return t == "booking.created" || t == "booking.offer_answered" || t == "booking.cancelled" || t == "booking.message" ||
           t == "booking.answer" || t == "booking.disclosure";
}

void LabBookings::send(Tx& tx, std::int64_t labId, const std::string& topic, const Poco::JSON::Object::Ptr& body) {
    outbox_.enqueue(tx, topic, labId, toJson(body));
}

// --- the inbox ---------------------------------------------------------------------------------

void LabBookings::apply(Tx& tx, std::int64_t labId, const std::string& type, const Poco::JSON::Object::Ptr& body) {
    if (type == "booking.created") return received(tx, labId, body);
    auto b = store_.labBooking(tx, labId, idOf(body, "booking_id"));
    if (!b) {
        Log::warn("platform.booking_unknown", {{"lab", std::to_string(labId)}, {"type", type}, {"booking", str(body, "booking_id")}});
        return;
    }
    if (type == "booking.offer_answered") {
        offerAnswered(tx, *b, body);
    } else if (type == "booking.cancelled") {
        const std::string reason = "客户在平台取消预约：" + str(body, "reason");
        if (b->orderCode) {
            try {
                db_.write([&](Tx& sp) { deps_.desk.cancelBookedOrder(sp, labPrincipal(labId), *b->orderCode, reason, kActor); });
            } catch (const Error& e) {
                b->problem = zhText(e);
            }
        }
        auto answer = makeObject();  // the customer withdrew: what statusOf reads
        answer->set("accepted", false);
        answer->set("cancelled", true);
        answer->set("reason", str(body, "reason"));
        b->answerJson = toJson(answer);
        audit_.record(tx, nullptr, kActor, {"booking", std::to_string(b->bookingId), "cancel", "", std::nullopt, "cancelled by the customer", reason});
    } else if (type == "booking.message") {
        store_.insertLabMessage(tx, labId, b->bookingId, wire::messageOf(body, "sme", toEpochMillis(clock_.now())));
    } else if (type == "booking.answer") {
        for (auto q : store_.labQuestions(tx, labId, b->bookingId)) {
            if (q.id != idOf(body, "question_id") || q.answer) continue;
            q.answer = str(body, "decision");
            q.answeredBy = str(body, "by");
            q.answeredAtMs = toEpochMillis(clock_.now());
            store_.putLabQuestion(tx, labId, b->bookingId, q);
            audit_.record(tx, nullptr, kActor, {"booking", std::to_string(b->bookingId), "answer", "deviation " + q.sampleCode, std::nullopt,
                                                *q.answer + " (" + *q.answeredBy + ")", q.deviation});
        }
    } else if (type == "booking.disclosure") {
        b->disclosure = body->optValue<bool>("consent", false);
    }
    store_.updateLabBooking(tx, *b);
}

intake::BookedOrder LabBookings::bookedOrderOf(Tx& tx, std::int64_t labId, std::int64_t bookingId, const Poco::JSON::Object::Ptr& body) {
    const auto account = body->getObject("account");
    const auto request = body->getObject("request");
    const std::string today = isoDateInLab(clock_.now());
    std::int64_t orgId = 0;
    if (auto org = deps_.orgs.organizationByUscc(tx, str(account, "uscc"))) orgId = org->id;
    else orgId = deps_.users.createOrganizationAsSystem(tx, "customer", str(account, "company_name"), str(account, "uscc"), "platform",
                                                        "booking " + std::to_string(bookingId) + " on the platform");
    const auto link = link_.link(tx, labId);
    const int days = link && link->turnaroundDays ? *link->turnaroundDays : 10;
    intake::BookedOrder o;
    o.customerOrgId = orgId;
    o.contactName = str(account, "contact_name");
    o.contactPhone = optStr(account, "phone");
    o.contactEmail = optStr(account, "email");
    o.dueDate = addDays(today, days * 7 / 5 + 1);
    const auto report = request->getObject("report");
    if (auto marks = report->getArray("marks")) {
        for (std::size_t i = 0; i < marks->size(); ++i) {
            o.wantCma = o.wantCma || marks->getElement<std::string>(static_cast<unsigned>(i)) == "CMA";
            o.wantCnas = o.wantCnas || marks->getElement<std::string>(static_cast<unsigned>(i)) == "CNAS";
        }
    }
    o.reportLanguage = str(report, "language");
    o.uncertainty = report->optValue<bool>("uncertainty", false);
    o.decisionRule = optStr(report, "decision_rule");
    std::vector<FieldError> problems;
    const auto samples = request->getArray("samples");
    for (std::size_t i = 0; samples && i < samples->size(); ++i) {
        const auto s = samples->getObject(static_cast<unsigned>(i));
        intake::BookedSample bs;
        bs.name = str(s, "name");
        bs.brand = optStr(s, "brand");
        bs.model = optStr(s, "model");
        bs.batchNo = optStr(s, "batch_no");
        bs.manufacturer = optStr(s, "manufacturer");
        bs.manufacturerUscc = optStr(s, "manufacturer_uscc");
        bs.quantity = optStr(s, "quantity");
        bs.unit = optStr(s, "unit");
        const auto items = s->getArray("items");
        for (std::size_t j = 0; items && j < items->size(); ++j) {
            const std::string at = "samples[" + std::to_string(i) + "].items[" + std::to_string(j) + "]";
            const auto key = std::stoll(items->get(static_cast<unsigned>(j)).toString());
            const auto row = deps_.catalogue.bookableRow(tx, labId, key, today);
            if (!row) {
                problems.push_back({at, msg::kRowGone});
                continue;
            }
            if (!row->methodId) {
                problems.push_back({at, Message(msg::kNoMethod, {{"standard", row->standard}})});
                continue;
            }
            if (bs.category.empty()) {
                bs.category = row->category;
                bs.product = row->product;
            }
            if (!o.site) o.site = row->site;
            bs.items.push_back({row->parameterId, *row->methodId});
        }
        o.samples.push_back(std::move(bs));
    }
    if (!problems.empty()) throw Error::invalid(problems);
    return o;
}

void LabBookings::received(Tx& tx, std::int64_t labId, const Poco::JSON::Object::Ptr& body) {
    LabBooking b;
    b.labId = labId;
    b.bookingId = idOf(body, "booking_id");
    b.bookingJson = toJson(body);
    b.createdAtMs = toEpochMillis(clock_.now());
    if (!store_.insertLabBooking(tx, b)) return;
    const auto account = body->getObject("account");
    try {
        db_.write([&](Tx& sp) {  // a savepoint of the inbox's unit of work: a refusal leaves nothing of the order behind
            const auto order = bookedOrderOf(sp, labId, b.bookingId, body);
            b.orderCode = deps_.desk.createBookedOrder(sp, labPrincipal(labId), order, kActor);
            auto msgBody = withBooking(b.bookingId);
            msgBody->set("order_code", *b.orderCode);
            send(sp, labId, "booking.registered", msgBody);
            audit_.record(sp, nullptr, kActor, {"booking", std::to_string(b.bookingId), "receive", "order", std::nullopt, *b.orderCode,
                                                str(account, "company_name") + " " + str(account, "uscc")});
        });
    } catch (const Error& e) {
        // The booking is kept and declined with the reason.
        const std::string reason = Message(msg::kBookingNotRegistered, {{"detail", zhText(e)}}).render(Lang::zhCN);
        b.orderCode.reset();
        b.declineReason = reason;
        auto msgBody = withBooking(b.bookingId);
        msgBody->set("reason", reason);
        send(tx, labId, "booking.declined", msgBody);
        audit_.record(tx, nullptr, kActor, {"booking", std::to_string(b.bookingId), "decline", "", std::nullopt, "not registered", reason});
    }
    store_.updateLabBooking(tx, b);
}

void LabBookings::offerAnswered(Tx& tx, LabBooking& b, const Poco::JSON::Object::Ptr& body) {
    b.answerJson = toJson(body);
    if (!b.orderCode || !b.offerJson) return;
    const bool accepted = body->optValue<bool>("accepted", false);
    const std::string by = str(body, "by");
    if (!accepted) {
        const std::string reason = "客户拒绝报价：" + str(body, "reason");
        try {
            db_.write([&](Tx& sp) { deps_.desk.cancelBookedOrder(sp, labPrincipal(b.labId), *b.orderCode, reason, kActor); });
        } catch (const Error& e) {
            b.problem = zhText(e);
        }
        audit_.record(tx, nullptr, kActor, {"booking", std::to_string(b.bookingId), "answer_offer", "", std::nullopt, "rejected by " + by, reason});
        return;
    }
    std::vector<int> positions;
    if (auto arr = body->getArray("accept_outside_scope"))
        for (std::size_t i = 0; i < arr->size(); ++i) positions.push_back(arr->getElement<int>(static_cast<unsigned>(i)));
    const auto offer = parseObject(*b.offerJson);
    try {
        db_.write([&](Tx& sp) {
            deps_.desk.acceptBookedOrder(sp, labPrincipal(b.labId), *b.orderCode, positions,
                                         "客户在平台接受报价（预约 " + std::to_string(b.bookingId) + "，" + by + "）",
                                         offer->optValue<std::string>("due_date", ""), kActor);
        });
        b.problem.reset();
    } catch (const Error& e) {
        b.problem = Message(msg::kAcceptFailed, {{"detail", zhText(e)}}).render(Lang::zhCN);
    }
    audit_.record(tx, nullptr, kActor, {"booking", std::to_string(b.bookingId), "answer_offer", "", std::nullopt, "accepted by " + by,
                                        b.problem});
}

// --- the lab's staff ---------------------------------------------------------------------------

LabBooking LabBookings::own(Tx& tx, const Principal& p, const std::string& orderCode) {
    const std::int64_t lab = identity::requireLab(p);
    auto b = store_.labBookingOfOrder(tx, lab, orderCode);
    if (!b) throw Error::notFound("platform booking");
    return *b;
}

std::string LabBookings::statusOf(const LabBooking& b, const std::optional<intake::OrderState>& st, const std::vector<reports::OrderReport>& reports) {
    if (!b.orderCode || !st) return b.declineReason ? kDeclined : kSubmitted;
    const auto answer = b.answerJson ? parseObject(*b.answerJson) : nullptr;
    const bool customerAccepted = answer && answer->optValue<bool>("accepted", false);
    if (st->status == "cancelled") return answer && !customerAccepted ? kCancelled : kDeclined;  // withdrawn by the customer, or declined
    if (st->status != "accepted") return customerAccepted ? kConfirmed : b.offerJson ? kOffered : kBooked;
    if (std::any_of(reports.begin(), reports.end(), [](const reports::OrderReport& r) { return r.status == "issued"; })) return "reported";
    bool received = false, testing = false;
    for (const auto& s : st->samples) {
        if (s.status != "registered" && s.status != "cancelled" && s.status != "rejected") received = true;
        if (s.status == "in_testing" || s.status == "tested" || s.status == "reported") testing = true;
    }
    return testing ? "in_testing" : received ? "sample_received" : kAccepted;
}

std::string LabBookings::statusOf(Tx& tx, const LabBooking& b) {
    const auto st = b.orderCode ? deps_.desk.orderState(tx, b.labId, *b.orderCode) : std::nullopt;
    return statusOf(b, st, b.orderCode ? deps_.reports.reportsOfOrder(tx, b.labId, *b.orderCode) : std::vector<reports::OrderReport>{});
}

LabBookingView LabBookings::viewIn(Tx& tx, const LabBooking& b) {
    return {b, store_.labQuestions(tx, b.labId, b.bookingId), store_.labMessages(tx, b.labId, b.bookingId), statusOf(tx, b)};
}

std::vector<LabBookingView> LabBookings::list(const Principal& p, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        std::vector<LabBookingView> out;
        for (const auto& b : store_.labBookings(tx, lab, beforeId, limit)) out.push_back({b, {}, {}, statusOf(tx, b)});
        return out;
    });
}

LabBookingView LabBookings::view(const Principal& p, const std::string& orderCode) {
    return db_.read([&](Tx& tx) { return viewIn(tx, own(tx, p, orderCode)); });
}

LabBookingView LabBookings::offer(const Principal& p, const std::string& orderCode, const std::string& dueDate,
                                  const std::optional<std::string>& note, const std::string& requestId) {
    static const std::regex kDate("^\\d{4}-\\d{2}-\\d{2}$");
    if (!std::regex_match(dueDate, kDate) || dueDate < isoDateInLab(clock_.now())) throw Error::invalidField("due_date", msg::kDueDate);
    return db_.write([&](Tx& tx) {
        LabBooking b = own(tx, p, orderCode);
        if (b.answerJson) throw Error::conflict(Message(msg::kOfferAnswered));
        const auto st = deps_.desk.orderState(tx, b.labId, orderCode);
        if (!st || st->status != "reviewed") throw Error::failedPrecondition(Message(msg::kOfferNeedsReview));
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& i : st->items) {
            if (i.reviewed && !i.canPerform && !i.excluded) {
                const std::string reason = i.reason.value_or("");
                throw Error::rule(reason.substr(0, reason.find(':')).empty() ? "R13" : reason.substr(0, reason.find(':')),
                                  Message(msg::kOfferBlocked, {{"rule", reason}, {"item", i.parameter + " / " + i.method}}));
            }
            auto o = makeObject();
            o->set("position", i.position);
            o->set("sample_code", i.sampleCode);
            o->set("parameter", i.parameter);
            o->set("method", i.method);
            o->set("excluded", i.excluded);
            o->set("price", i.price ? Poco::Dynamic::Var(*i.price) : Poco::Dynamic::Var());
            Poco::JSON::Array::Ptr outside = new Poco::JSON::Array;
            if (!i.excluded && !i.outsideAccepted)
                for (const auto& m : i.outsideScope) outside->add(m);
            o->set("outside_scope", outside);
            o->set("reason", i.reason && outside->size() > 0 ? Poco::Dynamic::Var(*i.reason) : Poco::Dynamic::Var());
            items->add(o);
        }
        if (!st->quoteTotal) throw Error::failedPrecondition(Message(msg::kOfferNoPrice));
        auto offer = makeObject();
        offer->set("total", *st->quoteTotal);
        offer->set("currency", "CNY");
        offer->set("due_date", dueDate);
        offer->set("note", note ? Poco::Dynamic::Var(*note) : Poco::Dynamic::Var());
        offer->set("items", items);
        offer->set("offered_at", formatRfc3339(clock_.now()));
        offer->set("offered_by", p.displayName);
        b.offerJson = toJson(offer);
        store_.updateLabBooking(tx, b);
        auto body = withBooking(b.bookingId);
        body->set("offer", offer);
        send(tx, b.labId, "booking.offer", body);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.bookingId), "offer", "", std::nullopt,
                                          *st->quoteTotal + " CNY; due " + dueDate, note});
        return viewIn(tx, b);
    });
}

LabBookingView LabBookings::decline(const Principal& p, const std::string& orderCodeGiven, const std::string& reasonGiven,
                                    const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, msg::kTextRequired, 500);
    return db_.write([&](Tx& tx) {
        LabBooking b = own(tx, p, orderCodeGiven);
        if (b.answerJson) throw Error::conflict(Message(msg::kOfferAnswered));
        if (!b.orderCode) throw Error::conflict(Message(msg::kBookingState, {{"status", std::string(kDeclined)}}));
        deps_.desk.cancelBookedOrder(tx, p, *b.orderCode, reason, requestId);
        b.declineReason = reason;
        store_.updateLabBooking(tx, b);
        auto body = withBooking(b.bookingId);
        body->set("reason", reason);
        send(tx, b.labId, "booking.declined", body);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.bookingId), "decline", "", std::nullopt, "declined", reason});
        return viewIn(tx, b);
    });
}

LabBookingView LabBookings::ask(const Principal& p, const std::string& orderCode, const std::string& sampleCode,
                                const std::string& deviationGiven, const std::string& requestId) {
    const std::string deviation = requireText("deviation", deviationGiven, msg::kTextRequired, 500);
    return db_.write([&](Tx& tx) {
        LabBooking b = own(tx, p, orderCode);
        const auto st = deps_.desk.orderState(tx, b.labId, orderCode);
        bool found = false;
        for (const auto& s : st ? st->samples : std::vector<intake::BookedSampleState>{}) found = found || s.code == sampleCode;
        if (!found) throw Error::invalidField("sample_code", Message(msg::kSampleNotInOrder, {{"code", sampleCode}}));
        Question q;
        q.id = ids_.next();
        q.sampleCode = sampleCode;
        q.deviation = deviation;
        q.askedBy = p.displayName;
        q.askedAtMs = toEpochMillis(clock_.now());
        store_.putLabQuestion(tx, b.labId, b.bookingId, q);
        auto body = withBooking(b.bookingId);
        body->set("id", std::to_string(q.id));
        body->set("sample_code", sampleCode);
        body->set("deviation", deviation);
        send(tx, b.labId, "booking.question", body);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.bookingId), "ask", "deviation " + sampleCode, std::nullopt, deviation, std::nullopt});
        return viewIn(tx, b);
    });
}

ThreadMessage LabBookings::postMessage(const Principal& p, const std::string& orderCode, ThreadMessage m, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        LabBooking b = own(tx, p, orderCode);
        m.fromSide = "lab";
        m.id = ids_.next();
        m.author = p.displayName;
        m.atMs = toEpochMillis(clock_.now());
        store_.insertLabMessage(tx, b.labId, b.bookingId, m);
        send(tx, b.labId, "booking.message", wire::messageBody(b.bookingId, m));
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.bookingId), "message", "", std::nullopt,
                                          m.attachmentName ? "with " + *m.attachmentName : std::string("text"), std::nullopt});
        m.attachment.reset();
        return m;
    });
}

ThreadMessage LabBookings::attachment(const Principal& p, const std::string& orderCode, const std::string& side, std::int64_t id) {
    return db_.read([&](Tx& tx) {
        const LabBooking b = own(tx, p, orderCode);
        auto m = store_.labMessage(tx, b.labId, b.bookingId, side, id);
        if (!m || !m->attachment) throw Error::notFound("attachment");
        return *m;
    });
}

// --- the publisher -------------------------------------------------------------------------------

void LabBookings::publish(Tx& tx, LabBooking& b) {
    const auto st = b.orderCode ? deps_.desk.orderState(tx, b.labId, *b.orderCode) : std::nullopt;
    const auto reports = b.orderCode ? deps_.reports.reportsOfOrder(tx, b.labId, *b.orderCode) : std::vector<reports::OrderReport>{};
    auto state = withBooking(b.bookingId);
    const std::string status = statusOf(b, st, reports);
    state->set("status", status);
    if (b.orderCode) state->set("order_code", *b.orderCode);
    if (b.problem) state->set("problem", *b.problem);
    if (st) {
        state->set("due_date", st->dueDate);
        Poco::JSON::Array::Ptr samples = new Poco::JSON::Array;
        for (const auto& s : st->samples) {
            auto o = makeObject();
            o->set("code", s.code);
            o->set("name", s.name);
            o->set("status", s.status);
            if (s.condition) o->set("condition", *s.condition);
            if (s.deviation) o->set("deviation", *s.deviation);
            if (s.customerDecision) o->set("customer_decision", *s.customerDecision);
            if (s.receivedAt) o->set("received_at", *s.receivedAt);
            samples->add(o);
        }
        state->set("samples", samples);
    }
    const std::string hash = sha256Hex(toJson(state));
    if (b.publishedState != hash) {
        send(tx, b.labId, "booking.state", state);
        b.publishedState = hash;
    }
    {
        for (const auto& r : reports) {
            const std::string key = r.number + ":" + r.status + ";";
            if (b.publishedReports.find(key) != std::string::npos) continue;
            auto body = withBooking(b.bookingId);
            body->set("number", r.number);
            body->set("status", r.status);
            if (r.issueDate) body->set("issue_date", *r.issueDate);
            if (r.verifyCode) body->set("verification_code", *r.verifyCode);
            if (r.amendsNumber) body->set("amends", *r.amendsNumber);
            body->set("sha256", r.pdfSha256);
            if (b.publishedReports.find(r.number + ":") == std::string::npos)  // the PDF once; later only its status
                if (auto pdf = deps_.reports.pdfOf(tx, b.labId, r.id)) body->set("pdf", *pdf);
            send(tx, b.labId, "booking.report", body);
            b.publishedReports += key;
        }
    }
    b.open = !(status == kDeclined || status == kCancelled);
    store_.updateLabBooking(tx, b);
}

void LabBookings::publishChanges() {
    const auto open = db_.read([&](Tx& tx) { return store_.openLabBookings(tx, 500); });
    for (const auto& o : open) {
        try {
            db_.write([&](Tx& tx) {
                auto b = store_.labBooking(tx, o.labId, o.bookingId);
                if (b && b->open) publish(tx, *b);
            });
        } catch (const std::exception& e) {
            Log::warn("platform.booking_publish_failed", {{"booking", std::to_string(o.bookingId)}, {"error", e.what()}});
        }
    }
}

}  // namespace assay::platform
