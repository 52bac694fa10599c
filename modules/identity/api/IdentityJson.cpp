// IdentityJson: users, organizations, API keys and principals as JSON (field tables:
// assay/JsonFields.hpp).
#include "api/IdentityJson.hpp"

#include "assay/JsonFields.hpp"

namespace assay::identity {

namespace {
constexpr auto kUser = fields<User>(
    field::id("id", &User::id),
    field::text("username", &User::username),
    field::text("display_name", &User::displayName),
    field::optId("org_id", &User::orgId),
    field::strings("roles", &User::roles),
    field::flag("active", &User::active),
    field::time("created_at", &User::createdAtMs),
    field::time("updated_at", &User::updatedAtMs));

constexpr auto kOrganization = fields<Organization>(
    field::id("id", &Organization::id),
    field::text("kind", &Organization::kind),
    field::text("name", &Organization::name),
    field::text("uscc", &Organization::uscc),
    field::optText("code", &Organization::code),
    field::optText("address", &Organization::address),
    field::optText("cma_no", &Organization::cmaNo),
    field::optText("cnas_no", &Organization::cnasNo),
    field::flag("active", &Organization::active),
    field::time("created_at", &Organization::createdAtMs));

constexpr auto kApiKey = fields<ApiKey>(
    field::id("id", &ApiKey::id),
    field::id("org_id", &ApiKey::orgId),
    field::text("prefix", &ApiKey::prefix),
    field::text("label", &ApiKey::label),
    field::time("created_at", &ApiKey::createdAtMs),
    field::optTime("revoked_at", &ApiKey::revokedAtMs));

// The user fields a principal has.
constexpr auto kPrincipal = fields<Principal>(
    field::id("id", &Principal::userId),
    field::text("username", &Principal::username),
    field::text("display_name", &Principal::displayName),
    field::optId("org_id", &Principal::orgId),
    field::strings("roles", &Principal::roles));
}  // namespace

Poco::JSON::Object::Ptr toJson(const User& u) { return kUser(u); }
Poco::JSON::Object::Ptr toJson(const Organization& g) { return kOrganization(g); }
Poco::JSON::Object::Ptr toJson(const ApiKey& k) { return kApiKey(k); }
Poco::JSON::Object::Ptr toJson(const Principal& p) { return kPrincipal(p); }

}  // namespace assay::identity
