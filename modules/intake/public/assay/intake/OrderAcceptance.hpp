// OrderAcceptedStep: what another module does inside the transaction that accepts an order.
//
// Purpose: accepting an order (the contract concluded, R33) is where the lab's work starts; the
// testing module makes the order's test items then, in the same transaction, so an accepted
// order never lacks its items and a failure leaves the order unaccepted. Intake cannot depend on
// testing (testing reads intake), so testing publishes its step in the ServiceRegistry and intake
// finds it there when an order is accepted (none published: acceptance alone).
// Thread-safety: onAccepted runs on request threads.
#pragma once

#include <cstdint>
#include <string>

#include "assay/Db.hpp"
#include "assay/Principal.hpp"

namespace assay::intake {

class OrderAcceptedStep {
public:
    virtual ~OrderAcceptedStep() = default;
    // Runs in the accepting transaction, after the order is stored as accepted (so the published
    // reads, e.g. OrderedItems::acceptedItems, see it accepted). Throwing rolls the acceptance back.
    virtual void onAccepted(Tx& tx, const Principal& p, std::int64_t labId, const std::string& orderCode,
                            const std::string& requestId) = 0;
};

}  // namespace assay::intake
