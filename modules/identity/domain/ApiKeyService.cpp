// ApiKeyService: issuing, listing and revoking partner API keys, audited.
#include "domain/IdentityMessages.hpp"
#include "assay/Messages.hpp"
#include "domain/ApiKeyService.hpp"

#include "assay/Error.hpp"
#include "domain/PasswordHasher.hpp"

namespace assay::identity {

IssuedApiKey ApiKeyService::createApiKey(const Principal& p, std::int64_t orgId, const std::string& label,
                                         const std::string& requestId) {
    if (label.empty()) throw Error::invalidField("label", Message(assay::msg::kRequired));
    requireVisible(p, orgId, "organization");
    IssuedApiKey out;
    out.secret = PasswordHasher::randomSecret(kApiKeyPrefix);
    out.key.orgId = orgId;
    out.key.prefix = out.secret.substr(4, 8);
    out.key.label = label;
    out.key.createdBy = p.userId;
    db_.write([&](Tx& tx) {
        auto org = repo_.findOrganization(tx, orgId);
        if (!org) throw Error::notFound("organization");
        if (org->kind != "partner") throw Error::failedPrecondition(msg::kKeysForPartners);
        out.key.id = ids_.next();
        out.key.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertApiKey(tx, out.key, PasswordHasher::sha256Hex(out.secret));
        audit_.record(tx, &p, requestId, {"api_key", std::to_string(out.key.id), "create", "", std::nullopt,
                                          "org=" + std::to_string(orgId) + " prefix=" + out.key.prefix, std::nullopt});
    });
    return out;
}

std::vector<ApiKey> ApiKeyService::apiKeys(const Principal& p, std::int64_t orgId) {
    requireVisible(p, orgId, "organization");
    return db_.read([&](Tx& tx) {
        if (!repo_.findOrganization(tx, orgId)) throw Error::notFound("organization");
        return repo_.listApiKeys(tx, orgId);
    });
}

void ApiKeyService::revokeApiKey(const Principal& p, std::int64_t keyId, const std::string& requestId) {
    db_.write([&](Tx& tx) {
        auto k = repo_.findApiKey(tx, keyId);
        if (!k) throw Error::notFound("API key");
        requireVisible(p, k->orgId, "API key");
        if (k->revokedAtMs) return;
        repo_.revokeApiKey(tx, keyId, toEpochMillis(clock_.now()));
        audit_.record(tx, &p, requestId, {"api_key", std::to_string(keyId), "revoke", "", std::nullopt, std::nullopt, std::nullopt});
    });
}

}  // namespace assay::identity
