// ResultService: result entry and evaluation, the review steps and every change kept with its
// reason (R13, R20, R21, R23 at result time, R24, R39).
//
// Purpose: the assignee of a test item (TestItemService) enters the value as typed; the entry
// is stored as a contemporaneous entry record, the result's raw data (R21). The value keeps its
// digits; below the LOD it is stored as below the LOD and reported "<LOD" or 未检出, never 0.
// The reported value is rounded by the parameter's precision (GB/T 8170) and judged against the
// item's specification limit by its comparison mode and decision rule. Results go entered ->
// checked (by someone else who may check the method, R13) -> approved; an edit needs a reason
// and keeps the old value as a version (R20); invalidation needs a reason; a retest is a new
// attempt and keeps the earlier one. Every change is audited and sealed (ResultEvidence).
// It implements the published CapturedResults (capture's accepted readings); the reads are
// ResultQueries, the formulas FormulaService.
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
#include "assay/intake/SampleProgress.hpp"
#include "assay/testing/CapturedResults.hpp"
#include "domain/Result.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

// What the technician gives: the value as read, or the inputs of the method's formula (as typed).
struct Reading {
    std::string value;
    std::optional<std::map<std::string, std::string>> inputs;
};

class ResultService final : public CapturedResults {
public:
    ResultService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, accreditation::Register& reg,
                  accreditation::StaffAuthorization& staff, std::string belowLodStyle)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), register_(reg), staff_(staff), belowLodStyle_(std::move(belowLodStyle)) {}

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
    // The specification a sample's results are judged by, changed with a reason (R20; the first
    // choice, while no item has one and no result exists, needs none) until its
    // results are approved: every test item of the sample takes it, and each current result not
    // yet approved is judged again against it (limit, conformity, MU straddling; a checked result
    // whose judgement changes is checked again), each change a new result version with the
    // reason; null removes it. Errors: 400 (reason; specification_id without a limit for any
    // item of the sample); 404 (no test items for the sample); 409 (a result of the sample is
    // approved).
    std::vector<TestItem> changeSpecification(const Principal& p, const std::string& sampleCode, std::optional<std::int64_t> specId,
                                              const std::string& reason, const std::string& requestId);
    // Errors: 400 (reason); 404; 409 when invalidated already; 412.
    Result invalidate(const Principal& p, std::int64_t resultId, int expectedVersion, const std::string& reason,
                      const std::string& requestId);
    std::optional<CaptureTarget> target(Tx& tx, std::int64_t labId, const std::string& sampleCode, std::int64_t parameterId) override;
    std::map<TargetKey, CaptureTarget> targets(Tx& tx, std::int64_t labId, const std::vector<TargetKey>& wanted) override;
    std::int64_t enterCaptured(Tx& tx, const Principal& p, std::int64_t itemId, const std::string& value, std::int64_t runId,
                               const std::optional<std::string>& retestReason, const std::string& requestId,
                               const EquipmentFlag& flag) override;
    // What entering the reading would give (reported value, limit, conformity), stored nowhere:
    // the entry grid shows it as the technician types. Errors: 400 (value); 404.
    Result preview(const Principal& p, std::int64_t itemId, const Reading& reading);
    // Where result.failed_limit is written (the host outbox, domain/ResultEvents); none: not written.
    void publishTo(Outbox& outbox) { outbox_ = &outbox; }
    // Approving the last open result of a sample moves it to tested (intake's SampleProgress), in
    // the same transaction; unset: samples do not follow.
    void followSamples(intake::SampleProgress& samples) { samples_ = &samples; }

private:
    Outbox* outbox_ = nullptr;
    intake::SampleProgress* samples_ = nullptr;
    // Whether every item of the item's sample has its current result approved, the item's own
    // counting as approved (it is being approved).
    bool sampleDone(Tx& tx, const TestItem& item);
    // Value, reported text, unit, limit and conformity of a typed value for the item.
    void evaluate(Tx& tx, const TestItem& item, const std::string& typed, Result& r);
    // The limit, conformity and MU straddling of r's value against the item's specification.
    void judge(Tx& tx, const TestItem& item, Result& r);
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
    // enter(), with the raw data either a new manual entry record or a capture run.
    Result enterWith(Tx& tx, const Principal& p, std::int64_t itemId, const Reading& reading, const std::optional<std::string>& retestReason,
                     std::optional<std::int64_t> captureRun, const std::string& requestId, const EquipmentFlag& flag = {});
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    accreditation::Register& register_;
    accreditation::StaffAuthorization& staff_;
    std::string belowLodStyle_;
    ResultRepository repo_;
};

}  // namespace assay::testing
