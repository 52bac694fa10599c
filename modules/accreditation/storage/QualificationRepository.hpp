// QualificationRepository: all SQL of acc_qualifications and acc_qualification_events.
//
// Purpose: every query carries the lab id (tenant). Nothing here opens transactions, checks
// permissions or writes audit events. Events are only ever inserted.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Qualification.hpp"

namespace assay::accreditation {

class QualificationRepository {
public:
    void insert(Tx& tx, const Qualification& q);
    // With its history.
    std::optional<Qualification> find(Tx& tx, std::int64_t labId, std::int64_t id);
    std::optional<Qualification> findByNumber(Tx& tx, std::int64_t labId, Scheme scheme,
                                              const std::string& number);
    // With their histories; scheme empty = both.
    std::vector<Qualification> list(Tx& tx, std::int64_t labId, std::optional<Scheme> scheme);
    // Number, period and status after an event. False when expectedVersion is stale.
    bool update(Tx& tx, const Qualification& q, int expectedVersion);
    void insertEvent(Tx& tx, const QualificationEvent& e);

private:
    std::vector<QualificationEvent> events(Tx& tx, std::int64_t labId, std::int64_t qualificationId);
};

}  // namespace assay::accreditation
