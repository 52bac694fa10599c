// UserDirectory: read-only lookup of user accounts for other modules.
//
// Purpose: modules that bind records to a person's account (staff authorizations, signatories,
// result entry) check that the account exists, is active and belongs to their organization,
// without including the identity module's domain headers. Never exposes password hashes.
// Published by IdentityModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "assay/Db.hpp"

namespace assay::identity {

struct UserRef {
    std::int64_t id = 0;
    std::optional<std::int64_t> orgId;
    std::string username;
    std::string displayName;
    bool active = true;
    std::set<std::string> roles;
};

class UserDirectory {
public:
    virtual ~UserDirectory() = default;
    // Every method reads in the caller's transaction tx and opens none of its own.
    virtual std::optional<UserRef> userById(Tx& tx, std::int64_t id) = 0;
    virtual std::optional<UserRef> userByUsername(Tx& tx, const std::string& username) = 0;
};

}  // namespace assay::identity
