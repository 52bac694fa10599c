// LabBookings: the lab side of SME bookings (issue 15).
//
// Purpose: a booking from the lab's inbox becomes a draft order in intake (intake::BookingDesk)
// for the customer organization of the booking's USCC (found or made), waiting for contract
// review; a booking that cannot be registered (a capability withdrawn since, no current method)
// is declined back with the reason, never dropped. The lab's staff answer from the order: the
// offer (the reviewed quote and the due date), a decline with the reason, questions about a
// sample's deviation (R19), messages with attachments. The SME's answers arrive the same way: an
// accepted offer records each item accepted outside the scope and accepts the order. The
// publisher sends what the SME follows whenever it changes (status, samples, due date) and every
// issued report's signed PDF, each as an outbox message in the transaction that records it as
// published, so each goes exactly once.
// Thread-safety: safe from any thread; inbox items are applied by the link's poller, the
// publisher runs on the link worker.
#pragma once

#include <Poco/JSON/Object.h>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Outbox.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/CatalogueSource.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserAdmin.hpp"
#include "assay/intake/BookingDesk.hpp"
#include "assay/reports/OrderReports.hpp"
#include "domain/Portal.hpp"
#include "storage/LinkStore.hpp"
#include "storage/PortalStore.hpp"

namespace assay::platform {

struct LabBookingView {
    LabBooking booking;
    std::vector<Question> questions;
    std::vector<ThreadMessage> messages;
    std::string status;  // as the SME reads it
};

struct LabBookingDeps {
    identity::OrganizationDirectory& orgs;
    identity::UserAdmin& users;
    accreditation::CatalogueSource& catalogue;
    intake::BookingDesk& desk;
    reports::OrderReports& reports;
};

class LabBookings {
public:
    LabBookings(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, Outbox& outbox, LabBookingDeps deps)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), outbox_(outbox), deps_(deps) {}

    static bool handles(const std::string& inboxType);
    // One inbox item, in the caller's unit of work (Db::unitOfWork): what fails inside intake is
    // rolled back alone and answered to the SME.
    void apply(Tx& tx, std::int64_t labId, const std::string& type, const Poco::JSON::Object::Ptr& body);

    std::vector<LabBookingView> list(const Principal& p, std::int64_t beforeId, int limit);
    LabBookingView view(const Principal& p, const std::string& orderCode);
    LabBookingView offer(const Principal& p, const std::string& orderCode, const std::string& dueDate, const std::optional<std::string>& note,
                         const std::string& requestId);
    LabBookingView decline(const Principal& p, const std::string& orderCode, const std::string& reason, const std::string& requestId);
    LabBookingView ask(const Principal& p, const std::string& orderCode, const std::string& sampleCode, const std::string& deviation,
                       const std::string& requestId);
    ThreadMessage postMessage(const Principal& p, const std::string& orderCode, ThreadMessage m, const std::string& requestId);
    ThreadMessage attachment(const Principal& p, const std::string& orderCode, const std::string& side, std::int64_t id);

    // The publisher: every open booking's state and reports, sent when changed.
    void publishChanges();

private:
    void received(Tx& tx, std::int64_t labId, const Poco::JSON::Object::Ptr& body);
    void offerAnswered(Tx& tx, LabBooking& b, const Poco::JSON::Object::Ptr& body);
    void publish(Tx& tx, LabBooking& b);
    LabBooking own(Tx& tx, const Principal& p, const std::string& orderCode);
    LabBookingView viewIn(Tx& tx, const LabBooking& b);
    intake::BookedOrder bookedOrderOf(Tx& tx, std::int64_t labId, std::int64_t bookingId, const Poco::JSON::Object::Ptr& body);
    static std::string statusOf(const LabBooking& b, const std::optional<intake::OrderState>& st, const std::vector<reports::OrderReport>& reports);
    std::string statusOf(Tx& tx, const LabBooking& b);
    void send(Tx& tx, std::int64_t labId, const std::string& topic, const Poco::JSON::Object::Ptr& body);

    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    Outbox& outbox_;
    LabBookingDeps deps_;
    PortalStore store_;
    LinkStore link_;
};

}  // namespace assay::platform
