// Staff: the lab's technical staff, their training and competence records, their method
// authorizations (上岗 / 授权) and signatory authorizations (授权签字人).
//
// Purpose: the values passed between StaffService, its repository and its handlers, and the pure
// verdicts behind StaffAuthorization (R10, R12, R13). Every authorization is in force from its
// start date (for a signatory: the filing date, R12) until the day before ended_on. A staff
// member deactivated on a date is inactive from that date on; a record is never deleted.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/Scheme.hpp"

namespace assay::accreditation {

inline bool isActivity(const std::string& a) { return a == "perform" || a == "check" || a == "opinion"; }
inline bool isStaffRecordKind(const std::string& k) { return k == "training" || k == "competence" || k == "qualification"; }

struct StaffRecord {
    std::int64_t id = 0;
    std::int64_t staffId = 0;
    std::string kind;        // training | competence | qualification
    std::string title;
    std::string recordDate;
    std::optional<std::string> validUntil;
    std::optional<std::string> result;
    std::int64_t createdAtMs = 0;
};

struct Authorization {
    std::int64_t id = 0;
    std::int64_t staffId = 0;
    std::string activity;                  // perform | check | opinion
    std::optional<std::int64_t> methodId;  // perform / check
    std::string methodCitation;            // for display
    std::string validFrom;
    std::optional<std::string> endedOn;
    std::optional<std::string> basis;      // the competence record or assessment it rests on
    std::optional<std::string> endReason;
    std::int64_t createdAtMs = 0;
    bool inForceOn(const std::string& d) const { return validFrom <= d && (!endedOn || d < *endedOn); }
};

struct SignatoryAuthorization {
    std::int64_t id = 0;
    std::int64_t staffId = 0;
    Scheme scheme = Scheme::Cma;
    std::vector<std::int64_t> parameterIds;  // the signing scope
    std::string filedOn;                     // in force from the filing date (R12)
    std::string filingRef;                   // the filing or self-declaration receipt
    std::optional<std::string> endedOn;
    std::optional<std::string> endReason;
    std::int64_t createdAtMs = 0;
    bool inForceOn(const std::string& d) const { return filedOn <= d && (!endedOn || d < *endedOn); }
};

struct StaffMember {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string name;
    std::optional<std::int64_t> userId;       // the account the person signs in with
    std::optional<std::string> personKey;     // SHA-256 of the national ID number (R14)
    std::optional<std::string> idNumberMasked;
    std::optional<std::string> position;
    std::optional<std::string> deactivatedOn;  // inactive from this date
    std::optional<std::string> deactivationReason;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
    std::vector<StaffRecord> records;
    std::vector<Authorization> authorizations;
    std::vector<SignatoryAuthorization> signatories;
    bool activeOn(const std::string& d) const { return !deactivatedOn || d < *deactivatedOn; }
};

// A national ID number (公民身份号码, GB 11643-1999): 17 digits and a check character (0-9 or X).
bool isValidIdNumber(const std::string& id);
// "440106********123X": the first 6 and last 4 characters.
std::string maskIdNumber(const std::string& id);

// R13 verdicts on a staff member (already found by user id; empty when the user is not on staff).
RuleVerdict performVerdict(const std::optional<StaffMember>& s, std::int64_t methodId, const std::string& date,
                           const std::string& activity = "perform");
RuleVerdict opinionVerdict(const std::optional<StaffMember>& s, const std::string& date);
// R10 / R12: parameterNames names the parameters for the reason (missing ids are shown as ids).
RuleVerdict signVerdict(const std::optional<StaffMember>& s, Scheme scheme,
                        const std::vector<std::int64_t>& parameterIds, const std::string& date,
                        const std::map<std::int64_t, std::string>& parameterNames);

}  // namespace assay::accreditation
