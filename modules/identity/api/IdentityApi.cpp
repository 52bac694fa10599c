// IdentityApi: request parsing and JSON rendering for identity routes.
#include "api/IdentityApi.hpp"

#include <charconv>
#include <set>

#include <Poco/JSON/Array.h>

#include "assay/Json.hpp"

namespace assay::identity {

namespace {
Poco::Dynamic::Var optional(const std::optional<std::string>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr render(const User& u) {
    auto o = makeObject();
    o->set("id", std::to_string(u.id));
    o->set("username", u.username);
    o->set("display_name", u.displayName);
    o->set("org_id", u.orgId ? Poco::Dynamic::Var(std::to_string(*u.orgId)) : Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
    for (const auto& r : u.roles) roles->add(r);
    o->set("roles", roles);
    o->set("active", u.active);
    o->set("created_at", formatRfc3339(fromEpochMillis(u.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(u.updatedAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const Organization& g) {
    auto o = makeObject();
    o->set("id", std::to_string(g.id));
    o->set("kind", g.kind);
    o->set("name", g.name);
    o->set("uscc", g.uscc);
    o->set("code", optional(g.code));
    o->set("address", optional(g.address));
    o->set("cma_no", optional(g.cmaNo));
    o->set("cnas_no", optional(g.cnasNo));
    o->set("active", g.active);
    o->set("created_at", formatRfc3339(fromEpochMillis(g.createdAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const ApiKey& k) {
    auto o = makeObject();
    o->set("id", std::to_string(k.id));
    o->set("org_id", std::to_string(k.orgId));
    o->set("prefix", k.prefix);
    o->set("label", k.label);
    o->set("created_at", formatRfc3339(fromEpochMillis(k.createdAtMs)));
    o->set("revoked_at", k.revokedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*k.revokedAtMs)))
                                       : Poco::Dynamic::Var());
    return o;
}

std::string etag(const User& u) { return "\"v" + std::to_string(u.version) + "\""; }

struct Page {
    std::int64_t after = 0;
    int limit = 50;
};

Page page(const Request& r) {
    Page p;
    std::vector<FieldError> errors;
    if (auto c = r.query("cursor"); c && !c->empty()) {
        auto [ptr, ec] = std::from_chars(c->data(), c->data() + c->size(), p.after);
        if (ec != std::errc() || ptr != c->data() + c->size() || p.after < 0) errors.push_back({"cursor", "malformed cursor"});
    }
    if (auto l = r.query("limit")) {
        auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), p.limit);
        if (ec != std::errc() || ptr != l->data() + l->size() || p.limit < 1 || p.limit > 500)
            errors.push_back({"limit", "must be an integer from 1 to 500"});
    }
    if (!errors.empty()) throw Error::invalid(errors);
    return p;
}

template <class T>
Response list(const std::vector<T>& items, int limit) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& i : items) arr->add(render(i));
    auto o = makeObject();
    o->set("items", arr);
    o->set("next_cursor", static_cast<int>(items.size()) == limit && !items.empty()
                              ? Poco::Dynamic::Var(std::to_string(items.back().id))
                              : Poco::Dynamic::Var());
    return Response::json(o);
}

std::optional<std::int64_t> optionalId(JsonReader& r, const std::string& key) {
    auto s = r.optionalString(key, 20);
    if (!s) return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || p != s->data() + s->size() || v <= 0) {
        r.addError(key, "must be an id (a decimal string)");
        return std::nullopt;
    }
    return v;
}

int parseIfMatch(const Request& req) {
    auto h = req.header("If-Match");
    if (!h) throw Error::preconditionFailed("If-Match with the user's ETag is required");
    std::string s = *h;
    if (s.rfind("W/", 0) == 0) s = s.substr(2);
    if (s.size() < 4 || s.front() != '"' || s[1] != 'v' || s.back() != '"')
        throw Error::preconditionFailed("If-Match does not hold an ETag of this resource");
    int v = 0;
    auto [p, ec] = std::from_chars(s.data() + 2, s.data() + s.size() - 1, v);
    if (ec != std::errc() || p != s.data() + s.size() - 1) throw Error::preconditionFailed("malformed If-Match");
    return v;
}
}  // namespace

void registerIdentityRoutes(Router& router, IdentityService& svc) {
    router.add({"POST", "/api/auth/login", kPublic, "Sign in with username and password", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        const std::string username = r.requiredString("username", 64);
        const std::string password = r.requiredString("password", 128);
        r.finish();
        LoginResult res = svc.login(username, password, req.clientAddress(), req.requestId());
        auto o = makeObject();
        o->set("token", res.token);
        o->set("expires_at", formatRfc3339(fromEpochMillis(res.expiresAtMs)));
        o->set("user", render(res.user));
        return Response::json(o);
    }, true});

    router.add({"POST", "/api/auth/logout", kAuthenticated, "End the current session", [&svc](Request& req) {
        const std::string authz = req.header("Authorization").value_or("");
        svc.logout(authz.size() > 7 ? authz.substr(7) : "", req.principal(), req.requestId());
        return Response::noContent();
    }});

    router.add({"GET", "/api/me", kAuthenticated, "The signed-in user, organization and permissions", [&svc](Request& req) {
        const Principal& p = req.principal();
        auto o = makeObject();
        if (auto u = svc.currentUser(p)) {
            o->set("user", render(*u));
        } else {
            auto k = makeObject();
            k->set("id", std::to_string(p.userId));
            k->set("username", p.username);
            k->set("display_name", p.displayName);
            k->set("org_id", p.orgId ? Poco::Dynamic::Var(std::to_string(*p.orgId)) : Poco::Dynamic::Var());
            Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
            for (const auto& r : p.roles) roles->add(r);
            k->set("roles", roles);
            o->set("user", k);
        }
        auto org = svc.organizationOf(p);
        o->set("organization", org ? Poco::Dynamic::Var(render(*org)) : Poco::Dynamic::Var());
        Poco::JSON::Array::Ptr perms = new Poco::JSON::Array;
        for (const auto& x : p.permissions) perms->add(x);
        o->set("permissions", perms);
        return Response::json(o);
    }});

    router.add({"POST", "/api/me/password", kAuthenticated, "Change the signed-in user's password", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        const std::string current = r.requiredString("current_password", 128);
        const std::string next = r.requiredString("new_password", 128);
        r.finish();
        svc.changeOwnPassword(req.principal(), current, next, req.requestId());
        return Response::noContent();
    }});

    router.add({"GET", "/api/organizations", "organizations:read", "List organizations", [&svc](Request& req) {
        const Page pg = page(req);
        return list(svc.organizations(req.principal(), pg.after, pg.limit, req.query("kind")), pg.limit);
    }});

    router.add({"POST", "/api/organizations", "organizations:write", "Register an organization", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        OrganizationInput in;
        in.kind = r.requiredString("kind", 16);
        in.name = r.requiredString("name", 200);
        in.uscc = r.requiredString("uscc", 18);
        in.code = r.optionalString("code", 8);
        in.address = r.optionalString("address", 300);
        in.cmaNo = r.optionalString("cma_no", 32);
        in.cnasNo = r.optionalString("cnas_no", 32);
        std::set<std::string> reported;
        for (const auto& e : r.errors()) reported.insert(e.field);
        for (const auto& e : IdentityService::organizationProblems(in))
            if (!reported.count(e.field)) r.addError(e.field, e.problem);
        r.finish();
        Organization o = svc.createOrganization(req.principal(), in, req.requestId());
        return Response::created(render(o), "/api/organizations/" + std::to_string(o.id));
    }});

    router.add({"GET", "/api/organizations/{id}", "organizations:read", "One organization", [&svc](Request& req) {
        return Response::json(render(svc.organization(req.principal(), req.idParam("id"))));
    }});

    router.add({"GET", "/api/organizations/{id}/api-keys", "api_keys:read", "A partner lab's API keys", [&svc](Request& req) {
        auto keys = svc.apiKeys(req.principal(), req.idParam("id"));
        return list(keys, static_cast<int>(keys.size()) + 1);
    }});

    router.add({"POST", "/api/organizations/{id}/api-keys", "api_keys:write", "Issue an API key to a partner lab",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string label = r.requiredString("label", 100);
                    r.finish();
                    IssuedApiKey k = svc.createApiKey(req.principal(), req.idParam("id"), label, req.requestId());
                    auto o = render(k.key);
                    o->set("key", k.secret);
                    return Response::created(o, "/api/organizations/" + std::to_string(k.key.orgId) + "/api-keys");
                }, true});

    router.add({"POST", "/api/api-keys/{id}/revoke", "api_keys:write", "Revoke an API key", [&svc](Request& req) {
        svc.revokeApiKey(req.principal(), req.idParam("id"), req.requestId());
        return Response::noContent();
    }});

    router.add({"GET", "/api/users", "users:read", "List users", [&svc](Request& req) {
        const Page pg = page(req);
        return list(svc.users(req.principal(), pg.after, pg.limit), pg.limit);
    }});

    router.add({"POST", "/api/users", "users:write", "Create a user", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        NewUser in;
        in.username = r.requiredString("username", 64);
        in.displayName = r.requiredString("display_name", 100);
        in.password = r.requiredString("password", 128);
        in.roles = r.stringArray("roles", true, 7);
        in.orgId = optionalId(r, "org_id");
        std::set<std::string> reported;
        for (const auto& e : r.errors()) reported.insert(e.field.substr(0, e.field.find('[')));
        for (const auto& e : IdentityService::newUserProblems(in))
            if (!reported.count(e.field.substr(0, e.field.find('[')))) r.addError(e.field, e.problem);
        r.finish();
        User u = svc.createUser(req.principal(), in, req.requestId());
        Response resp = Response::created(render(u), "/api/users/" + std::to_string(u.id));
        resp.headers.emplace_back("ETag", etag(u));
        return resp;
    }});

    router.add({"GET", "/api/users/{id}", "users:read", "One user", [&svc](Request& req) {
        User u = svc.user(req.principal(), req.idParam("id"));
        return Response::json(render(u)).withHeader("ETag", etag(u));
    }});

    router.add({"PATCH", "/api/users/{id}", "users:write", "Change a user's name, roles or active flag",
                [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    UserPatch patch;
                    patch.displayName = r.optionalString("display_name", 100);
                    patch.active = r.optionalBool("active");
                    auto obj = req.jsonObject();
                    if (obj->has("roles")) patch.roles = r.stringArray("roles", true, 7);
                    patch.reason = r.optionalString("reason", 500, Lines::many);
                    r.finish();
                    const int expected = parseIfMatch(req);
                    User u = svc.updateUser(req.principal(), id, expected, patch, req.requestId());
                    return Response::json(render(u)).withHeader("ETag", etag(u));
                }});
}

}  // namespace assay::identity
