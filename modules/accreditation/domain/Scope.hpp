// Scope: the lab's scope schedule (能力附表) as dated row revisions and the change records that
// made them.
//
// Purpose: the values passed between ScopeService, its repository and its handlers, and the pure
// matching rule behind ScopeCheck. A scope row never changes in place: a change record (初次
// initial, 扩项 expansion, 变更 change, 缩项 reduction) with an effective date adds a revision
// in force from that date, and ends the previous one on it (ended_on is the first day it is no
// longer in force). So the scope on any date is the revisions in force on it (R5).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/accreditation/ProductCatalog.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/ScopeCheck.hpp"

namespace assay::accreditation {

inline bool isScopeChangeKind(const std::string& k) {
    return k == "initial" || k == "expansion" || k == "change" || k == "reduction";
}

// A suspension of a row (all its revisions), e.g. after an unsatisfactory PT result (R25): from
// from_date until the day before lifted_on.
struct ScopeSuspension {
    std::int64_t id = 0;
    std::int64_t rowKey = 0;
    std::string fromDate;
    std::optional<std::string> liftedOn;
    std::string reason;
    std::optional<std::int64_t> ptRoundId;
    std::optional<std::int64_t> ncId;
    std::int64_t createdAtMs = 0;
    bool activeOn(const std::string& d) const { return fromDate <= d && (!liftedOn || d < *liftedOn); }
};

struct ScopeRow {
    std::int64_t id = 0;        // this revision
    std::int64_t labId = 0;
    std::int64_t rowKey = 0;    // the row across its revisions (the id of its first revision)
    int revision = 1;
    Scheme scheme = Scheme::Cma;
    std::string site;
    std::string category;       // 类别
    std::string product;        // 产品 / 对象; equal to the category: the row covers the whole category
    std::int64_t parameterId = 0;
    std::string parameterName;  // for display (joined from the register)
    StandardRef standard;       // the edition (number + year) the row cites
    std::optional<std::string> clause;      // the method variant the row is limited to
    std::optional<std::string> limitation;  // 限制范围
    std::optional<std::string> note;        // 说明
    bool mraCovered = false;    // CNAS: the field is covered by the ILAC-MRA
    std::string effectiveFrom;  // YYYY-MM-DD
    std::optional<std::string> endedOn;     // first day no longer in force
    std::int64_t changeId = 0;
    std::optional<std::int64_t> endedByChangeId;
    std::int64_t createdAtMs = 0;
    std::vector<ScopeSuspension> suspensions;  // of the row, any revision

    bool inForceOn(const std::string& date) const { return effectiveFrom <= date && (!endedOn || date < *endedOn); }
};

struct ScopeChange {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t changeNo = 0;  // per lab: 1, 2, 3 ...
    std::string kind;           // initial | expansion | change | reduction
    Scheme scheme = Scheme::Cma;
    std::string effectiveDate;
    std::optional<std::string> reference;  // the decision or approval document
    std::string reason;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0;
    std::vector<ScopeRow> added;  // revisions this change put in force
    std::vector<ScopeRow> ended;  // revisions this change ended
};

// The ScopeCheck rule on candidate rows (any revision, any date, of the lab): in force on the
// date, same scheme and parameter, then product (or category), site, standard edition and method
// variant (a row covers a product by naming it, or the whole category when its product is its
// category and the query names that category). A row of the same standard number with another edition fails with R5; a matching row
// suspended on the date fails with R25; anything else missing fails with R1. The reason names the date and what the scope holds instead.
ScopeVerdict matchScope(const std::vector<ScopeRow>& candidates, const ScopeQuery& q);

// A (category, product, scheme) a scope row names, any revision.
struct ScopeProduct {
    std::string category, product;
    Scheme scheme = Scheme::Cma;
};

// The product list: every product the scope rows name with its category and schemes, then every
// product a specification's limit names that no row names (its category: the category of a row
// naming it as a category, else the name itself). The scope's products first, then the others;
// each by category, then name (code point order).
std::vector<Product> productList(const std::vector<ScopeProduct>& scope, const std::vector<std::string>& specified);

}  // namespace assay::accreditation
