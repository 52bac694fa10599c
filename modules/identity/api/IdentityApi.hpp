// IdentityApi: HTTP handlers of the identity module (parse, call one service method, render).
//
// Routes (permission):
//   POST  /api/auth/login                       public
//   POST  /api/auth/logout                      authenticated
//   GET   /api/me                               authenticated
//   POST  /api/me/password                      authenticated
//   GET   /api/organizations                    organizations:read
//   POST  /api/organizations                    organizations:write
//   GET   /api/organizations/{id}               organizations:read
//   GET   /api/organizations/{id}/api-keys      api_keys:read
//   POST  /api/organizations/{id}/api-keys      api_keys:write
//   POST  /api/api-keys/{id}/revoke             api_keys:write
//   GET   /api/users                            users:read
//   POST  /api/users                            users:write
//   GET   /api/users/{id}                       users:read
//   PATCH /api/users/{id}                       users:write (If-Match required)
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/ApiKeyService.hpp"
#include "domain/IdentityService.hpp"

namespace assay::identity {

// The services of the identity routes (owned by IdentityModule).
struct IdentityDeps {
    IdentityService& identity;
    ApiKeyService& apiKeys;
};

void registerIdentityRoutes(Router& router, IdentityDeps& deps);

}  // namespace assay::identity
