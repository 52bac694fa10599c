// NonconformityRepository: all SQL of acc_nonconformities and acc_nc_impacts.
//
// Purpose: every query carries the lab id (tenant); nothing is deleted. No transactions,
// permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Nonconformity.hpp"

namespace assay::accreditation {

class NonconformityRepository {
public:
    // Inserts the NC and its impacts (each impact needs its id set).
    void insert(Tx& tx, const Nonconformity& nc);
    std::optional<Nonconformity> find(Tx& tx, std::int64_t labId, std::int64_t id);  // with impacts
    // status empty = all; without impacts.
    std::vector<Nonconformity> list(Tx& tx, std::int64_t labId, std::optional<NcStatus> status, std::int64_t afterId, int limit);
    // Status and workflow fields. False when expectedVersion is stale.
    bool update(Tx& tx, const Nonconformity& nc, int expectedVersion);
};

}  // namespace assay::accreditation
