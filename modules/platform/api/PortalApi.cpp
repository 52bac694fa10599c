// PortalApi: request parsing and rendering for the SME portal and the lab's booking routes.
#include "api/PortalApi.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "assay/Api.hpp"
#include "assay/ApiEdge.hpp"
#include "assay/Decimal.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "assay/Uscc.hpp"
#include "domain/PortalMessages.hpp"

namespace assay::platform {

namespace {
constexpr std::size_t kMaxSamples = 50, kMaxItems = 50;
constexpr std::size_t kMessageBody = 8u * 1024u * 1024u;

Poco::Dynamic::Var opt(const std::optional<std::string>& s) { return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var(); }
Poco::Dynamic::Var optTimeOf(const std::optional<std::int64_t>& ms) { return ms ? Poco::Dynamic::Var(rfc3339(*ms)) : Poco::Dynamic::Var(); }
Poco::Dynamic::Var parsed(const std::optional<std::string>& json) {
    if (!json) return Poco::Dynamic::Var();
    return Poco::JSON::Parser().parse(*json);
}
std::string lowered(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
Poco::JSON::Object::Ptr bodyOrEmpty(Request& req) { return req.body().empty() ? makeObject() : req.jsonObject(); }

// --- rendering ---------------------------------------------------------------------------------
Poco::JSON::Object::Ptr userJson(const PortalUser& u) {
    auto o = makeObject();
    o->set("id", std::to_string(u.userId));
    o->set("name", u.name);
    o->set("email", u.email);
    o->set("verified", u.verifiedAtMs.has_value());
    o->set("owner", u.owner);
    return o;
}

Poco::JSON::Object::Ptr meJson(const Me& me) {
    auto o = makeObject();
    o->set("user", userJson(me.user));
    auto a = makeObject();
    a->set("id", std::to_string(me.account.id));
    a->set("company_name", me.account.companyName);
    a->set("uscc", me.account.uscc);
    a->set("contact_name", me.account.contactName);
    a->set("phone", me.account.phone);
    o->set("account", a);
    o->set("members", jsonArray(me.members, userJson));
    return o;
}

Poco::JSON::Object::Ptr summaryJson(const Booking& b) {
    auto o = makeObject();
    o->set("id", std::to_string(b.id));
    auto lab = makeObject();
    lab->set("id", std::to_string(b.labRef));
    lab->set("name", b.labName);
    o->set("lab", lab);
    o->set("status", b.status);
    o->set("created_at", rfc3339(b.createdAtMs));
    o->set("updated_at", rfc3339(b.updatedAtMs));
    o->set("order_code", opt(b.orderCode));
    o->set("due_date", opt(b.dueDate));
    const auto quote = parseObject(b.quoteJson);
    o->set("total", quote->get("total"));
    if (b.offerJson) o->set("total", parseObject(*b.offerJson)->get("total"));
    return o;
}

Poco::JSON::Object::Ptr questionJson(const Question& q) {
    auto o = makeObject();
    o->set("id", std::to_string(q.id));
    o->set("sample_code", q.sampleCode);
    o->set("deviation", q.deviation);
    o->set("asked_at", rfc3339(q.askedAtMs));
    o->set("asked_by", opt(q.askedBy));
    o->set("answer", opt(q.answer));
    o->set("answered_by", opt(q.answeredBy));
    o->set("answered_at", optTimeOf(q.answeredAtMs));
    return o;
}

Poco::JSON::Object::Ptr messageJson(const ThreadMessage& m) {
    auto o = makeObject();
    o->set("id", std::to_string(m.id));
    o->set("from", m.fromSide);
    o->set("author", m.author);
    o->set("text", m.body);
    o->set("at", rfc3339(m.atMs));
    if (m.attachmentName) {
        auto a = makeObject();
        a->set("name", *m.attachmentName);
        a->set("content_type", opt(m.attachmentType));
        a->set("size", m.attachmentSize.value_or(0));
        o->set("attachment", a);
    }
    return o;
}

Poco::JSON::Object::Ptr reportJson(const BookingReport& r) {
    auto o = makeObject();
    o->set("number", r.number);
    o->set("status", r.status == "issued" ? "current" : r.status == "superseded" ? "replaced" : r.status);
    o->set("issue_date", opt(r.issueDate));
    o->set("verification_code", opt(r.verificationCode));
    o->set("amends", opt(r.amends));
    o->set("sha256", r.sha256);
    o->set("received_at", rfc3339(r.receivedAtMs));
    return o;
}

Poco::JSON::Object::Ptr bookingJson(const BookingView& v) {
    auto o = summaryJson(v.booking);
    const auto request = parseObject(v.booking.requestJson);
    for (const char* k : {"samples", "report", "delivery", "note"}) o->set(k, request->has(k) ? request->get(k) : Poco::Dynamic::Var());
    o->set("quote", parseObject(v.booking.quoteJson));
    o->set("offer", parsed(v.booking.offerJson));
    o->set("lab_samples", parsed(v.booking.samplesJson));
    o->set("decline_reason", opt(v.booking.declineReason));
    o->set("disclosure", v.booking.disclosure);
    Poco::JSON::Array::Ptr events = new Poco::JSON::Array;
    for (const auto& e : v.events) {
        auto eo = makeObject();
        eo->set("at", rfc3339(e.atMs));
        eo->set("kind", e.kind);
        eo->set("text", opt(e.detail));
        events->add(eo);
    }
    o->set("events", events);
    o->set("questions", jsonArray(v.questions, questionJson));
    o->set("messages", jsonArray(v.messages, messageJson));
    o->set("reports", jsonArray(v.reports, reportJson));
    return o;
}

// --- reading -----------------------------------------------------------------------------------
Registration readRegistration(Request& req) {
    JsonReader r(req.jsonObject());
    Registration g;
    g.companyName = r.requiredString("company_name", 200);
    g.uscc = r.requiredString("uscc", 18);
    g.contactName = r.requiredString("contact_name", 100);
    g.phone = r.requiredString("phone", 40);
    g.email = lowered(r.requiredString("email", 64));
    g.password = r.requiredString("password", 200);
    r.finish();
    return g;
}

// An attachment {name, content_type, data (base64)}: decoded to check it, kept as base64.
void readAttachment(const Poco::JSON::Object::Ptr& body, JsonReader& r, ThreadMessage& m, std::vector<FieldError>& errors) {
    r.allow("attachment");
    if (!body->has("attachment") || body->isNull("attachment")) return;
    auto a = body->getObject("attachment");
    if (!a) return errors.push_back({"attachment", assay::msg::kNotObject});
    JsonReader ar(a, "attachment");
    m.attachmentName = ar.requiredString("name", 200);
    m.attachmentType = ar.optionalString("content_type", 100).value_or("application/octet-stream");
    ar.allow("data");
    const std::string data = a->has("data") && a->get("data").isString() ? a->getValue<std::string>("data") : "";
    try {
        std::istringstream in(data);
        Poco::Base64Decoder dec(in);
        std::string bytes((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
        if (bytes.empty()) ar.addError("data", Message(msg::kAttachmentBase64));
        if (static_cast<std::int64_t>(bytes.size()) > kMaxAttachmentBytes) ar.addError("data", Message(msg::kAttachmentSize, {{"max", 4}}));
        m.attachmentSize = static_cast<std::int64_t>(bytes.size());
        m.attachment = data;
    } catch (const std::exception&) {
        ar.addError("data", Message(msg::kAttachmentBase64));
    }
    for (const auto& e : ar.errors()) errors.push_back(e);
    if (!ar.errors().empty()) return;
    try {
        ar.finish();
    } catch (const Error& e) {
        for (const auto& f : e.fieldErrors()) errors.push_back(f);
    }
}

ThreadMessage readMessage(Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    ThreadMessage m;
    m.body = r.optionalString("text", 4000, Lines::many).value_or("");
    std::vector<FieldError> errors;
    readAttachment(body, r, m, errors);
    if (m.body.find_first_not_of(" \t\r\n") == std::string::npos && !m.attachment) errors.push_back({"text", msg::kTextRequired});
    finishWith(r, errors);
    return m;
}

Poco::JSON::Object::Ptr readSample(const Poco::JSON::Object::Ptr& s, const std::string& at, BookingSample& out, std::vector<FieldError>& errors) {
    JsonReader r(s, at);
    auto o = makeObject();
    out.name = r.requiredString("name", 100);
    o->set("name", out.name);
    for (const char* k : {"category", "brand", "model", "batch_no", "manufacturer", "unit"})
        if (auto v = r.optionalString(k, 100)) o->set(k, *v);
    if (auto u = r.optionalString("manufacturer_uscc", 18)) {
        if (!u->empty() && usccMessage(*u)) r.addError("manufacturer_uscc", *usccMessage(*u));
        o->set("manufacturer_uscc", *u);
    }
    if (auto q = r.optionalString("quantity", 24)) {
        if (!Decimal::parse(*q)) r.addError("quantity", Message(assay::msg::kNotDecimal));
        o->set("quantity", *q);
    }
    const auto keys = r.stringArray("items", true, kMaxItems, 20);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (std::size_t j = 0; j < keys.size(); ++j) {
        const std::int64_t key = parseId(keys[j]);
        if (key == 0) r.addError("items[" + std::to_string(j) + "]", Message(msg::kRowNumber));
        else if (std::find(out.rowKeys.begin(), out.rowKeys.end(), key) != out.rowKeys.end()) r.addError("items[" + std::to_string(j) + "]", Message(msg::kItemTwice));
        else out.rowKeys.push_back(key);
        items->add(keys[j]);
    }
    if (keys.empty() && s->has("items")) r.addError("items", Message(msg::kItemsRequired));
    o->set("items", items);
    try {
        r.finish();
    } catch (const Error& e) {
        for (const auto& f : e.fieldErrors()) errors.push_back(f);
    }
    return o;
}

Poco::JSON::Object::Ptr readReportTerms(JsonReader& r, const Poco::JSON::Object::Ptr& body, std::vector<FieldError>& errors) {
    r.allow("report");
    auto rep = body->has("report") ? body->getObject("report") : nullptr;
    if (!rep) {
        errors.push_back({"report", assay::msg::kRequired});
        return makeObject();
    }
    JsonReader rr(rep, "report");
    auto o = makeObject();
    Poco::JSON::Array::Ptr marks = new Poco::JSON::Array;
    for (const auto& m : rr.stringArray("marks", false, 2, 8)) {
        if (m != "CMA" && m != "CNAS") rr.addError("marks", Message(msg::kMarkOne));
        else marks->add(m);
    }
    o->set("marks", marks);
    const auto lang = rr.optionalString("language", 10).value_or("zh");
    if (lang != "zh" && lang != "en" && lang != "bilingual") rr.addError("language", Message(assay::msg::kOneOf, {{"choices", "zh, en, bilingual"}}));
    o->set("language", lang);
    const auto rule = rr.optionalString("decision_rule", 16).value_or("simple");
    if (rule != "simple" && rule != "guard_band") rr.addError("decision_rule", Message(assay::msg::kOneOf, {{"choices", "simple, guard_band"}}));
    o->set("decision_rule", rule);
    o->set("uncertainty", rr.optionalBool("uncertainty").value_or(false));
    const auto remains = rr.optionalString("remains", 10).value_or("dispose");
    if (remains != "return" && remains != "dispose") rr.addError("remains", Message(assay::msg::kOneOf, {{"choices", "return, dispose"}}));
    o->set("remains", remains);
    try {
        rr.finish();
    } catch (const Error& e) {
        for (const auto& f : e.fieldErrors()) errors.push_back(f);
    }
    return o;
}

Poco::JSON::Object::Ptr readDelivery(JsonReader& r, const Poco::JSON::Object::Ptr& body, std::vector<FieldError>& errors) {
    r.allow("delivery");
    auto d = body->has("delivery") ? body->getObject("delivery") : nullptr;
    if (!d) {
        errors.push_back({"delivery", assay::msg::kRequired});
        return makeObject();
    }
    JsonReader dr(d, "delivery");
    auto o = makeObject();
    const std::string method = dr.requiredString("method", 16);
    if (!method.empty() && method != "drop_off" && method != "courier" && method != "lab_sampling")
        dr.addError("method", Message(assay::msg::kOneOf, {{"choices", "drop_off, courier, lab_sampling"}}));
    o->set("method", method);
    const auto carrier = dr.optionalString("carrier", 50), tracking = dr.optionalString("tracking_no", 50);
    const auto address = dr.optionalString("address", 300);
    if (method == "courier" && (!tracking || tracking->empty() || !carrier || carrier->empty()))
        dr.addError("tracking_no", Message(msg::kCourierTracking));
    if (method == "lab_sampling" && (!address || address->empty())) dr.addError("address", Message(msg::kSamplingAddress));
    if (carrier) o->set("carrier", *carrier);
    if (tracking) o->set("tracking_no", *tracking);
    if (address) o->set("address", *address);
    try {
        dr.finish();
    } catch (const Error& e) {
        for (const auto& f : e.fieldErrors()) errors.push_back(f);
    }
    return o;
}

BookingInput readBooking(Request& req, bool forQuote) {
    auto body = req.jsonObject();
    JsonReader r(body);
    BookingInput in;
    std::vector<FieldError> errors;
    in.labRef = idField(r, "lab_id").value_or(0);
    if (!body->has("lab_id")) r.addError("lab_id", Message(assay::msg::kRequired));
    in.request = makeObject();
    r.allow("samples");
    auto arr = body->has("samples") && !body->isNull("samples") ? body->getArray("samples") : nullptr;
    if (!arr || arr->size() == 0 || arr->size() > kMaxSamples) errors.push_back({"samples", Message(msg::kSamplesRequired, {{"max", static_cast<int>(kMaxSamples)}})});
    Poco::JSON::Array::Ptr samples = new Poco::JSON::Array;
    for (std::size_t i = 0; arr && i < arr->size() && i < kMaxSamples; ++i) {
        const std::string at = "samples[" + std::to_string(i) + "]";
        auto so = arr->getObject(static_cast<unsigned>(i));
        if (!so) {
            errors.push_back({at, assay::msg::kNotObject});
            continue;
        }
        BookingSample s;
        samples->add(readSample(so, at, s, errors));
        in.samples.push_back(std::move(s));
    }
    in.request->set("samples", samples);
    if (forQuote) {
        r.allow("report"), r.allow("delivery"), r.allow("note");
    } else {
        in.request->set("report", readReportTerms(r, body, errors));
        in.request->set("delivery", readDelivery(r, body, errors));
        if (auto note = r.optionalString("note", 1000, Lines::many)) in.request->set("note", *note);
    }
    finishWith(r, errors);
    return in;
}

std::string requiredField(Request& req, const char* key, std::size_t max, Lines lines = Lines::one) {
    JsonReader r(req.jsonObject());
    const std::string v = r.requiredString(key, max, lines);
    r.finish();
    return v;
}

// --- handlers: accounts ---------------------------------------------------------------------------
Response registerAccount(Request& req, PortalDeps& d) {
    bool sent = false;
    auto o = meJson(d.portal.registerAccount(readRegistration(req), sent, req.requestId()));
    o->set("code_sent", sent);
    return Response::created(o, "/api/portal/me");
}

Response me(Request& req, PortalDeps& d) { return Response::json(meJson(d.portal.me(req.principal()))); }

Response verifyEmail(Request& req, PortalDeps& d) {
    return Response::json(meJson(d.portal.verifyEmail(req.principal(), requiredField(req, "code", 12), req.requestId())));
}

Response sendCode(Request& req, PortalDeps& d) {
    JsonReader(bodyOrEmpty(req)).finish();
    d.portal.sendVerification(req.principal());
    auto o = makeObject();
    o->set("sent", true);
    return Response::json(o, 202);
}

Response invite(Request& req, PortalDeps& d) {
    JsonReader r(req.jsonObject());
    const std::string email = lowered(r.requiredString("email", 64)), name = r.requiredString("name", 100);
    r.finish();
    d.portal.invite(req.principal(), email, name, req.requestId());
    auto o = makeObject();
    o->set("invited", email);
    return Response::created(o, "/api/portal/me");
}

Response acceptInvitation(Request& req, PortalDeps& d) {
    JsonReader r(req.jsonObject());
    const std::string email = lowered(r.requiredString("email", 64)), code = r.requiredString("code", 12);
    const std::string name = r.requiredString("name", 100), password = r.requiredString("password", 200);
    r.finish();
    auto o = makeObject();
    o->set("user", userJson(d.portal.acceptInvitation(email, code, name, password, req.requestId())));
    return Response::created(o, "/api/portal/me");
}

Response requestReset(Request& req, PortalDeps& d) {
    d.portal.requestReset(lowered(requiredField(req, "email", 64)));
    auto o = makeObject();
    o->set("accepted", true);
    return Response::json(o, 202);
}

Response confirmReset(Request& req, PortalDeps& d) {
    JsonReader r(req.jsonObject());
    const std::string email = lowered(r.requiredString("email", 64)), code = r.requiredString("code", 12);
    const std::string password = r.requiredString("password", 200);
    r.finish();
    d.portal.confirmReset(email, code, password, req.requestId());
    return Response::noContent();
}

// --- handlers: bookings ---------------------------------------------------------------------------
Response quote(Request& req, PortalDeps& d) { return Response::json(d.portal.quote(req.principal(), readBooking(req, true))); }

Response book(Request& req, PortalDeps& d) {
    const Booking b = d.portal.book(req.principal(), readBooking(req, false), req.requestId());
    return Response::created(bookingJson(d.portal.view(req.principal(), b.id)), "/api/portal/bookings/" + std::to_string(b.id));
}

Response listBookings(Request& req, PortalDeps& d) {
    const Page pg = page(req);
    const auto items = d.portal.bookings(req.principal(), pg.cursor, pg.limit);
    return Response::json(pageObject(jsonArray(items, summaryJson), items.size(), pg, items.empty() ? 0 : items.back().id));
}

Response getBooking(Request& req, PortalDeps& d) { return Response::json(bookingJson(d.portal.view(req.principal(), req.idParam("id")))); }

Response acceptOffer(Request& req, PortalDeps& d) {
    JsonReader r(bodyOrEmpty(req));
    std::vector<int> positions;
    for (const auto& s : r.stringArray("accept_outside_scope", false, 5000, 10)) positions.push_back(static_cast<int>(parseId(s)));
    r.finish();
    return Response::json(bookingJson(d.portal.answerOffer(req.principal(), req.idParam("id"), true, positions, "", req.requestId())));
}

Response rejectOffer(Request& req, PortalDeps& d) {
    const std::string reason = requireText("reason", requiredField(req, "reason", 500, Lines::many), msg::kTextRequired, 500);
    return Response::json(bookingJson(d.portal.answerOffer(req.principal(), req.idParam("id"), false, {}, reason, req.requestId())));
}

Response cancelBooking(Request& req, PortalDeps& d) {
    const std::string reason = requireText("reason", requiredField(req, "reason", 500, Lines::many), msg::kTextRequired, 500);
    return Response::json(bookingJson(d.portal.cancel(req.principal(), req.idParam("id"), reason, req.requestId())));
}

Response answerQuestion(Request& req, PortalDeps& d) {
    const std::string decision = requiredField(req, "decision", 10);
    return Response::json(bookingJson(d.portal.answerQuestion(req.principal(), req.idParam("id"), req.idParam("qid"), decision, req.requestId())));
}

Response postMessage(Request& req, PortalDeps& d) {
    const auto m = d.portal.postMessage(req.principal(), req.idParam("id"), readMessage(req), req.requestId());
    return Response::created(messageJson(m), "/api/portal/bookings/" + req.param("id"));
}

Response attachmentFile(const ThreadMessage& m) {
    std::istringstream in(*m.attachment);
    Poco::Base64Decoder dec(in);
    std::string bytes((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
    return Response::file(std::move(bytes), m.attachmentType.value_or("application/octet-stream"), m.attachmentName.value_or("attachment"));
}

std::string sideOf(Request& req) {
    const auto side = req.query("from").value_or("sme");
    if (side != "sme" && side != "lab") throw Error::invalidField("from", Message(assay::msg::kOneOf, {{"choices", "sme, lab"}}));
    return side;
}

Response getAttachment(Request& req, PortalDeps& d) {
    return attachmentFile(d.portal.attachment(req.principal(), req.idParam("id"), sideOf(req), req.idParam("mid")));
}

Response getReport(Request& req, PortalDeps& d) {
    const auto r = d.portal.reportPdf(req.principal(), req.idParam("id"), req.param("number"));
    std::istringstream in(*r.pdf);
    Poco::Base64Decoder dec(in);
    std::string bytes((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
    return Response::file(std::move(bytes), "application/pdf", r.number + ".pdf");
}

Response disclosure(Request& req, PortalDeps& d) {
    JsonReader r(req.jsonObject());
    const auto consent = r.optionalBool("consent");
    if (!consent) r.addError("consent", Message(assay::msg::kRequired));
    r.finish();
    return Response::json(bookingJson(d.portal.setDisclosure(req.principal(), req.idParam("id"), *consent, req.requestId())));
}

const RouteEntry<PortalDeps> kPortalRoutes[] = {
    {"POST", "/api/portal/accounts", kPublic, "Register an SME account: company (USCC), contact, e-mail, password; a code is e-mailed (public)", registerAccount, true},
    {"GET", "/api/portal/me", "portal:use", "The signed-in SME user, the account and its members", me},
    {"POST", "/api/portal/email/verify", "portal:use", "Verify the e-mail with the code sent to it", verifyEmail},
    {"POST", "/api/portal/email/code", "portal:use", "Send a new verification code (one a minute)", sendCode},
    {"POST", "/api/portal/invitations", "portal:use", "The account's owner invites a colleague by e-mail", invite},
    {"POST", "/api/portal/invitations/accept", kPublic, "Join an account with the e-mailed invitation code (public)", acceptInvitation, true},
    {"POST", "/api/portal/password-reset", kPublic, "E-mail a password reset code (public; the same answer for any address)", requestReset},
    {"POST", "/api/portal/password-reset/confirm", kPublic, "Set a new password with the e-mailed code (public)", confirmReset, true},
    {"POST", "/api/portal/quote", "portal:use", "The quote of a booking from the lab's published prices", quote},
    {"POST", "/api/portal/bookings", "portal:use", "Book tests at one lab (verified e-mail; Idempotency-Key)", book},
    {"GET", "/api/portal/bookings", "portal:use", "The account's bookings, newest first", listBookings},
    {"GET", "/api/portal/bookings/{id}", "portal:use", "A booking with its timeline, offer, questions, messages and reports", getBooking},
    {"POST", "/api/portal/bookings/{id}/offer/accept", "portal:use", "Accept the lab's offer (every item outside the scope named)", acceptOffer},
    {"POST", "/api/portal/bookings/{id}/offer/reject", "portal:use", "Reject the lab's offer, with the reason", rejectOffer},
    {"POST", "/api/portal/bookings/{id}/cancel", "portal:use", "Cancel a booking before it is accepted, with the reason", cancelBooking},
    {"POST", "/api/portal/bookings/{id}/questions/{qid}", "portal:use", "Answer the lab's question on a sample's deviation (R19)", answerQuestion},
    {"POST", "/api/portal/bookings/{id}/messages", "portal:use", "Write to the lab, with an attachment up to 4 MB", postMessage, false, kMessageBody},
    {"GET", "/api/portal/bookings/{id}/messages/{mid}/attachment", "portal:use", "A message's attachment (?from=sme|lab)", getAttachment},
    {"GET", "/api/portal/bookings/{id}/reports/{number}", "portal:use", "The signed PDF of a report of the booking", getReport},
    {"POST", "/api/portal/bookings/{id}/disclosure", "portal:use", "Consent, or not, to show the company on the report's verification (R38)", disclosure},
};

// --- lab side -------------------------------------------------------------------------------------
Poco::JSON::Object::Ptr labBookingJson(const LabBookingView& v) {
    const auto booking = parseObject(v.booking.bookingJson);
    auto o = makeObject();
    o->set("booking_id", std::to_string(v.booking.bookingId));
    o->set("order_code", opt(v.booking.orderCode));
    o->set("status", v.status);
    o->set("account", booking->get("account"));
    const auto request = booking->getObject("request");
    for (const char* k : {"samples", "report", "delivery", "note"}) o->set(k, request && request->has(k) ? request->get(k) : Poco::Dynamic::Var());
    o->set("quote", booking->get("quote"));
    o->set("offer", parsed(v.booking.offerJson));
    o->set("answer", parsed(v.booking.answerJson));
    o->set("decline_reason", opt(v.booking.declineReason));
    o->set("problem", opt(v.booking.problem));
    o->set("disclosure", v.booking.disclosure);
    o->set("created_at", rfc3339(v.booking.createdAtMs));
    o->set("questions", jsonArray(v.questions, questionJson));
    o->set("messages", jsonArray(v.messages, messageJson));
    return o;
}

Response labList(Request& req, LabBookingRouteDeps& d) {
    const Page pg = page(req);
    const auto items = d.bookings.list(req.principal(), pg.cursor, pg.limit);
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& v : items) {
        auto o = makeObject();
        o->set("booking_id", std::to_string(v.booking.bookingId));
        o->set("order_code", opt(v.booking.orderCode));
        o->set("status", v.status);
        o->set("company_name", parseObject(v.booking.bookingJson)->getObject("account")->get("company_name"));
        o->set("created_at", rfc3339(v.booking.createdAtMs));
        arr->add(o);
    }
    return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().booking.bookingId));
}

Response labGet(Request& req, LabBookingRouteDeps& d) { return Response::json(labBookingJson(d.bookings.view(req.principal(), req.param("code")))); }

Response labOffer(Request& req, LabBookingRouteDeps& d) {
    JsonReader r(req.jsonObject());
    const std::string due = r.requiredString("due_date", 10);
    const auto note = r.optionalString("note", 1000, Lines::many);
    r.finish();
    return Response::json(labBookingJson(d.bookings.offer(req.principal(), req.param("code"), due, note, req.requestId())));
}

Response labDecline(Request& req, LabBookingRouteDeps& d) {
    const std::string reason = requiredField(req, "reason", 500, Lines::many);
    return Response::json(labBookingJson(d.bookings.decline(req.principal(), req.param("code"), reason, req.requestId())));
}

Response labAsk(Request& req, LabBookingRouteDeps& d) {
    JsonReader r(req.jsonObject());
    const std::string sample = r.requiredString("sample_code", 60), deviation = r.requiredString("deviation", 500, Lines::many);
    r.finish();
    return Response::created(labBookingJson(d.bookings.ask(req.principal(), req.param("code"), sample, deviation, req.requestId())),
                             "/api/platform/orders/" + req.param("code"));
}

Response labMessage(Request& req, LabBookingRouteDeps& d) {
    const auto m = d.bookings.postMessage(req.principal(), req.param("code"), readMessage(req), req.requestId());
    return Response::created(messageJson(m), "/api/platform/orders/" + req.param("code"));
}

Response labAttachment(Request& req, LabBookingRouteDeps& d) {
    return attachmentFile(d.bookings.attachment(req.principal(), req.param("code"), sideOf(req), req.idParam("mid")));
}

const RouteEntry<LabBookingRouteDeps> kLabBookingRoutes[] = {
    {"GET", "/api/platform/orders", "orders:read", "The lab's orders booked on the platform, newest first", labList},
    {"GET", "/api/platform/orders/{code}", "orders:read", "An order's platform booking: the SME, terms, offer, questions, messages", labGet},
    {"POST", "/api/platform/orders/{code}/offer", "orders:write", "Offer the reviewed quote and the due date to the SME", labOffer},
    {"POST", "/api/platform/orders/{code}/decline", "orders:write", "Decline the booking (the order is cancelled), with the reason", labDecline},
    {"POST", "/api/platform/orders/{code}/questions", "orders:write", "Ask the SME to decide on a sample's deviation (R19)", labAsk},
    {"POST", "/api/platform/orders/{code}/messages", "orders:write", "Write to the SME, with an attachment up to 4 MB", labMessage, false, kMessageBody},
    {"GET", "/api/platform/orders/{code}/messages/{mid}/attachment", "orders:read", "A message's attachment (?from=sme|lab)", labAttachment},
};
}  // namespace

void registerPortalRoutes(Router& router, PortalDeps& deps) { addRoutes(router, deps, kPortalRoutes); }
void registerLabBookingRoutes(Router& router, LabBookingRouteDeps& deps) { addRoutes(router, deps, kLabBookingRoutes); }

std::optional<std::string> disclosedCustomerOf(PortalService* portal, std::int64_t labRef, const std::string& number) {
    return portal ? portal->disclosedCustomer(labRef, number) : std::nullopt;
}

}  // namespace assay::platform
