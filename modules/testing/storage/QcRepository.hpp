// QcRepository: all SQL of tst_batches and tst_qc_results, and the batch link of test items.
//
// Purpose: every query carries the lab id. QC results are only inserted (a time series); a
// batch changes only its status and disposition. No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Qc.hpp"

namespace assay::testing {

class QcRepository {
public:
    void insertBatch(Tx& tx, const Batch& b);
    std::optional<Batch> findBatch(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<Batch> batches(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit);
    bool updateBatch(Tx& tx, const Batch& b, int expectedVersion);
    // Takes the batch row's write lock (a no-op update) so that QC recording and approval of
    // the batch's results happen one after the other (MariaDB row lock; SQLite writes are
    // serial anyway).
    void lockBatch(Tx& tx, std::int64_t labId, std::int64_t batchId);
    // Takes the items out of a batch sent to retest or rejected, so they can join a new one.
    void detachItems(Tx& tx, std::int64_t labId, std::int64_t batchId);
    // Puts a test item in a batch. False when it is in one already.
    bool joinBatch(Tx& tx, std::int64_t labId, std::int64_t itemId, std::int64_t batchId);
    std::vector<std::int64_t> itemsOf(Tx& tx, std::int64_t labId, std::int64_t batchId);

    void insertQc(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId, const QcResult& q);
    std::vector<QcResult> qcOf(Tx& tx, std::int64_t labId, std::int64_t batchId);
    // The reference QC values of one material, oldest first (the control chart).
    std::vector<QcResult> series(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId,
                                 const std::string& material, int limit);
};

}  // namespace assay::testing
