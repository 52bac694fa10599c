// ResultQueries: reads of test items and results, each result checked against its audit seal.
//
// Purpose: the worklist, one item with every attempt and its versions, the review queue, a
// sample's conformity, a manual entry record, and the published ReportResults (the lines a
// report prints, in the caller's transaction). A result whose row differs from its seal is
// read again in the same transaction before it is reported tampered (MariaDB reads READ
// COMMITTED: a change committing between the row and its seal is not tampering).
// Tenancy: the principal's own lab; another lab's items are a 404.
// Ownership: borrows the host's Db and AuditLog. Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Principal.hpp"
#include "assay/testing/ReportResults.hpp"
#include "domain/Result.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

struct ItemView {
    TestItem item;
    std::vector<Result> results;  // every attempt, oldest first, each with its history
};

class ResultQueries final : public ReportResults {
public:
    ResultQueries(Db& db, AuditLog& audit) : db_(db), audit_(audit) {}

    // Newest first. Whose items: everyone's, mine (assigned to p), or those not assigned yet (分配's queue).
    enum class Whose { All, Mine, Unassigned };
    std::vector<TestItem> list(const Principal& p, Whose whose, std::int64_t beforeId, int limit);
    ItemView get(const Principal& p, std::int64_t itemId);  // 404
    // Results in a review status (entered: to check; checked: to approve), oldest first, with
    // their items and history. Errors: 400 for another status.
    std::vector<std::pair<TestItem, Result>> queue(const Principal& p, ResultStatus status, int limit);
    // The sample's conformity (合格 / 不合格 / 不判定) from each item's current result: fail when
    // any fails, pass when every item has a passing result, otherwise no_judgement. Errors: 404
    // when the lab has no test item for the sample.
    struct SampleConformity {
        std::string verdict;  // pass | fail | no_judgement
        bool provisional = false;  // some result it counts is not approved yet
        std::vector<std::pair<TestItem, std::optional<Result>>> items;
    };
    SampleConformity sampleConformity(const Principal& p, const std::string& sampleCode);
    std::optional<EntryRecord> entry(const Principal& p, std::int64_t entryId);
    std::vector<ReportLine> linesOfSamples(Tx& tx, std::int64_t labId, const std::vector<std::string>& sampleCodes) override;

private:
    // The item with its results; checkEvidence: each compared with its audit seal (tamperReason).
    ItemView itemView(Tx& tx, std::int64_t lab, std::int64_t itemId, bool checkEvidence);
    // A result found tampered in a read of several statements is checked again by a fresh read in
    // the same transaction: on MariaDB (READ COMMITTED, each statement sees the latest commit) a
    // change committing between the row and its seal is not tampering; SQLite reads one snapshot.
    void confirmTampered(Tx& tx, std::int64_t labId, std::int64_t resultId, std::optional<std::string>& problem);

    Db& db_;
    AuditLog& audit_;
    ResultRepository repo_;
};

}  // namespace assay::testing
