// StaffService: validation, R14 activation, authorizations, their audit trail, and the verdicts.
#include "domain/StaffService.hpp"

#include "domain/AccreditationMessages.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"
#include "domain/RuleBlocks.hpp"
#include "domain/Qualification.hpp"

namespace assay::accreditation {

namespace {
}  // namespace

std::string StaffService::personKey(const std::string& idNumber) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update("assay-person-v1:" + idNumber);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

StaffMember StaffService::mustFind(Tx& tx, std::int64_t lab, std::int64_t id) {
    auto s = repo_.find(tx, lab, id);
    if (!s) throw Error::notFound("staff member");
    return *s;
}

std::vector<FieldError> StaffService::staffProblems(const StaffInput& in) {
    std::vector<FieldError> errors;
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    if (!in.idNumber)
        errors.push_back({"id_number", msg::kIdNumberRequired});
    else if (!isValidIdNumber(*in.idNumber))
        errors.push_back({"id_number", msg::kIdNumberInvalid});
    return errors;
}

StaffMember StaffService::create(const Principal& p, const StaffInput& in, const std::string& requestId) {
    const std::vector<FieldError> inputErrors = staffProblems(in);
    const std::int64_t lab = requireLab(p);
    // The linked account is checked in the use case's own transaction; a 400 still names every field.
    auto problemsWith = [&](Tx& tx) {
        std::vector<FieldError> errors = inputErrors;
        if (in.userId) {
            auto u = users_.userById(tx, *in.userId);
            if (!u || u->orgId != lab) errors.push_back({"user_id", msg::kNoSuchUser});
            else if (!u->active) errors.push_back({"user_id", msg::kAccountDeactivated});
        }
        return errors;
    };
    if (!inputErrors.empty()) throw Error::invalid(db_.read([&](Tx& tx) { return problemsWith(tx); }));
    const std::string key = personKey(*in.idNumber);
    return auditingBlocks(db_, audit_, p, requestId, "staff", maskIdNumber(*in.idNumber), [&] {
        try {
            return db_.write([&](Tx& tx) {
                if (auto errors = problemsWith(tx); !errors.empty()) throw Error::invalid(errors);
                return insertStaff(tx, p, lab, in, requestId);
            });
        } catch (const Error& e) {
            // A concurrent activation of the same person won the acc_active_persons key.
            if (e.code() == ErrorCode::Conflict && db_.read([&](Tx& tx) { return repo_.activeLabOf(tx, key).has_value(); }))
                throw Error::rule("R14", Message(msg::kJustActivatedElsewhere, {{"name", in.name}, {"id", maskIdNumber(*in.idNumber)}}));
            throw;
        }
    });
}

StaffMember StaffService::insertStaff(Tx& tx, const Principal& p, std::int64_t lab, const StaffInput& in,
                                      const std::string& requestId) {
    if (in.userId && repo_.findByUser(tx, lab, *in.userId)) throw Error::conflict(msg::kUserOnStaff);
    StaffMember s;
    s.id = ids_.next();
    s.labId = lab;
    s.name = in.name;
    s.userId = in.userId;
    s.position = in.position;
    s.personKey = personKey(*in.idNumber);
    s.idNumberMasked = maskIdNumber(*in.idNumber);
    if (auto other = repo_.activeLabOf(tx, *s.personKey))
        throw Error::rule("R14", Message(*other == lab ? msg::kActiveHere : msg::kActiveElsewhere,
                                           {{"name", s.name}, {"id", *s.idNumberMasked}}));
    s.createdAtMs = s.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insertStaff(tx, s);
    repo_.claimPerson(tx, *s.personKey, lab, s.id);
    audit_.record(tx, &p, requestId,
                  {"staff", std::to_string(s.id), "create", "", std::nullopt,
                   s.name + (s.position ? " " + *s.position : "") + (s.userId ? " user " + std::to_string(*s.userId) : ""),
                   std::nullopt});
    return s;
}

StaffMember StaffService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return mustFind(tx, lab, id); });
}

std::vector<StaffMember> StaffService::list(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, afterId, limit); });
}

std::vector<FieldError> StaffService::endingProblems(const std::string& effectiveDate, const std::string& reason) {
    std::vector<FieldError> errors;
    if (!isDate(effectiveDate)) errors.push_back({"effective_date", assay::msg::kNotDate});
    requiredText(errors, "reason", reason, assay::msg::kRequired, 500);
    return errors;
}

StaffMember StaffService::deactivate(const Principal& p, std::int64_t id, int expectedVersion, const std::string& effectiveDate,
                                     const std::string& reasonGiven, const std::string& requestId) {
    if (auto errors = endingProblems(effectiveDate, reasonGiven); !errors.empty()) throw Error::invalid(errors);
    const std::string reason = trimmed(reasonGiven);
    if (effectiveDate > today())
        throw Error::invalidField("effective_date", msg::kDeactivationInFuture);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        StaffMember s = mustFind(tx, lab, id);
        if (s.version != expectedVersion) throw Error::preconditionFailed(msg::kStaffChanged);
        if (s.deactivatedOn) throw Error::conflict(Message(msg::kAlreadyDeactivated, {{"name", s.name}, {"from", *s.deactivatedOn}}), {});
        s.deactivatedOn = effectiveDate;
        s.deactivationReason = reason;
        s.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.deactivate(tx, s, expectedVersion))
            throw Error::preconditionFailed(msg::kStaffChanged);
        if (s.personKey) repo_.releasePerson(tx, *s.personKey, s.id);
        s.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId, {"staff", std::to_string(id), "update", "status", "active",
                                          "inactive from " + effectiveDate, reason});
        return s;
    });
}

std::vector<FieldError> StaffService::recordProblems(const StaffRecordInput& in) {
    std::vector<FieldError> errors;
    if (!isStaffRecordKind(in.kind)) errors.push_back({"kind", msg::kStaffRecordKind});
    if (in.title.empty()) errors.push_back({"title", assay::msg::kRequired});
    if (!isDate(in.recordDate)) errors.push_back({"record_date", assay::msg::kNotDate});
    if (in.validUntil && (!isDate(*in.validUntil) || *in.validUntil < in.recordDate))
        errors.push_back({"valid_until", msg::kValidUntil});
    return errors;
}

StaffMember StaffService::addRecord(const Principal& p, std::int64_t id, const StaffRecordInput& in, const std::string& requestId) {
    if (auto errors = recordProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        StaffMember s = mustFind(tx, lab, id);
        StaffRecord r{ids_.next(), id, in.kind, in.title, in.recordDate, in.validUntil, in.result, toEpochMillis(clock_.now())};
        repo_.insertRecord(tx, lab, r, p.userId);
        s.records.push_back(r);
        audit_.record(tx, &p, requestId, {"staff", std::to_string(id), "add_record", in.kind, std::nullopt,
                                          in.recordDate + " " + in.title + (in.result ? " " + *in.result : ""), std::nullopt});
        return s;
    });
}

std::vector<FieldError> StaffService::authorizationProblems(const AuthorizationInput& in) {
    std::vector<FieldError> errors;
    if (!isActivity(in.activity)) errors.push_back({"activity", msg::kActivity});
    const bool needsMethod = in.activity == "perform" || in.activity == "check";
    if (needsMethod && !in.methodId) errors.push_back({"method_id", msg::kMethodForActivity});
    if (in.activity == "opinion" && in.methodId) errors.push_back({"method_id", msg::kOpinionNoMethod});
    if (!isDate(in.validFrom)) errors.push_back({"valid_from", assay::msg::kNotDate});
    return errors;
}

StaffMember StaffService::addAuthorization(const Principal& p, std::int64_t id, const AuthorizationInput& in,
                                           const std::string& requestId) {
    if (auto errors = authorizationProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        StaffMember s = mustFind(tx, lab, id);
        Authorization a;
        if (in.methodId) {
            auto m = register_.findMethod(tx, lab, *in.methodId);
            if (!m) throw Error::invalidField("method_id", msg::kNoSuchMethod);
            if (m->ref.status != MethodStatus::Current) throw Error::invalidField("method_id", msg::kMethodIsWithdrawn);
            a.methodCitation = m->ref.citation();
        }
        if (!s.activeOn(in.validFrom))
            throw Error::conflict(Message(msg::kDeactivatedNoAuthorization, {{"name", s.name}, {"from", *s.deactivatedOn}}), {});
        a.id = ids_.next();
        a.staffId = id;
        a.activity = in.activity;
        a.methodId = in.methodId;
        a.validFrom = in.validFrom;
        a.basis = in.basis;
        a.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertAuthorization(tx, lab, a, p.userId);
        s.authorizations.push_back(a);
        audit_.record(tx, &p, requestId,
                      {"staff", std::to_string(id), "authorize", in.activity, std::nullopt,
                       (a.methodCitation.empty() ? std::string("conformity statements and opinions") : a.methodCitation) +
                           " from " + in.validFrom + (in.basis ? " (" + *in.basis + ")" : ""),
                       std::nullopt});
        return s;
    });
}

// Ends one authorization of a staff member's list from effectiveDate, with the reason, audited.
template <class Auth, class Start, class End, class Describe>
StaffMember StaffService::endOne(const Principal& p, std::int64_t id, std::vector<Auth> StaffMember::*list, std::int64_t authId,
                                 const std::string& effectiveDate, const std::string& reasonGiven, const std::string& requestId,
                                 const std::string& what, Start start, End end, Describe describe) {
    if (auto errors = endingProblems(effectiveDate, reasonGiven); !errors.empty()) throw Error::invalid(errors);
    const std::string reason = trimmed(reasonGiven);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        StaffMember s = mustFind(tx, lab, id);
        auto& items = s.*list;
        auto it = std::find_if(items.begin(), items.end(), [&](const Auth& a) { return a.id == authId; });
        if (it == items.end()) throw Error::notFound(what);
        if (it->endedOn) throw Error::conflict(Message(what == "authorization" ? msg::kAuthorizationEndedAlready : msg::kSignatoryEndedAlready, {{"date", *it->endedOn}}), {});
        if (effectiveDate <= start(*it)) throw Error::invalidField("effective_date", Message(msg::kAfterStart, {{"date", start(*it)}}));
        if (!end(tx, lab, authId, reason)) throw Error::conflict(what == "authorization" ? msg::kAuthorizationEndedMeanwhile : msg::kSignatoryEndedMeanwhile, {});
        it->endedOn = effectiveDate;
        it->endReason = reason;
        audit_.record(tx, &p, requestId,
                      {"staff", std::to_string(id), "end_authorization", describe(*it).first, describe(*it).second,
                       "ended on " + effectiveDate, reason});
        return s;
    });
}

StaffMember StaffService::endAuthorization(const Principal& p, std::int64_t id, std::int64_t authorizationId,
                                           const std::string& effectiveDate, const std::string& reason,
                                           const std::string& requestId) {
    return endOne(
        p, id, &StaffMember::authorizations, authorizationId, effectiveDate, reason, requestId, "authorization",
        [](const Authorization& a) { return a.validFrom; },
        [&](Tx& tx, std::int64_t lab, std::int64_t aid, const std::string& why) {
            return repo_.endAuthorization(tx, lab, aid, effectiveDate, why);
        },
        [](const Authorization& a) { return std::make_pair(a.activity, a.methodCitation + " from " + a.validFrom); });
}

std::vector<FieldError> StaffService::signatoryProblems(const SignatoryInput& in) {
    std::vector<FieldError> errors;
    if (!in.scheme) errors.push_back({"scheme", msg::kSchemeRequired});
    if (in.parameterIds.empty()) errors.push_back({"parameter_ids", "name the parameters of the signing scope"});
    if (!isDate(in.filedOn)) errors.push_back({"filed_on", msg::kFiledOn});
    if (in.filingRef.empty()) errors.push_back({"filing_ref", msg::kFilingRef});
    return errors;
}

StaffMember StaffService::addSignatory(const Principal& p, std::int64_t id, const SignatoryInput& in, const std::string& requestId) {
    if (auto errors = signatoryProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return auditingBlocks(db_, audit_, p, requestId, "staff", std::to_string(id), [&] { return db_.write([&](Tx& tx) {
        StaffMember s = mustFind(tx, lab, id);
        std::vector<FieldError> errors;
        std::set<std::int64_t> seen;
        for (std::size_t i = 0; i < in.parameterIds.size(); ++i) {
            if (!register_.findParameter(tx, lab, in.parameterIds[i]))
                errors.push_back({"parameter_ids[" + std::to_string(i) + "]", msg::kNoSuchParameter});
            else if (!seen.insert(in.parameterIds[i]).second)
                errors.push_back({"parameter_ids[" + std::to_string(i) + "]", assay::msg::kListedTwice});
        }
        if (!errors.empty()) throw Error::invalid(errors);
        if (!s.userId)
            throw Error::rule("R11", Message(msg::kSignatoryOwnAccount, {{"name", s.name}}));
        if (!s.activeOn(in.filedOn))
            throw Error::conflict(Message(msg::kDeactivatedNoAuthorization, {{"name", s.name}, {"from", *s.deactivatedOn}}), {});
        SignatoryAuthorization a;
        a.id = ids_.next();
        a.staffId = id;
        a.scheme = *in.scheme;
        a.parameterIds = in.parameterIds;
        a.filedOn = in.filedOn;
        a.filingRef = in.filingRef;
        a.createdAtMs = toEpochMillis(clock_.now());
        std::vector<std::int64_t> scopeIds;
        for (std::size_t i = 0; i < a.parameterIds.size(); ++i) scopeIds.push_back(ids_.next());
        repo_.insertSignatory(tx, lab, a, p.userId, scopeIds);
        s.signatories.push_back(a);
        std::string scope;
        for (auto pid : a.parameterIds) scope += (scope.empty() ? "" : ",") + std::to_string(pid);
        audit_.record(tx, &p, requestId,
                      {"staff", std::to_string(id), "authorize", "signatory", std::nullopt,
                       toString(a.scheme) + " signatory filed " + a.filedOn + " (" + a.filingRef + ") scope " + scope, std::nullopt});
        return s;
    }); });
}

StaffMember StaffService::endSignatory(const Principal& p, std::int64_t id, std::int64_t signatoryId,
                                       const std::string& effectiveDate, const std::string& reason,
                                       const std::string& requestId) {
    return endOne(
        p, id, &StaffMember::signatories, signatoryId, effectiveDate, reason, requestId, "signatory authorization",
        [](const SignatoryAuthorization& a) { return a.filedOn; },
        [&](Tx& tx, std::int64_t lab, std::int64_t aid, const std::string& why) {
            return repo_.endSignatory(tx, lab, aid, effectiveDate, why);
        },
        [](const SignatoryAuthorization& a) { return std::make_pair(std::string("signatory"), toString(a.scheme) + " filed " + a.filedOn); });
}

std::optional<StaffMember> StaffService::byUser(Tx& tx, std::int64_t labId, std::int64_t userId) {
    return repo_.findByUser(tx, labId, userId);
}

namespace {
RuleVerdict no(const std::string& rule, Message why) { return {false, rule, why.english(), why}; }
}  // namespace

RuleVerdict StaffService::mayPerform(Tx& tx, std::int64_t labId, std::int64_t userId, std::int64_t methodId, const std::string& date) {
    if (!isDate(date)) return no("R13", Message(msg::kTestDateNotDate, {{"date", date}}));
    return performVerdict(byUser(tx, labId, userId), methodId, date, "perform");
}

RuleVerdict StaffService::mayCheck(Tx& tx, std::int64_t labId, std::int64_t checkerUserId, std::int64_t performerUserId,
                                   std::int64_t methodId, const std::string& date) {
    if (!isDate(date)) return no("R13", Message(msg::kDateNotDate, {{"date", date}}));
    if (checkerUserId == performerUserId) return no("R13", msg::kSameChecker);
    auto checker = byUser(tx, labId, checkerUserId);
    auto performer = byUser(tx, labId, performerUserId);
    if (checker && performer && checker->personKey && checker->personKey == performer->personKey)
        return no("R13", msg::kSameCheckerPerson);
    return performVerdict(checker, methodId, date, "check");
}

RuleVerdict StaffService::mayStateOpinion(Tx& tx, std::int64_t labId, std::int64_t userId, const std::string& date) {
    if (!isDate(date)) return no("R13", Message(msg::kDateNotDate, {{"date", date}}));
    return opinionVerdict(byUser(tx, labId, userId), date);
}

RuleVerdict StaffService::maySign(Tx& tx, std::int64_t labId, std::int64_t userId, Scheme scheme,
                                  const std::vector<std::int64_t>& parameterIds, const std::string& date) {
    if (!isDate(date)) return no("R10", Message(msg::kSigningDateNotDate, {{"date", date}}));
    std::map<std::int64_t, std::string> names;
    for (const auto& prm : register_.findParameters(tx, labId, parameterIds)) names[prm.id] = prm.nameZh;
    return signVerdict(repo_.findByUser(tx, labId, userId), scheme, parameterIds, date, names);
}

std::vector<std::string> StaffService::performersOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) {
    std::vector<std::string> names;
    // Only staff holding a perform authorization for the method can pass; judge those alone.
    for (auto id : repo_.authorizedFor(tx, labId, "perform", methodId))
        if (auto s = repo_.find(tx, labId, id); s && performVerdict(s, methodId, date).ok) names.push_back(s->name);
    return names;
}

std::vector<Performer> StaffService::assignableOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) {
    std::vector<Performer> out;
    if (!isDate(date)) return out;
    for (auto id : repo_.authorizedFor(tx, labId, "perform", methodId))
        if (auto s = repo_.find(tx, labId, id); s && s->userId && performVerdict(s, methodId, date).ok)
            out.push_back({*s->userId, s->name});
    return out;
}

RuleVerdict StaffService::answer(const Principal& p, const StaffQuestion& q) {
    std::vector<FieldError> errors;
    if (q.activity != "sign" && !isActivity(q.activity)) errors.push_back({"activity", msg::kActivityOrSign});
    if (q.userId <= 0) errors.push_back({"user_id", assay::msg::kRequiredId});
    if (!isDate(q.date)) errors.push_back({"date", assay::msg::kNotDate});
    if ((q.activity == "perform" || q.activity == "check") && !q.methodId) errors.push_back({"method_id", assay::msg::kRequired});
    if (q.activity == "check" && !q.performerUserId) errors.push_back({"performer_user_id", assay::msg::kRequired});
    if (q.activity == "sign" && !q.scheme) errors.push_back({"scheme", msg::kSchemeRequired});
    if (q.activity == "sign" && q.parameterIds.empty()) errors.push_back({"parameter_ids", assay::msg::kRequired});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) {
        if (q.activity == "perform") return mayPerform(tx, lab, q.userId, *q.methodId, q.date);
        if (q.activity == "check") return mayCheck(tx, lab, q.userId, *q.performerUserId, *q.methodId, q.date);
        if (q.activity == "opinion") return mayStateOpinion(tx, lab, q.userId, q.date);
        return maySign(tx, lab, q.userId, *q.scheme, q.parameterIds, q.date);
    });
}

}  // namespace assay::accreditation
