// PriceRepository: all SQL of acc_prices. Every query carries the lab id; prices are only added.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Price.hpp"

namespace assay::accreditation {

class PriceRepository {
public:
    void insert(Tx& tx, const Price& p, std::int64_t createdBy);
    // Every price of a parameter and method, oldest first.
    std::vector<Price> forItem(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId);
    std::optional<Price> find(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<Price> list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);
};

}  // namespace assay::accreditation
