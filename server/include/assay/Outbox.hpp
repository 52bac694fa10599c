// Outbox: messages for other systems, written in the use case's transaction, delivered after it.
//
// Purpose: a module that must tell another system of a change (the platform link, a webhook)
// calls Outbox::enqueue(tx, topic, labId, payloadJson) inside the transaction of the change. The
// message commits with the change or not at all; it opens no transaction of its own. Each message
// gets a stable id (receivers de-duplicate on it) and a per-lab seq, gap-free and in commit order.
// A transport (OutboxTransport) is how messages leave: a plugin or module registers one in its
// initialize() with addTransport(). enqueue() writes one delivery row per registered transport
// that takes the topic, so each transport has its own delivery state and one slow receiver never
// holds back another. The host's delivery worker (one per node, server/src/OutboxWorker) sends
// each transport's messages of one lab in seq order: a message is sent only after every earlier
// one of its stream (transport, lab) was acknowledged; a refusal is retried with exponential
// back-off and jitter, and a message is marked delivered only on the receiver's acknowledgement.
// Delivery is at least once: a receiver gets exactly-once effects by ignoring an id it has seen.
// The host publishes the one Outbox in the service registry: ctx.services().require<Outbox>().
// Ownership: the host owns the Outbox; it shares ownership of the registered transports until
// stop.
// Thread-safety: addTransport() only during start-up (initialize); enqueue() and transports()
// from any thread after that. A transport's deliver() is called on one worker thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"

namespace assay {

// One message as a transport sends it.
struct OutboxMessage {
    std::int64_t id = 0;          // stable across every attempt and every node: the de-duplication key
    std::int64_t labId = 0;       // the lab (organization) it belongs to; 0 for none
    std::int64_t seq = 0;         // per lab: 1, 2, 3 ... in commit order, never reused
    std::int64_t streamSeq = 0;   // per (transport, lab): 1, 2, 3 ... of the messages this transport takes, gap-free
    std::string topic;            // "report.issued", "result.failed_limit" ...
    std::string payloadJson;      // a JSON object, as enqueued
    std::int64_t createdAtMs = 0;  // when the change happened (server clock, ms since epoch)
    int attempt = 1;              // this transport's attempt at this message (1 = first)
};

// What a transport says after one try.
struct DeliveryOutcome {
    bool acknowledged = false;
    std::string reason;  // why not, when not acknowledged (kept as the delivery's last error)
    static DeliveryOutcome ack() { return {true, {}}; }
    static DeliveryOutcome retryLater(std::string why) { return {false, std::move(why)}; }
};

class OutboxTransport {
public:
    virtual ~OutboxTransport() = default;
    // Stable across restarts (delivery rows are keyed by it): 1-64 of [a-z0-9._:-].
    virtual std::string name() const = 0;
    // Whether this transport carries messages of topic.
    virtual bool takes(const std::string& topic) const = 0;
    // Whether it carries this lab's message of a topic it takes, asked inside the enqueueing
    // transaction (the platform link carries nothing of a lab that never asked to enrol). Reads
    // only; errors propagate and roll the change back.
    virtual bool takesFrom(Tx& tx, const std::string& topic, std::int64_t labId) {
        (void)tx, (void)topic, (void)labId;
        return true;
    }
    // Where it sends, for the admin listing and logs; never a secret.
    virtual std::string describe() const { return name(); }
    // Sends one message. Called on the worker thread, outside any transaction; it must return
    // within its own timeout, well below outbox.lease_ms. Acknowledged only when the receiver
    // has taken the message; anything else (refused, timed out, an exception) is tried again later.
    virtual DeliveryOutcome deliver(const OutboxMessage& message) = 0;
};

class Outbox {
public:
    Outbox(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

    // Writes the message inside tx (the caller's transaction: never one of its own) and returns
    // its id. topic: 1-64 of [a-z0-9._-]; payloadJson: a JSON object. Errors: Error(Internal)
    // for a bad topic or payload (a programming error); database errors propagate, so the
    // caller's transaction rolls back with its change.
    std::int64_t enqueue(Tx& tx, const std::string& topic, std::int64_t labId, const std::string& payloadJson);

    // Registers a transport (start-up only: initialize()). Messages enqueued from then on are
    // delivered to it when it takes their topic. Errors: std::logic_error for a bad or repeated
    // name, or once the delivery worker has started.
    void addTransport(std::shared_ptr<OutboxTransport> transport);
    std::vector<std::shared_ptr<OutboxTransport>> transports() const;
    // The host seals the list when the delivery worker starts; clear() drops the transports at stop
    // (before plugin libraries unload).
    void seal();
    void clear();

    // One stream (a transport's messages of one lab), for the pages that show a link's state.
    struct StreamSummary {
        std::int64_t pending = 0;
        std::int64_t delivered = 0;
        std::int64_t deliveredThrough = 0;  // the highest stream seq acknowledged with every earlier one (0: none)
        std::int64_t lastStreamSeq = 0;     // the highest stream seq written
        std::optional<std::string> lastError;
        std::optional<std::int64_t> lastAttemptAtMs;
        std::optional<std::int64_t> nextAttemptAtMs;
    };
    static StreamSummary stream(Tx& tx, const std::string& transport, std::int64_t labId);
    // Marks the stream's delivered messages from stream seq fromSeq on pending again (the receiver
    // de-duplicates them) and lifts the stream's back-off; returns how many were re-queued.
    static std::int64_t resendFrom(Tx& tx, const std::string& transport, std::int64_t labId, std::int64_t fromSeq);
    // Lifts the stream's back-off, so its worker tries again on its next poll (after a cause of
    // refusals was removed, e.g. an enrolment approved).
    static void wake(Tx& tx, const std::string& transport, std::int64_t labId);

    static bool validName(const std::string& name);   // a transport name
    static bool validTopic(const std::string& topic);

private:
    const Clock& clock_;
    IdGenerator& ids_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<OutboxTransport>> transports_;
    bool sealed_ = false;
};

}  // namespace assay
