// OutboxWorker: the delivery worker of one node (docs/architecture.md "Outbox").
//
// Purpose: sends committed outbox messages through the registered transports. A stream is one
// transport's messages of one lab; it is sent in seq order, one message at a time, and the next
// is sent only after the receiver acknowledged the one before. Several nodes may run a worker on
// one database: a node sends a stream only while it holds the stream's lease (outbox_streams:
// claimed_by + lease_until_ms + lease_version, taken and renewed with conditional UPDATEs), so two
// nodes never send the same stream at once. A refusal records the attempt and its reason, releases
// the stream and puts it off by exponential back-off with jitter (outboxBackoffMs). A delivery is
// marked delivered only after the transport returned an acknowledgement.
// Database rules: every step is its own short transaction (at most one leased session at a time);
// the transport is called outside any transaction.
// Ownership: the host owns the worker; the worker shares the transports while it runs.
// Thread-safety: start()/stop() from one thread; runOnce() and the counters from any thread
// (one thread per transport runs runOnce() after start()).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/Outbox.hpp"

namespace assay {

struct OutboxOptions {
    int pollMs = 1000;            // how often an idle worker looks for committed messages
    std::int64_t backoffMinMs = 1000;    // the wait after the first failure in a row
    std::int64_t backoffMaxMs = 300000;  // the longest wait (5 min)
    std::int64_t leaseMs = 60000;        // how long a claim on a stream holds without renewal
    std::string node;             // this node's name in claimed_by (unique per process)
};

// The wait after the failures-th failure in a row (failures >= 1): minMs * 2^(failures-1), capped
// at maxMs, drawn from the upper half of that step ("equal jitter": random01 in [0, 1) picks
// [step/2, step)), so nodes that failed together do not retry together.
std::int64_t outboxBackoffMs(int failures, std::int64_t minMs, std::int64_t maxMs, double random01);

// One stream as the admin listing shows it.
struct OutboxStreamState {
    std::string transport;
    std::int64_t labId = 0;
    std::int64_t pending = 0;
    std::int64_t delivered = 0;
    std::optional<std::int64_t> nextSeq;        // the oldest pending message's seq
    std::optional<std::int64_t> nextMessageId;  // and its id
    int nextAttempts = 0;                       // attempts at it so far
    int failures = 0;                           // failures in a row of the stream
    std::int64_t nextAttemptAtMs = 0;
    std::optional<std::string> lastError;
    std::optional<std::string> claimedBy;
    std::int64_t leaseUntilMs = 0;
};

class OutboxWorker {
public:
    OutboxWorker(Db& db, const Clock& clock, Outbox& outbox, OutboxOptions options);
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    // Starts one thread per registered transport (none without transports).
    void start();
    // Asks the threads to stop and joins them; a delivery in flight finishes first (bounded by
    // the transport's timeout), and its stream is released.
    void stop();
    bool running() const { return !threads_.empty(); }

    // One pass over the transport's streams that have pending messages and are due: claims each
    // it can, sends its messages in order until one is refused or none is left, releases it.
    // Returns the number acknowledged. Errors: database errors propagate (Error(Unavailable)).
    int runOnce(OutboxTransport& transport);

    const std::string& node() const { return options_.node; }
    const OutboxOptions& options() const { return options_; }
    // Since this worker started, by transport.
    std::map<std::string, std::uint64_t> deliveredCounts() const;
    std::map<std::string, std::uint64_t> failedAttemptCounts() const;
    // Prometheus lines: pending by transport (read from the database), delivered and failed
    // attempts on this node.
    std::string metricsText();
    // Every stream with its pending and delivered counts, transport then lab.
    static std::vector<OutboxStreamState> streams(Tx& tx);

private:
    std::optional<std::int64_t> claim(const std::string& transport, std::int64_t lab);
    int drain(OutboxTransport& transport, const std::string& name, std::int64_t lab, std::int64_t leaseVersion);
    void release(const std::string& transport, std::int64_t lab, std::int64_t leaseVersion);
    void loop(std::shared_ptr<OutboxTransport> transport);
    std::int64_t nowMs() const;
    bool stopping() const { return stop_.load(); }

    Db& db_;
    const Clock& clock_;
    Outbox& outbox_;
    OutboxOptions options_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::thread> threads_;
    mutable std::mutex counts_mutex_;
    std::map<std::string, std::uint64_t> delivered_, failed_;
};

}  // namespace assay
