// Identity entities: Organization, User, ApiKey, and the kinds, prefixes and tenancy rule they obey.
//
// Purpose: plain values passed between the identity services, their repository and handlers.
// Thread-safety: values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "assay/Error.hpp"
#include "assay/Principal.hpp"

namespace assay::identity {

inline bool isOrgKind(const std::string& k) { return k == "lab" || k == "customer" || k == "partner"; }

// How a bearer credential starts: a login session, or a partner API key.
constexpr const char* kSessionPrefix = "ast_";
constexpr const char* kApiKeyPrefix = "ask_";

// Tenancy: an admin sees every organization's records, a manager of an organization too; anyone
// else only their own organization's. Errors: 404 naming `what` when p may not see it.
inline void requireVisible(const Principal& p, std::optional<std::int64_t> orgId, const std::string& what) {
    if (p.hasRole("admin")) return;
    if (p.hasRole("manager") && p.orgId) return;
    if (!p.orgId || !orgId || *p.orgId != *orgId) throw Error::notFound(what);
}

struct Organization {
    std::int64_t id = 0;
    std::string kind;  // lab | customer | partner
    std::string name;
    std::string uscc;
    std::optional<std::string> code;     // lab code used in sample numbers, e.g. GDQT
    std::optional<std::string> address;
    std::optional<std::string> cmaNo;    // CMA certificate number printed on reports
    std::optional<std::string> cnasNo;   // CNAS accreditation number, e.g. CNAS L1234
    bool active = true;
    std::int64_t createdAtMs = 0;
    int version = 1;
};

struct User {
    std::int64_t id = 0;
    std::optional<std::int64_t> orgId;
    std::string username;
    std::string displayName;
    bool active = true;
    std::set<std::string> roles;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
};

struct ApiKey {
    std::int64_t id = 0;
    std::int64_t orgId = 0;
    std::string prefix;
    std::string label;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0;
    std::optional<std::int64_t> revokedAtMs;
};

}  // namespace assay::identity
