// PortalService: SME accounts, e-mail codes and bookings on the platform.
#include "domain/PortalService.hpp"

#include <Poco/JSON/Array.h>
#include <openssl/rand.h>

#include <map>
#include <regex>

#include "assay/Decimal.hpp"
#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "assay/Messages.hpp"
#include "assay/Uscc.hpp"
#include "domain/BookingWire.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PortalMessages.hpp"

namespace assay::platform {

using wire::idOf;
using wire::optStr;
using wire::str;

namespace {
constexpr std::int64_t kCodeLifeMs = 15 * 60 * 1000;
constexpr std::int64_t kResendMs = 60 * 1000;
constexpr int kMaxAttempts = 5;

std::string codeHash(const std::string& purpose, const std::string& email, const std::string& code) {
    return sha256Hex(purpose + ":" + email + ":" + code);
}

std::string sixDigits() {
    unsigned char b[4];
    if (RAND_bytes(b, sizeof b) != 1) throw Error::internal("RAND_bytes failed");
    const unsigned v = (unsigned(b[0]) << 24 | unsigned(b[1]) << 16 | unsigned(b[2]) << 8 | unsigned(b[3])) % 1000000u;
    std::string s = std::to_string(v);
    return std::string(6 - s.size(), '0') + s;
}

int rank(const std::string& status) {
    static const std::map<std::string, int> order{{kSubmitted, 0}, {kBooked, 1}, {kOffered, 2}, {kConfirmed, 3}, {kAccepted, 4},
                                                  {"sample_received", 5}, {"in_testing", 6}, {"reported", 7}};
    auto it = order.find(status);
    return it == order.end() ? -1 : it->second;
}
bool final(const std::string& status) { return status == kDeclined || status == kCancelled; }

}  // namespace

std::int64_t PortalService::now() const { return toEpochMillis(clock_.now()); }

void PortalService::mail(const std::string& to, const std::string& subject, const std::string& body) { mailer_.send(to, subject, body); }

std::string PortalService::newCode(Tx& tx, const std::string& email, const std::string& purpose, std::optional<std::int64_t> account,
                                   const std::optional<std::string>& name) {
    const std::string code = sixDigits();
    const std::int64_t at = now();
    store_.putCode(tx, {email, purpose, codeHash(purpose, email, code), account, name, at, at + kCodeLifeMs, 0});
    return code;
}

// Checked in a transaction of its own, so a wrong code counts even though the caller fails.
void PortalService::checkCode(const std::string& email, const std::string& purpose, const std::string& code) {
    enum class Outcome { Ok, Wrong, TooMany };
    const Outcome o = db_.write([&](Tx& tx) {
        const auto c = store_.code(tx, email, purpose);
        if (!c || c->expiresAtMs < now()) return Outcome::Wrong;
        if (c->attempts >= kMaxAttempts) return Outcome::TooMany;
        if (c->codeHash != codeHash(purpose, email, code)) {
            store_.countAttempt(tx, email, purpose);
            return c->attempts + 1 >= kMaxAttempts ? Outcome::TooMany : Outcome::Wrong;
        }
        return Outcome::Ok;
    });
    if (o == Outcome::Wrong) throw Error::invalidField("code", msg::kCodeWrong);
    if (o == Outcome::TooMany) throw Error::invalidField("code", msg::kCodeTooMany);
}

namespace {
std::string verifyMail(const std::string& code) {
    return "您好！\n\n您在检验检测资源共享平台的邮箱验证码是：" + code + "\n15 分钟内有效。如非本人操作，请忽略本邮件。\n\n"
           "Your e-mail verification code on the testing-resource platform is " + code + " (valid for 15 minutes).\n";
}

std::vector<FieldError> registrationProblems(const Registration& r) {
    std::vector<FieldError> errors;
    static const std::regex kEmail("^[a-z0-9][a-z0-9._+-]*@[a-z0-9-]+(\\.[a-z0-9-]+)+$");
    static const std::regex kPhone("^[0-9+][0-9 +-]{5,19}$");
    if (r.email.size() > 64 || !std::regex_match(r.email, kEmail)) errors.push_back({"email", msg::kEmailShape});
    if (!std::regex_match(r.phone, kPhone)) errors.push_back({"phone", msg::kPhoneShape});
    if (auto m = usccMessage(r.uscc)) errors.push_back({"uscc", *m});
    return errors;
}

// identity's field names -> the registration form's.
Error renamed(const Error& e) {
    if (e.code() != ErrorCode::InvalidArgument || e.fieldErrors().empty()) return e;
    std::vector<FieldError> out;
    for (auto f : e.fieldErrors()) {
        if (f.field == "username") f.field = "email";
        else if (f.field == "display_name") f.field = "contact_name";
        else if (f.field == "name") f.field = "company_name";
        out.push_back(f);
    }
    return Error::invalid(out);
}
}  // namespace

Me PortalService::registerAccount(const Registration& r, bool& codeSent, const std::string& requestId) {
    if (auto errors = registrationProblems(r); !errors.empty()) throw Error::invalid(errors);
    std::string code;
    Me me;
    try {
        me = db_.write([&](Tx& tx) {
            Me made = createAccount(tx, r, requestId);
            code = newCode(tx, r.email, "verify", made.account.id, std::nullopt);
            return made;
        });
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Conflict) throw Error::invalidField("email", msg::kEmailTaken);  // the username was taken
        throw renamed(e);
    }
    codeSent = true;
    try {
        mail(r.email, "检验检测资源共享平台：邮箱验证码", verifyMail(code));
    } catch (const Error&) {
        codeSent = false;
    }
    return me;
}

void PortalService::seedDemoAccount(const Registration& r) {
    db_.write([&](Tx& tx) {
        if (store_.userByEmail(tx, r.email)) return;
        const Me made = createAccount(tx, r, "demo");
        store_.markVerified(tx, made.user.userId, now());
    });
}

Me PortalService::createAccount(Tx& tx, const Registration& r, const std::string& requestId) {
    if (store_.userByEmail(tx, r.email)) throw Error::invalidField("email", msg::kEmailTaken);
    if (store_.usccHeld(tx, r.uscc)) throw Error::invalidField("uscc", msg::kUsccHeld);
    std::int64_t orgId = 0;
    if (auto org = orgs_.organizationByUscc(tx, r.uscc)) {
        if (org->kind != "customer") throw Error::invalidField("uscc", msg::kUsccNotCustomer);
        orgId = org->id;
    } else {
        orgId = users_.createOrganizationAsSystem(tx, "customer", r.companyName, r.uscc, "platform", "SME registration");
    }
    identity::NewUser nu{r.email, r.contactName, r.password, {"sme"}, orgId};
    const std::int64_t userId = users_.createUserAsSystem(tx, nu, "SME registration on the platform");
    Account a{ids_.next(), orgId, r.uscc, r.companyName, r.contactName, r.phone, now()};
    store_.insertAccount(tx, a);
    PortalUser u{userId, a.id, r.email, r.contactName, true, std::nullopt, a.createdAtMs};
    store_.insertUser(tx, u);
    audit_.record(tx, nullptr, requestId, {"portal_account", std::to_string(a.id), "create", "", std::nullopt,
                                           a.companyName + " " + a.uscc + "; owner " + r.email, std::nullopt});
    return Me{u, a, {u}};
}

PortalUser PortalService::portalUser(Tx& tx, const Principal& p) {
    auto u = store_.user(tx, p.userId);
    if (!u) throw Error::failedPrecondition(Message(msg::kNoAccount));  // an sme-role user with no portal account
    return *u;
}

Me PortalService::me(const Principal& p) {
    return db_.read([&](Tx& tx) {
        const auto u = portalUser(tx, p);
        return Me{u, *store_.account(tx, u.accountId), store_.members(tx, u.accountId)};
    });
}

Me PortalService::verifyEmail(const Principal& p, const std::string& code, const std::string& requestId) {
    const auto u = db_.read([&](Tx& tx) { return portalUser(tx, p); });
    if (u.verifiedAtMs) throw Error::conflict(Message(msg::kVerifiedAlready));
    checkCode(u.email, "verify", code);
    db_.write([&](Tx& tx) {
        store_.markVerified(tx, u.userId, now());
        store_.dropCode(tx, u.email, "verify");
        audit_.record(tx, &p, requestId, {"portal_account", std::to_string(u.accountId), "verify_email", "email", std::nullopt, u.email, std::nullopt});
    });
    return me(p);
}

void PortalService::sendVerification(const Principal& p) {
    std::string code, email;
    db_.write([&](Tx& tx) {
        const auto u = portalUser(tx, p);
        if (u.verifiedAtMs) throw Error::conflict(Message(msg::kVerifiedAlready));
        if (auto c = store_.code(tx, u.email, "verify"); c && now() - c->sentAtMs < kResendMs) {
            const int wait = static_cast<int>((kResendMs - (now() - c->sentAtMs)) / 1000) + 1;
            throw Error::tooManyRequests(Message(msg::kCodeTooSoon, {{"seconds", wait}}), wait);
        }
        email = u.email;
        code = newCode(tx, u.email, "verify", u.accountId, std::nullopt);
    });
    mail(email, "检验检测资源共享平台：邮箱验证码", verifyMail(code));
}

void PortalService::invite(const Principal& p, const std::string& email, const std::string& name, const std::string& requestId) {
    Registration check{"-", "", "-", "123456", email, ""};
    for (const auto& e : registrationProblems(check))
        if (e.field == "email") throw Error::invalid({e});
    std::string code, company;
    db_.write([&](Tx& tx) {
        const auto u = portalUser(tx, p);
        if (!u.owner) throw Error(ErrorCode::PermissionDenied, Message(msg::kOwnerOnly));
        if (store_.userByEmail(tx, email)) throw Error::invalidField("email", msg::kEmailTaken);
        company = store_.account(tx, u.accountId)->companyName;
        code = newCode(tx, email, "invite", u.accountId, name);
        audit_.record(tx, &p, requestId, {"portal_account", std::to_string(u.accountId), "invite", "members", std::nullopt, email, std::nullopt});
    });
    mail(email, "检验检测资源共享平台：加入“" + company + "”的邀请",
         "您好，" + name + "！\n\n" + company + " 邀请您加入其在检验检测资源共享平台的企业账户。\n邀请码：" + code +
             "（15 分钟内有效）。请在平台的“接受邀请”页面填写本邮箱、邀请码并设置密码。\n\n"
             "You are invited to join " + company + " on the testing-resource platform. Invitation code: " + code + ".\n");
}

PortalUser PortalService::acceptInvitation(const std::string& email, const std::string& code, const std::string& name,
                                           const std::string& password, const std::string& requestId) {
    checkCode(email, "invite", code);
    try {
        return db_.write([&](Tx& tx) {
            const auto c = store_.code(tx, email, "invite");
            if (!c || !c->accountId) throw Error::invalidField("code", msg::kCodeWrong);
            if (store_.userByEmail(tx, email)) throw Error::invalidField("email", msg::kEmailTaken);
            const auto a = store_.account(tx, *c->accountId);
            identity::NewUser nu{email, name, password, {"sme"}, a->orgId};
            const std::int64_t userId = users_.createUserAsSystem(tx, nu, "invited to an SME account on the platform");
            PortalUser u{userId, a->id, email, name, false, now(), now()};
            store_.insertUser(tx, u);
            store_.dropCode(tx, email, "invite");
            audit_.record(tx, nullptr, requestId, {"portal_account", std::to_string(a->id), "join", "members", std::nullopt, email, std::nullopt});
            return u;
        });
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Conflict) throw Error::invalidField("email", msg::kEmailTaken);
        Error r = renamed(e);
        if (r.code() == ErrorCode::InvalidArgument) {
            std::vector<FieldError> out;
            for (auto f : r.fieldErrors()) {
                if (f.field == "contact_name") f.field = "name";
                out.push_back(f);
            }
            throw Error::invalid(out);
        }
        throw r;
    }
}

void PortalService::requestReset(const std::string& email) {
    std::string code;
    db_.write([&](Tx& tx) {
        const auto u = store_.userByEmail(tx, email);
        if (!u) return;
        if (auto c = store_.code(tx, email, "reset"); c && now() - c->sentAtMs < kResendMs) return;
        code = newCode(tx, email, "reset", u->accountId, std::nullopt);
    });
    if (code.empty()) return;
    try {
        mail(email, "检验检测资源共享平台：重置密码验证码",
             "您好！\n\n您正在重置检验检测资源共享平台的登录密码，验证码是：" + code + "\n15 分钟内有效。如非本人操作，请忽略本邮件，您的密码不会改变。\n\n"
             "Your password reset code is " + code + " (valid for 15 minutes).\n");
    } catch (const Error&) {
        // answered the same either way: the address is not disclosed
    }
}

void PortalService::confirmReset(const std::string& email, const std::string& code, const std::string& password, const std::string& requestId) {
    checkCode(email, "reset", code);
    db_.write([&](Tx& tx) {
        const auto u = store_.userByEmail(tx, email);
        if (!u) throw Error::invalidField("code", msg::kCodeWrong);
        users_.resetPasswordAsSystem(tx, email, password, "password reset by e-mail code");
        store_.dropCode(tx, email, "reset");
        store_.markVerified(tx, u->userId, now());  // the code reached the mailbox
        audit_.record(tx, nullptr, requestId, {"portal_account", std::to_string(u->accountId), "reset_password", "", std::nullopt, email, std::nullopt});
    });
}

// --- bookings -------------------------------------------------------------------------------

Poco::JSON::Object::Ptr PortalService::quote(const Principal& p, const BookingInput& in) {
    return db_.read([&](Tx& tx) {
        portalUser(tx, p);
        const auto lab = platform_.enrolment(tx, in.labRef);
        if (!lab || lab->state != "approved") throw Error::invalidField("lab_id", msg::kLabNotBookable);
        const std::string today = isoDateInLab(clock_.now());
        std::vector<FieldError> errors;
        Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
        Decimal total = *Decimal::parse("0");
        int unpriced = 0;
        for (std::size_t i = 0; i < in.samples.size(); ++i) {
            for (std::size_t j = 0; j < in.samples[i].rowKeys.size(); ++j) {
                const auto row = platform_.visibleRow(tx, in.labRef, in.samples[i].rowKeys[j], today);
                if (!row) {
                    errors.push_back({"samples[" + std::to_string(i) + "].items[" + std::to_string(j) + "]", msg::kRowGone});
                    continue;
                }
                auto l = makeObject();
                l->set("sample", in.samples[i].name);
                l->set("sample_index", static_cast<int>(i));
                l->set("row_key", std::to_string(row->rowKey));
                l->set("product", row->product);
                l->set("category", row->category);
                l->set("parameter", row->parameter);
                l->set("standard", row->standard);
                l->set("scheme", row->scheme);
                if (row->price) {
                    l->set("price", *row->price);
                    total = total + *Decimal::parse(*row->price);
                } else {
                    l->set("price", Poco::Dynamic::Var());
                    ++unpriced;
                }
                lines->add(l);
            }
        }
        if (!errors.empty()) throw Error::invalid(errors);
        auto q = makeObject();
        auto labObj = makeObject();
        labObj->set("id", std::to_string(lab->id));
        labObj->set("name", lab->name);
        q->set("lab", labObj);
        q->set("lines", lines);
        q->set("total", total.toString());
        q->set("currency", "CNY");
        q->set("unpriced", unpriced);
        return q;
    });
}

Booking PortalService::book(const Principal& p, const BookingInput& in, const std::string& requestId) {
    const auto q = quote(p, in);
    return db_.write([&](Tx& tx) {
        const auto u = portalUser(tx, p);
        if (!u.verifiedAtMs) throw Error(ErrorCode::PermissionDenied, Message(msg::kNotVerified));
        const auto account = store_.account(tx, u.accountId);
        Booking b;
        b.id = ids_.next();
        b.accountId = u.accountId;
        b.labRef = in.labRef;
        b.createdBy = u.userId;
        b.status = kSubmitted;
        b.requestJson = toJson(in.request);
        b.quoteJson = toJson(q);
        b.createdAtMs = b.updatedAtMs = now();
        store_.insertBooking(tx, b);
        store_.addEvent(tx, b.id, b.createdAtMs, "submitted", std::nullopt);
        auto msgBody = makeObject();
        msgBody->set("booking_id", std::to_string(b.id));
        auto acc = makeObject();
        acc->set("company_name", account->companyName);
        acc->set("uscc", account->uscc);
        acc->set("contact_name", u.name);
        acc->set("phone", account->phone);
        acc->set("email", u.email);
        msgBody->set("account", acc);
        msgBody->set("request", in.request);
        msgBody->set("quote", q);
        platform_.appendInbox(tx, b.labRef, "booking.created", toJson(msgBody), b.createdAtMs);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.id), "book", "", std::nullopt,
                                          "lab " + std::to_string(b.labRef) + "; total " + q->getValue<std::string>("total"), std::nullopt});
        return *store_.booking(tx, b.id);
    });
}

std::vector<Booking> PortalService::bookings(const Principal& p, std::int64_t beforeId, int limit) {
    return db_.read([&](Tx& tx) { return store_.bookingsOf(tx, portalUser(tx, p).accountId, beforeId, limit); });
}

Booking PortalService::ownBooking(Tx& tx, const Principal& p, std::int64_t id) {
    const auto u = portalUser(tx, p);
    auto b = store_.booking(tx, id);
    if (!b || b->accountId != u.accountId) throw Error::notFound("booking");
    return *b;
}

BookingView PortalService::viewIn(Tx& tx, const Booking& b) {
    return {b, store_.events(tx, b.id), store_.questions(tx, b.id), store_.messages(tx, b.id), store_.reports(tx, b.id)};
}

BookingView PortalService::view(const Principal& p, std::int64_t id) {
    return db_.read([&](Tx& tx) { return viewIn(tx, ownBooking(tx, p, id)); });
}

BookingView PortalService::answerOffer(const Principal& p, std::int64_t id, bool accept, const std::vector<int>& outsideAccepted,
                                       const std::string& reason, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        Booking b = ownBooking(tx, p, id);
        if (b.status != kOffered || !b.offerJson) throw Error::conflict(Message(msg::kBookingState, {{"status", b.status}}));
        const auto offer = parseObject(*b.offerJson);
        std::vector<int> needed;
        std::set<int> positions;
        if (auto items = offer->getArray("items")) {
            for (std::size_t i = 0; i < items->size(); ++i) {
                auto it = items->getObject(static_cast<unsigned>(i));
                const int pos = it->getValue<int>("position");
                positions.insert(pos);
                if (it->has("outside_scope") && it->getArray("outside_scope")->size() > 0) needed.push_back(pos);
            }
        }
        for (const int pos : outsideAccepted)
            if (!positions.count(pos)) throw Error::invalidField("accept_outside_scope", Message(msg::kNotOffered, {{"position", pos}}));
        if (accept) {
            std::string missing;
            for (const int pos : needed)
                if (std::find(outsideAccepted.begin(), outsideAccepted.end(), pos) == outsideAccepted.end())
                    missing += (missing.empty() ? "" : ", ") + std::to_string(pos);
            if (!missing.empty()) throw Error::invalidField("accept_outside_scope", Message(msg::kOutsideScope, {{"positions", missing}}));
        }
        const auto u = portalUser(tx, p);
        auto body = makeObject();
        body->set("booking_id", std::to_string(b.id));
        body->set("accepted", accept);
        Poco::JSON::Array::Ptr acc = new Poco::JSON::Array;
        for (const int pos : outsideAccepted) acc->add(pos);
        body->set("accept_outside_scope", acc);
        body->set("by", u.name + " <" + u.email + ">");
        if (!accept) body->set("reason", reason);
        body->set("due_date", offer->optValue<std::string>("due_date", ""));
        platform_.appendInbox(tx, b.labRef, "booking.offer_answered", toJson(body), now());
        b.status = accept ? kConfirmed : kCancelled;
        if (!accept) b.declineReason = reason;
        b.updatedAtMs = now();
        store_.updateBooking(tx, b);
        store_.addEvent(tx, b.id, b.updatedAtMs, accept ? "offer_accepted" : "offer_rejected", accept ? std::nullopt : std::optional(reason));
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.id), "answer_offer", "status", std::string(kOffered), b.status,
                                          accept ? std::nullopt : std::optional(reason)});
        return viewIn(tx, b);
    });
}

BookingView PortalService::cancel(const Principal& p, std::int64_t id, const std::string& reason, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        Booking b = ownBooking(tx, p, id);
        if (b.status != kSubmitted && b.status != kBooked && b.status != kOffered)
            throw Error::conflict(Message(msg::kBookingState, {{"status", b.status}}));
        auto body = makeObject();
        body->set("booking_id", std::to_string(b.id));
        body->set("reason", reason);
        platform_.appendInbox(tx, b.labRef, "booking.cancelled", toJson(body), now());
        const std::string before = b.status;
        b.status = kCancelled;
        b.declineReason = reason;
        b.updatedAtMs = now();
        store_.updateBooking(tx, b);
        store_.addEvent(tx, b.id, b.updatedAtMs, "cancelled", reason);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.id), "cancel", "status", before, b.status, reason});
        return viewIn(tx, b);
    });
}

BookingView PortalService::answerQuestion(const Principal& p, std::int64_t id, std::int64_t questionId, const std::string& decision,
                                          const std::string& requestId) {
    if (decision != "proceed" && decision != "reject") throw Error::invalidField("decision", msg::kDecision);
    return db_.write([&](Tx& tx) {
        const Booking b = ownBooking(tx, p, id);
        const auto u = portalUser(tx, p);
        std::optional<Question> q;
        for (const auto& x : store_.questions(tx, b.id))
            if (x.id == questionId) q = x;
        if (!q) throw Error::notFound("question");
        if (q->answer) throw Error::conflict(Message(msg::kQuestionAnswered));
        q->answer = decision;
        q->answeredBy = u.name + " <" + u.email + ">";
        q->answeredAtMs = now();
        store_.putQuestion(tx, b.id, *q);
        auto body = makeObject();
        body->set("booking_id", std::to_string(b.id));
        body->set("question_id", std::to_string(q->id));
        body->set("decision", decision);
        body->set("by", *q->answeredBy);
        body->set("at", formatRfc3339(fromEpochMillis(*q->answeredAtMs)));
        platform_.appendInbox(tx, b.labRef, "booking.answer", toJson(body), now());
        store_.addEvent(tx, b.id, now(), "answered", q->sampleCode + ": " + decision);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.id), "answer", "deviation " + q->sampleCode, std::nullopt, decision, q->deviation});
        return viewIn(tx, b);
    });
}

ThreadMessage PortalService::postMessage(const Principal& p, std::int64_t id, ThreadMessage m, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        const Booking b = ownBooking(tx, p, id);
        const auto u = portalUser(tx, p);
        m.fromSide = "sme";
        m.id = ids_.next();
        m.author = u.name;
        m.atMs = now();
        store_.insertMessage(tx, b.id, m);
        platform_.appendInbox(tx, b.labRef, "booking.message", toJson(wire::messageBody(b.id, m)), m.atMs);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.id), "message", "", std::nullopt,
                                          m.attachmentName ? "with " + *m.attachmentName : std::string("text"), std::nullopt});
        m.attachment.reset();
        return m;
    });
}

ThreadMessage PortalService::attachment(const Principal& p, std::int64_t id, const std::string& side, std::int64_t messageId) {
    return db_.read([&](Tx& tx) {
        const Booking b = ownBooking(tx, p, id);
        auto m = store_.message(tx, b.id, side, messageId);
        if (!m || !m->attachment) throw Error::notFound("attachment");
        return *m;
    });
}

BookingReport PortalService::reportPdf(const Principal& p, std::int64_t id, const std::string& number) {
    return db_.read([&](Tx& tx) {
        const Booking b = ownBooking(tx, p, id);
        auto r = store_.report(tx, b.id, number);
        if (!r || !r->pdf || r->pdf->empty()) throw Error::notFound("report");
        return *r;
    });
}

BookingView PortalService::setDisclosure(const Principal& p, std::int64_t id, bool consent, const std::string& requestId) {
    return db_.write([&](Tx& tx) {
        Booking b = ownBooking(tx, p, id);
        if (b.disclosure == consent) return viewIn(tx, b);
        b.disclosure = consent;
        b.updatedAtMs = now();
        store_.updateBooking(tx, b);
        auto body = makeObject();
        body->set("booking_id", std::to_string(b.id));
        body->set("consent", consent);
        platform_.appendInbox(tx, b.labRef, "booking.disclosure", toJson(body), now());
        store_.addEvent(tx, b.id, now(), consent ? "disclosure_on" : "disclosure_off", std::nullopt);
        audit_.record(tx, &p, requestId, {"booking", std::to_string(b.id), "consent", "disclosure", consent ? "no" : "yes", consent ? "yes" : "no", std::nullopt});
        return viewIn(tx, b);
    });
}

std::optional<std::string> PortalService::disclosedCustomer(std::int64_t labRef, const std::string& number) {
    return db_.read([&](Tx& tx) { return store_.disclosedCustomer(tx, labRef, number); });
}

// --- what the lab sends -------------------------------------------------------------------------

void PortalService::applyLabMessage(Tx& tx, std::int64_t labRef, const std::string& type, const Poco::JSON::Object::Ptr& body) {
    auto b = store_.booking(tx, idOf(body, "booking_id"));
    if (!b || b->labRef != labRef) {
        Log::warn("platform.booking_unknown", {{"lab", std::to_string(labRef)}, {"type", type}, {"booking", str(body, "booking_id")}});
        return;
    }
    const std::int64_t at = now();
    b->updatedAtMs = at;
    auto setStatus = [&](const std::string& status, const std::optional<std::string>& detail) {
        if (status.empty() || status == b->status || final(b->status)) return;
        if (!final(status) && rank(status) <= rank(b->status)) return;
        b->status = status;
        store_.addEvent(tx, b->id, at, status, detail);
    };
    if (type == "booking.registered") {
        b->orderCode = str(body, "order_code");
        setStatus(kBooked, b->orderCode);
    } else if (type == "booking.declined") {
        b->declineReason = str(body, "reason");
        setStatus(kDeclined, b->declineReason);
    } else if (type == "booking.offer") {
        b->offerJson = toJson(body->getObject("offer"));
        b->dueDate = optStr(body->getObject("offer"), "due_date");
        setStatus(kOffered, str(body->getObject("offer"), "total") + " CNY; " + b->dueDate.value_or(""));
    } else if (type == "booking.state") {
        if (auto samples = body->getArray("samples")) b->samplesJson = toJson(samples);
        if (auto due = optStr(body, "due_date")) b->dueDate = due;
        if (auto problem = optStr(body, "problem")) {
            const auto events = store_.events(tx, b->id);
            const bool told = std::any_of(events.begin(), events.end(), [&](const BookingEvent& e) { return e.kind == "problem" && e.detail == problem; });
            if (!told) store_.addEvent(tx, b->id, at, "problem", problem);
        }
        setStatus(str(body, "status"), optStr(body, "detail"));
    } else if (type == "booking.question") {
        Question q;
        q.id = idOf(body, "id");
        q.sampleCode = str(body, "sample_code");
        q.deviation = str(body, "deviation");
        q.askedAtMs = at;
        store_.putQuestion(tx, b->id, q);
        store_.addEvent(tx, b->id, at, "question", q.sampleCode + ": " + q.deviation);
    } else if (type == "booking.message") {
        store_.insertMessage(tx, b->id, wire::messageOf(body, "lab", at));
    } else if (type == "booking.report") {
        BookingReport r;
        r.number = str(body, "number");
        r.status = str(body, "status");
        r.issueDate = optStr(body, "issue_date");
        r.verificationCode = optStr(body, "verification_code");
        r.amends = optStr(body, "amends");
        r.sha256 = str(body, "sha256");
        r.pdf = optStr(body, "pdf");
        r.receivedAtMs = at;
        const bool known = store_.report(tx, b->id, r.number).has_value();
        store_.putReport(tx, b->id, r);
        if (!known && r.status == "issued")
            store_.addEvent(tx, b->id, at, r.amends ? "report_amended" : "report", r.number + (r.amends ? " (" + *r.amends + ")" : ""));
        else if (known && r.status == "withdrawn")
            store_.addEvent(tx, b->id, at, "report_withdrawn", r.number);
        setStatus("reported", std::nullopt);
    }
    store_.updateBooking(tx, *b);
}

}  // namespace assay::platform
