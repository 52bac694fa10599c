// Permissions: which role holds which "resource:action" permission.
//
// Purpose: modules grant their permissions to roles in initialize(); the dispatcher checks the
// route's declared permission against the principal's roles. The roles are fixed by the
// product: admin, manager, technician, reviewer, signatory, customer, partner.
// Thread-safety: grant() only during start-up; lookups are then read-only and safe.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace assay {

class Permissions {
public:
    static const std::vector<std::string>& allRoles();
    static bool isRole(const std::string& role);

    // Errors: std::logic_error for an unknown role or a permission not shaped "resource:action".
    void grant(const std::string& role, const std::string& permission);
    void grantRoles(const std::vector<std::string>& roles, const std::string& permission);

    bool roleHas(const std::string& role, const std::string& permission) const;
    std::set<std::string> forRoles(const std::set<std::string>& roles) const;
    std::set<std::string> all() const;

private:
    std::map<std::string, std::set<std::string>> grants_;
};

}  // namespace assay
