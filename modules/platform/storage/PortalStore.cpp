// PortalStore: the SME portal's SQL (both sides).
#include "storage/PortalStore.hpp"

#include "assay/Rows.hpp"
#include "storage/StoreRows.hpp"

namespace assay::platform {

namespace {
using OptI64 = store::OptInt;
using store::collect;

constexpr const char* kUserColumns = "user_id, account_id, email, name, owner, verified_at_ms, created_at_ms ";
PortalUser userOf(const soci::row& r) {
    return {rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::str(r, 3), rows::i64(r, 4) != 0, rows::optI64(r, 5), rows::i64(r, 6)};
}

constexpr const char* kBookingColumns =
    "b.id, b.account_id, b.lab_ref, b.created_by, l.name, b.status, b.request, b.quote, b.offer, b.samples, b.order_code, b.due_date, "
    "b.decline_reason, b.disclosure, b.created_at_ms, b.updated_at_ms ";
Booking bookingOf(const soci::row& r) {
    Booking b;
    b.id = rows::i64(r, 0);
    b.accountId = rows::i64(r, 1);
    b.labRef = rows::i64(r, 2);
    b.createdBy = rows::i64(r, 3);
    b.labName = rows::str(r, 4);
    b.status = rows::str(r, 5);
    b.requestJson = rows::str(r, 6);
    b.quoteJson = rows::str(r, 7);
    b.offerJson = rows::optStr(r, 8);
    b.samplesJson = rows::optStr(r, 9);
    b.orderCode = rows::optStr(r, 10);
    b.dueDate = rows::optStr(r, 11);
    b.declineReason = rows::optStr(r, 12);
    b.disclosure = rows::i64(r, 13) != 0;
    b.createdAtMs = rows::i64(r, 14);
    b.updatedAtMs = rows::i64(r, 15);
    return b;
}

Question questionOf(const soci::row& r) {
    Question q;
    q.id = rows::i64(r, 0);
    q.sampleCode = rows::str(r, 1);
    q.deviation = rows::str(r, 2);
    q.askedAtMs = rows::i64(r, 3);
    q.answer = rows::optStr(r, 4);
    q.answeredBy = rows::optStr(r, 5);
    q.answeredAtMs = rows::optI64(r, 6);
    if (r.size() > 7) q.askedBy = rows::optStr(r, 7);
    return q;
}

ThreadMessage messageOf(const soci::row& r) {
    ThreadMessage m;
    m.fromSide = rows::str(r, 0);
    m.id = rows::i64(r, 1);
    m.author = rows::str(r, 2);
    m.body = rows::str(r, 3);
    m.attachmentName = rows::optStr(r, 4);
    m.attachmentType = rows::optStr(r, 5);
    m.attachmentSize = rows::optI64(r, 6);
    m.atMs = rows::i64(r, 7);
    if (r.size() > 8) m.attachment = rows::optStr(r, 8);
    return m;
}
constexpr const char* kMessageColumns = "from_side, id, author, body, attachment_name, attachment_type, attachment_size, at_ms ";

BookingReport reportOf(const soci::row& r) {
    BookingReport b;
    b.number = rows::str(r, 0);
    b.status = rows::str(r, 1);
    b.issueDate = rows::optStr(r, 2);
    b.verificationCode = rows::optStr(r, 3);
    b.amends = rows::optStr(r, 4);
    b.sha256 = rows::str(r, 5);
    b.receivedAtMs = rows::i64(r, 6);
    if (r.size() > 7) b.pdf = rows::optStr(r, 7);
    return b;
}
constexpr const char* kReportColumns = "number, status, issue_date, verification_code, amends, sha256, received_at_ms ";

constexpr const char* kLabBookingColumns =
    "lab_id, booking_id, order_code, booking, offer, answer, decline_reason, problem, published_state, published_reports, disclosure, "
    "open_state, created_at_ms ";
LabBooking labBookingOf(const soci::row& r) {
    LabBooking b;
    b.labId = rows::i64(r, 0);
    b.bookingId = rows::i64(r, 1);
    b.orderCode = rows::optStr(r, 2);
    b.bookingJson = rows::str(r, 3);
    b.offerJson = rows::optStr(r, 4);
    b.answerJson = rows::optStr(r, 5);
    b.declineReason = rows::optStr(r, 6);
    b.problem = rows::optStr(r, 7);
    b.publishedState = rows::optStr(r, 8);
    b.publishedReports = rows::str(r, 9);
    b.disclosure = rows::i64(r, 10) != 0;
    b.open = rows::i64(r, 11) != 0;
    b.createdAtMs = rows::i64(r, 12);
    return b;
}

}  // namespace

// --- platform side -------------------------------------------------------------------------

void PortalStore::insertAccount(Tx& tx, const Account& a) {
    long long id = a.id, org = a.orgId, at = a.createdAtMs;
    tx.sql() << "INSERT INTO plat_accounts (id, org_id, uscc, company_name, contact_name, phone, created_at_ms) "
                "VALUES (:id, :org, :uscc, :name, :contact, :phone, :at)",
        soci::use(id, "id"), soci::use(org, "org"), soci::use(a.uscc, "uscc"), soci::use(a.companyName, "name"),
        soci::use(a.contactName, "contact"), soci::use(a.phone, "phone"), soci::use(at, "at");
}

std::optional<Account> PortalStore::account(Tx& tx, std::int64_t id) {
    long long i = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id, org_id, uscc, company_name, contact_name, phone, created_at_ms "
                                                      "FROM plat_accounts WHERE id = :id",
                                  soci::use(i, "id"));
    for (const auto& r : rs)
        return Account{rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::str(r, 3), rows::str(r, 4), rows::str(r, 5), rows::i64(r, 6)};
    return std::nullopt;
}

bool PortalStore::usccHeld(Tx& tx, const std::string& uscc) {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM plat_accounts WHERE uscc = :uscc", soci::into(n), soci::use(uscc, "uscc");
    return n > 0;
}

void PortalStore::insertUser(Tx& tx, const PortalUser& u) {
    long long id = u.userId, account = u.accountId, at = u.createdAtMs;
    int owner = u.owner ? 1 : 0;
    OptI64 verified(u.verifiedAtMs);
    tx.sql() << "INSERT INTO plat_account_users (user_id, account_id, email, name, owner, verified_at_ms, created_at_ms) "
                "VALUES (:id, :account, :email, :name, :owner, :verified, :at)",
        soci::use(id, "id"), soci::use(account, "account"), soci::use(u.email, "email"), soci::use(u.name, "name"),
        soci::use(owner, "owner"), soci::use(verified.value, verified.ind, "verified"), soci::use(at, "at");
}

std::optional<PortalUser> PortalStore::user(Tx& tx, std::int64_t userId) {
    long long i = userId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string("SELECT ") + kUserColumns + "FROM plat_account_users WHERE user_id = :id", soci::use(i, "id"));
    for (const auto& r : rs) return userOf(r);
    return std::nullopt;
}

std::optional<PortalUser> PortalStore::userByEmail(Tx& tx, const std::string& email) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string("SELECT ") + kUserColumns + "FROM plat_account_users WHERE email = :email", soci::use(email, "email"));
    for (const auto& r : rs) return userOf(r);
    return std::nullopt;
}

std::vector<PortalUser> PortalStore::members(Tx& tx, std::int64_t accountId) {
    long long a = accountId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kUserColumns +
                                                          "FROM plat_account_users WHERE account_id = :a ORDER BY user_id",
                                  soci::use(a, "a"));
    return collect<PortalUser>(rs, userOf);
}

void PortalStore::markVerified(Tx& tx, std::int64_t userId, std::int64_t atMs) {
    long long i = userId, at = atMs;
    tx.sql() << "UPDATE plat_account_users SET verified_at_ms = :at WHERE user_id = :id AND verified_at_ms IS NULL", soci::use(at, "at"),
        soci::use(i, "id");
}

void PortalStore::putCode(Tx& tx, const MailCode& c) {
    dropCode(tx, c.email, c.purpose);
    long long sent = c.sentAtMs, expires = c.expiresAtMs;
    OptI64 account(c.accountId);
    rows::NullableText name(c.name);
    tx.sql() << "INSERT INTO plat_mail_codes (email, purpose, code_hash, account_id, name, sent_at_ms, expires_at_ms, attempts) "
                "VALUES (:email, :purpose, :hash, :account, :name, :sent, :expires, 0)",
        soci::use(c.email, "email"), soci::use(c.purpose, "purpose"), soci::use(c.codeHash, "hash"),
        soci::use(account.value, account.ind, "account"), soci::use(name.value, name.ind, "name"), soci::use(sent, "sent"),
        soci::use(expires, "expires");
}

std::optional<MailCode> PortalStore::code(Tx& tx, const std::string& email, const std::string& purpose) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT email, purpose, code_hash, account_id, name, sent_at_ms, expires_at_ms, attempts "
                                                      "FROM plat_mail_codes WHERE email = :email AND purpose = :purpose",
                                  soci::use(email, "email"), soci::use(purpose, "purpose"));
    for (const auto& r : rs)
        return MailCode{rows::str(r, 0), rows::str(r, 1), rows::str(r, 2), rows::optI64(r, 3), rows::optStr(r, 4),
                        rows::i64(r, 5), rows::i64(r, 6), static_cast<int>(rows::i64(r, 7))};
    return std::nullopt;
}

void PortalStore::countAttempt(Tx& tx, const std::string& email, const std::string& purpose) {
    tx.sql() << "UPDATE plat_mail_codes SET attempts = attempts + 1 WHERE email = :email AND purpose = :purpose", soci::use(email, "email"),
        soci::use(purpose, "purpose");
}

void PortalStore::dropCode(Tx& tx, const std::string& email, const std::string& purpose) {
    tx.sql() << "DELETE FROM plat_mail_codes WHERE email = :email AND purpose = :purpose", soci::use(email, "email"),
        soci::use(purpose, "purpose");
}

void PortalStore::insertBooking(Tx& tx, const Booking& b) {
    long long id = b.id, account = b.accountId, lab = b.labRef, by = b.createdBy, at = b.createdAtMs;
    tx.sql() << "INSERT INTO plat_bookings (id, account_id, lab_ref, created_by, status, request, quote, disclosure, created_at_ms, "
                "updated_at_ms) VALUES (:id, :account, :lab, :by, :status, :request, :quote, 0, :at, :at2)",
        soci::use(id, "id"), soci::use(account, "account"), soci::use(lab, "lab"), soci::use(by, "by"), soci::use(b.status, "status"),
        soci::use(b.requestJson, "request"), soci::use(b.quoteJson, "quote"), soci::use(at, "at"), soci::use(at, "at2");
}

std::optional<Booking> PortalStore::booking(Tx& tx, std::int64_t id) {
    long long i = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kBookingColumns +
                                                          "FROM plat_bookings b JOIN plat_labs l ON l.id = b.lab_ref WHERE b.id = :id",
                                  soci::use(i, "id"));
    for (const auto& r : rs) return bookingOf(r);
    return std::nullopt;
}

std::vector<Booking> PortalStore::bookingsOf(Tx& tx, std::int64_t accountId, std::int64_t beforeId, int limit) {
    long long a = accountId, before = beforeId == 0 ? 9223372036854775807LL : beforeId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string("SELECT ") + kBookingColumns +
                                 "FROM plat_bookings b JOIN plat_labs l ON l.id = b.lab_ref WHERE b.account_id = :a AND b.id < :before "
                                 "ORDER BY b.id DESC LIMIT :lim",
         soci::use(a, "a"), soci::use(before, "before"), soci::use(limit, "lim"));
    return collect<Booking>(rs, bookingOf);
}

void PortalStore::updateBooking(Tx& tx, const Booking& b) {
    long long id = b.id, at = b.updatedAtMs;
    int disclosure = b.disclosure ? 1 : 0;
    rows::NullableText offer(b.offerJson), samples(b.samplesJson), order(b.orderCode), due(b.dueDate), reason(b.declineReason);
    tx.sql() << "UPDATE plat_bookings SET status = :status, offer = :offer, samples = :samples, order_code = :order_code, due_date = :due, "
                "decline_reason = :reason, disclosure = :disclosure, updated_at_ms = :at WHERE id = :id",
        soci::use(b.status, "status"), soci::use(offer.value, offer.ind, "offer"), soci::use(samples.value, samples.ind, "samples"),
        soci::use(order.value, order.ind, "order_code"), soci::use(due.value, due.ind, "due"), soci::use(reason.value, reason.ind, "reason"),
        soci::use(disclosure, "disclosure"), soci::use(at, "at"), soci::use(id, "id");
}

void PortalStore::addEvent(Tx& tx, std::int64_t bookingId, std::int64_t atMs, const std::string& kind, const std::optional<std::string>& detail) {
    long long b = bookingId, at = atMs, seq = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT MAX(seq) FROM plat_booking_events WHERE booking_id = :b", soci::into(seq, ind), soci::use(b, "b");
    long long next = (ind == soci::i_ok ? seq : 0) + 1;
    rows::NullableText d(detail);
    tx.sql() << "INSERT INTO plat_booking_events (booking_id, seq, at_ms, kind, detail) VALUES (:b, :seq, :at, :kind, :detail)",
        soci::use(b, "b"), soci::use(next, "seq"), soci::use(at, "at"), soci::use(kind, "kind"), soci::use(d.value, d.ind, "detail");
}

std::vector<BookingEvent> PortalStore::events(Tx& tx, std::int64_t bookingId) {
    long long b = bookingId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << "SELECT at_ms, kind, detail FROM plat_booking_events WHERE booking_id = :b ORDER BY seq", soci::use(b, "b"));
    return collect<BookingEvent>(rs, [](const soci::row& r) { return BookingEvent{rows::i64(r, 0), rows::str(r, 1), rows::optStr(r, 2)}; });
}

void PortalStore::putQuestion(Tx& tx, std::int64_t bookingId, const Question& q) {
    long long b = bookingId, id = q.id, asked = q.askedAtMs;
    tx.sql() << "DELETE FROM plat_booking_questions WHERE booking_id = :b AND id = :id", soci::use(b, "b"), soci::use(id, "id");
    rows::NullableText answer(q.answer), by(q.answeredBy);
    OptI64 at(q.answeredAtMs);
    tx.sql() << "INSERT INTO plat_booking_questions (booking_id, id, sample_code, deviation, asked_at_ms, answer, answered_by, answered_at_ms) "
                "VALUES (:b, :id, :code, :deviation, :asked, :answer, :by, :at)",
        soci::use(b, "b"), soci::use(id, "id"), soci::use(q.sampleCode, "code"), soci::use(q.deviation, "deviation"),
        soci::use(asked, "asked"), soci::use(answer.value, answer.ind, "answer"), soci::use(by.value, by.ind, "by"),
        soci::use(at.value, at.ind, "at");
}

std::vector<Question> PortalStore::questions(Tx& tx, std::int64_t bookingId) {
    long long b = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id, sample_code, deviation, asked_at_ms, answer, answered_by, answered_at_ms "
                                                      "FROM plat_booking_questions WHERE booking_id = :b ORDER BY asked_at_ms, id",
                                  soci::use(b, "b"));
    return collect<Question>(rs, questionOf);
}

bool PortalStore::insertMessage(Tx& tx, std::int64_t bookingId, const ThreadMessage& m) {
    if (message(tx, bookingId, m.fromSide, m.id)) return false;
    long long b = bookingId, id = m.id, at = m.atMs;
    rows::NullableText name(m.attachmentName), type(m.attachmentType), data(m.attachment);
    OptI64 size(m.attachmentSize);
    tx.sql() << "INSERT INTO plat_booking_messages (booking_id, from_side, id, author, body, attachment_name, attachment_type, "
                "attachment_size, attachment, at_ms) VALUES (:b, :side, :id, :author, :body, :name, :type, :size, :data, :at)",
        soci::use(b, "b"), soci::use(m.fromSide, "side"), soci::use(id, "id"), soci::use(m.author, "author"), soci::use(m.body, "body"),
        soci::use(name.value, name.ind, "name"), soci::use(type.value, type.ind, "type"), soci::use(size.value, size.ind, "size"),
        soci::use(data.value, data.ind, "data"), soci::use(at, "at");
    return true;
}

std::vector<ThreadMessage> PortalStore::messages(Tx& tx, std::int64_t bookingId) {
    long long b = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kMessageColumns +
                                                          "FROM plat_booking_messages WHERE booking_id = :b ORDER BY at_ms, id",
                                  soci::use(b, "b"));
    return collect<ThreadMessage>(rs, messageOf);
}

std::optional<ThreadMessage> PortalStore::message(Tx& tx, std::int64_t bookingId, const std::string& side, std::int64_t id) {
    long long b = bookingId, i = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kMessageColumns +
                                                          ", attachment FROM plat_booking_messages WHERE booking_id = :b AND from_side = :side AND id = :id",
                                  soci::use(b, "b"), soci::use(side, "side"), soci::use(i, "id"));
    for (const auto& r : rs) return messageOf(r);
    return std::nullopt;
}

void PortalStore::putReport(Tx& tx, std::int64_t bookingId, const BookingReport& r) {
    long long b = bookingId, at = r.receivedAtMs;
    rows::NullableText date(r.issueDate), code(r.verificationCode), amends(r.amends);
    if (report(tx, bookingId, r.number)) {
        tx.sql() << "UPDATE plat_booking_reports SET status = :status WHERE booking_id = :b AND number = :number", soci::use(r.status, "status"),
            soci::use(b, "b"), soci::use(r.number, "number");
        return;
    }
    const std::string pdf = r.pdf.value_or("");
    tx.sql() << "INSERT INTO plat_booking_reports (booking_id, number, status, issue_date, verification_code, amends, sha256, pdf, "
                "received_at_ms) VALUES (:b, :number, :status, :date, :code, :amends, :sha, :pdf, :at)",
        soci::use(b, "b"), soci::use(r.number, "number"), soci::use(r.status, "status"), soci::use(date.value, date.ind, "date"),
        soci::use(code.value, code.ind, "code"), soci::use(amends.value, amends.ind, "amends"), soci::use(r.sha256, "sha"),
        soci::use(pdf, "pdf"), soci::use(at, "at");
}

std::vector<BookingReport> PortalStore::reports(Tx& tx, std::int64_t bookingId) {
    long long b = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kReportColumns +
                                                          "FROM plat_booking_reports WHERE booking_id = :b ORDER BY received_at_ms, number",
                                  soci::use(b, "b"));
    return collect<BookingReport>(rs, reportOf);
}

std::optional<BookingReport> PortalStore::report(Tx& tx, std::int64_t bookingId, const std::string& number) {
    long long b = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kReportColumns +
                                                          ", pdf FROM plat_booking_reports WHERE booking_id = :b AND number = :number",
                                  soci::use(b, "b"), soci::use(number, "number"));
    for (const auto& r : rs) return reportOf(r);
    return std::nullopt;
}

std::optional<std::string> PortalStore::disclosedCustomer(Tx& tx, std::int64_t labRef, const std::string& number) {
    long long lab = labRef;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT a.company_name FROM plat_booking_reports r JOIN plat_bookings b ON b.id = r.booking_id "
                                                      "JOIN plat_accounts a ON a.id = b.account_id WHERE b.lab_ref = :lab AND r.number = :number "
                                                      "AND b.disclosure = 1",
                                  soci::use(lab, "lab"), soci::use(number, "number"));
    for (const auto& r : rs) return rows::str(r, 0);
    return std::nullopt;
}

// --- lab side ------------------------------------------------------------------------------

bool PortalStore::insertLabBooking(Tx& tx, const LabBooking& b) {
    if (labBooking(tx, b.labId, b.bookingId)) return false;
    long long lab = b.labId, id = b.bookingId, at = b.createdAtMs;
    rows::NullableText order(b.orderCode), problem(b.problem);
    const int open = b.open ? 1 : 0;
    tx.sql() << "INSERT INTO plat_lab_bookings (lab_id, booking_id, order_code, booking, problem, published_reports, disclosure, open_state, "
                "created_at_ms) VALUES (:lab, :id, :order_code, :booking, :problem, '', 0, :open, :at)",
        soci::use(lab, "lab"), soci::use(id, "id"), soci::use(order.value, order.ind, "order_code"), soci::use(b.bookingJson, "booking"),
        soci::use(problem.value, problem.ind, "problem"), soci::use(open, "open"), soci::use(at, "at");
    return true;
}

std::optional<LabBooking> PortalStore::labBooking(Tx& tx, std::int64_t labId, std::int64_t bookingId) {
    long long lab = labId, id = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kLabBookingColumns +
                                                          "FROM plat_lab_bookings WHERE lab_id = :lab AND booking_id = :id",
                                  soci::use(lab, "lab"), soci::use(id, "id"));
    for (const auto& r : rs) return labBookingOf(r);
    return std::nullopt;
}

std::optional<LabBooking> PortalStore::labBookingOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode) {
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kLabBookingColumns +
                                                          "FROM plat_lab_bookings WHERE lab_id = :lab AND order_code = :code",
                                  soci::use(lab, "lab"), soci::use(orderCode, "code"));
    for (const auto& r : rs) return labBookingOf(r);
    return std::nullopt;
}

std::vector<LabBooking> PortalStore::labBookings(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit) {
    long long lab = labId, before = beforeId == 0 ? 9223372036854775807LL : beforeId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kLabBookingColumns +
                                                          "FROM plat_lab_bookings WHERE lab_id = :lab AND booking_id < :before "
                                                          "ORDER BY booking_id DESC LIMIT :lim",
                                  soci::use(lab, "lab"), soci::use(before, "before"), soci::use(limit, "lim"));
    return collect<LabBooking>(rs, labBookingOf);
}

std::vector<LabBooking> PortalStore::openLabBookings(Tx& tx, int limit) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kLabBookingColumns +
                                                          "FROM plat_lab_bookings WHERE open_state = 1 ORDER BY lab_id, booking_id LIMIT :lim",
                                  soci::use(limit, "lim"));
    return collect<LabBooking>(rs, labBookingOf);
}

void PortalStore::updateLabBooking(Tx& tx, const LabBooking& b) {
    long long lab = b.labId, id = b.bookingId;
    rows::NullableText order(b.orderCode), offer(b.offerJson), answer(b.answerJson), reason(b.declineReason), problem(b.problem),
        state(b.publishedState);
    int disclosure = b.disclosure ? 1 : 0, open = b.open ? 1 : 0;
    tx.sql() << "UPDATE plat_lab_bookings SET order_code = :order_code, offer = :offer, answer = :answer, decline_reason = :reason, "
                "problem = :problem, published_state = :state, published_reports = :reports, disclosure = :disclosure, open_state = :open "
                "WHERE lab_id = :lab AND booking_id = :id",
        soci::use(order.value, order.ind, "order_code"), soci::use(offer.value, offer.ind, "offer"),
        soci::use(answer.value, answer.ind, "answer"), soci::use(reason.value, reason.ind, "reason"),
        soci::use(problem.value, problem.ind, "problem"), soci::use(state.value, state.ind, "state"),
        soci::use(b.publishedReports, "reports"), soci::use(disclosure, "disclosure"), soci::use(open, "open"), soci::use(lab, "lab"),
        soci::use(id, "id");
}

void PortalStore::putLabQuestion(Tx& tx, std::int64_t labId, std::int64_t bookingId, const Question& q) {
    long long lab = labId, b = bookingId, id = q.id, asked = q.askedAtMs;
    tx.sql() << "DELETE FROM plat_lab_booking_questions WHERE lab_id = :lab AND booking_id = :b AND id = :id", soci::use(lab, "lab"),
        soci::use(b, "b"), soci::use(id, "id");
    rows::NullableText answer(q.answer), by(q.answeredBy);
    OptI64 at(q.answeredAtMs);
    const std::string askedBy = q.askedBy.value_or("");
    tx.sql() << "INSERT INTO plat_lab_booking_questions (lab_id, booking_id, id, sample_code, deviation, asked_by, asked_at_ms, answer, "
                "answered_by, answered_at_ms) VALUES (:lab, :b, :id, :code, :deviation, :asked_by, :asked, :answer, :by, :at)",
        soci::use(lab, "lab"), soci::use(b, "b"), soci::use(id, "id"), soci::use(q.sampleCode, "code"), soci::use(q.deviation, "deviation"),
        soci::use(askedBy, "asked_by"), soci::use(asked, "asked"), soci::use(answer.value, answer.ind, "answer"),
        soci::use(by.value, by.ind, "by"), soci::use(at.value, at.ind, "at");
}

std::vector<Question> PortalStore::labQuestions(Tx& tx, std::int64_t labId, std::int64_t bookingId) {
    long long lab = labId, b = bookingId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << "SELECT id, sample_code, deviation, asked_at_ms, answer, answered_by, answered_at_ms, asked_by "
                             "FROM plat_lab_booking_questions WHERE lab_id = :lab AND booking_id = :b ORDER BY asked_at_ms, id",
         soci::use(lab, "lab"), soci::use(b, "b"));
    return collect<Question>(rs, questionOf);
}

bool PortalStore::insertLabMessage(Tx& tx, std::int64_t labId, std::int64_t bookingId, const ThreadMessage& m) {
    if (labMessage(tx, labId, bookingId, m.fromSide, m.id)) return false;
    long long lab = labId, b = bookingId, id = m.id, at = m.atMs;
    rows::NullableText name(m.attachmentName), type(m.attachmentType), data(m.attachment);
    OptI64 size(m.attachmentSize);
    tx.sql() << "INSERT INTO plat_lab_booking_messages (lab_id, booking_id, from_side, id, author, body, attachment_name, attachment_type, "
                "attachment_size, attachment, at_ms) VALUES (:lab, :b, :side, :id, :author, :body, :name, :type, :size, :data, :at)",
        soci::use(lab, "lab"), soci::use(b, "b"), soci::use(m.fromSide, "side"), soci::use(id, "id"), soci::use(m.author, "author"),
        soci::use(m.body, "body"), soci::use(name.value, name.ind, "name"), soci::use(type.value, type.ind, "type"),
        soci::use(size.value, size.ind, "size"), soci::use(data.value, data.ind, "data"), soci::use(at, "at");
    return true;
}

std::vector<ThreadMessage> PortalStore::labMessages(Tx& tx, std::int64_t labId, std::int64_t bookingId) {
    long long lab = labId, b = bookingId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kMessageColumns +
                                                          "FROM plat_lab_booking_messages WHERE lab_id = :lab AND booking_id = :b ORDER BY at_ms, id",
                                  soci::use(lab, "lab"), soci::use(b, "b"));
    return collect<ThreadMessage>(rs, messageOf);
}

std::optional<ThreadMessage> PortalStore::labMessage(Tx& tx, std::int64_t labId, std::int64_t bookingId, const std::string& side,
                                                     std::int64_t id) {
    long long lab = labId, b = bookingId, i = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kMessageColumns +
                                                          ", attachment FROM plat_lab_booking_messages WHERE lab_id = :lab AND booking_id = :b "
                                                          "AND from_side = :side AND id = :id",
                                  soci::use(lab, "lab"), soci::use(b, "b"), soci::use(side, "side"), soci::use(i, "id"));
    for (const auto& r : rs) return messageOf(r);
    return std::nullopt;
}

}  // namespace assay::platform
