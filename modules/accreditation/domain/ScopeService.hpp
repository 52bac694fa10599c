// ScopeService: the lab's scope schedule (能力附表), changed only through dated change records.
//
// Purpose: managers record a change (initial 初次, expansion 扩项, change 变更, reduction 缩项)
// for one scheme with an effective date, a reason and its rows. New rows start on that date; a
// changed row's current revision ends on it and a new revision starts; a reduced row ends on it.
// A change is stored whole or not at all, and every row problem is reported at once
// (rows[i].field). Nothing is deleted, so the scope on any date can be read back (R5).
// Implements the published ScopeCheck.
// Tenancy: the principal's own lab; another lab's change is a 404.
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
#include "assay/accreditation/ProductCatalog.hpp"
#include "assay/accreditation/ScopeCheck.hpp"
#include "domain/Scope.hpp"
#include "storage/RegisterRepository.hpp"
#include "storage/ScopeRepository.hpp"

namespace assay::accreditation {

struct ScopeRowInput {
    std::optional<std::int64_t> rowId;  // change / reduction: the row (its stable key)
    std::optional<std::string> site, category, product;
    std::optional<std::int64_t> parameterId, standardId;
    std::optional<std::string> clause, limitation, note;  // in a change, "" clears
    std::optional<bool> mraCovered;                       // CNAS only
};

struct ScopeChangeInput {
    std::string kind;    // initial | expansion | change | reduction
    std::optional<Scheme> scheme;  // required
    std::string effectiveDate;
    std::optional<std::string> reference;
    std::string reason;
    std::vector<ScopeRowInput> rows;
};

// A CSV upload of scope rows: the change's own fields come with it, the rows are the file.
struct ScopeImportInput {
    std::string kind = "expansion";  // initial | expansion
    std::optional<Scheme> scheme;    // required
    std::string effectiveDate;
    std::optional<std::string> reference;
    std::string reason;
    std::string encoding = "auto";   // auto | utf-8 | gb18030
    std::string bytes;
};

class ScopeService final : public ScopeCheck, public ProductCatalog {
public:
    ScopeService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit)
        : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

    static constexpr std::size_t kMaxRows = 1000;
    // Problems visible without the database: kind, scheme, effective_date, reason, and per row
    // the fields its kind needs or forbids.
    static std::vector<FieldError> changeProblems(const ScopeChangeInput& in);
    // Errors: 400 naming every bad field, rows[i].* included (unknown or non-current standard,
    // unknown parameter, unknown or already ended row, a date not after the row's current
    // revision, a duplicate of a row in force, a change that changes nothing); nothing is stored.
    ScopeChange createChange(const Principal& p, const ScopeChangeInput& in, const std::string& requestId);
    // The CSV template: a header row naming the columns (Chinese or English) 地点/site,
    // 类别/category, 产品/product, 项目/parameter (the register's name), 依据的标准/standard (with its
    // year), and optionally 方法/clause, 限制范围/limitation, 说明/note, MRA/mra_covered (是/yes).
    // All rows become one change record, or nothing is stored. Errors: 400 naming the body
    // (undecodable, malformed CSV), the header, and each bad cell as line[N].column.
    ScopeChange importChange(const Principal& p, const ScopeImportInput& in, const std::string& requestId);
    ScopeChange change(const Principal& p, std::int64_t id);
    std::vector<ScopeChange> changes(const Principal& p, std::int64_t afterId, int limit);
    // The revisions in force on date; scheme empty = both. Errors: 400 for a bad scheme or date.
    std::vector<ScopeRow> rowsInForce(const Principal& p, std::optional<Scheme> scheme, const std::string& date,
                                      std::int64_t afterId, int limit);
    // Every revision of one row, oldest first. Errors: 404.
    std::vector<ScopeRow> history(const Principal& p, std::int64_t rowKey);
    // ScopeCheck for the principal's lab.
    ScopeVerdict check(const Principal& p, ScopeQuery q);
    std::string today() const;

    // ScopeCheck.
    ScopeVerdict check(Tx& tx, const ScopeQuery& q) override;
    std::vector<ScopeVerdict> checkMany(Tx& tx, const std::vector<ScopeQuery>& queries) override;

    // ProductCatalog: the products the scope rows and specification limits name (productList).
    std::vector<Product> products(Tx& tx, std::int64_t labId) override;
    // The principal's lab's product list, optionally only those whose name or category contains q.
    std::vector<Product> products(const Principal& p, const std::string& q);


private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    ScopeRepository repo_;
    RegisterRepository register_;
};

}  // namespace assay::accreditation
