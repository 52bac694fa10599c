// PlatformTransport: the `platform` outbox transport, lab -> platform (PLATFORM.md "The link").
//
// Purpose: takes the lab's catalogue snapshots, key rotations and report verification records
// (report.issued, report.withdrawn), wraps each in a signed envelope whose seq is the message's
// stream seq (gap-free over exactly these topics), and POSTs it to the platform's
// /api/platform/feed. Acknowledged only on the platform's 2xx (applied, duplicate or held). Sends
// nothing while the lab is not approved. A report's record carries its number, verification code,
// status, issue date, PDF hash and the number it amends: never the customer or the results (R38).
// The envelope is signed with the key in force at its seq (the newest whose rotation came before
// it), so a message re-sent after a rotation still verifies.
// Thread-safety: deliver() on the outbox worker's thread; stateless apart from references.
#pragma once

#include "assay/Outbox.hpp"
#include "domain/LinkService.hpp"

namespace assay::platform {

class PlatformTransport final : public OutboxTransport {
public:
    PlatformTransport(Db& db, LinkService& link) : db_(db), link_(link) {}
    std::string name() const override { return kTransportName; }
    bool takes(const std::string& topic) const override;
    // Only a lab that asked to enrol (requested or approved): a lab that never did sends nothing.
    bool takesFrom(Tx& tx, const std::string& topic, std::int64_t labId) override;
    std::string describe() const override { return "the testing-resource platform (signed feed)"; }
    DeliveryOutcome deliver(const OutboxMessage& m) override;

private:
    Db& db_;
    LinkService& link_;
    LinkStore store_;
};

}  // namespace assay::platform
