// ProficiencyRepository: all SQL of acc_pt_rounds.
//
// Purpose: every query carries the lab id (tenant); PT records are kept, never deleted (R26:
// at least 6 years). No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Proficiency.hpp"

namespace assay::accreditation {

class ProficiencyRepository {
public:
    void insert(Tx& tx, const PtRound& r);
    std::optional<PtRound> find(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<PtRound> list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);
    std::vector<PtRound> all(Tx& tx, std::int64_t labId);
    // Records the result. False when expectedVersion is stale.
    bool report(Tx& tx, const PtRound& r, int expectedVersion);
};

}  // namespace assay::accreditation
