// ScopeRepository: all SQL of acc_scope_changes and acc_scope_rows.
//
// Purpose: every query carries the lab id (tenant). Rows are read joined with the register's
// standard edition and parameter name. A revision is only ever inserted, and later ended once
// (ended_on set from NULL); nothing is deleted. No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Scope.hpp"

namespace assay::accreditation {

class ScopeRepository {
public:
    void insertChange(Tx& tx, const ScopeChange& c);
    // The (category, product, scheme) of every row of the lab, any revision, each once.
    std::vector<ScopeProduct> products(Tx& tx, std::int64_t labId);
    // The product_category of every specification limit of the lab, each once.
    std::vector<std::string> specifiedProducts(Tx& tx, std::int64_t labId);
    std::optional<ScopeChange> findChange(Tx& tx, std::int64_t labId, std::int64_t id);  // with added/ended rows
    std::vector<ScopeChange> listChanges(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);

    void insertRow(Tx& tx, const ScopeRow& r);
    // Sets ended_on of an open revision. False when it was ended meanwhile.
    bool endRow(Tx& tx, std::int64_t labId, std::int64_t id, const std::string& endedOn, std::int64_t changeId);
    // The latest revision of a row.
    std::optional<ScopeRow> latestRevision(Tx& tx, std::int64_t labId, std::int64_t rowKey);
    std::vector<ScopeRow> revisions(Tx& tx, std::int64_t labId, std::int64_t rowKey);
    // Every revision of the lab's rows for one scheme and parameter (the ScopeCheck candidates).
    std::vector<ScopeRow> rowsForParameter(Tx& tx, std::int64_t labId, Scheme scheme, std::int64_t parameterId);
    // Every revision of every scheme for these parameters (two queries whatever their count:
    // the rows and the lab's suspensions, per 200 parameters).
    std::vector<ScopeRow> rowsForParameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& parameterIds);
    // Revisions in force on date, keyset-paged by id; scheme empty = both.
    std::vector<ScopeRow> rowsInForce(Tx& tx, std::int64_t labId, std::optional<Scheme> scheme, const std::string& date,
                                      std::int64_t afterId, int limit);
    // Revisions of the rows in force on date for one parameter, both schemes (the rows a PT
    // result is linked to).
    std::vector<ScopeRow> rowsForParameterOn(Tx& tx, std::int64_t labId, std::int64_t parameterId, const std::string& date);

    void insertSuspension(Tx& tx, std::int64_t labId, const ScopeSuspension& s);
    // Lifts, on liftedOn, every open suspension of the lab that an NC caused; returns how many.
    long long liftSuspensionsOfNc(Tx& tx, std::int64_t labId, std::int64_t ncId, const std::string& liftedOn);

private:
    // Fills each row's suspensions (one query for the lab: suspensions are few).
    void attachSuspensions(Tx& tx, std::int64_t labId, std::vector<ScopeRow>& rows);
};

}  // namespace assay::accreditation
