// IdentityApi: request parsing for identity routes; rendering is IdentityJson.
#include "api/IdentityApi.hpp"

#include "api/IdentityJson.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::identity {

namespace {
using Deps = IdentityDeps;

Response login(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const std::string username = r.requiredString("username", 64);
    const std::string password = r.requiredString("password", 128);
    r.finish();
    LoginResult res = deps.identity.login(username, password, req.clientAddress(), req.requestId());
    auto o = makeObject();
    o->set("token", res.token);
    o->set("expires_at", rfc3339(res.expiresAtMs));
    o->set("user", toJson(res.user));
    return Response::json(o);
}

Response logout(Request& req, Deps& deps) {
    const std::string authz = req.header("Authorization").value_or("");
    deps.identity.logout(authz.size() > 7 ? authz.substr(7) : "", req.principal(), req.requestId());
    return Response::noContent();
}

Response me(Request& req, Deps& deps) {
    const Principal& p = req.principal();
    auto o = makeObject();
    auto u = deps.identity.currentUser(p);
    o->set("user", u ? toJson(*u) : toJson(p));
    auto org = deps.identity.organizationOf(p);
    o->set("organization", org ? Poco::Dynamic::Var(toJson(*org)) : Poco::Dynamic::Var());
    o->set("permissions", jsonArray(p.permissions, [](const std::string& x) { return x; }));
    return Response::json(o);
}

Response changePassword(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const std::string current = r.requiredString("current_password", 128);
    const std::string next = r.requiredString("new_password", 128);
    r.finish();
    deps.identity.changeOwnPassword(req.principal(), current, next, req.requestId());
    return Response::noContent();
}

Response resetPassword(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const std::string next = r.requiredString("new_password", 128);
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    deps.identity.resetPassword(req.principal(), req.idParam("id"), next, reason, req.requestId());
    return Response::noContent();
}

Response listOrganizations(Request& req, Deps& deps) {
    const Page pg = page(req);
    auto items = deps.identity.organizations(req.principal(), pg.cursor, pg.limit, req.query("kind"));
    return Response::json(pageOf(items, pg));
}

Response createOrganization(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    OrganizationInput in;
    in.kind = r.requiredString("kind", 16);
    in.name = r.requiredString("name", 200);
    in.uscc = r.requiredString("uscc", 18);
    in.code = r.optionalString("code", 8);
    in.address = r.optionalString("address", 300);
    in.cmaNo = r.optionalString("cma_no", 32);
    in.cnasNo = r.optionalString("cnas_no", 32);
    mergeProblems(r, IdentityService::organizationProblems(in));
    Organization o = deps.identity.createOrganization(req.principal(), in, req.requestId());
    return Response::created(toJson(o), "/api/organizations/" + std::to_string(o.id));
}

Response getOrganization(Request& req, Deps& deps) {
    return jsonWithEtag(deps.identity.organization(req.principal(), req.idParam("id")));
}

Response updateOrganization(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    OrganizationPatch patch;
    patch.name = r.optionalString("name", 200);
    patch.address = r.optionalString("address", 300);
    patch.cmaNo = r.optionalString("cma_no", 32);
    patch.cnasNo = r.optionalString("cnas_no", 32);
    patch.active = r.optionalBool("active");
    patch.reason = r.optionalString("reason", 500, Lines::many);
    r.finish();
    return jsonWithEtag(deps.identity.updateOrganization(req.principal(), req.idParam("id"), ifMatch(req), patch, req.requestId()));
}

Response listApiKeys(Request& req, Deps& deps) {
    auto keys = deps.apiKeys.apiKeys(req.principal(), req.idParam("id"));
    return Response::json(unpaged(jsonArray(keys)));
}

Response createApiKey(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const std::string label = r.requiredString("label", 100);
    r.finish();
    IssuedApiKey k = deps.apiKeys.createApiKey(req.principal(), req.idParam("id"), label, req.requestId());
    auto o = toJson(k.key);
    o->set("key", k.secret);
    return Response::created(o, "/api/organizations/" + std::to_string(k.key.orgId) + "/api-keys");
}

Response revokeApiKey(Request& req, Deps& deps) {
    deps.apiKeys.revokeApiKey(req.principal(), req.idParam("id"), req.requestId());
    return Response::noContent();
}

Response listUsers(Request& req, Deps& deps) { return listPage(req, deps.identity, &IdentityService::users); }

Response createUser(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    NewUser in;
    in.username = r.requiredString("username", 64);
    in.displayName = r.requiredString("display_name", 100);
    in.password = r.requiredString("password", 128);
    in.roles = r.stringArray("roles", true, 7);
    in.orgId = idField(r, "org_id");
    mergeProblems(r, IdentityService::newUserProblems(in), SameField::key);
    User u = deps.identity.createUser(req.principal(), in, req.requestId());
    return createdWithEtag(u, "/api/users/" + std::to_string(u.id));
}

Response getUser(Request& req, Deps& deps) { return jsonWithEtag(deps.identity.user(req.principal(), req.idParam("id"))); }

Response updateUser(Request& req, Deps& deps) {
    const std::int64_t id = req.idParam("id");
    auto body = req.jsonObject();
    JsonReader r(body);
    UserPatch patch;
    patch.displayName = r.optionalString("display_name", 100);
    patch.active = r.optionalBool("active");
    if (body->has("roles")) patch.roles = r.stringArray("roles", true, 7);
    patch.reason = r.optionalString("reason", 500, Lines::many);
    r.finish();
    const int expected = ifMatch(req);
    return jsonWithEtag(deps.identity.updateUser(req.principal(), id, expected, patch, req.requestId()));
}

const RouteEntry<Deps> kRoutes[] = {
    {"POST", "/api/auth/login", kPublic, "Sign in with username and password", login, true},
    {"POST", "/api/auth/logout", kAuthenticated, "End the current session", logout},
    {"GET", "/api/me", kAuthenticated, "The signed-in user, organization and permissions", me},
    {"POST", "/api/me/password", kAuthenticated, "Change the signed-in user's password", changePassword},
    {"GET", "/api/organizations", "organizations:read", "List organizations", listOrganizations},
    {"POST", "/api/organizations", "organizations:write", "Register an organization", createOrganization},
    {"GET", "/api/organizations/{id}", "organizations:read", "One organization", getOrganization},
    {"PATCH", "/api/organizations/{id}", "organizations:write", "Correct an organization's name, address or certificate numbers, or deactivate it with a reason", updateOrganization},
    {"GET", "/api/organizations/{id}/api-keys", "api_keys:read", "A partner lab's API keys", listApiKeys},
    {"POST", "/api/organizations/{id}/api-keys", "api_keys:write", "Issue an API key to a partner lab", createApiKey, true},
    {"POST", "/api/api-keys/{id}/revoke", "api_keys:write", "Revoke an API key", revokeApiKey},
    {"GET", "/api/users", "users:read", "List users", listUsers},
    {"POST", "/api/users", "users:write", "Create a user", createUser},
    {"GET", "/api/users/{id}", "users:read", "One user", getUser},
    {"PATCH", "/api/users/{id}", "users:write", "Change a user's name, roles or active flag", updateUser},
    {"POST", "/api/users/{id}/password", "users:write", "Reset another user's password (they forgot it), with the reason; their sessions end", resetPassword},
};
}  // namespace

void registerIdentityRoutes(Router& router, IdentityDeps& deps) { addRoutes(router, deps, kRoutes); }

}  // namespace assay::identity
