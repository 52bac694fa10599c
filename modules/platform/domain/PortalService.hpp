// PortalService: the SME portal on the platform (issue 15; PLATFORM.md "SMEs on the platform").
//
// Purpose: an SME registers its company (USCC checked per GB 32100-2015, one account per USCC)
// and a user (an identity user of role `sme`, signing in with the e-mail), verifies the e-mail by
// a one-time code (hashed at rest, 15 minutes, five tries, one per minute), invites colleagues
// and resets a password by code. A verified user books tests from the public catalogue: the quote
// comes from the rows' published prices; the booking waits in the lab's inbox (in the booking's
// own transaction). What the lab sends back over the link (applyLabMessage, inside the feed's
// transaction) moves the booking: the order code, the offer, the status and samples, questions,
// messages, the signed reports. The SME answers the offer (accepting each item outside the scope
// explicitly), questions (R19), writes messages with attachments and consents, or not, to the
// disclosure of its reports on the verification page (R38). Every read and change names the
// SME's account: another account's booking is a 404.
// Thread-safety: safe from any request thread; the mailer is called outside transactions.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserAdmin.hpp"
#include "domain/Portal.hpp"
#include "net/Mailer.hpp"
#include "storage/PlatformStore.hpp"
#include "storage/PortalStore.hpp"

namespace assay::platform {

struct Registration {
    std::string companyName, uscc, contactName, phone, email, password;
};

struct Me {
    PortalUser user;
    Account account;
    std::vector<PortalUser> members;
};

struct BookingSample {
    std::string name;
    std::vector<std::int64_t> rowKeys;
};

struct BookingInput {
    std::int64_t labRef = 0;
    std::vector<BookingSample> samples;
    Poco::JSON::Object::Ptr request;  // the normalized request (samples, report, delivery, note) as stored and sent
};

struct BookingView {
    Booking booking;
    std::vector<BookingEvent> events;
    std::vector<Question> questions;
    std::vector<ThreadMessage> messages;
    std::vector<BookingReport> reports;
};

inline constexpr std::int64_t kMaxAttachmentBytes = 4 * 1024 * 1024;

class PortalService {
public:
    PortalService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::UserAdmin& users,
                  identity::OrganizationDirectory& orgs, Mailer& mailer)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), users_(users), orgs_(orgs), mailer_(mailer) {}

    // Errors: 400 naming each bad field (uscc held by another account, e-mail taken, weak password).
    // Returns the account's owner; codeSent false when the mail server failed (ask again).
    Me registerAccount(const Registration& r, bool& codeSent, const std::string& requestId);
    // The demo's SME account, verified, with no mail (assayctl demo). Nothing when it exists.
    void seedDemoAccount(const Registration& r);
    Me me(const Principal& p);
    Me verifyEmail(const Principal& p, const std::string& code, const std::string& requestId);
    void sendVerification(const Principal& p);  // 429 within a minute of the last code
    void invite(const Principal& p, const std::string& email, const std::string& name, const std::string& requestId);
    PortalUser acceptInvitation(const std::string& email, const std::string& code, const std::string& name, const std::string& password,
                                const std::string& requestId);
    void requestReset(const std::string& email);  // silent for an unknown e-mail
    void confirmReset(const std::string& email, const std::string& code, const std::string& password, const std::string& requestId);

    // The quote of a booking from the published prices. Errors: 400 naming samples[i].items[j]
    // for a row that is not (or no longer) in the catalogue; 404 for an unknown lab.
    Poco::JSON::Object::Ptr quote(const Principal& p, const BookingInput& in);
    Booking book(const Principal& p, const BookingInput& in, const std::string& requestId);
    std::vector<Booking> bookings(const Principal& p, std::int64_t beforeId, int limit);
    BookingView view(const Principal& p, std::int64_t id);
    BookingView answerOffer(const Principal& p, std::int64_t id, bool accept, const std::vector<int>& outsideAccepted,
                            const std::string& reason, const std::string& requestId);
    BookingView cancel(const Principal& p, std::int64_t id, const std::string& reason, const std::string& requestId);
    BookingView answerQuestion(const Principal& p, std::int64_t id, std::int64_t questionId, const std::string& decision,
                               const std::string& requestId);
    ThreadMessage postMessage(const Principal& p, std::int64_t id, ThreadMessage m, const std::string& requestId);
    ThreadMessage attachment(const Principal& p, std::int64_t id, const std::string& side, std::int64_t messageId);
    BookingReport reportPdf(const Principal& p, std::int64_t id, const std::string& number);
    BookingView setDisclosure(const Principal& p, std::int64_t id, bool consent, const std::string& requestId);

    // A lab's booking.* message, in the feed's transaction (FeedIngest). A message about a booking
    // of another lab is ignored (logged).
    void applyLabMessage(Tx& tx, std::int64_t labRef, const std::string& type, const Poco::JSON::Object::Ptr& body);
    // The customer's company on the verification page, when it consented (R38).
    std::optional<std::string> disclosedCustomer(std::int64_t labRef, const std::string& number);

private:
    Me createAccount(Tx& tx, const Registration& r, const std::string& requestId);
    PortalUser portalUser(Tx& tx, const Principal& p);
    Booking ownBooking(Tx& tx, const Principal& p, std::int64_t id);
    BookingView viewIn(Tx& tx, const Booking& b);
    std::string newCode(Tx& tx, const std::string& email, const std::string& purpose, std::optional<std::int64_t> account,
                        const std::optional<std::string>& name);
    void checkCode(const std::string& email, const std::string& purpose, const std::string& code);
    void mail(const std::string& to, const std::string& subject, const std::string& body);
    std::int64_t now() const;

    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::UserAdmin& users_;
    identity::OrganizationDirectory& orgs_;
    Mailer& mailer_;
    PortalStore store_;
    PlatformStore platform_;
};

}  // namespace assay::platform
