// ReportResults: the testing module's published door for the reports module: the test items of
// samples with their current results, as a report prints and checks them.
//
// Purpose: one line per test item of the given samples, with the item's current result (the
// latest attempt that is not invalidated) and what the report's rule checks need: its status
// (approved or not, R32), its raw data (R21), the reported value, unit, limit, conformity, MU and
// whether the MU straddles the limit (R29), the decision rule (R30) and an R15 equipment flag.
// Published by TestingModule. Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"
#include "assay/testing/ResultStatus.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::testing {

struct ReportLine {
    std::int64_t itemId = 0;
    std::int64_t orderItemId = 0;
    std::string orderCode;
    std::string sampleCode, product, productCategory;
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    std::optional<std::string> testDate;
    std::optional<std::string> decisionRule;
    std::optional<std::int64_t> specificationId;  // the limits judged against (R6 asks for its standard)
    // The current result; empty resultId: none yet.
    std::optional<std::int64_t> resultId;
    std::optional<ResultStatus> resultStatus;  // none without a result
    std::string reported, unit;
    std::optional<std::string> limitText, conformity, uncertainty;
    bool muStraddles = false;
    std::string rawKind;  // manual | capture
    std::int64_t rawRef = 0;
    std::optional<std::string> equipmentFlag;  // R15 flag policy: no mark for this line
    std::optional<std::string> approverName;
    // R20: what no longer matches the state the audit trail recorded for the result (it was
    // changed outside Assay); empty when intact. Such a result is not reported.
    std::optional<std::string> tampered;
};

class ReportResults {
public:
    virtual ~ReportResults() = default;
    // Reads in the caller's transaction tx (a fixed number of queries per 200 samples and items).
    // The lab's test items of these samples (in sample, then item order) with their current
    // results. Unknown codes give no lines.
    virtual std::vector<ReportLine> linesOfSamples(Tx& tx, std::int64_t labId, const std::vector<std::string>& sampleCodes) = 0;
};

}  // namespace assay::testing
