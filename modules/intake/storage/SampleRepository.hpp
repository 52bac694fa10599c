// SampleRepository: all SQL of int_samples and int_custody_events.
//
// Purpose: every query carries the lab id (tenant). A sample's code never changes; custody
// events are only inserted. No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Sample.hpp"

namespace assay::intake {

class SampleRepository {
public:
    void insert(Tx& tx, const Sample& s);
    std::optional<Sample> findByCode(Tx& tx, std::int64_t labId, const std::string& code);
    // Newest first (keyset by id descending); beforeId 0 = from the newest.
    std::vector<Sample> list(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit, const std::string& status);
    // Status, receipt and holder after a change. False when expectedVersion is stale.
    bool update(Tx& tx, const Sample& s, int expectedVersion);
    void insertCustody(Tx& tx, std::int64_t labId, const CustodyEvent& e);
    std::vector<CustodyEvent> custody(Tx& tx, std::int64_t labId, std::int64_t sampleId);
};

}  // namespace assay::intake
