// FeedIngest: the platform's end of the link (lab -> platform), PLATFORM.md "The link".
//
// Purpose: receive() takes one wire envelope. It refuses (and records in plat_feed_refusals, in a
// transaction of its own, and logs) a malformed envelope, an unknown lab, a lab not approved, an
// unknown key, a bad signature and a replayed seq with other content. Otherwise, in one write
// transaction holding the lab's row lock: a seq already applied with the same content is a
// duplicate (answered as success, so the lab stops resending, and logged); the next seq is applied
// with its bookkeeping, then every held successor in order; a later seq is held until its
// predecessors arrive. So each message takes effect exactly once, in the lab's order.
// apply() is also the demo's way in (the demo labs' signed feeds go through the same checks).
// Ownership: made by PlatformModule. Thread-safety: any thread; the lab's row lock orders one lab.
#pragma once

#include <string>

#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "domain/Envelope.hpp"
#include "storage/PlatformStore.hpp"

namespace assay::platform {

struct FeedOutcome {
    std::string status;              // applied | duplicate | held
    std::int64_t appliedThrough = 0;  // the lab's last applied seq after this message
    std::int64_t seq = 0;             // the message's
    bool stillHeld() const { return status == "held" && seq > appliedThrough; }
};

class FeedIngest {
public:
    FeedIngest(Db& db, const Clock& clock, IdGenerator& ids) : db_(db), clock_(clock), ids_(ids) {}
    // Where booking.* messages go (the SME portal, issue 15).
    void setPortal(class PortalService* portal) { portal_ = portal; }
    // Where shared instruments (in catalogue snapshots) and their lab's answers go (issue 16).
    void setInstruments(class InstrumentBookings* instruments) { instruments_ = instruments; }
    // Errors: 400 naming the fields of a malformed envelope; 404 unknown lab; 403 not approved;
    // 401 unknown key or bad signature; 409 a replay with other content; 422 a body that lacks
    // what its type needs.
    FeedOutcome receive(const std::string& wire);
    // A batch of one lab's envelopes (at most kMaxBatch), verified together and applied in one
    // transaction, each by the rules above. The batch is refused whole when any envelope is
    // malformed, of another lab, or fails its signature; one outcome per envelope, in order.
    static constexpr std::size_t kMaxBatch = 500;
    std::vector<FeedOutcome> receiveBatch(const std::vector<Envelope>& batch);
    // {"envelopes": [...]} read and received as one batch (fields named envelopes[i].x).
    std::vector<FeedOutcome> receiveBatch(const Poco::JSON::Object::Ptr& body);

private:
    class PortalService* portal_ = nullptr;
    class InstrumentBookings* instruments_ = nullptr;
    [[noreturn]] void refuse(const Error& e, std::optional<std::int64_t> lab, std::optional<std::int64_t> seq, const std::string& reason);
    void verify(const std::vector<Envelope>& batch);
    void apply(Tx& tx, const Enrolment& lab, const Envelope& e);
    void applyCatalogue(Tx& tx, const Enrolment& lab, const Poco::JSON::Object::Ptr& body);
    void applyReport(Tx& tx, const Enrolment& lab, const Poco::JSON::Object::Ptr& body);

    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    PlatformStore store_;
};

}  // namespace assay::platform
