// RegisterRepository: all SQL of the lab register (acc_standards, and more as it grows).
//
// Purpose: every query carries the lab id (tenant). Nothing here opens transactions, checks
// permissions or writes audit events.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Method.hpp"
#include "domain/Parameter.hpp"
#include "domain/Specification.hpp"
#include "domain/Standard.hpp"

namespace assay::accreditation {

class RegisterRepository {
public:
    void insertStandard(Tx& tx, const Standard& s);
    std::optional<Standard> findStandard(Tx& tx, std::int64_t labId, std::int64_t id);
    // Batch reads (one query per 200 ids, in id order; unknown ids left out).
    std::vector<Standard> findStandards(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids);
    std::vector<Method> findMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids);
    std::vector<Parameter> findParameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids);
    // The ids among standardIds that have at least one method in the register.
    std::vector<std::int64_t> standardsWithMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& standardIds);
    // Fills each method's standard reference (one query for all of them).
    void withStandards(Tx& tx, std::int64_t labId, std::vector<Method>& methods);
    std::optional<Standard> findStandardByEdition(Tx& tx, std::int64_t labId, const std::string& number, int year);
    std::vector<Standard> listStandards(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit,
                                        std::optional<StandardStatus> status);
    // False when expectedVersion is stale.
    bool updateStandardStatus(Tx& tx, const Standard& s, int expectedVersion);

    void insertMethod(Tx& tx, const Method& m);
    std::optional<Method> findMethod(Tx& tx, std::int64_t labId, std::int64_t id);
    // The lowest-id current method of a standard (with clause: of that clause), if any.
    std::optional<std::int64_t> currentMethodFor(Tx& tx, std::int64_t labId, std::int64_t standardId, const std::optional<std::string>& clause);
    std::vector<Method> listMethods(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);
    // The lab's methods with exactly this name (indexed by acc_methods_by_name).
    std::vector<Method> findMethodsByName(Tx& tx, std::int64_t labId, const std::string& name);
    bool updateMethodStatus(Tx& tx, const Method& m, int expectedVersion);
    // Takes the method row's write lock for the rest of the transaction (a no-op update).
    void lockMethod(Tx& tx, std::int64_t labId, std::int64_t id);

    void insertParameter(Tx& tx, const Parameter& p);
    std::optional<Parameter> findParameter(Tx& tx, std::int64_t labId, std::int64_t id);
    std::optional<Parameter> findParameterByName(Tx& tx, std::int64_t labId, const std::string& nameZh,
                                                 const std::string& unit);
    std::vector<Parameter> listParameters(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);

    // Inserts the specification and its limits (each limit needs its id set).
    void insertSpecification(Tx& tx, const Specification& s);
    std::optional<Specification> findSpecification(Tx& tx, std::int64_t labId, std::int64_t id);
    // The highest version of a named specification: {id, version}.
    std::optional<std::pair<std::int64_t, int>> latestSpecification(Tx& tx, std::int64_t labId, const std::string& name);
    void supersedeSpecification(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<Specification> listSpecifications(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);

    void insertMethodRecord(Tx& tx, const MethodRecord& r);
    std::vector<MethodRecord> listMethodRecords(Tx& tx, std::int64_t labId, std::int64_t methodId);
    // Records of the given kinds dated on or before date (YYYY-MM-DD).
    long long countMethodsOfStandard(Tx& tx, std::int64_t labId, std::int64_t standardId);
    long long countRecordsOnOrBefore(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date,
                                     bool validationOnly);
};

}  // namespace assay::accreditation
