// UserAdmin: the identity module's published interface for administration tools.
//
// Purpose: assayctl (create-user, reset-password) and other modules create users or reset
// passwords without including the identity module's domain headers. Published in the
// ServiceRegistry by IdentityModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::identity {

struct NewUser {
    std::string username;
    std::string displayName;
    std::string password;
    std::vector<std::string> roles;
    std::optional<std::int64_t> orgId;
};

class UserAdmin {
public:
    virtual ~UserAdmin() = default;
    // Both write in the caller's transaction tx.
    // Returns the new user's id. Errors: Error(InvalidArgument) naming each bad field,
    // Error(Conflict) when the username is taken. Audited with actor "system".
    virtual std::int64_t createUserAsSystem(Tx& tx, const NewUser& user, const std::string& reason) = 0;
    // An organization of kind (customer, partner) made by the system (the platform registers an
    // SME's company; a lab's link matches a booking's customer by USCC). Returns its id.
    // Errors: Error(InvalidArgument) naming name/uscc; Error(Conflict) when the USCC is taken.
    virtual std::int64_t createOrganizationAsSystem(Tx& tx, const std::string& kind, const std::string& name, const std::string& uscc,
                                                    const std::string& actor, const std::string& reason) = 0;
    // Errors: Error(NotFound) for an unknown username, Error(InvalidArgument) for a weak
    // password. Revokes the user's sessions. Audited with actor "system".
    virtual void resetPasswordAsSystem(Tx& tx, const std::string& username, const std::string& password,
                                       const std::string& reason) = 0;
};

}  // namespace assay::identity
