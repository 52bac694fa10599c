// FeedIngest: verify, order, apply once.
#include "domain/FeedIngest.hpp"
#include "domain/InstrumentBookings.hpp"
#include "domain/PortalService.hpp"

#include <Poco/JSON/Array.h>

#include <map>
#include <set>

#include "assay/Log.hpp"
#include "assay/Messages.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformMessages.hpp"
#include "domain/SearchTerms.hpp"

namespace assay::platform {

namespace {
// A body field the type needs; 422 naming it when absent or not text.
std::string need(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || !o->get(key).isString()) throw Error::failedPrecondition(Message(msg::kBadBody, {{"detail", key}}));
    return o->getValue<std::string>(key);
}

std::optional<std::string> maybe(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || !o->get(key).isString()) return std::nullopt;
    return o->getValue<std::string>(key);
}

Poco::JSON::Array::Ptr array(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->getArray(key).isNull()) throw Error::failedPrecondition(Message(msg::kBadBody, {{"detail", key}}));
    return o->getArray(key);
}
}  // namespace

void FeedIngest::refuse(const Error& e, std::optional<std::int64_t> lab, std::optional<std::int64_t> seq, const std::string& reason) {
    const auto at = toEpochMillis(clock_.now());
    const std::string detail = e.publicMessage().substr(0, 500);
    db_.write([&](Tx& tx) { store_.insertRefusal(tx, ids_.next(), lab, seq, reason, detail, at); });
    Log::warn("platform.feed_refused", {{"reason", reason},
                                        {"lab", lab ? std::to_string(*lab) : std::string("-")},
                                        {"seq", seq ? std::to_string(*seq) : std::string("-")},
                                        {"detail", detail}});
    throw e;
}

void FeedIngest::verify(const std::vector<Envelope>& batch) {
    const Envelope& first = batch.front();
    const auto lab = std::to_string(first.lab);
    std::set<std::string> keyIds;
    for (const auto& e : batch) keyIds.insert(e.keyId);
    auto [found, keys] = db_.read([&](Tx& tx) {
        auto l = store_.enrolment(tx, first.lab);
        std::map<std::string, std::string> k;
        if (l)
            for (const auto& id : keyIds)
                if (auto pem = store_.labKey(tx, first.lab, id)) k[id] = *pem;
        return std::pair{l, k};
    });
    if (!found) refuse(Error(ErrorCode::NotFound, Message(msg::kUnknownLab, {{"lab", lab}})), std::nullopt, first.seq, "unknown_lab");
    if (found->state != "approved")
        refuse(Error(ErrorCode::PermissionDenied, Message(msg::kNotApproved, {{"lab", lab}})), first.lab, first.seq, "not_approved");
    for (const auto& e : batch) {
        const auto key = keys.find(e.keyId);
        if (key == keys.end())
            refuse(Error::unauthenticated(Message(msg::kUnknownKey, {{"lab", lab}, {"key", e.keyId}})), e.lab, e.seq, "unknown_key");
        if (!verifyBase64(key->second, signedText(e), e.signature))
            refuse(Error::unauthenticated(Message(msg::kBadSignature)), e.lab, e.seq, "bad_signature");
    }
}

FeedOutcome FeedIngest::receive(const std::string& wire) {
    auto parsed = parseEnvelope(wire);
    if (!parsed.envelope) refuse(Error::invalid(parsed.errors), std::nullopt, std::nullopt, "malformed");
    return receiveBatch({*parsed.envelope}).front();
}

std::vector<FeedOutcome> FeedIngest::receiveBatch(const Poco::JSON::Object::Ptr& body) {
    std::vector<FieldError> errors;
    std::vector<Envelope> batch;
    const auto arr = body->has("envelopes") ? body->getArray("envelopes") : Poco::JSON::Array::Ptr();
    if (!arr || arr->size() == 0) errors.push_back({"envelopes", assay::msg::kRequired});
    else if (arr->size() > kMaxBatch) errors.push_back({"envelopes", Message(msg::kBatchSize, {{"max", static_cast<int>(kMaxBatch)}})});
    for (const auto& [k, v] : *body) {
        (void)v;
        if (k != "envelopes") errors.push_back({k, assay::msg::kUnknownField});
    }
    for (std::size_t i = 0; errors.empty() && i < arr->size(); ++i) {
        auto p = parseEnvelope(arr->getObject(static_cast<unsigned>(i)), "envelopes[" + std::to_string(i) + "]");
        if (p.envelope) batch.push_back(std::move(*p.envelope));
        errors.insert(errors.end(), p.errors.begin(), p.errors.end());
    }
    if (!errors.empty()) refuse(Error::invalid(errors), std::nullopt, std::nullopt, "malformed");
    return receiveBatch(batch);
}

std::vector<FeedOutcome> FeedIngest::receiveBatch(const std::vector<Envelope>& batch) {
    if (batch.empty()) return {};
    for (std::size_t i = 1; i < batch.size(); ++i)
        if (batch[i].lab != batch.front().lab)
            refuse(Error::invalidField("envelopes[" + std::to_string(i) + "].lab", msg::kOneLab), std::nullopt, batch[i].seq, "malformed");
    verify(batch);
    const std::int64_t labId = batch.front().lab;
    const auto at = toEpochMillis(clock_.now());
    std::optional<std::int64_t> conflictSeq;
    std::vector<std::int64_t> duplicates;
    std::vector<FeedOutcome> out = db_.write([&](Tx& tx) {
        conflictSeq.reset();
        duplicates.clear();
        std::vector<FeedOutcome> results;
        store_.lockLab(tx, labId);
        const auto lab = store_.enrolment(tx, labId);
        std::int64_t through = lab->appliedSeq;
        for (const auto& e : batch) {
            const std::string sha = sha256Hex(signedText(e));
            if (e.seq <= through) {
                const auto was = store_.appliedHash(tx, labId, e.seq);
                if (was && *was != sha) {
                    conflictSeq = e.seq;
                    break;
                }
                duplicates.push_back(e.seq);
                results.push_back({"duplicate", through, e.seq});
                continue;
            }
            if (e.seq > through + 1) {
                store_.hold(tx, labId, e.seq, wireJson(e), at);
                results.push_back({"held", through, e.seq});
                continue;
            }
            apply(tx, *lab, e);
            store_.insertApplied(tx, labId, e.seq, sha, e.type, at);
            ++through;
            while (auto next = store_.held(tx, labId, through + 1)) {  // what waited for it
                auto h = parseEnvelope(*next);
                if (!h.envelope) break;  // held only after verification: cannot happen
                apply(tx, *lab, *h.envelope);
                store_.insertApplied(tx, labId, through + 1, sha256Hex(signedText(*h.envelope)), h.envelope->type, at);
                ++through;
            }
            results.push_back({"applied", through, e.seq});
        }
        if (through != lab->appliedSeq) {
            store_.dropHeld(tx, labId, through);
            store_.setAppliedSeq(tx, labId, through);
        }
        for (auto& r : results) r.appliedThrough = through;
        return results;
    });
    if (!duplicates.empty()) {
        db_.write([&](Tx& tx) {
            for (auto seq : duplicates) store_.insertRefusal(tx, ids_.next(), labId, seq, "duplicate", "already applied: answered as success", at);
        });
        Log::info("platform.feed_duplicate", {{"lab", std::to_string(labId)}, {"count", std::to_string(duplicates.size())}});
    }
    if (conflictSeq)
        refuse(Error::conflict(Message(msg::kReplayConflict, {{"seq", *conflictSeq}})), labId, *conflictSeq, "replay_conflict");
    return out;
}

void FeedIngest::apply(Tx& tx, const Enrolment& lab, const Envelope& e) {
    if (e.type == kTypeCatalogue) return applyCatalogue(tx, lab, e.body);
    if (e.type == kTypeReport) return applyReport(tx, lab, e.body);
    if (portal_ && e.type.rfind("booking.", 0) == 0) return portal_->applyLabMessage(tx, lab.id, e.type, e.body);
    if (instruments_ && (e.type.rfind("instrument_booking.", 0) == 0 || e.type.rfind("instrument_suspension.", 0) == 0))
        return instruments_->applyLabMessage(tx, lab.id, e.type, e.body);
    // key.rotated: the new key signs what follows; the old one stays for what it signed.
    const std::string keyId = need(e.body, "key_id"), pem = need(e.body, "public_key");
    if (keyIdOf(pem) != keyId) throw Error::failedPrecondition(Message(msg::kBadBody, {{"detail", "key_id"}}));
    if (!store_.labKey(tx, lab.id, keyId)) store_.insertLabKey(tx, lab.id, keyId, pem, toEpochMillis(clock_.now()));
}

void FeedIngest::applyCatalogue(Tx& tx, const Enrolment& lab, const Poco::JSON::Object::Ptr& body) {
    std::vector<Standing> standings;
    auto st = array(body, "standings");
    for (std::size_t i = 0; i < st->size(); ++i) {
        auto s = st->getObject(static_cast<unsigned>(i));
        standings.push_back({need(s, "scheme"), need(s, "number"), need(s, "status"), maybe(s, "valid_to")});
    }
    std::optional<int> days = lab.turnaroundDays;
    if (body->has("turnaround_days") && body->get("turnaround_days").isInteger()) days = body->getValue<int>("turnaround_days");
    std::vector<CatalogueEntry> entries;
    auto rs = array(body, "rows");
    for (std::size_t i = 0; i < rs->size(); ++i) {
        auto r = rs->getObject(static_cast<unsigned>(i));
        CatalogueEntry c;
        c.id = ids_.next();
        c.labRef = lab.id;
        c.labName = lab.name;
        c.rowKey = std::stoll(need(r, "row_key"));
        c.scheme = need(r, "scheme");
        c.region = lab.region;
        c.site = need(r, "site");
        c.category = need(r, "category");
        c.product = need(r, "product");
        c.parameter = need(r, "parameter");
        c.parameterEn = maybe(r, "parameter_en");
        c.standard = need(r, "standard");
        c.standardTitle = maybe(r, "standard_title");
        c.limitation = maybe(r, "limitation");
        c.price = maybe(r, "price");
        c.turnaroundDays = days;
        c.terms = indexTerms({c.product, c.category, c.parameter, c.parameterEn.value_or(""), c.standard, c.standardTitle.value_or("")});
        entries.push_back(std::move(c));
    }
    store_.setTurnaround(tx, lab.id, days);
    store_.replaceStandings(tx, lab.id, standings);
    store_.replaceCatalogue(tx, lab.id, entries);
    if (instruments_) instruments_->replaceFromCatalogue(tx, lab.id, body);
}

void FeedIngest::applyReport(Tx& tx, const Enrolment& lab, const Poco::JSON::Object::Ptr& body) {
    VerificationRecord v;
    v.labRef = lab.id;
    v.number = need(body, "number");
    v.code = maybe(body, "verification_code");
    v.status = need(body, "status") == "withdrawn" ? "withdrawn" : "valid";
    v.issueDate = maybe(body, "issue_date");
    v.pdfSha256 = maybe(body, "pdf_sha256");
    const auto at = toEpochMillis(clock_.now());
    store_.upsertVerification(tx, v, at);
    if (auto amends = maybe(body, "amends"); amends && v.status == "valid") store_.markSuperseded(tx, lab.id, *amends, v.number, at);
}

}  // namespace assay::platform
