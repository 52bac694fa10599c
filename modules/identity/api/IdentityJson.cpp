// IdentityJson: users, organizations, API keys and principals as JSON.
#include "api/IdentityJson.hpp"

#include <set>

#include "assay/ApiEdge.hpp"

namespace assay::identity {

namespace {
Poco::JSON::Array::Ptr strings(const std::set<std::string>& v) {
    return jsonArray(v, [](const std::string& s) { return s; });
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const User& u) {
    auto o = makeObject();
    o->set("id", std::to_string(u.id));
    o->set("username", u.username);
    o->set("display_name", u.displayName);
    o->set("org_id", optId(u.orgId));
    o->set("roles", strings(u.roles));
    o->set("active", u.active);
    o->set("created_at", rfc3339(u.createdAtMs));
    o->set("updated_at", rfc3339(u.updatedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Organization& g) {
    auto o = makeObject();
    o->set("id", std::to_string(g.id));
    o->set("kind", g.kind);
    o->set("name", g.name);
    o->set("uscc", g.uscc);
    o->set("code", optStr(g.code));
    o->set("address", optStr(g.address));
    o->set("cma_no", optStr(g.cmaNo));
    o->set("cnas_no", optStr(g.cnasNo));
    o->set("active", g.active);
    o->set("created_at", rfc3339(g.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ApiKey& k) {
    auto o = makeObject();
    o->set("id", std::to_string(k.id));
    o->set("org_id", std::to_string(k.orgId));
    o->set("prefix", k.prefix);
    o->set("label", k.label);
    o->set("created_at", rfc3339(k.createdAtMs));
    o->set("revoked_at", optTime(k.revokedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Principal& p) {
    auto k = makeObject();
    k->set("id", std::to_string(p.userId));
    k->set("username", p.username);
    k->set("display_name", p.displayName);
    k->set("org_id", optId(p.orgId));
    k->set("roles", strings(p.roles));
    return k;
}

}  // namespace assay::identity
