// LinkService: the lab side of the platform link (PLATFORM.md "The link").
//
// Purpose: a lab manager creates (or rotates) the lab's instance key, asks the platform to enrol
// the lab, reads the link's state and its outbox stream, re-sends from a seq, and publishes the
// catalogue now. The link worker (net/LinkWorker) calls publishDue() and applyInbox(). A domain
// change the catalogue shows (scope, qualifications, prices, register names) marks the link in
// its own transaction (markCatalogueChanged, an audit observer); the snapshot of the day is then
// enqueued by publishDue() in a transaction of its own, and sent in order with every other message
// of the lab by the `platform` outbox transport (net/PlatformTransport).
// Ownership: made by PlatformModule. Thread-safety: any thread.
#pragma once

#include <functional>
#include <string>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Outbox.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/CatalogueSource.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/Platform.hpp"
#include "storage/LinkStore.hpp"

namespace assay::platform {

inline constexpr const char* kTransportName = "platform";
inline constexpr const char* kCatalogueTopic = "platform.catalogue";
inline constexpr const char* kKeyRotatedTopic = "platform.key_rotated";

struct LinkSettings {
    std::string passphrase;                  // opens the instance keys
    bool platformHere = false;               // role both: this instance runs a platform part
    std::function<std::string()> localUrl;   // this server's base URL ("" before it listens)
};

struct LinkView {
    Link link;
    Outbox::StreamSummary outbox;
};

struct EnrolRequest {
    std::optional<std::string> platformUrl;  // empty: this instance (role both)
    std::string region;
    std::optional<int> turnaroundDays;
};

class LinkService {
public:
    LinkService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, Outbox& outbox, identity::OrganizationDirectory& orgs,
                accreditation::QualificationStatus& standing, accreditation::CatalogueSource& catalogue, LinkSettings settings);

    LinkView view(const Principal& p);
    // Creates the instance key; with an approved enrolment, rotates it (the key.rotated message,
    // signed by the old key, tells the platform). Errors: 422 while an enrolment waits.
    LinkView createKey(const Principal& p, const std::string& requestId);
    // Errors: 400 naming bad fields; 422 no key / already asked; 503 the platform unreachable or
    // refusing (its reason in the detail).
    LinkView enrol(const Principal& p, const EnrolRequest& in, const std::string& requestId);
    // enrol() in two halves around the call to the platform (the demo makes the call in process).
    struct PreparedEnrolment {
        std::string url;
        std::string bodyJson;
        Link next;
        std::string previousState;
    };
    PreparedEnrolment prepareEnrolment(const Principal& p, const EnrolRequest& in);
    void recordEnrolment(const Principal& p, PreparedEnrolment prepared, std::int64_t enrolmentId, const std::string& requestId);
    std::int64_t resendFrom(const Principal& p, std::int64_t fromSeq, const std::string& requestId);
    LinkView publishNow(const Principal& p, const std::string& requestId);

    // The worker's part.
    void publishDue();
    std::vector<Link> linksToPoll();
    void applyInbox(std::int64_t labId, const std::vector<InboxItem>& items);
    // The SME bookings of the lab (issue 15): their inbox items and their publisher.
    void setBookings(class LabBookings* bookings) { bookings_ = bookings; }
    // The shared instruments of the lab (issue 16): in the catalogue snapshot, their bookings' inbox items.
    void setInstruments(class LabInstruments* instruments) { instruments_ = instruments; }
    void setPollError(std::int64_t labId, const std::optional<std::string>& error);
    // The base URL of a link's platform.
    std::string platformUrlOf(const Link& l) const;
    const std::string& passphrase() const { return settings_.passphrase; }

    // Audit observer: marks the lab's catalogue for publication when an event changes it.
    void markCatalogueChanged(Tx& tx, const AuditRecord& r);
    // The catalogue message's body for labId on date (also the demo's).
    std::string catalogueBody(Tx& tx, std::int64_t labId, const std::string& date, std::optional<int> turnaroundDays);
    // Enqueues the catalogue snapshot in tx.
    void enqueueCatalogue(Tx& tx, std::int64_t labId);

private:
    class LabBookings* bookings_ = nullptr;
    class LabInstruments* instruments_ = nullptr;
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    Outbox& outbox_;
    identity::OrganizationDirectory& orgs_;
    accreditation::QualificationStatus& standing_;
    accreditation::CatalogueSource& catalogue_;
    LinkSettings settings_;
    LinkStore store_;
};

}  // namespace assay::platform
