// Authenticator: turns a bearer credential into a Principal.
//
// Purpose: the dispatcher is independent of how users and API keys are stored. The identity
// module publishes the implementation in the ServiceRegistry; the dispatcher consults it for
// every request that carries "Authorization: Bearer ...".
// Thread-safety: implementations must be safe to call from any request thread.
#pragma once

#include <optional>
#include <string>

#include "assay/Principal.hpp"

namespace assay {

class Authenticator {
public:
    virtual ~Authenticator() = default;
    // Empty when the credential is unknown, expired, revoked, or its user is deactivated.
    virtual std::optional<Principal> authenticate(const std::string& bearer) = 0;
};

}  // namespace assay
