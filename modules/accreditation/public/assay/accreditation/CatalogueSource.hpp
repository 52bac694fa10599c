// CatalogueSource: the lab's scope rows as a public capability catalogue shows them.
//
// Purpose: the platform link publishes the lab's valid capabilities (PLATFORM.md "The capability
// catalogue"); it asks accreditation, which owns the scope, the register and the price list, for
// the rows in force on a date, without the suspended ones, each with the names and the price a
// customer reads. Nothing in it is customer data.
// Ownership: published by the accreditation module in the service registry.
// Thread-safety: works inside the caller's transaction; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "assay/accreditation/Scheme.hpp"

namespace assay::accreditation {

struct CatalogueRow {
    std::int64_t rowKey = 0;  // the scope row across its revisions
    Scheme scheme = Scheme::Cma;
    std::string site;
    std::string category;
    std::string product;
    std::string parameter;                 // 铅(以Pb计)
    std::optional<std::string> parameterEn;  // Lead (as Pb)
    std::string standard;                  // GB 5009.12-2023
    std::string standardTitle;
    std::optional<std::string> limitation;
    std::optional<std::string> price;      // the lowest price of the parameter valid on the date, CNY decimal
};

// A scope row a customer books (issue 15): what an order item needs.
struct BookableRow {
    std::int64_t rowKey = 0;
    Scheme scheme = Scheme::Cma;
    std::string site, category, product, parameter, standard;
    std::int64_t parameterId = 0;
    std::optional<std::int64_t> methodId;  // the lab's current method of the row's standard (and clause); none: no method
};

class CatalogueSource {
public:
    virtual ~CatalogueSource() = default;
    // Every scope row of labId in force on date (YYYY-MM-DD) and not suspended on it, both schemes,
    // ordered by row key. Errors: database errors propagate.
    virtual std::vector<CatalogueRow> catalogueRows(Tx& tx, std::int64_t labId, const std::string& date) = 0;
    // The row of rowKey when it is in force on date and not suspended; none otherwise.
    virtual std::optional<BookableRow> bookableRow(Tx& tx, std::int64_t labId, std::int64_t rowKey, const std::string& date) = 0;
};

}  // namespace assay::accreditation
