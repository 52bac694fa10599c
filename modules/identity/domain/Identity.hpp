// Identity entities: Organization, User, ApiKey, and the kinds and limits they obey.
//
// Purpose: plain values passed between the identity service, its repository and its handlers.
// Thread-safety: values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace assay::identity {

inline bool isOrgKind(const std::string& k) { return k == "lab" || k == "customer" || k == "partner"; }

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
