// Reauthentication: the identity module's published way for another module to ask the acting
// person for their password again before a consequential act (signing a report).
//
// Purpose: confirmPassword() checks the principal's own password (argon2id), under the same
// throttle as logins; a failure is audited with its purpose. API keys cannot re-authenticate.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <string>

#include "assay/Principal.hpp"

namespace assay::identity {

class Reauthentication {
public:
    virtual ~Reauthentication() = default;
    // Errors: 400 naming "password" when it is missing or wrong; 429 after too many failures;
    // 403 for a principal without a user account (an API key).
    virtual void confirmPassword(const Principal& p, const std::string& password, const std::string& purpose,
                                 const std::string& requestId) = 0;
};

}  // namespace assay::identity
