// OrganizationDirectory: read-only lookup of organizations for other modules.
//
// Purpose: modules that keep per-lab data (the register, samples, reports) check that an
// organization exists and is a lab, and the demo seeding finds the demo lab by its code,
// without including the identity module's domain headers. Published by IdentityModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <vector>
#include <optional>
#include <string>

#include "assay/Db.hpp"

namespace assay::identity {

struct OrganizationRef {
    std::int64_t id = 0;
    std::string kind;  // lab | customer | partner
    std::string name;
    std::string uscc;
    std::optional<std::string> code;
    bool active = true;
    // A lab's report header facts (ISO 7.8.2.1 b): its address and certificate numbers.
    std::optional<std::string> address, cmaNo, cnasNo;
};

class OrganizationDirectory {
public:
    virtual ~OrganizationDirectory() = default;
    // Every method reads in the caller's transaction tx and opens none of its own.
    virtual std::optional<OrganizationRef> organizationById(Tx& tx, std::int64_t id) = 0;
    virtual std::optional<OrganizationRef> organizationByCode(Tx& tx, const std::string& code) = 0;
    virtual std::optional<OrganizationRef> organizationByUscc(Tx& tx, const std::string& uscc) = 0;
    // Many at once (one query): unknown ids are absent from the map.
    virtual std::map<std::int64_t, OrganizationRef> organizationsByIds(Tx& tx, const std::vector<std::int64_t>& ids) = 0;
};

}  // namespace assay::identity
