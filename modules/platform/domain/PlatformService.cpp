// PlatformService: enrolments, the catalogue, verification records, inboxes.
#include "domain/PlatformService.hpp"

#include <chrono>
#include <thread>

#include "assay/Api.hpp"
#include "assay/Json.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "assay/Uscc.hpp"
#include "domain/Envelope.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformMessages.hpp"
#include "domain/SearchTerms.hpp"

namespace assay::platform {

namespace {
bool isRegion(const std::string& s) {
    if (s.size() != 6) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return s != "000000";
}
}  // namespace

Enrolment PlatformService::requestEnrolment(const Poco::JSON::Object::Ptr& body, const std::string& requestId) {
    JsonReader r(body);
    Enrolment e;
    e.name = r.requiredString("name", 200);
    e.uscc = r.requiredString("uscc", 18);
    e.cmaNo = r.optionalString("cma_no", 32);
    e.cnasNo = r.optionalString("cnas_no", 32);
    e.region = r.requiredString("region", 6);
    if (auto d = r.optionalInt("turnaround_days", 1, 365)) e.turnaroundDays = static_cast<int>(*d);
    e.keyId = r.requiredString("key_id", 64);
    const std::string pem = r.requiredString("public_key", 1000, Lines::many);
    const std::string signature = r.requiredString("signature", 200);
    std::vector<FieldError> errors;
    if (!e.uscc.empty())
        if (auto m = usccMessage(e.uscc)) errors.push_back({"uscc", *m});
    if (!e.region.empty() && !isRegion(e.region)) errors.push_back({"region", msg::kRegion});
    const std::string actualId = pem.empty() ? std::string() : keyIdOf(pem);
    if (!pem.empty() && actualId.empty()) errors.push_back({"public_key", msg::kPublicKey});
    if (!actualId.empty() && actualId != e.keyId) errors.push_back({"key_id", msg::kKeyIdMismatch});
    if (errors.empty() && r.errors().empty()) {
        auto unsignedBody = makeObject();
        for (const auto& [k, v] : *body)
            if (k != "signature") unsignedBody->set(k, v);
        if (!verifyBase64(pem, canonicalJson(unsignedBody), signature)) errors.push_back({"signature", msg::kProofSignature});
    }
    finishWith(r, errors);  // with the reader's own findings and unknown fields
    e.id = ids_.next();
    e.state = "pending";
    e.requestedAtMs = toEpochMillis(clock_.now());
    return db_.write([&](Tx& tx) {
        store_.insertEnrolment(tx, e, pem);
        audit_.record(tx, nullptr, requestId, {"platform_lab", std::to_string(e.id), "request_enrolment", "", std::nullopt,
                                               e.uscc + " " + e.name, std::nullopt});
        return *store_.enrolment(tx, e.id);
    });
}

std::vector<Enrolment> PlatformService::enrolments(const std::string& state, std::int64_t afterId, int limit) {
    if (state != "pending" && state != "approved" && state != "refused")
        throw Error::invalidField("state", Message(assay::msg::kOneOf, {{"choices", "pending, approved, refused"}}));
    return db_.read([&](Tx& tx) { return store_.enrolments(tx, state, afterId, limit); });
}

Enrolment PlatformService::decide(const Principal& p, std::int64_t id, bool approve, const std::string& reason, const std::string& requestId) {
    if (!approve && reason.empty()) throw Error::invalidField("reason", msg::kReasonRequired);
    const auto at = toEpochMillis(clock_.now());
    return db_.write([&](Tx& tx) {
        auto e = store_.enrolment(tx, id);
        if (!e) throw Error::notFound("enrolment");
        const std::string state = approve ? "approved" : "refused";
        if (!store_.decide(tx, id, state, p.userId, at, approve ? std::nullopt : std::optional<std::string>(reason)))
            throw Error::conflict(Message(msg::kNotPending, {{"state", Message(e->state == "approved" ? msg::kStateApproved : msg::kStateRefused)}}));
        auto body = makeObject();
        body->set("state", state);
        body->set("enrolment_id", std::to_string(id));
        if (!approve) body->set("reason", reason);
        store_.appendInbox(tx, id, "enrolment.decided", toJson(body), at);
        audit_.record(tx, &p, requestId, {"platform_lab", std::to_string(id), approve ? "approve" : "refuse", "state",
                                          std::string("pending"), state, approve ? std::nullopt : std::optional<std::string>(reason)});
        return *store_.enrolment(tx, id);
    });
}

std::vector<FieldError> PlatformService::queryProblems(const CatalogueQuery& q) {
    std::vector<FieldError> errors;
    if (chars(q.q) > 100) errors.push_back({"q", msg::kQueryTooLong});  // code points, as the message says
    else if (const MessageDef* p = textProblemMessage(q.q, Lines::one)) errors.push_back({"q", *p});
    if (!q.region.empty() && !isRegion(q.region)) errors.push_back({"region", msg::kRegion});
    if (!q.scheme.empty() && q.scheme != "CMA" && q.scheme != "CNAS") errors.push_back({"scheme", msg::kSchemeFilter});
    return errors;
}

std::vector<CatalogueEntry> PlatformService::search(CatalogueQuery q) {
    if (auto errors = queryProblems(q); !errors.empty()) throw Error::invalid(errors);
    const auto phrases = queryPhrases(q.q);
    const std::string today = isoDateInLab(clock_.now());
    return db_.read([&](Tx& tx) {
        q.q = phrases.empty() ? std::string() : tx.isSqlite() ? fts5Match(phrases) : mroongaMatch(phrases);
        return store_.search(tx, q, today);
    });
}

LabPage PlatformService::labPage(std::int64_t labRef) {
    const std::string today = isoDateInLab(clock_.now());
    return db_.read([&](Tx& tx) {
        auto e = store_.enrolment(tx, labRef);
        if (!e || e->state != "approved") throw Error::notFound("lab");
        LabPage page{*e, store_.standings(tx, labRef), {}};
        CatalogueQuery q;
        q.labRef = labRef;
        q.limit = 2000;
        page.rows = store_.search(tx, q, today);
        return page;
    });
}

std::vector<VerificationRecord> PlatformService::verify(const std::string& column, const std::string& value) {
    auto found = db_.read([&](Tx& tx) { return store_.verificationsBy(tx, column, value); });
    if (found.empty()) throw Error(ErrorCode::NotFound, Message(msg::kNoSuchReport));
    return found;
}

std::string PlatformService::inboxSignedText(std::int64_t lab, std::int64_t after, std::int64_t timeMs) {
    return "GET /api/platform/inbox\nlab=" + std::to_string(lab) + "\nafter=" + std::to_string(after) + "\ntime=" + std::to_string(timeMs);
}

std::vector<InboxItem> PlatformService::inbox(const InboxAuth& auth, std::int64_t after, int waitMs) {
    const auto now = toEpochMillis(clock_.now());
    const auto key = db_.read([&](Tx& tx) { return store_.labKey(tx, auth.lab, auth.keyId); });
    if (!key || std::llabs(now - auth.timeMs) > 5 * 60 * 1000 ||
        !verifyBase64(*key, inboxSignedText(auth.lab, after, auth.timeMs), auth.signature))
        throw Error::unauthenticated(Message(msg::kInboxAuth));
    db_.write([&](Tx& tx) { store_.ackInbox(tx, auth.lab, after); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(waitMs);
    for (;;) {
        auto items = db_.read([&](Tx& tx) { return store_.inbox(tx, auth.lab, after, 100); });
        if (!items.empty() || std::chrono::steady_clock::now() >= deadline) return items;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

}  // namespace assay::platform
