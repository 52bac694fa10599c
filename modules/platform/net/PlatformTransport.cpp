// PlatformTransport: the envelope, the key at its seq, the POST.
#include "net/PlatformTransport.hpp"

#include "assay/Clock.hpp"
#include "assay/Json.hpp"
#include "domain/Envelope.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformMessages.hpp"
#include "net/PlatformClient.hpp"

namespace assay::platform {

namespace {
// The report's public verification record from the reports module's payload: nothing else.
Poco::JSON::Object::Ptr reportRecord(const Poco::JSON::Object::Ptr& p) {
    auto o = makeObject();
    for (const char* k : {"number", "verification_code", "status", "issue_date", "pdf_sha256"})
        if (p->has(k) && p->get(k).isString()) o->set(k, p->getValue<std::string>(k));
    if (p->has("amends_number") && p->get("amends_number").isString()) o->set("amends", p->getValue<std::string>("amends_number"));
    return o;
}

const LinkKey* keyAt(const Link& l, std::int64_t seq) {
    const LinkKey* best = nullptr;
    for (const auto& k : l.keys) {  // newest first
        if (k.fromSeq != 0 && k.fromSeq >= seq) continue;
        if (!best || k.fromSeq > best->fromSeq) best = &k;
    }
    return best;
}
}  // namespace

bool PlatformTransport::takes(const std::string& topic) const {
    return topic == kCatalogueTopic || topic == kKeyRotatedTopic || topic == "report.issued" || topic == "report.withdrawn" ||
           topic.rfind("booking.", 0) == 0 || topic.rfind("instrument_booking.", 0) == 0 || topic.rfind("instrument_suspension.", 0) == 0;
}

bool PlatformTransport::takesFrom(Tx& tx, const std::string&, std::int64_t labId) {
    const auto link = store_.link(tx, labId);
    return link && (link->state == "requested" || link->state == "approved");
}

DeliveryOutcome PlatformTransport::deliver(const OutboxMessage& m) {
    try {
        const auto link = db_.read([&](Tx& tx) { return store_.link(tx, m.labId); });
        if (!link || link->state != "approved" || !link->enrolmentId) return DeliveryOutcome::retryLater(Message(msg::kNotEnrolled).english());
        const LinkKey* key = keyAt(*link, m.streamSeq);
        if (!key) return DeliveryOutcome::retryLater(Message(msg::kNoKey).english());
        Envelope e;
        e.lab = *link->enrolmentId;
        e.seq = m.streamSeq;
        e.occurredAt = formatRfc3339(fromEpochMillis(m.createdAtMs));
        e.keyId = key->keyId;
        const auto payload = parseObject(m.payloadJson);
        if (m.topic == kCatalogueTopic) {
            e.type = kTypeCatalogue;
            e.body = payload;
        } else if (m.topic == kKeyRotatedTopic) {
            e.type = kTypeKeyRotated;
            e.body = payload;
        } else if (m.topic.rfind("booking.", 0) == 0 || m.topic.rfind("instrument_", 0) == 0) {  // the type is the topic
            e.type = m.topic;
            e.body = payload;
        } else {
            e.type = kTypeReport;
            e.body = reportRecord(payload);
        }
        e.signature = signBase64(key->privatePem, link_.passphrase(), signedText(e));
        const std::string url = link_.platformUrlOf(*link);
        if (url.empty()) return DeliveryOutcome::retryLater("the server is not listening yet");
        const auto answer = platformCall(url, "POST", "/api/platform/feed", wireJson(e), {}, 15000);
        if (answer.status >= 200 && answer.status < 300) return DeliveryOutcome::ack();
        return DeliveryOutcome::retryLater(answer.status == 0 ? answer.body : "HTTP " + std::to_string(answer.status) + ": " + answer.body.substr(0, 300));
    } catch (const std::exception& ex) {
        return DeliveryOutcome::retryLater(ex.what());
    }
}

}  // namespace assay::platform
