// Permissions: role -> permission grants.
#include "assay/Permissions.hpp"

#include <algorithm>
#include <stdexcept>

namespace assay {

const std::vector<std::string>& Permissions::allRoles() {
    static const std::vector<std::string> roles = {"admin",    "manager",  "technician", "reviewer",
                                                   "signatory", "customer", "partner", "platform_operator", "sme"};
    return roles;
}

bool Permissions::isRole(const std::string& role) {
    const auto& r = allRoles();
    return std::find(r.begin(), r.end(), role) != r.end();
}

void Permissions::grant(const std::string& role, const std::string& permission) {
    if (!isRole(role)) throw std::logic_error("unknown role: " + role);
    const auto colon = permission.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == permission.size())
        throw std::logic_error("permission must be resource:action: " + permission);
    grants_[role].insert(permission);
}

void Permissions::grantRoles(const std::vector<std::string>& roles, const std::string& permission) {
    for (const auto& r : roles) grant(r, permission);
}

bool Permissions::roleHas(const std::string& role, const std::string& permission) const {
    auto it = grants_.find(role);
    return it != grants_.end() && it->second.count(permission) != 0;
}

std::set<std::string> Permissions::forRoles(const std::set<std::string>& roles) const {
    std::set<std::string> out;
    for (const auto& r : roles) {
        auto it = grants_.find(r);
        if (it != grants_.end()) out.insert(it->second.begin(), it->second.end());
    }
    return out;
}

std::set<std::string> Permissions::all() const {
    std::set<std::string> out;
    for (const auto& [role, perms] : grants_) out.insert(perms.begin(), perms.end());
    return out;
}

}  // namespace assay
