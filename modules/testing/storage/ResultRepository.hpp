// ResultRepository: all SQL of tst_test_items, tst_results, tst_result_versions and
// tst_entry_records.
//
// Purpose: every query carries the lab id. Results and entry records are never deleted; every
// result change appends a version row. No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Formula.hpp"
#include "domain/Result.hpp"

namespace assay::testing {

struct EntryRecord {
    std::int64_t id = 0;
    std::int64_t testItemId = 0;
    std::string typed;
    std::int64_t enteredBy = 0;
    std::string enteredName;
    std::int64_t atMs = 0;
    std::string sha256;
};

class ResultRepository {
public:
    // False when the ordered item already has its test item (the unique key).
    bool insertItem(Tx& tx, const TestItem& i);
    std::optional<TestItem> findItem(Tx& tx, std::int64_t labId, std::int64_t id);
    std::optional<TestItem> itemForOrderItem(Tx& tx, std::int64_t labId, std::int64_t orderItemId);
    // Newest first; assignee 0 = anyone.
    std::vector<TestItem> items(Tx& tx, std::int64_t labId, std::int64_t assignee, std::int64_t beforeId, int limit);
    bool updateItem(Tx& tx, const TestItem& i, int expectedVersion);
    std::vector<TestItem> itemsOfSample(Tx& tx, std::int64_t labId, const std::string& sampleCode);
    // The items of many samples in a few queries (IN lists of up to 200 codes), by sample code.
    std::map<std::string, std::vector<TestItem>> itemsOfSamples(Tx& tx, std::int64_t labId, const std::vector<std::string>& sampleCodes);

    void insertEntry(Tx& tx, std::int64_t labId, const EntryRecord& e);
    std::optional<EntryRecord> findEntry(Tx& tx, std::int64_t labId, std::int64_t id);

    void insertResult(Tx& tx, const Result& r);
    std::optional<Result> findResult(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<Result> resultsOf(Tx& tx, std::int64_t labId, std::int64_t testItemId);
    // Oldest first (by id).
    std::vector<Result> resultsInStatus(Tx& tx, std::int64_t labId, ResultStatus status, int limit);
    bool updateResult(Tx& tx, const Result& r, int expectedVersion);
    // Appends the result as it now is (its version) with who, when and why.
    void insertVersion(Tx& tx, const Result& r, std::int64_t by, const std::string& byName, const std::optional<std::string>& reason);
    std::vector<ResultVersion> versions(Tx& tx, std::int64_t labId, std::int64_t resultId);

    // Every result and every entry record of every lab, as (lab id, id), oldest first: for the
    // evidence check of `assayctl audit verify`.
    std::vector<std::pair<std::int64_t, std::int64_t>> resultKeys(Tx& tx);
    std::vector<std::pair<std::int64_t, std::int64_t>> entryKeys(Tx& tx);

    // Inserts the next version as current and supersedes the one before (never changed or deleted).
    void insertFormula(Tx& tx, const Formula& f);
    // Every version, oldest first.
    std::vector<Formula> formulas(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId);
    std::optional<Formula> findFormula(Tx& tx, std::int64_t labId, std::int64_t id);
};

}  // namespace assay::testing
