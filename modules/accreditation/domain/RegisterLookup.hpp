// RegisterLookup: the read-only view of the lab register that other modules use (Register).
//
// Purpose: intake, testing, capture and reports look up standards, parameters, methods, limits,
// uncertainties, the R23 verdict and prices here, always in the caller's transaction, and in
// batches where they ask about many lines. StandardService, MethodService,
// ParameterService, SpecificationService and PriceService keep the register; this reads it.
// Ownership: owns its repositories (stateless). Thread-safety: safe from any thread.
#pragma once

#include "assay/accreditation/Register.hpp"
#include "storage/PriceRepository.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

class RegisterLookup final : public Register {
public:
    std::optional<StandardRef> standard(Tx& tx, std::int64_t labId, std::int64_t standardId) override;
    std::map<std::int64_t, StandardRef> standards(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) override;
    std::optional<StandardRef> standardByDesignation(Tx& tx, std::int64_t labId, const std::string& designation) override;
    std::optional<ParameterRef> parameter(Tx& tx, std::int64_t labId, std::int64_t parameterId) override;
    std::map<std::int64_t, ParameterRef> parameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) override;
    bool standardHasMethods(Tx& tx, std::int64_t labId, std::int64_t standardId) override;
    std::set<std::int64_t> standardsWithMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& standardIds) override;
    std::optional<MethodRef> method(Tx& tx, std::int64_t labId, std::int64_t methodId) override;
    std::map<std::int64_t, MethodRef> methods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) override;
    RuleVerdict methodUsableOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) override;
    std::optional<Decimal> expandedUncertainty(Tx& tx, std::int64_t labId, std::int64_t parameterId, const Decimal& value) override;
    std::optional<LimitRef> limit(Tx& tx, std::int64_t labId, std::int64_t specId, std::int64_t parameterId,
                                  const std::string& product, const std::string& category) override;
    std::vector<std::optional<LimitRef>> limits(Tx& tx, std::int64_t labId, const std::vector<LimitQuery>& queries) override;
    std::optional<Decimal> priceOn(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId,
                                   const std::string& date) override;

private:
    RegisterRepository repo_;
    PriceRepository prices_;
};

}  // namespace assay::accreditation
