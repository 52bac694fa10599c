// Principal: who is making a request.
//
// Purpose: the authenticated user (by session token) or partner organization (by API key), with
// its organization (the tenant) and its resolved permissions. Handlers get it from the Request;
// domain services receive it by reference to check tenancy and to write the audit actor.
// Thread-safety: an immutable value once built.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace assay {

enum class PrincipalKind { User, ApiKey };

struct Principal {
    PrincipalKind kind = PrincipalKind::User;
    std::int64_t userId = 0;                 // the user, or the API key id
    std::string username;                    // for the audit trail ("apikey:<prefix>" for keys)
    std::string displayName;
    std::optional<std::int64_t> orgId;       // tenant; empty for the instance administrator
    std::string orgKind;                     // lab | customer | partner, read with the session ("" without org);
                                             // an organization's kind never changes
    std::set<std::string> roles;
    std::set<std::string> permissions;

    bool hasRole(const std::string& r) const { return roles.count(r) != 0; }
    bool can(const std::string& permission) const { return permissions.count(permission) != 0; }
    // True when the principal may see data of organization otherOrg: admins see all; everyone
    // else only their own organization (and a non-admin without one sees none).
    bool sees(std::optional<std::int64_t> otherOrg) const {
        return hasRole("admin") || (orgId && otherOrg && *otherOrg == *orgId);
    }
};

}  // namespace assay
