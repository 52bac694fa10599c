// Outbox: the message row and its delivery rows, inside the caller's transaction.
#include "assay/Outbox.hpp"

#include <stdexcept>

#include "assay/Error.hpp"
#include "assay/Json.hpp"
#include "assay/Sequences.hpp"

namespace assay {

namespace {
constexpr const char* kInsertMessage =
    "INSERT INTO outbox (id, lab_id, seq, topic, payload, created_at_ms) VALUES (:id, :lab, :seq, :topic, :payload, :at)";
constexpr const char* kInsertDelivery =
    "INSERT INTO outbox_deliveries (message_id, transport, lab_id, seq, state, attempts) "
    "VALUES (:id, :transport, :lab, :seq, 'pending', 0)";

bool validToken(const std::string& s, bool colon) {
    if (s.empty() || s.size() > 64) return false;
    for (unsigned char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || (colon && c == ':')))
            return false;
    return true;
}
}  // namespace

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
        if (!t->takes(topic)) continue;
        const std::string name = t->name();
        tx.sql() << kInsertDelivery, soci::use(id, "id"), soci::use(name, "transport"), soci::use(lab, "lab"), soci::use(seq, "seq");
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
