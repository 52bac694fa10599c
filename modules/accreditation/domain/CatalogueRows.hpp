// CatalogueRows: accreditation's CatalogueSource (the scope rows a public catalogue shows).
//
// Purpose: the rows in force on a date and not suspended, with the parameter's names, the
// standard's designation and title, and the lowest price of the parameter valid that day.
// Three batched reads (the rows with their suspensions, the parameters, the price list).
// Ownership: made and published by AccreditationModule. Thread-safety: stateless.
#pragma once

#include "assay/accreditation/CatalogueSource.hpp"
#include "storage/PriceRepository.hpp"
#include "storage/RegisterRepository.hpp"
#include "storage/ScopeRepository.hpp"

namespace assay::accreditation {

class CatalogueRows final : public CatalogueSource {
public:
    std::vector<CatalogueRow> catalogueRows(Tx& tx, std::int64_t labId, const std::string& date) override;
    std::optional<BookableRow> bookableRow(Tx& tx, std::int64_t labId, std::int64_t rowKey, const std::string& date) override;

private:
    ScopeRepository scope_;
    RegisterRepository register_;
    PriceRepository prices_;
};

}  // namespace assay::accreditation
