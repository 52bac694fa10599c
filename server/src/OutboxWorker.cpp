// OutboxWorker: claim a stream, send in order, record the outcome.
#include "OutboxWorker.hpp"

#include <algorithm>
#include <random>
#include <sstream>

#include "assay/Log.hpp"
#include "assay/Rows.hpp"

namespace assay {

namespace {
// The labs with pending deliveries whose stream this node may claim now: new, or due and not
// leased by another node. (The claim itself decides; this only spares a write transaction per
// poll for every stream that waits out its back-off, e.g. through a week-long outage.)
constexpr const char* kStreamsWithPending =
    "SELECT DISTINCT d.lab_id FROM outbox_deliveries d LEFT JOIN outbox_streams s ON s.transport = d.transport AND s.lab_id = d.lab_id "
    "WHERE d.transport = :t AND d.state = 'pending' AND (s.lab_id IS NULL OR (s.next_attempt_at_ms <= :now "
    "AND (s.claimed_by IS NULL OR s.claimed_by = :me OR s.lease_until_ms < :now2)))";
constexpr const char* kEnsureStreamSqlite =
    "INSERT INTO outbox_streams (transport, lab_id) VALUES (:t, :lab) ON CONFLICT (transport, lab_id) DO NOTHING";
constexpr const char* kEnsureStreamMysql =
    "INSERT INTO outbox_streams (transport, lab_id) VALUES (:t, :lab) ON DUPLICATE KEY UPDATE lab_id = lab_id";
// Taken when free, expired or already ours, and only once its back-off has passed.
constexpr const char* kClaim =
    "UPDATE outbox_streams SET claimed_by = :me, lease_until_ms = :until, lease_version = lease_version + 1 "
    "WHERE transport = :t AND lab_id = :lab AND next_attempt_at_ms <= :now "
    "AND (claimed_by IS NULL OR claimed_by = :me2 OR lease_until_ms < :now2)";
constexpr const char* kLeaseVersion = "SELECT lease_version, failures FROM outbox_streams WHERE transport = :t AND lab_id = :lab";
constexpr const char* kPendingBatch =
    "SELECT o.id, o.lab_id, o.seq, o.topic, o.payload, o.created_at_ms, d.attempts, COALESCE(d.stream_seq, o.seq) FROM outbox_deliveries d "
    "JOIN outbox o ON o.id = d.message_id WHERE d.transport = :t AND d.lab_id = :lab AND d.state = 'pending' "
    "ORDER BY d.seq LIMIT 20";
constexpr const char* kMarkDelivered =
    "UPDATE outbox_deliveries SET state = 'delivered', attempts = attempts + 1, last_attempt_at_ms = :now, "
    "delivered_at_ms = :now2, last_error = NULL WHERE message_id = :id AND transport = :t AND state = 'pending'";
constexpr const char* kRenew =
    "UPDATE outbox_streams SET lease_until_ms = :until, lease_version = lease_version + 1, failures = 0, last_error = NULL "
    "WHERE transport = :t AND lab_id = :lab AND claimed_by = :me AND lease_version = :v";
constexpr const char* kMarkFailed =
    "UPDATE outbox_deliveries SET attempts = attempts + 1, last_attempt_at_ms = :now, last_error = :e "
    "WHERE message_id = :id AND transport = :t AND state = 'pending'";
constexpr const char* kPutOff =
    "UPDATE outbox_streams SET claimed_by = NULL, lease_until_ms = 0, lease_version = lease_version + 1, failures = :n, "
    "next_attempt_at_ms = :next, last_error = :e WHERE transport = :t AND lab_id = :lab AND claimed_by = :me AND lease_version = :v";
constexpr const char* kRelease =
    "UPDATE outbox_streams SET claimed_by = NULL, lease_until_ms = 0, lease_version = lease_version + 1 "
    "WHERE transport = :t AND lab_id = :lab AND claimed_by = :me AND lease_version = :v";
constexpr const char* kPendingByTransport =
    "SELECT transport, COUNT(*) FROM outbox_deliveries WHERE state = 'pending' GROUP BY transport";
constexpr const char* kCountsByStream =
    "SELECT transport, lab_id, state, COUNT(*), MIN(seq) FROM outbox_deliveries GROUP BY transport, lab_id, state";
constexpr const char* kStreamRows =
    "SELECT transport, lab_id, claimed_by, lease_until_ms, failures, next_attempt_at_ms, last_error FROM outbox_streams";
constexpr const char* kHeadOf =
    "SELECT message_id, attempts FROM outbox_deliveries WHERE transport = :t AND lab_id = :lab AND seq = :seq";

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// A reason as stored and logged: printable ASCII only (a receiver's answer may hold any bytes,
// which a utf8mb4 column in strict mode would refuse), at most 500 characters.
std::string printable(const std::string& s) {
    std::string o;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        o += (u < 0x20 || u == 0x7f) ? ' ' : u >= 0x80 ? '?' : c;
        if (o.size() == 500) break;
    }
    return o;
}

std::string esc(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '\\' || c == '"') o += '\\';
        o += c;
    }
    return o;
}
}  // namespace

std::int64_t outboxBackoffMs(int failures, std::int64_t minMs, std::int64_t maxMs, double r) {
    minMs = std::max<std::int64_t>(minMs, 1);
    maxMs = std::max(maxMs, minMs);
    std::int64_t step = minMs;
    for (int i = 1; i < failures && step < maxMs; ++i) step = step > maxMs / 2 ? maxMs : step * 2;
    step = std::min(step, maxMs);
    r = std::clamp(r, 0.0, 1.0);
    const std::int64_t half = step / 2;
    return std::min(step, half + static_cast<std::int64_t>(static_cast<double>(step - half) * r));
}

OutboxWorker::OutboxWorker(Db& db, const Clock& clock, Outbox& outbox, OutboxOptions options)
    : db_(db), clock_(clock), outbox_(outbox), options_(std::move(options)) {}

OutboxWorker::~OutboxWorker() { stop(); }

std::int64_t OutboxWorker::nowMs() const { return toEpochMillis(clock_.now()); }

void OutboxWorker::start() {
    if (!threads_.empty()) return;
    stop_ = false;
    for (auto& t : outbox_.transports()) {
        Log::info("outbox.worker_started", {{"node", options_.node}, {"transport", t->name()}, {"to", t->describe()}});
        threads_.emplace_back([this, t] { loop(t); });
    }
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

void OutboxWorker::loop(std::shared_ptr<OutboxTransport> transport) {
    std::string lastProblem;
    while (!stopping()) {
        try {
            runOnce(*transport);
            lastProblem.clear();
        } catch (const std::exception& e) {
            // The database is away (503) or a bug: log it once, keep trying every poll.
            const std::string problem = e.what();
            if (problem != lastProblem) Log::warn("outbox.worker_error", {{"transport", transport->name()}, {"error", problem}});
            lastProblem = problem;
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(options_.pollMs), [this] { return stopping(); });
    }
}

int OutboxWorker::runOnce(OutboxTransport& transport) {
    const std::string name = transport.name();
    std::vector<std::int64_t> labs = db_.read([&](Tx& tx) {
        std::vector<std::int64_t> out;
        long long now = nowMs();
        soci::rowset<soci::row> rs = (tx.sql().prepare << kStreamsWithPending, soci::use(name, "t"), soci::use(now, "now"),
                                      soci::use(options_.node, "me"), soci::use(now, "now2"));
        for (const auto& r : rs) out.push_back(rows::i64(r, 0));
        return out;
    });
    int delivered = 0;
    for (std::int64_t lab : labs) {
        if (stopping()) break;
        const auto lease = claim(name, lab);
        if (!lease) continue;  // another node sends it, or it waits out its back-off
        delivered += drain(transport, name, lab, *lease);
    }
    return delivered;
}

std::optional<std::int64_t> OutboxWorker::claim(const std::string& transport, std::int64_t labId) {
    return db_.write([&](Tx& tx) -> std::optional<std::int64_t> {
        long long lab = labId, now = nowMs(), until = now + options_.leaseMs;
        tx.sql() << (tx.isSqlite() ? kEnsureStreamSqlite : kEnsureStreamMysql), soci::use(transport, "t"), soci::use(lab, "lab");
        soci::statement st = (tx.sql().prepare << kClaim, soci::use(options_.node, "me"), soci::use(until, "until"),
                              soci::use(transport, "t"), soci::use(lab, "lab"), soci::use(now, "now"), soci::use(options_.node, "me2"),
                              soci::use(now, "now2"));
        st.execute(true);
        if (st.get_affected_rows() != 1) return std::nullopt;
        long long version = 0;
        int failures = 0;
        tx.sql() << kLeaseVersion, soci::use(transport, "t"), soci::use(lab, "lab"), soci::into(version), soci::into(failures);
        return version;
    });
}

void OutboxWorker::release(const std::string& transport, std::int64_t labId, std::int64_t leaseVersion) {
    db_.write([&](Tx& tx) {
        long long lab = labId, v = leaseVersion;
        tx.sql() << kRelease, soci::use(transport, "t"), soci::use(lab, "lab"), soci::use(options_.node, "me"), soci::use(v, "v");
    });
}

int OutboxWorker::drain(OutboxTransport& transport, const std::string& name, std::int64_t labId, std::int64_t leaseVersion) {
    int delivered = 0;
    long long lab = labId, version = leaseVersion;
    for (;;) {
        std::vector<OutboxMessage> batch = db_.read([&](Tx& tx) {
            std::vector<OutboxMessage> out;
            soci::rowset<soci::row> rs = (tx.sql().prepare << kPendingBatch, soci::use(name, "t"), soci::use(lab, "lab"));
            for (const auto& r : rs) {
                OutboxMessage m;
                m.id = rows::i64(r, 0);
                m.labId = rows::i64(r, 1);
                m.seq = rows::i64(r, 2);
                m.topic = rows::str(r, 3);
                m.payloadJson = rows::str(r, 4);
                m.createdAtMs = rows::i64(r, 5);
                m.attempt = static_cast<int>(rows::i64(r, 6)) + 1;
                m.streamSeq = rows::i64(r, 7);
                out.push_back(std::move(m));
            }
            return out;
        });
        if (batch.empty()) {
            release(name, lab, version);
            return delivered;
        }
        for (const auto& m : batch) {
            if (stopping()) {
                release(name, lab, version);
                return delivered;
            }
            DeliveryOutcome outcome;
            try {
                outcome = transport.deliver(m);
            } catch (const std::exception& e) {
                outcome = DeliveryOutcome::retryLater(std::string("transport error: ") + e.what());
            } catch (...) {
                outcome = DeliveryOutcome::retryLater("transport error");
            }
            long long id = m.id, now = nowMs();
            if (outcome.acknowledged) {
                const bool stillOurs = db_.write([&](Tx& tx) {
                    long long until = now + options_.leaseMs;
                    tx.sql() << kMarkDelivered, soci::use(now, "now"), soci::use(now, "now2"), soci::use(id, "id"), soci::use(name, "t");
                    soci::statement st = (tx.sql().prepare << kRenew, soci::use(until, "until"), soci::use(name, "t"), soci::use(lab, "lab"),
                                          soci::use(options_.node, "me"), soci::use(version, "v"));
                    st.execute(true);
                    return st.get_affected_rows() == 1;
                });
                {
                    std::lock_guard lock(counts_mutex_);
                    ++delivered_[name];
                }
                ++delivered;
                if (!stillOurs) {
                    // The lease ran out (a delivery slower than outbox.lease_ms) and another node
                    // took the stream over: it continues from here.
                    Log::warn("outbox.lease_lost", {{"node", options_.node}, {"transport", name}, {"lab", std::to_string(lab)}});
                    return delivered;
                }
                ++version;
                continue;
            }
            {
                std::lock_guard lock(counts_mutex_);
                ++failed_[name];
            }
            const std::string error = printable(outcome.reason.empty() ? std::string("not acknowledged") : outcome.reason);
            std::int64_t waitMs = 0;
            db_.write([&](Tx& tx) {
                tx.sql() << kMarkFailed, soci::use(now, "now"), soci::use(error, "e"), soci::use(id, "id"), soci::use(name, "t");
                long long v = 0;
                int failures = 0;
                tx.sql() << kLeaseVersion, soci::use(name, "t"), soci::use(lab, "lab"), soci::into(v), soci::into(failures);
                const int n = failures + 1;
                waitMs = outboxBackoffMs(n, options_.backoffMinMs, options_.backoffMaxMs, random01());
                long long next = now + waitMs;
                tx.sql() << kPutOff, soci::use(n, "n"), soci::use(next, "next"), soci::use(error, "e"), soci::use(name, "t"),
                    soci::use(lab, "lab"), soci::use(options_.node, "me"), soci::use(version, "v");
            });
            Log::warn("outbox.delivery_failed", {{"transport", name}, {"lab", std::to_string(lab)}, {"seq", std::to_string(m.seq)},
                                                 {"message_id", std::to_string(m.id)}, {"attempt", std::to_string(m.attempt)},
                                                 {"error", error}, {"retry_in_ms", std::to_string(waitMs)}});
            return delivered;
        }
    }
}

std::map<std::string, std::uint64_t> OutboxWorker::deliveredCounts() const {
    std::lock_guard lock(counts_mutex_);
    return delivered_;
}

std::map<std::string, std::uint64_t> OutboxWorker::failedAttemptCounts() const {
    std::lock_guard lock(counts_mutex_);
    return failed_;
}

std::string OutboxWorker::metricsText() {
    std::map<std::string, std::int64_t> pending;
    for (const auto& t : outbox_.transports()) pending[t->name()] = 0;
    try {
        db_.read([&](Tx& tx) {
            soci::rowset<soci::row> rs = (tx.sql().prepare << kPendingByTransport);
            for (const auto& r : rs) pending[rows::str(r, 0)] = rows::i64(r, 1);
        });
    } catch (const std::exception&) {
        // the database is away: the gauge is left out rather than the whole page failing
        pending.clear();
    }
    std::ostringstream o;
    o << "# HELP assay_outbox_pending Outbox messages not yet acknowledged, by transport.\n"
         "# TYPE assay_outbox_pending gauge\n";
    for (const auto& [t, n] : pending) o << "assay_outbox_pending{transport=\"" << esc(t) << "\"} " << n << "\n";
    o << "# HELP assay_outbox_delivered_total Outbox messages acknowledged through this node.\n"
         "# TYPE assay_outbox_delivered_total counter\n";
    auto delivered = deliveredCounts(), failed = failedAttemptCounts();
    for (const auto& t : outbox_.transports()) {
        delivered.try_emplace(t->name(), 0);
        failed.try_emplace(t->name(), 0);
    }
    for (const auto& [t, n] : delivered) o << "assay_outbox_delivered_total{transport=\"" << esc(t) << "\"} " << n << "\n";
    o << "# HELP assay_outbox_failed_attempts_total Outbox deliveries refused or failed on this node (retried later).\n"
         "# TYPE assay_outbox_failed_attempts_total counter\n";
    for (const auto& [t, n] : failed) o << "assay_outbox_failed_attempts_total{transport=\"" << esc(t) << "\"} " << n << "\n";
    return o.str();
}

std::vector<OutboxStreamState> OutboxWorker::streams(Tx& tx) {
    std::map<std::pair<std::string, std::int64_t>, OutboxStreamState> byKey;
    auto at = [&](const std::string& t, std::int64_t lab) -> OutboxStreamState& {
        auto& s = byKey[{t, lab}];
        s.transport = t;
        s.labId = lab;
        return s;
    };
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kCountsByStream);
        for (const auto& r : rs) {
            auto& s = at(rows::str(r, 0), rows::i64(r, 1));
            if (rows::str(r, 2) == "pending") {
                s.pending = rows::i64(r, 3);
                s.nextSeq = rows::i64(r, 4);
            } else {
                s.delivered = rows::i64(r, 3);
            }
        }
    }
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kStreamRows);
        for (const auto& r : rs) {
            auto& s = at(rows::str(r, 0), rows::i64(r, 1));
            s.claimedBy = rows::optStr(r, 2);
            s.leaseUntilMs = rows::i64(r, 3);
            s.failures = static_cast<int>(rows::i64(r, 4));
            s.nextAttemptAtMs = rows::i64(r, 5);
            s.lastError = rows::optStr(r, 6);
        }
    }
    std::vector<OutboxStreamState> out;
    for (auto& [key, s] : byKey) {
        if (s.nextSeq) {
            long long lab = s.labId, seq = *s.nextSeq, id = 0;
            int attempts = 0;
            tx.sql() << kHeadOf, soci::use(s.transport, "t"), soci::use(lab, "lab"), soci::use(seq, "seq"), soci::into(id), soci::into(attempts);
            s.nextMessageId = id;
            s.nextAttempts = attempts;
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace assay
