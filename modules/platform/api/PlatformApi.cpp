// PlatformApi: request parsing and rendering for the link (lab side) and the platform side.
#include "api/PlatformApi.hpp"
#include "api/PortalApi.hpp"

#include <Poco/JSON/Array.h>

#include <limits>

#include "assay/Api.hpp"
#include "assay/ApiEdge.hpp"
#include "assay/Decimal.hpp"
#include "assay/Messages.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformMessages.hpp"

namespace assay::platform {

namespace {
Poco::Dynamic::Var opt(const std::optional<std::string>& s) { return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var(); }
Poco::Dynamic::Var optInt(const std::optional<int>& v) { return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var(); }

// --- lab side --------------------------------------------------------------------------
Poco::JSON::Object::Ptr linkJson(const LinkView& v, const std::string& role) {
    const Link& l = v.link;
    auto o = makeObject();
    o->set("role", role);
    o->set("state", l.state);
    o->set("platform_url", opt(l.platformUrl));
    o->set("region", opt(l.region));
    o->set("turnaround_days", optInt(l.turnaroundDays));
    o->set("enrolment_id", l.enrolmentId ? Poco::Dynamic::Var(std::to_string(*l.enrolmentId)) : Poco::Dynamic::Var());
    o->set("requested_at", optTime(l.requestedAtMs));
    o->set("decided_at", optTime(l.decidedAtMs));
    o->set("refused_reason", opt(l.refusedReason));
    o->set("inbox_position", l.inboxPosition);
    o->set("last_poll_error", opt(l.lastPollError));
    Poco::JSON::Array::Ptr keys = new Poco::JSON::Array;
    for (const auto& k : l.keys) {
        auto ko = makeObject();
        ko->set("key_id", k.keyId);
        ko->set("fingerprint", sha256Hex(k.publicPem).substr(0, 64));
        ko->set("created_at", rfc3339(k.createdAtMs));
        ko->set("retired_at", optTime(k.retiredAtMs));
        ko->set("from_seq", k.fromSeq);
        ko->set("public_key", k.publicPem);
        keys->add(ko);
    }
    o->set("keys", keys);
    auto ob = makeObject();
    ob->set("pending", v.outbox.pending);
    ob->set("delivered", v.outbox.delivered);
    ob->set("delivered_through", v.outbox.deliveredThrough);
    ob->set("last_seq", v.outbox.lastStreamSeq);
    ob->set("last_error", opt(v.outbox.lastError));
    ob->set("last_attempt_at", optTime(v.outbox.lastAttemptAtMs));
    ob->set("next_attempt_at", optTime(v.outbox.nextAttemptAtMs));
    o->set("outbox", ob);
    return o;
}

Response getLink(Request& req, LinkDeps& d) { return Response::json(linkJson(d.link.view(req.principal()), d.role)); }

Response createKey(Request& req, LinkDeps& d) {
    JsonReader r(req.body().empty() ? makeObject() : req.jsonObject());
    r.finish();
    return Response::json(linkJson(d.link.createKey(req.principal(), req.requestId()), d.role));
}

Response enrol(Request& req, LinkDeps& d) {
    JsonReader r(req.jsonObject());
    EnrolRequest in;
    in.platformUrl = r.optionalString("platform_url", 300);
    if (in.platformUrl && in.platformUrl->empty()) in.platformUrl.reset();
    in.region = r.requiredString("region", 6);
    if (auto days = r.optionalInt("turnaround_days", 1, 365)) in.turnaroundDays = static_cast<int>(*days);
    r.finish();
    return Response::json(linkJson(d.link.enrol(req.principal(), in, req.requestId()), d.role));
}

Response resend(Request& req, LinkDeps& d) {
    JsonReader r(req.jsonObject());
    const auto from = r.requiredInt("from_seq", 1, 9007199254740991LL);
    r.finish();
    auto o = makeObject();
    o->set("requeued", d.link.resendFrom(req.principal(), *from, req.requestId()));
    return Response::json(o);
}

Response publish(Request& req, LinkDeps& d) {
    JsonReader r(req.body().empty() ? makeObject() : req.jsonObject());
    r.finish();
    return Response::json(linkJson(d.link.publishNow(req.principal(), req.requestId()), d.role));
}

const RouteEntry<LinkDeps> kLinkRoutes[] = {
    {"GET", "/api/platform/link", "platform_link:read", "The lab's platform link: enrolment, keys, the outbox stream", getLink},
    {"POST", "/api/platform/link/keys", "platform_link:write", "Create the lab's instance key, or rotate it once enrolled", createKey},
    {"POST", "/api/platform/link/enrolment", "platform_link:write", "Ask the platform to enrol the lab (signed with the instance key)", enrol},
    {"POST", "/api/platform/link/resend", "platform_link:write", "Send the platform's messages again from a seq (the platform de-duplicates)", resend},
    {"POST", "/api/platform/link/publish", "platform_link:write", "Publish the lab's catalogue to the platform now", publish},
};

// --- platform side ---------------------------------------------------------------------
Poco::JSON::Object::Ptr enrolmentJson(const Enrolment& e) {
    auto o = makeObject();
    o->set("id", std::to_string(e.id));
    o->set("lab_name", e.name);
    o->set("uscc", e.uscc);
    o->set("cma_no", opt(e.cmaNo));
    o->set("cnas_no", opt(e.cnasNo));
    o->set("region", e.region);
    o->set("turnaround_days", optInt(e.turnaroundDays));
    o->set("key_id", e.keyId);
    o->set("state", e.state);
    o->set("requested_at", rfc3339(e.requestedAtMs));
    o->set("decided_at", optTime(e.decidedAtMs));
    o->set("decided_by", e.decidedBy ? Poco::Dynamic::Var(std::to_string(*e.decidedBy)) : Poco::Dynamic::Var());
    o->set("reason", opt(e.reason));
    o->set("applied_seq", e.appliedSeq);
    return o;
}

Poco::JSON::Object::Ptr rowJson(const CatalogueEntry& c) {
    auto o = makeObject();
    o->set("row_id", std::to_string(c.id));
    o->set("lab_id", std::to_string(c.labRef));
    o->set("lab_name", c.labName);
    o->set("site", c.site);
    o->set("region", c.region);
    o->set("category", c.category);
    o->set("product", c.product);
    o->set("parameter", c.parameter);
    o->set("parameter_en", opt(c.parameterEn));
    o->set("standard", c.standard);
    o->set("standard_title", opt(c.standardTitle));
    o->set("limitation", opt(c.limitation));
    Poco::JSON::Array::Ptr schemes = new Poco::JSON::Array;
    schemes->add(c.scheme);
    o->set("schemes", schemes);
    o->set("price", opt(c.price));
    o->set("turnaround_days", optInt(c.turnaroundDays));
    o->set("row_key", std::to_string(c.rowKey));
    o->set("cma_no", opt(c.cmaNo));
    o->set("cnas_no", opt(c.cnasNo));
    return o;
}

Poco::JSON::Object::Ptr verificationJson(const VerificationRecord& v) {
    auto o = makeObject();
    o->set("lab_id", std::to_string(v.labRef));
    o->set("lab_name", v.labName);
    o->set("number", v.number);
    o->set("verification_code", opt(v.code));
    o->set("status", v.status);
    o->set("superseded_by", opt(v.supersededBy));
    o->set("issue_date", opt(v.issueDate));
    o->set("pdf_sha256", opt(v.pdfSha256));
    return o;
}

Response requestEnrolment(Request& req, PlatformDeps& d) {
    return Response::created(enrolmentJson(d.platform.requestEnrolment(req.jsonObject(), req.requestId())), "/api/platform/enrolments");
}

Response listEnrolments(Request& req, PlatformDeps& d) {
    const Page pg = page(req);
    const auto items = d.platform.enrolments(req.query("state").value_or("pending"), pg.cursor, pg.limit);
    return Response::json(pageObject(jsonArray(items, enrolmentJson), items.size(), pg, items.empty() ? 0 : items.back().id));
}

Response decide(Request& req, PlatformDeps& d, bool approve) {
    JsonReader r(req.body().empty() ? makeObject() : req.jsonObject());
    const std::string reason = approve ? std::string() : r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return Response::json(enrolmentJson(d.platform.decide(req.principal(), req.idParam("id"), approve, reason, req.requestId())));
}
Response approve(Request& req, PlatformDeps& d) { return decide(req, d, true); }
Response refuse(Request& req, PlatformDeps& d) { return decide(req, d, false); }

// One envelope, or {"envelopes": [...]} of one lab (applied in one transaction).
Response feed(Request& req, PlatformDeps& d) {
    Poco::JSON::Object::Ptr obj;
    try {
        obj = parseObject(req.body());
    } catch (const std::exception&) {
        // FeedIngest::receive refuses it below, with the malformed fields named and logged
    }
    if (obj && obj->has("envelopes")) {
        const auto outcomes = d.feed.receiveBatch(obj);
        Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
        bool held = false;
        for (const auto& r : outcomes) {
            results->add(r.status);
            held = held || r.stillHeld();
        }
        auto o = makeObject();
        o->set("results", results);
        o->set("applied_through", outcomes.empty() ? 0 : outcomes.back().appliedThrough);
        return Response::json(o, held ? 202 : 200);
    }
    const FeedOutcome out = d.feed.receive(req.body());
    auto o = makeObject();
    o->set("status", out.status);
    o->set("applied_through", out.appliedThrough);
    return Response::json(o, out.stillHeld() ? 202 : 200);
}

// The inbox request: ?lab=&after=&wait_ms= and the signed headers, every bad one named.
struct InboxRequest {
    InboxAuth auth;
    std::int64_t after = 0;
    int waitMs = 0;
};

InboxRequest inboxRequest(Request& req) {
    InboxRequest in;
    std::vector<FieldError> errors;
    auto num = [&](const std::string& name, std::optional<std::string> v, std::int64_t max) -> std::int64_t {
        try {
            if (v && !v->empty() && v->size() <= 19 && v->find_first_not_of("0123456789") == std::string::npos) {
                const auto n = std::stoll(*v);
                if (n <= max) return n;
            }
        } catch (const std::exception&) {
        }
        errors.push_back({name, Message(assay::msg::kIntRange, {{"min", 0}, {"max", max}})});
        return 0;
    };
    in.auth.lab = num("lab", req.query("lab"), std::numeric_limits<std::int64_t>::max());
    in.after = num("after", req.query("after").value_or("0"), 9007199254740991LL);
    in.waitMs = static_cast<int>(num("wait_ms", req.query("wait_ms").value_or("0"), 25000));
    in.auth.timeMs = num("X-Assay-Time", req.header("X-Assay-Time"), 9007199254740991LL);
    in.auth.keyId = req.header("X-Assay-Key").value_or("");
    in.auth.signature = req.header("X-Assay-Signature").value_or("");
    if (!errors.empty()) throw Error::invalid(errors);
    return in;
}

Response inbox(Request& req, PlatformDeps& d) {
    const InboxRequest in = inboxRequest(req);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& it : d.platform.inbox(in.auth, in.after, in.waitMs)) {
        auto o = makeObject();
        o->set("seq", it.seq);
        o->set("type", it.type);
        o->set("body", parseObject(it.bodyJson));
        items->add(o);
    }
    auto o = makeObject();
    o->set("items", items);
    return Response::json(o);
}

Response search(Request& req, PlatformDeps& d) {
    const Page pg = page(req);
    CatalogueQuery q;
    q.q = req.query("q").value_or("");
    q.region = req.query("region").value_or("");
    q.scheme = req.query("scheme").value_or("");
    q.afterId = pg.cursor;
    q.limit = std::min(pg.limit, 100);
    std::vector<FieldError> errors = PlatformService::queryProblems(q);
    if (auto p = req.query("max_price"); p && !p->empty()) {
        const auto dec = Decimal::parse(*p);
        if (!dec || dec->toString().find('-') != std::string::npos) errors.push_back({"max_price", assay::msg::kNotDecimal});
        else q.maxPriceFen = static_cast<std::int64_t>(std::stod(dec->toString()) * 100 + 0.5);
    }
    if (auto m = req.query("max_days"); m && !m->empty()) {
        if (m->size() > 3 || m->find_first_not_of("0123456789") != std::string::npos || std::stoi(*m) < 1)
            errors.push_back({"max_days", Message(assay::msg::kIntRange, {{"min", 1}, {"max", 999}})});
        else q.maxDays = std::stoi(*m);
    }
    if (!errors.empty()) throw Error::invalid(errors);
    const auto items = d.platform.search(q);
    return Response::json(pageObject(jsonArray(items, rowJson), items.size(), Page{pg.cursor, q.limit}, items.empty() ? 0 : items.back().id));
}

Response labPage(Request& req, PlatformDeps& d) {
    const LabPage page = d.platform.labPage(req.idParam("id"));
    auto lab = enrolmentJson(page.lab);
    lab->remove("key_id");
    lab->remove("decided_by");
    lab->remove("reason");
    lab->remove("applied_seq");
    for (const auto& s : page.standings) {
        const std::string prefix = s.scheme == "CMA" ? "cma" : "cnas";
        lab->set(prefix + "_status", s.status);
        lab->set(prefix + "_valid_to", opt(s.validTo));
    }
    auto o = makeObject();
    o->set("lab", lab);
    o->set("rows", jsonArray(page.rows, rowJson));
    return Response::json(o);
}

Response verify(Request& req, PlatformDeps& d) {
    const auto number = req.query("number"), code = req.query("code");
    if ((number && !number->empty()) == (code && !code->empty())) throw Error::invalidField("number", msg::kVerifyOne);
    const bool byNumber = number && !number->empty();
    const auto found = d.platform.verify(byNumber ? "number" : "code", byNumber ? *number : *code);
    auto o = verificationJson(found.front());
    if (auto customer = disclosedCustomerOf(d.portal, found.front().labRef, found.front().number)) o->set("customer", *customer);
    return Response::json(o);
}

Response verifyPdf(Request& req, PlatformDeps& d) {
    if (req.body().empty()) throw Error::invalidField("body", assay::msg::kBodyRequired);
    const std::string sha = sha256Hex(req.body());
    auto o = makeObject();
    try {
        const auto found = d.platform.verify("pdf_sha256", sha);
        o->set("match", true);
        o->set("record", verificationJson(found.front()));
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NotFound) throw;
        o->set("match", false);
    }
    o->set("pdf_sha256", sha);
    return Response::json(o);
}

const RouteEntry<PlatformDeps> kPlatformRoutes[] = {
    {"POST", "/api/platform/enrolments", kPublic, "A lab asks to enrol, signed by the instance key it enrols (public)", requestEnrolment},
    {"GET", "/api/platform/enrolments", "platform:operate", "The operator's enrolment queue (?state=pending|approved|refused)", listEnrolments},
    {"POST", "/api/platform/enrolments/{id}/approve", "platform:operate", "Approve an enrolment: the key is bound to the lab's USCC, CMA and CNAS numbers", approve},
    {"POST", "/api/platform/enrolments/{id}/refuse", "platform:operate", "Refuse an enrolment, with the reason", refuse},
    {"POST", "/api/platform/feed", kPublic, "A lab's signed message (envelope): applied once, in the lab's order (signature-checked)", feed, false,
     16u * 1024u * 1024u},
    {"GET", "/api/platform/inbox", kPublic, "A lab's inbox after a seq, long poll (signed request headers)", inbox},
    {"GET", "/api/catalogue", kPublic, "Search the capability catalogue: product, parameter or standard, filters (public)", search},
    {"GET", "/api/catalogue/labs/{id}", kPublic, "An enrolled lab's page: standing and valid scope rows (public)", labPage},
    {"GET", "/api/platform/verify", kPublic, "Verify any enrolled lab's report by ?number= or ?code= (public)", verify},
    {"POST", "/api/platform/verify/pdf", kPublic, "Check an uploaded report PDF against the platform's records (public)", verifyPdf, false,
     4u * 1024u * 1024u},
};
}  // namespace

void registerLinkRoutes(Router& router, LinkDeps& deps) { addRoutes(router, deps, kLinkRoutes); }
void registerPlatformRoutes(Router& router, PlatformDeps& deps) { addRoutes(router, deps, kPlatformRoutes); }

}  // namespace assay::platform
