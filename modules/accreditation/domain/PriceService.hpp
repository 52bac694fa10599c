// PriceService: the register's price list (a parameter by a method, in CNY, with validity dates).
//
// Purpose: managers add prices; the periods of one parameter and method never overlap. Intake
// reads the price on a date through the published Register (RegisterLookup::priceOn).
// RegisterImport adds CSV rows through overlappingPrice / insertPriceIn inside its own transaction.
// Tenancy: the lab is always the principal's organization; another lab's price is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Method.hpp"
#include "domain/Parameter.hpp"
#include "domain/Price.hpp"
#include "storage/PriceRepository.hpp"
#include "domain/RegisterParts.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

class PriceService final : private RegisterParts {
public:
    using RegisterParts::RegisterParts;

    // Problems of a price: amount (a non-negative decimal with at most 2 decimals), dates.
    static std::vector<FieldError> priceProblems(const Price& in);
    // Errors: 400 naming each bad field (unknown parameter_id or method_id included); 409 when
    // the period overlaps another price of the same parameter and method.
    Price createPrice(const Principal& p, Price in, const std::string& requestId);
    std::vector<Price> prices(const Principal& p, std::int64_t afterId, int limit);
    // Errors: 404 when absent or another lab's.
    Price price(const Principal& p, std::int64_t id);

    // The problem when in overlaps a price of the same parameter and method; empty otherwise.
    std::optional<Message> overlappingPrice(Tx& tx, std::int64_t lab, const Price& in);
    // Stores a checked price (rounded to 2 decimals) with its audit event, in the caller's transaction.
    Price insertPriceIn(Tx& tx, const Principal& p, std::int64_t lab, Price in, const Parameter& param, const Method& method,
                        const std::string& requestId);

private:
    PriceRepository prices_;
};

}  // namespace assay::accreditation
