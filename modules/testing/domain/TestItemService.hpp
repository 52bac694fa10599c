// TestItemService: test items made from accepted orders, and their assignment (R13, R23).
//
// Purpose: a test item is made for each item of an accepted order (through intake's
// OrderedItems, checked against the chosen specification's limits) and assigned to a
// technician authorized for the method on the test date (R13, accreditation's
// StaffAuthorization) whose method is usable on that date (R23). Results are ResultService's.
// Tenancy: the principal's own lab; another lab's items are a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog and the published interfaces
// of identity, accreditation and intake. Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/StaffAuthorization.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "assay/intake/OrderedItems.hpp"
#include "assay/intake/SampleProgress.hpp"
#include "domain/Result.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

class TestItemService final {
public:
    TestItemService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::UserDirectory& users,
                    accreditation::Register& reg, accreditation::StaffAuthorization& staff, intake::OrderedItems& orders)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), users_(users), register_(reg), staff_(staff), orders_(orders) {}

    // One test item per item of the accepted order (existing ones are returned, not repeated).
    // Errors: 404 (order); 409 (not accepted); 400 (specification_id has no limit for any item).
    // An item that exists without a specification and without a result takes specId.
    std::vector<TestItem> createFromOrder(const Principal& p, const std::string& orderCode, std::optional<std::int64_t> specId,
                                          const std::string& requestId);
    // The same in the caller's transaction: the order's acceptance runs it (intake's
    // OrderAcceptedStep, see TestingModule), so an accepted order has its items.
    std::vector<TestItem> createFromOrderIn(Tx& tx, const Principal& p, std::int64_t lab, const std::string& orderCode,
                                            std::optional<std::int64_t> specId, const std::string& requestId);
    // Who may be assigned the item on testDate (R13), and whether its method is usable then
    // (R23: when not, nobody can be); testDate "" is the lab's today. Errors: 400 (test_date); 404.
    struct Assignees {
        std::string testDate;
        accreditation::RuleVerdict method;
        std::vector<accreditation::Performer> people;
    };
    Assignees assignees(const Principal& p, std::int64_t itemId, const std::string& testDate);
    // Assigning an item moves its sample to in_testing (intake's SampleProgress), in the same
    // transaction. Unset (tests of this service alone): samples do not follow.
    void followSamples(intake::SampleProgress& samples) { samples_ = &samples; }
    // R13: the assignee may perform the method on the test date. Errors: 400; 404; 409 while a
    // result is in review; 412; 422 R13.
    TestItem assign(const Principal& p, std::int64_t itemId, int expectedVersion, std::int64_t userId, const std::string& testDate,
                    const std::string& requestId);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::UserDirectory& users_;
    accreditation::Register& register_;
    accreditation::StaffAuthorization& staff_;
    intake::OrderedItems& orders_;
    ResultRepository repo_;
    intake::SampleProgress* samples_ = nullptr;
};

}  // namespace assay::testing
