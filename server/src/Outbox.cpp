// Outbox: the message row and its delivery rows, inside the caller's transaction.
#include "assay/Outbox.hpp"

#include <algorithm>
#include <stdexcept>

#include "assay/Error.hpp"
#include "assay/Json.hpp"
#include "assay/Rows.hpp"
#include "assay/Sequences.hpp"

namespace assay {

namespace {
constexpr const char* kInsertMessage =
    "INSERT INTO outbox (id, lab_id, seq, topic, payload, created_at_ms) VALUES (:id, :lab, :seq, :topic, :payload, :at)";
constexpr const char* kInsertDelivery =
    "INSERT INTO outbox_deliveries (message_id, transport, lab_id, seq, stream_seq, state, attempts) "
    "VALUES (:id, :transport, :lab, :seq, :sseq, 'pending', 0)";

bool validToken(const std::string& s, bool colon) {
    if (s.empty() || s.size() > 64) return false;
    for (unsigned char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || (colon && c == ':')))
            return false;
    return true;
}
constexpr const char* kStreamCounts =
    "SELECT state, COUNT(*), MAX(COALESCE(stream_seq, seq)), MAX(last_attempt_at_ms) FROM outbox_deliveries "
    "WHERE transport = :t AND lab_id = :lab GROUP BY state";
constexpr const char* kFirstPending =
    "SELECT MIN(COALESCE(stream_seq, seq)) FROM outbox_deliveries WHERE transport = :t AND lab_id = :lab AND state = 'pending'";
constexpr const char* kStreamRow =
    "SELECT next_attempt_at_ms, last_error FROM outbox_streams WHERE transport = :t AND lab_id = :lab";
constexpr const char* kLastErrorOfHead =
    "SELECT last_error FROM outbox_deliveries WHERE transport = :t AND lab_id = :lab AND state = 'pending' "
    "AND COALESCE(stream_seq, seq) = :s";
constexpr const char* kRequeue =
    "UPDATE outbox_deliveries SET state = 'pending', delivered_at_ms = NULL WHERE transport = :t AND lab_id = :lab "
    "AND state = 'delivered' AND COALESCE(stream_seq, seq) >= :from";
constexpr const char* kWake =
    "UPDATE outbox_streams SET next_attempt_at_ms = 0, failures = 0 WHERE transport = :t AND lab_id = :lab";
}  // namespace

Outbox::StreamSummary Outbox::stream(Tx& tx, const std::string& transport, std::int64_t labId) {
    StreamSummary s;
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kStreamCounts, soci::use(transport, "t"), soci::use(lab, "lab"));
    for (const auto& r : rs) {
        const std::int64_t n = rows::i64(r, 1), top = rows::i64(r, 2);
        (rows::str(r, 0) == "pending" ? s.pending : s.delivered) = n;
        s.lastStreamSeq = std::max(s.lastStreamSeq, top);
        if (auto at = rows::optI64(r, 3); at && (!s.lastAttemptAtMs || *at > *s.lastAttemptAtMs)) s.lastAttemptAtMs = at;
    }
    soci::indicator ind = soci::i_null;
    long long first = 0;
    tx.sql() << kFirstPending, soci::use(transport, "t"), soci::use(lab, "lab"), soci::into(first, ind);
    s.deliveredThrough = ind == soci::i_ok ? first - 1 : s.lastStreamSeq;
    if (ind == soci::i_ok) {
        std::string err;
        soci::indicator ei = soci::i_null;
        tx.sql() << kLastErrorOfHead, soci::use(transport, "t"), soci::use(lab, "lab"), soci::use(first, "s"), soci::into(err, ei);
        if (ei == soci::i_ok && !err.empty()) s.lastError = err;
        long long next = 0;
        soci::indicator ni = soci::i_null, li = soci::i_null;
        std::string streamErr;
        tx.sql() << kStreamRow, soci::use(transport, "t"), soci::use(lab, "lab"), soci::into(next, ni), soci::into(streamErr, li);
        if (ni == soci::i_ok && next > 0) s.nextAttemptAtMs = next;
        if (!s.lastError && li == soci::i_ok && !streamErr.empty()) s.lastError = streamErr;
    }
    return s;
}

std::int64_t Outbox::resendFrom(Tx& tx, const std::string& transport, std::int64_t labId, std::int64_t fromSeq) {
    long long lab = labId, from = fromSeq;
    soci::statement st = (tx.sql().prepare << kRequeue, soci::use(transport, "t"), soci::use(lab, "lab"), soci::use(from, "from"));
    st.execute(true);
    const auto n = static_cast<std::int64_t>(st.get_affected_rows());
    wake(tx, transport, labId);
    return n;
}

void Outbox::wake(Tx& tx, const std::string& transport, std::int64_t labId) {
    long long lab = labId;
    tx.sql() << kWake, soci::use(transport, "t"), soci::use(lab, "lab");
}

bool Outbox::validName(const std::string& name) { return validToken(name, true); }
bool Outbox::validTopic(const std::string& topic) { return validToken(topic, false); }

std::int64_t Outbox::enqueue(Tx& tx, const std::string& topic, std::int64_t labId, const std::string& payloadJson) {
    if (!validTopic(topic)) throw Error::internal("outbox: bad topic '" + topic + "'");
    try {
        parseObject(payloadJson);
    } catch (const std::exception&) {
        throw Error::internal("outbox: the payload of " + topic + " is not a JSON object");
    }
    // The lab's sequence row is locked until the caller commits (MariaDB row lock, SQLite write
    // lock), so messages of one lab commit in seq order: a worker that sees seq n committed has
    // seen every earlier one.
    long long id = ids_.next(), lab = labId, at = toEpochMillis(clock_.now());
    long long seq = Sequences::next(tx, labId, "outbox");
    tx.sql() << kInsertMessage, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(seq, "seq"), soci::use(topic, "topic"),
        soci::use(payloadJson, "payload"), soci::use(at, "at");
    for (const auto& t : transports()) {
        if (!t->takes(topic) || !t->takesFrom(tx, topic, labId)) continue;
        const std::string name = t->name();
        long long streamSeq = Sequences::next(tx, labId, "outbox:" + name);
        tx.sql() << kInsertDelivery, soci::use(id, "id"), soci::use(name, "transport"), soci::use(lab, "lab"), soci::use(seq, "seq"),
            soci::use(streamSeq, "sseq");
    }
    return id;
}

void Outbox::addTransport(std::shared_ptr<OutboxTransport> transport) {
    if (!transport) throw std::logic_error("outbox: null transport");
    const std::string name = transport->name();
    if (!validName(name)) throw std::logic_error("outbox: bad transport name '" + name + "' (1-64 of a-z 0-9 . _ : -)");
    std::lock_guard lock(mutex_);
    if (sealed_) throw std::logic_error("outbox: transport " + name + " registered after start-up");
    for (const auto& t : transports_)
        if (t->name() == name) throw std::logic_error("outbox: two transports named " + name);
    transports_.push_back(std::move(transport));
}

std::vector<std::shared_ptr<OutboxTransport>> Outbox::transports() const {
    std::lock_guard lock(mutex_);
    return transports_;
}

void Outbox::seal() {
    std::lock_guard lock(mutex_);
    sealed_ = true;
}

void Outbox::clear() {
    std::lock_guard lock(mutex_);
    transports_.clear();
}

}  // namespace assay
