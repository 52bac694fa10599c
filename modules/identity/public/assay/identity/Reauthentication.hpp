// Reauthentication: the identity module's published way for another module to ask the acting
// person for their password again before a consequential act (signing a report).
//
// Purpose: confirmPassword() checks the principal's own password (argon2id), under the same
// throttle as logins; a failure is audited with its purpose. API keys cannot re-authenticate.
// Transactions: the one published method that takes no Tx&, on purpose. Re-authentication is a
// gate in front of a use case, like a login, not a step of it: a wrong password must leave its
// audit record although the use case it guarded is refused (its transaction rolls back), so
// the check runs (and commits its failure evidence) before the caller opens its transaction.
// Callers must not call it inside one (Db refuses a second session on the thread).
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
