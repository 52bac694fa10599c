// ApiKeyService: partner labs' API keys: issued once, listed by prefix, revoked, audited.
//
// Purpose: the domain service behind /api/organizations/{id}/api-keys and /api/api-keys. A key
// goes only to a partner organization; its secret is shown once and stored as its SHA-256 (the
// Authenticator, IdentityService, looks keys up by it). Tenancy: requireVisible (Identity.hpp):
// another tenant's organization or key is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog.
// Thread-safety: safe from any request thread.
#pragma once

#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Identity.hpp"
#include "storage/IdentityRepository.hpp"

namespace assay::identity {

struct IssuedApiKey {
    ApiKey key;
    std::string secret;  // shown once
};

class ApiKeyService final {
public:
    ApiKeyService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit)
        : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

    // Errors: 400 without a label; 404 for an unknown or invisible organization; 422 unless it
    // is a partner lab.
    IssuedApiKey createApiKey(const Principal& p, std::int64_t orgId, const std::string& label,
                              const std::string& requestId);
    // Errors: 404 for an unknown or invisible organization.
    std::vector<ApiKey> apiKeys(const Principal& p, std::int64_t orgId);
    // Revoking a revoked key changes nothing. Errors: 404 for an unknown or invisible key.
    void revokeApiKey(const Principal& p, std::int64_t keyId, const std::string& requestId);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    IdentityRepository repo_;
};

}  // namespace assay::identity
