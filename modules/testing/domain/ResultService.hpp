// ResultService: test items from accepted orders, assignment, result entry, the review workflow
// and every change kept with its reason (R13, R20, R21, R23 at result time).
//
// Purpose: a test item is made for each item of an accepted order (through intake's
// OrderedItems) and assigned to a technician authorized for the method on the test date
// (R13, accreditation's StaffAuthorization). The assignee enters the value as typed; the entry
// is stored as a contemporaneous entry record, the result's raw data (R21). The value keeps its
// digits; below the LOD it is stored as below the LOD and reported "<LOD" or 未检出, never 0.
// The reported value is rounded by the parameter's precision (GB/T 8170) and judged against the
// item's specification limit by its comparison mode and decision rule. Results go entered ->
// checked (by someone else who may check the method, R13) -> approved; an edit needs a reason
// and keeps the old value as a version (R20); invalidation needs a reason; a retest is a new
// attempt and keeps the earlier one. Every change is audited.
// Tenancy: the principal's own lab; another lab's items are a 404.
// Thread-safety: safe from any request thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Outbox.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/StaffAuthorization.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "assay/intake/OrderedItems.hpp"
#include "assay/testing/CapturedResults.hpp"
#include "assay/testing/ReportResults.hpp"
#include "domain/Result.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

// What the technician gives: the value as read, or the inputs of the method's formula (as typed).
struct Reading {
    std::string value;
    std::optional<std::map<std::string, std::string>> inputs;
};

struct ItemView {
    TestItem item;
    std::vector<Result> results;  // every attempt, oldest first, each with its history
};

class ResultService final : public CapturedResults, public ReportResults {
public:
    ResultService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                  identity::UserDirectory& users, accreditation::Register& reg, accreditation::StaffAuthorization& staff,
                  intake::OrderedItems& orders, std::string belowLodStyle)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), users_(users), register_(reg), staff_(staff),
          orders_(orders), belowLodStyle_(std::move(belowLodStyle)) {}

    // One test item per item of the accepted order (existing ones are returned, not repeated).
    // Errors: 404 (order); 409 (not accepted); 400 (specification_id has no limit for any item).
    std::vector<TestItem> createFromOrder(const Principal& p, const std::string& orderCode, std::optional<std::int64_t> specId,
                                          const std::string& requestId);
    // Newest first; mine: only those assigned to the principal.
    std::vector<TestItem> list(const Principal& p, bool mine, std::int64_t beforeId, int limit);
    ItemView get(const Principal& p, std::int64_t itemId);  // 404
    // R13: the assignee may perform the method on the test date. Errors: 400; 404; 409 while a
    // result is in review; 412; 422 R13.
    TestItem assign(const Principal& p, std::int64_t itemId, int expectedVersion, std::int64_t userId, const std::string& testDate,
                    const std::string& requestId);
    // The first result (or, with a retest reason, a new attempt keeping the earlier ones).
    // Errors: 400 (value); 404; 409 (not assigned; a result exists / none to retest); 422 R13.
    // With inputs, the value is calculated by the current formula of the parameter and method,
    // and the result keeps that formula version (R39).
    Result enter(const Principal& p, std::int64_t itemId, const Reading& reading, const std::optional<std::string>& retestReason,
                 const std::string& requestId);
    // R20: a new value with its reason; the old one stays as a version. A checked result goes
    // back to entered. Errors: 400 (reason, value); 404; 409 (approved or invalidated); 412; 422 R13.
    // A calculated result is recalculated with the formula version it already used (R39).
    Result edit(const Principal& p, std::int64_t resultId, int expectedVersion, const Reading& reading, const std::string& reason,
                const std::string& requestId);
    // R13: checked by another person authorized to check the method. Errors: 404; 409; 412; 422.
    Result check(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId);
    // Errors: 404; 409 unless checked; 412; 422 R13 (the performer approving their own result).
    Result approve(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId);
    // Errors: 400 (reason); 404; 409 when invalidated already; 412.
    Result invalidate(const Principal& p, std::int64_t resultId, int expectedVersion, const std::string& reason,
                      const std::string& requestId);
    std::optional<EntryRecord> entry(const Principal& p, std::int64_t entryId);
    std::optional<CaptureTarget> target(Tx& tx, std::int64_t labId, const std::string& sampleCode, std::int64_t parameterId) override;
    std::map<TargetKey, CaptureTarget> targets(Tx& tx, std::int64_t labId, const std::vector<TargetKey>& wanted) override;
    std::vector<ReportLine> linesOfSamples(Tx& tx, std::int64_t labId, const std::vector<std::string>& sampleCodes) override;
    std::int64_t enterCaptured(Tx& tx, const Principal& p, std::int64_t itemId, const std::string& value, std::int64_t runId,
                               const std::optional<std::string>& retestReason, const std::string& requestId,
                               const EquipmentFlag& flag) override;
    // What entering the reading would give (reported value, limit, conformity), stored nowhere:
    // the entry grid shows it as the technician types. Errors: 400 (value); 404.
    Result preview(const Principal& p, std::int64_t itemId, const Reading& reading);
    // Results in a review status (entered: to check; checked: to approve), oldest first, with
    // their items and history. Errors: 400 for another status.
    std::vector<std::pair<TestItem, Result>> queue(const Principal& p, const std::string& status, int limit);
    // The sample's conformity (合格 / 不合格 / 不判定) from each item's current result: fail when
    // any fails, pass when every item has a passing result, otherwise no_judgement. Errors: 404
    // when the lab has no test item for the sample.
    struct SampleConformity {
        std::string verdict;  // pass | fail | no_judgement
        bool provisional = false;  // some result it counts is not approved yet
        std::vector<std::pair<TestItem, std::optional<Result>>> items;
    };
    SampleConformity sampleConformity(const Principal& p, const std::string& sampleCode);
    // R39: a new formula text is the next version of the parameter's formula by the method; the
    // earlier versions stay, and results keep theirs. Errors: 400 (expression, unknown
    // parameter or method); 422 when not in a lab.
    Formula addFormula(const Principal& p, std::int64_t parameterId, std::int64_t methodId, const std::string& expression,
                       const std::optional<std::string>& note, const std::string& requestId);
    std::vector<Formula> formulas(const Principal& p, std::int64_t parameterId, std::int64_t methodId);

    // Where result.failed_limit is written (the host outbox, domain/ResultEvents); none: not written.
    void publishTo(Outbox& outbox) { outbox_ = &outbox; }

private:
    Outbox* outbox_ = nullptr;
    // Value, reported text, unit, limit and conformity of a typed value for the item.
    void evaluate(Tx& tx, const TestItem& item, const std::string& typed, Result& r);
    // A reading into r: a typed value, or inputs calculated by `formula` (the current one when
    // empty). Returns the text the entry record keeps.
    std::string evaluateReading(Tx& tx, const TestItem& item, const Reading& reading, std::optional<std::int64_t> formulaId, Result& r);
    // One write transaction: the result and its item, then prepare(tx, item, before) (checks,
    // which may ask other modules in tx), then apply(tx, item, before, next), which returns the reason.
    template <class Prepare, class Apply>
    // The state after the change is sealed in the audit trail in the same transaction (ResultEvidence).
    Result change(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId, Prepare prepare,
                  Apply apply);
    std::int64_t newEntry(Tx& tx, const Principal& p, const TestItem& item, const std::string& typed);
    // The item with its results; checkEvidence: each compared with its audit seal (tamperReason).
    ItemView itemView(Tx& tx, std::int64_t lab, std::int64_t itemId, bool checkEvidence);
    // A result found tampered in a read of several statements is checked again by a fresh read in
    // the same transaction: on MariaDB (READ COMMITTED, each statement sees the latest commit) a
    // change committing between the row and its seal is not tampering; SQLite reads one snapshot.
    void confirmTampered(Tx& tx, std::int64_t labId, std::int64_t resultId, std::optional<std::string>& problem);
    // enter(), with the raw data either a new manual entry record or a capture run.
    Result enterWith(Tx& tx, const Principal& p, std::int64_t itemId, const Reading& reading, const std::optional<std::string>& retestReason,
                     std::optional<std::int64_t> captureRun, const std::string& requestId, const EquipmentFlag& flag = {});
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    identity::UserDirectory& users_;
    accreditation::Register& register_;
    accreditation::StaffAuthorization& staff_;
    intake::OrderedItems& orders_;
    std::string belowLodStyle_;
    ResultRepository repo_;
};

}  // namespace assay::testing
