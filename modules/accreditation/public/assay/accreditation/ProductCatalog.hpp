// ProductCatalog: the lab's product list (产品目录): the products and objects its scope schedule
// and its specifications name, each with its category.
//
// Purpose: a sample names its product from this list (intake), so that scope matching,
// specification limits and statistics use the product and its category, never the customer's
// free-text sample name ("东北大米（珍珠米）" is a 大米 of 粮食及其制品). Published by
// AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"

namespace assay::accreditation {

struct Product {
    std::string name;        // 大米; a whole category when it equals category
    std::string category;    // 粮食及其制品; the name itself when no scope row names a category for it
    bool inCma = false;      // named by a CMA scope row (any revision)
    bool inCnas = false;     // named by a CNAS scope row (any revision)
    bool inSpecification = false;  // named by a specification's limit
};

class ProductCatalog {
public:
    virtual ~ProductCatalog() = default;
    // Every product of the lab, by category then name. Reads in the caller's transaction tx.
    virtual std::vector<Product> products(Tx& tx, std::int64_t labId) = 0;
};

// The product of that name in the list, if any.
inline std::optional<Product> findProduct(const std::vector<Product>& list, const std::string& name) {
    for (const auto& p : list)
        if (p.name == name) return p;
    return std::nullopt;
}

}  // namespace assay::accreditation
