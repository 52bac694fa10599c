// PortalStore: all SQL of the SME portal: accounts, users, e-mail codes and bookings on the
// platform (plat_accounts, plat_account_users, plat_mail_codes, plat_booking*), and the bookings a
// lab received (plat_lab_booking*).
//
// Purpose: every booking read names its account (platform) or lab (lab side), so one SME or
// lab never reads another's rows. Nothing here opens a transaction or checks a rule.
// Thread-safety: stateless; works on the caller's Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Platform.hpp"
#include "domain/Portal.hpp"

namespace assay::platform {

class PortalStore {
public:
    // --- platform side -------------------------------------------------------------------
    void insertAccount(Tx& tx, const Account& a);
    std::optional<Account> account(Tx& tx, std::int64_t id);
    bool usccHeld(Tx& tx, const std::string& uscc);
    void insertUser(Tx& tx, const PortalUser& u);
    std::optional<PortalUser> user(Tx& tx, std::int64_t userId);
    std::optional<PortalUser> userByEmail(Tx& tx, const std::string& email);
    std::vector<PortalUser> members(Tx& tx, std::int64_t accountId);
    void markVerified(Tx& tx, std::int64_t userId, std::int64_t atMs);

    void putCode(Tx& tx, const MailCode& c);  // replaces the e-mail's code of that purpose
    std::optional<MailCode> code(Tx& tx, const std::string& email, const std::string& purpose);
    void countAttempt(Tx& tx, const std::string& email, const std::string& purpose);
    void dropCode(Tx& tx, const std::string& email, const std::string& purpose);

    void insertBooking(Tx& tx, const Booking& b);
    std::optional<Booking> booking(Tx& tx, std::int64_t id);  // any account: callers check the owner
    std::vector<Booking> bookingsOf(Tx& tx, std::int64_t accountId, std::int64_t beforeId, int limit);
    void updateBooking(Tx& tx, const Booking& b);
    void addEvent(Tx& tx, std::int64_t bookingId, std::int64_t atMs, const std::string& kind, const std::optional<std::string>& detail);
    std::vector<BookingEvent> events(Tx& tx, std::int64_t bookingId);
    void putQuestion(Tx& tx, std::int64_t bookingId, const Question& q);  // insert or update
    std::vector<Question> questions(Tx& tx, std::int64_t bookingId);
    // Inserts unless the (booking, side, id) is stored already; false then.
    bool insertMessage(Tx& tx, std::int64_t bookingId, const ThreadMessage& m);
    std::vector<ThreadMessage> messages(Tx& tx, std::int64_t bookingId);  // without attachment bytes
    std::optional<ThreadMessage> message(Tx& tx, std::int64_t bookingId, const std::string& side, std::int64_t id);
    void putReport(Tx& tx, std::int64_t bookingId, const BookingReport& r);  // insert or update (pdf kept when absent)
    std::vector<BookingReport> reports(Tx& tx, std::int64_t bookingId);       // without the PDF
    std::optional<BookingReport> report(Tx& tx, std::int64_t bookingId, const std::string& number);
    // The consenting customer's company of a report on the platform (R38), if it consented.
    std::optional<std::string> disclosedCustomer(Tx& tx, std::int64_t labRef, const std::string& number);

    // --- lab side ------------------------------------------------------------------------
    bool insertLabBooking(Tx& tx, const LabBooking& b);  // false when the booking is there already
    std::optional<LabBooking> labBooking(Tx& tx, std::int64_t labId, std::int64_t bookingId);
    std::optional<LabBooking> labBookingOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode);
    std::vector<LabBooking> labBookings(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit);
    std::vector<LabBooking> openLabBookings(Tx& tx, int limit);
    void updateLabBooking(Tx& tx, const LabBooking& b);
    void putLabQuestion(Tx& tx, std::int64_t labId, std::int64_t bookingId, const Question& q);
    std::vector<Question> labQuestions(Tx& tx, std::int64_t labId, std::int64_t bookingId);
    bool insertLabMessage(Tx& tx, std::int64_t labId, std::int64_t bookingId, const ThreadMessage& m);
    std::vector<ThreadMessage> labMessages(Tx& tx, std::int64_t labId, std::int64_t bookingId);
    std::optional<ThreadMessage> labMessage(Tx& tx, std::int64_t labId, std::int64_t bookingId, const std::string& side, std::int64_t id);
};

}  // namespace assay::platform
