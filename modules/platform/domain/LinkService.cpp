// LinkService: keys, enrolment, the catalogue snapshot, the inbox.
#include "domain/LinkService.hpp"
#include "domain/LabBookings.hpp"
#include "domain/LabInstruments.hpp"

#include <Poco/JSON/Array.h>

#include <set>

#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "assay/Messages.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/Envelope.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformMessages.hpp"
#include "net/PlatformClient.hpp"

namespace assay::platform {

namespace {
// The audit entities whose changes the catalogue shows.
const std::set<std::string>& catalogueEntities() {
    static const std::set<std::string> s = {"qualification", "scope_change", "scope_row", "price", "parameter",
                                                "standard",      "method",       "equipment", "shared_instrument"};
    return s;
}

Link emptyLink(std::int64_t lab) {
    Link l;
    l.labId = lab;
    return l;
}

std::string problemDetail(const std::string& body) {
    try {
        auto o = parseObject(body);
        if (o->has("detail")) return o->getValue<std::string>("detail");
    } catch (const std::exception&) {
    }
    return body.substr(0, 200);
}
}  // namespace

LinkService::LinkService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, Outbox& outbox,
                         identity::OrganizationDirectory& orgs, accreditation::QualificationStatus& standing,
                         accreditation::CatalogueSource& catalogue, LinkSettings settings)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), outbox_(outbox), orgs_(orgs), standing_(standing), catalogue_(catalogue),
      settings_(std::move(settings)) {}

LinkView LinkService::view(const Principal& p) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        LinkView v;
        v.link = store_.link(tx, lab).value_or(emptyLink(lab));
        v.outbox = Outbox::stream(tx, kTransportName, lab);
        return v;
    });
}

LinkView LinkService::createKey(const Principal& p, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    const NewInstanceKey made = generateInstanceKey(settings_.passphrase);  // outside the transaction: a retry makes another
    const auto at = toEpochMillis(clock_.now());
    db_.write([&](Tx& tx) {
        store_.ensureLink(tx, lab);
        const Link l = *store_.link(tx, lab);
        if (l.state == "requested") throw Error::failedPrecondition(msg::kWaitForDecision);
        LinkKey k{made.keyId, made.publicPem, made.encryptedPrivatePem, at, std::nullopt, 0};
        const bool rotation = l.state == "approved" && !l.keys.empty();
        if (rotation) {
            auto body = makeObject();
            body->set("key_id", made.keyId);
            body->set("public_key", made.publicPem);
            const auto id = outbox_.enqueue(tx, kKeyRotatedTopic, lab, toJson(body));
            long long mid = id, seq = 0;
            tx.sql() << "SELECT COALESCE(stream_seq, seq) FROM outbox_deliveries WHERE message_id = :id AND transport = 'platform'",
                soci::use(mid, "id"), soci::into(seq);
            k.fromSeq = seq;
        }
        store_.retireKeys(tx, lab, at);
        store_.insertKey(tx, lab, k);
        audit_.record(tx, &p, requestId, {"platform_link", std::to_string(lab), rotation ? "rotate_key" : "create_key", "key_id",
                                          l.keys.empty() ? std::nullopt : std::optional<std::string>(l.keys.front().keyId), made.keyId,
                                          std::nullopt});
    });
    return view(p);
}

std::string LinkService::platformUrlOf(const Link& l) const {
    if (l.platformUrl && !l.platformUrl->empty()) return *l.platformUrl;
    return settings_.localUrl ? settings_.localUrl() : std::string();
}

LinkService::PreparedEnrolment LinkService::prepareEnrolment(const Principal& p, const EnrolRequest& in) {
    const std::int64_t lab = identity::requireLab(p);
    std::vector<FieldError> errors;
    if (in.platformUrl && !isPlatformUrl(*in.platformUrl)) errors.push_back({"platform_url", msg::kUrl});
    if (!in.platformUrl && !settings_.platformHere) errors.push_back({"platform_url", msg::kSelfOnlyInBoth});
    bool region = in.region.size() == 6 && in.region != "000000";
    for (char c : in.region) region = region && c >= '0' && c <= '9';
    if (!region) errors.push_back({"region", msg::kRegion});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::string today = isoDateInLab(clock_.now());
    auto [link, org, cma, cnas] = db_.read([&](Tx& tx) {
        auto l = store_.link(tx, lab).value_or(emptyLink(lab));
        auto o = orgs_.organizationById(tx, lab);
        return std::tuple{l, o, standing_.standingOn(tx, lab, accreditation::Scheme::Cma, today),
                          standing_.standingOn(tx, lab, accreditation::Scheme::Cnas, today)};
    });
    if (link.keys.empty()) throw Error::failedPrecondition(msg::kNoKey);
    if (link.state == "requested" || link.state == "approved")
        throw Error::failedPrecondition(
            Message(msg::kAlreadyEnrolled, {{"state", Message(link.state == "approved" ? msg::kStateApproved : msg::kStateRequested)}}));
    if (!org || org->uscc.empty()) throw Error::failedPrecondition(msg::kUsccRequired);
    const LinkKey& key = link.keys.front();
    auto body = makeObject();
    body->set("name", org->name);
    body->set("uscc", org->uscc);
    if (!cma.number.empty()) body->set("cma_no", cma.number);
    if (!cnas.number.empty()) body->set("cnas_no", cnas.number);
    body->set("region", in.region);
    if (in.turnaroundDays) body->set("turnaround_days", *in.turnaroundDays);
    body->set("key_id", key.keyId);
    body->set("public_key", key.publicPem);
    body->set("signature", signBase64(key.privatePem, settings_.passphrase, canonicalJson(body)));
    PreparedEnrolment out{"", toJson(body), link, link.state};
    out.next.platformUrl = in.platformUrl;
    out.next.region = in.region;
    out.next.turnaroundDays = in.turnaroundDays;
    out.url = platformUrlOf(out.next);
    return out;
}

void LinkService::recordEnrolment(const Principal& p, PreparedEnrolment prepared, std::int64_t enrolmentId, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    prepared.next.enrolmentId = enrolmentId;
    prepared.next.requestedAtMs = toEpochMillis(clock_.now());
    db_.write([&](Tx& tx) {
        store_.ensureLink(tx, lab);
        store_.setRequested(tx, prepared.next);
        audit_.record(tx, &p, requestId, {"platform_link", std::to_string(lab), "request_enrolment", "state", prepared.previousState,
                                          std::string("requested"), prepared.url});
    });
}

LinkView LinkService::enrol(const Principal& p, const EnrolRequest& in, const std::string& requestId) {
    auto prepared = prepareEnrolment(p, in);
    // The call to the platform is outside any transaction.
    const auto answer = platformCall(prepared.url, "POST", "/api/platform/enrolments", prepared.bodyJson, {}, 15000);
    if (answer.status == 0)
        throw Error(ErrorCode::Unavailable,
                    Message(msg::kPlatformUnreachable, {{"url", prepared.url}, {"detail", answer.body.substr(0, 200)}}));
    if (answer.status != 201) throw Error(ErrorCode::Unavailable, Message(msg::kPlatformRefused, {{"detail", problemDetail(answer.body)}}));
    const auto made = parseObject(answer.body);
    recordEnrolment(p, std::move(prepared), std::stoll(made->getValue<std::string>("id")), requestId);
    return view(p);
}

std::int64_t LinkService::resendFrom(const Principal& p, std::int64_t fromSeq, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        const auto n = Outbox::resendFrom(tx, kTransportName, lab, fromSeq);
        audit_.record(tx, &p, requestId, {"platform_link", std::to_string(lab), "resend", "from_seq", std::nullopt,
                                          std::to_string(fromSeq), std::nullopt});
        return n;
    });
}

LinkView LinkService::publishNow(const Principal& p, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    db_.write([&](Tx& tx) {
        const auto l = store_.link(tx, lab);
        if (!l || l->state != "approved") throw Error::failedPrecondition(msg::kNotEnrolled);
        enqueueCatalogue(tx, lab);
        audit_.record(tx, &p, requestId, {"platform_link", std::to_string(lab), "publish", "", std::nullopt, std::nullopt, std::nullopt});
    });
    return view(p);
}

void LinkService::markCatalogueChanged(Tx& tx, const AuditRecord& r) {
    if (!r.orgId || !catalogueEntities().count(r.event.entity)) return;
    store_.markDirty(tx, *r.orgId);
}

std::string LinkService::catalogueBody(Tx& tx, std::int64_t labId, const std::string& date, std::optional<int> turnaroundDays) {
    auto body = makeObject();
    body->set("date", date);
    if (turnaroundDays) body->set("turnaround_days", *turnaroundDays);
    Poco::JSON::Array::Ptr standings = new Poco::JSON::Array;
    for (auto scheme : {accreditation::Scheme::Cma, accreditation::Scheme::Cnas}) {
        const auto s = standing_.standingOn(tx, labId, scheme, date);
        if (s.status == accreditation::CertificateStatus::None) continue;
        auto o = makeObject();
        o->set("scheme", std::string(toString(scheme)));
        o->set("number", s.number);
        o->set("status", std::string(toString(s.status)));
        if (s.validTo) o->set("valid_to", *s.validTo);
        standings->add(o);
    }
    body->set("standings", standings);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& r : catalogue_.catalogueRows(tx, labId, date)) {
        auto o = makeObject();
        o->set("row_key", std::to_string(r.rowKey));
        o->set("scheme", std::string(toString(r.scheme)));
        o->set("site", r.site);
        o->set("category", r.category);
        o->set("product", r.product);
        o->set("parameter", r.parameter);
        if (r.parameterEn) o->set("parameter_en", *r.parameterEn);
        o->set("standard", r.standard);
        if (!r.standardTitle.empty()) o->set("standard_title", r.standardTitle);
        if (r.limitation) o->set("limitation", *r.limitation);
        if (r.price) o->set("price", *r.price);
        rows->add(o);
    }
    body->set("rows", rows);
    if (instruments_) body->set("instruments", instruments_->cataloguePart(tx, labId, date));
    return toJson(body);
}

void LinkService::enqueueCatalogue(Tx& tx, std::int64_t labId) {
    const auto l = store_.link(tx, labId);
    const std::string today = isoDateInLab(clock_.now());
    outbox_.enqueue(tx, kCatalogueTopic, labId, catalogueBody(tx, labId, today, l ? l->turnaroundDays : std::nullopt));
}

void LinkService::publishDue() {
    const std::string today = isoDateInLab(clock_.now());
    const auto labs = db_.read([&](Tx& tx) { return store_.labsInState(tx, "approved", "approved"); });
    for (const auto lab : labs) {
        db_.write([&](Tx& tx) {
            if (store_.claimPublication(tx, lab, today)) enqueueCatalogue(tx, lab);
        });
    }
    if (bookings_) bookings_->publishChanges();
}

std::vector<Link> LinkService::linksToPoll() {
    return db_.read([&](Tx& tx) {
        std::vector<Link> out;
        for (const auto lab : store_.labsInState(tx, "requested", "approved"))
            if (auto l = store_.link(tx, lab)) out.push_back(*l);
        return out;
    });
}

void LinkService::applyInbox(std::int64_t labId, const std::vector<InboxItem>& items) {
    for (const auto& item : items) {
        // A unit of work: intake's use cases that a booking runs join it, each as a savepoint.
        db_.unitOfWork([&](Tx& tx) {
            const auto l = store_.link(tx, labId);
            if (!l || !store_.advanceInbox(tx, labId, item.seq - 1, item.seq)) return;  // applied already (or out of turn)
            if (instruments_ && item.type == "instrument_booking") {
                instruments_->apply(tx, labId, parseObject(item.bodyJson));
            } else if (bookings_ && LabBookings::handles(item.type)) {
                bookings_->apply(tx, labId, item.type, parseObject(item.bodyJson));
            } else if (item.type == "enrolment.decided") {
                const auto body = parseObject(item.bodyJson);
                const std::string state = body->optValue<std::string>("state", "");
                if (state != "approved" && state != "refused") return;
                std::optional<std::string> reason;
                if (body->has("reason")) reason = body->getValue<std::string>("reason");
                store_.setDecision(tx, labId, state, reason, toEpochMillis(clock_.now()));
                if (state == "approved") Outbox::wake(tx, kTransportName, labId);  // what waited goes now
                audit_.record(tx, nullptr, "platform-inbox", {"platform_link", std::to_string(labId), "enrolment_decided", "state",
                                                              l->state, state, reason});
            } else {
                Log::warn("platform.inbox_unknown_type", {{"lab", std::to_string(labId)}, {"type", item.type}});
            }
        });
    }
}

void LinkService::setPollError(std::int64_t labId, const std::optional<std::string>& error) {
    db_.write([&](Tx& tx) { store_.setPollError(tx, labId, error); });
}

}  // namespace assay::platform
