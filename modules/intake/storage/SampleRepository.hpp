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
    // The sample's specification (chosen at contract review); false when there is no such sample.
    bool setSpecification(Tx& tx, std::int64_t labId, std::int64_t sampleId, std::optional<std::int64_t> specId, std::int64_t atMs);
    std::optional<Sample> findByCode(Tx& tx, std::int64_t labId, const std::string& code);
    // By code as seen by a lab (its own) or a customer (its organization's, in any lab).
    std::optional<Sample> findVisible(Tx& tx, const SampleScope& scope, const std::string& code);
    std::vector<Sample> ofOrder(Tx& tx, std::int64_t labId, std::int64_t orderId);
    // Newest first (keyset by id descending); beforeId 0 = from the newest. No COUNT.
    std::vector<Sample> search(Tx& tx, const SampleScope& scope, const SampleFilter& f, std::int64_t beforeId, int limit);
    // Status, receipt and holder after a change. False when expectedVersion is stale.
    bool update(Tx& tx, const Sample& s, int expectedVersion);
    // Retention periods per product category (days).
    std::vector<std::pair<std::string, int>> retentionPeriods(Tx& tx, std::int64_t labId);
    std::optional<int> retentionDays(Tx& tx, std::int64_t labId, const std::string& productCategory);
    void putRetention(Tx& tx, std::int64_t labId, const std::string& productCategory, int days, std::int64_t atMs, bool exists);
    void insertCustody(Tx& tx, std::int64_t labId, const CustodyEvent& e);
    std::vector<CustodyEvent> custody(Tx& tx, std::int64_t labId, std::int64_t sampleId);
};

}  // namespace assay::intake
