// StaffAuthorization: the accreditation module's published answer to "may this person perform,
// check, state an opinion on, or sign this work on date D?".
//
// Purpose: testing asks before assigning, entering and approving results (R13); reports ask
// before signing (R10, R12). Every question names the acting user's own id: there is no
// "on behalf of" parameter, so no proxy signing can be expressed (R11). Published by
// AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "assay/accreditation/Register.hpp"  // RuleVerdict
#include "assay/accreditation/Scheme.hpp"

namespace assay::accreditation {

// A staff member with a user account, as an assignment names them.
struct Performer {
    std::int64_t userId = 0;
    std::string name;
};

class StaffAuthorization {
public:
    virtual ~StaffAuthorization() = default;
    // Every method reads in the caller's transaction tx and opens none of its own.
    // R13: an active staff member of the lab with a perform authorization for the method in
    // force on date.
    virtual RuleVerdict mayPerform(Tx& tx, std::int64_t labId, std::int64_t userId, std::int64_t methodId,
                                   const std::string& date) = 0;
    // R13: a check authorization for the method on date, and not the performer.
    virtual RuleVerdict mayCheck(Tx& tx, std::int64_t labId, std::int64_t checkerUserId, std::int64_t performerUserId,
                                 std::int64_t methodId, const std::string& date) = 0;
    // R13: everyone mayPerform would say yes to (active staff with a user account and a perform
    // authorization for the method in force on date), by name: the people an assignment offers.
    virtual std::vector<Performer> assignableOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) = 0;
    // R13 (ISO 6.2.6 b): an authorization to state conformity and opinions, in force on date.
    virtual RuleVerdict mayStateOpinion(Tx& tx, std::int64_t labId, std::int64_t userId, const std::string& date) = 0;
    // R10 / R12: an active signatory authorization of scheme (CMA or CNAS), in force from its
    // filing date, whose scope covers every parameter, for an active staff member.
    virtual RuleVerdict maySign(Tx& tx, std::int64_t labId, std::int64_t userId, Scheme scheme,
                                const std::vector<std::int64_t>& parameterIds, const std::string& date) = 0;
};

}  // namespace assay::accreditation
