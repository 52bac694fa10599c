// ScopeCheck: the accreditation module's published answer to "is this result inside the lab's
// CMA or CNAS scope (能力附表) on date D?".
//
// Purpose: contract review (intake) and the report checks (R1(b), R2, R5, R7) ask through this
// interface, never through the module's domain headers. Published by AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"
#include "assay/Message.hpp"
#include "assay/accreditation/Scheme.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::accreditation {

struct ScopeQuery {
    std::int64_t labId = 0;
    Scheme scheme = Scheme::Cma;
    std::string site;                   // where the work was done, as the scope names it
    std::string product;                // the product tested ("大米")
    std::optional<std::string> category;  // its category ("粮食及其制品"): matches only rows that cover
                                          // the whole category (a row whose product is its category)
    std::int64_t parameterId = 0;       // the register's parameter
    std::string standard;               // the edition used, with its year: "GB 5009.12-2023"
    std::optional<std::string> clause;  // the method variant used ("第一法"), when the row limits it
    std::string date;                   // YYYY-MM-DD: the test or issue date
};

struct ScopeVerdict {
    bool inScope = false;
    std::string rule;                       // "R1" or "R5" when out of scope
    std::string reason;                     // why, naming the date and what the scope holds (English)
    Message why;                            // the same in the catalogue; in scope: the row that covers it
    std::optional<std::int64_t> rowId;      // the matching row (its stable key)
    std::optional<std::string> limitation;  // the row's limitation (限制范围), to be honoured and printed
    bool mraCovered = false;                // CNAS rows: inside an ILAC-MRA covered field (R8)
};

class ScopeCheck {
public:
    virtual ~ScopeCheck() = default;
    // Reads in the caller's transaction tx.
    virtual ScopeVerdict check(Tx& tx, const ScopeQuery& q) = 0;
    // Many questions at once (a report's lines): one verdict per query, in order, reading each
    // distinct (scheme, parameter) once.
    virtual std::vector<ScopeVerdict> checkMany(Tx& tx, const std::vector<ScopeQuery>& queries) = 0;
};

}  // namespace assay::accreditation
