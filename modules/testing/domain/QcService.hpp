// QcService: QC batches, their QC samples, the hold a failing one puts on the batch, the
// disposition that lifts it, and the control-chart series with the Westgard rules (R24).
//
// Purpose: a technician groups test items of one parameter by one method into a batch and
// records its QC samples; each is judged at once by its criteria (see Qc.hpp). A failing QC
// sample holds the batch: ResultService refuses to approve the batch's results (R24) until a
// manager records a disposition with its reason: accept (released), retest or reject (the
// batch's results stay unreleased; they are retested in a new batch). Every step is audited.
// Tenancy: the principal's own lab.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/Qc.hpp"
#include "storage/QcRepository.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

struct BatchView {
    Batch batch;
    std::vector<std::int64_t> itemIds;
    std::vector<QcResult> qc;
};

struct SeriesPoint {
    QcResult qc;
    std::optional<Decimal> z;       // (value − certified) / sd, when the material has an sd
    std::vector<std::string> rules;  // Westgard rules broken at this point
};

class QcService {
public:
    QcService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs) {}

    // Errors: 400 (name; item_ids: unknown, another parameter or method, already in a batch).
    BatchView createBatch(const Principal& p, const std::string& name, const std::vector<std::int64_t>& itemIds,
                          const std::string& requestId);
    BatchView get(const Principal& p, std::int64_t batchId);  // 404
    std::vector<Batch> list(const Principal& p, std::int64_t beforeId, int limit);
    // Judges and stores a QC sample; a failure holds the batch. Errors: 400 naming each field;
    // 404; 409 for a batch that is rejected or sent to retest.
    QcResult addQc(const Principal& p, std::int64_t batchId, const QcInput& in, const std::string& requestId);
    // R24: accept | retest | reject a held batch, with the reason. Errors: 400; 404; 409 unless
    // held; 412.
    Batch dispose(const Principal& p, std::int64_t batchId, int expectedVersion, const std::string& decision, const std::string& reason,
                  const std::string& requestId);
    // The reference QC values of a material, oldest first, with z-scores and Westgard rules.
    std::vector<SeriesPoint> series(const Principal& p, std::int64_t parameterId, std::int64_t methodId, const std::string& material);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    QcRepository repo_;
    ResultRepository results_;
};

}  // namespace assay::testing
