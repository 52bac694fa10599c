// IdentityService: login, authentication, organizations and users.
#include "domain/IdentityMessages.hpp"
#include "domain/IdentityService.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "assay/Messages.hpp"
#include "assay/Error.hpp"
#include "assay/Log.hpp"
#include "assay/Text.hpp"
#include "assay/Uscc.hpp"
#include "domain/PasswordHasher.hpp"

namespace assay::identity {

namespace {
std::string join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
    return out;
}

std::optional<Message> usernameProblem(const std::string& u) {
    static const std::regex kShape("^[a-z0-9][a-z0-9._+@-]{2,63}$");  // an SME signs in with its e-mail
    if (!std::regex_match(u, kShape))
        return Message(msg::kUsernameShape);
    return std::nullopt;
}
}  // namespace

IdentityService::IdentityService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit,
                                 const Permissions& permissions, IdentitySettings settings)
    : db_(db), clock_(clock), ids_(ids), audit_(audit), permissions_(permissions), settings_(settings),
      throttle_(clock, settings.maxFailedLogins, settings.lockoutMinutes * 60),
      dummy_hash_(PasswordHasher::hash("assay-timing-equalizer")) {}

std::string IdentityService::nowIso() const { return formatRfc3339(clock_.now()); }

void IdentityService::confirmPassword(const Principal& p, const std::string& password, const std::string& purpose,
                                      const std::string& requestId) {
    if (!p.userId) throw Error(ErrorCode::PermissionDenied, Message(msg::kReauthNeedsUser));
    if (password.empty()) throw Error::invalidField("password", Message(msg::kConfirmPassword));
    const std::string throttleKey = "reauth:" + p.username;
    if (const int wait = throttle_.begin(throttleKey); wait > 0)
        throw Error::tooManyRequests(Message(msg::kTooManyPasswords, {{"seconds", wait}}), wait);
    auto stored = db_.read([&](Tx& tx) { return repo_.findUserByUsername(tx, p.username); });
    const bool ok = stored && stored->user.id == p.userId && stored->user.active && PasswordHasher::verify(stored->passwordHash, password);
    if (!ok) {
        db_.write([&](Tx& tx) {
            audit_.record(tx, &p, requestId, {"user", std::to_string(p.userId), "reauth_failed", "", std::nullopt, std::nullopt, purpose});
        });
        throw Error::invalidField("password", Message(msg::kWrongPassword));
    }
    throttle_.succeeded(throttleKey);
}

LoginResult IdentityService::login(const std::string& rawUsername, const std::string& password,
                                   const std::string& clientAddress, const std::string& requestId) {
    // One canonical name per account: "Admin" and "admin " are the same throttle key.
    std::string username = rawUsername;
    for (auto& c : username) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool plausible = !usernameProblem(username).has_value();
    const std::string throttleKey = plausible ? username : std::string("(malformed)");
    if (const int wait = throttle_.begin(throttleKey); wait > 0)
        throw Error::tooManyRequests(Message(msg::kTooManyLogins, {{"seconds", wait}}), wait);
    std::optional<StoredUser> stored;
    if (plausible) stored = db_.read([&](Tx& tx) { return repo_.findUserByUsername(tx, username); });
    bool ok;
    if (stored) {
        ok = PasswordHasher::verify(stored->passwordHash, password) && stored->user.active;
    } else {
        PasswordHasher::verify(dummy_hash_, password);  // same time as for a real account
        ok = false;
    }
    if (!ok) {
        // An unknown name is not recorded: people type passwords into the username field.
        db_.write([&](Tx& tx) {
            audit_.record(tx, nullptr, requestId,
                          {"user", stored ? std::to_string(stored->user.id) : std::string("unknown"), "login_failed", "",
                           std::nullopt, std::nullopt, "from " + clientAddress});
        });
        throw Error::unauthenticated(Message(msg::kLoginFailed));
    }
    throttle_.succeeded(throttleKey);
    LoginResult result;
    result.user = stored->user;
    result.token = PasswordHasher::randomSecret(kSessionPrefix);
    const std::int64_t now = toEpochMillis(clock_.now());
    result.expiresAtMs = now + std::int64_t(settings_.sessionTtlMinutes) * 60000;
    Principal actor;
    actor.userId = stored->user.id;
    actor.username = stored->user.username;
    actor.orgId = stored->user.orgId;
    db_.write([&](Tx& tx) {
        repo_.insertSession(tx, PasswordHasher::sha256Hex(result.token), stored->user.id, now, result.expiresAtMs);
        audit_.record(tx, &actor, requestId,
                      {"user", std::to_string(stored->user.id), "login", "", std::nullopt, std::nullopt,
                       "from " + clientAddress});
    });
    return result;
}

void IdentityService::logout(const std::string& token, const Principal& p, const std::string& requestId) {
    if (p.kind != PrincipalKind::User) throw Error::failedPrecondition(msg::kNoSessionForKey);
    db_.write([&](Tx& tx) {
        repo_.revokeSession(tx, PasswordHasher::sha256Hex(token), toEpochMillis(clock_.now()));
        audit_.record(tx, &p, requestId, {"user", std::to_string(p.userId), "logout", "", std::nullopt, std::nullopt, std::nullopt});
    });
}

std::optional<Principal> IdentityService::authenticate(const std::string& bearer) {
    if (bearer.size() < 8 || bearer.size() > 200) return std::nullopt;
    const std::string hash = PasswordHasher::sha256Hex(bearer);
    const std::int64_t now = toEpochMillis(clock_.now());
    return db_.read([&](Tx& tx) -> std::optional<Principal> {
        if (bearer.rfind(kApiKeyPrefix, 0) == 0) {
            auto key = repo_.findApiKeyByHash(tx, hash);
            if (!key || key->revokedAtMs) return std::nullopt;
            auto org = repo_.findOrganization(tx, key->orgId);
            if (!org || !org->active) return std::nullopt;
            Principal p;
            p.kind = PrincipalKind::ApiKey;
            p.userId = key->id;
            p.username = "apikey:" + key->prefix;
            p.displayName = org->name + " (" + key->label + ")";
            p.orgId = key->orgId;
            p.orgKind = org->kind;
            p.roles = {"partner"};
            p.permissions = permissions_.forRoles(p.roles);
            return p;
        }
        auto s = repo_.findSession(tx, hash);
        if (!s || s->revokedAtMs || s->expiresAtMs <= now) return std::nullopt;
        auto u = repo_.findUser(tx, s->userId);
        if (!u || !u->active) return std::nullopt;
        Principal p;
        p.userId = u->id;
        p.username = u->username;
        p.displayName = u->displayName;
        p.orgId = u->orgId;
        if (u->orgId)
            if (auto org = repo_.findOrganization(tx, *u->orgId)) p.orgKind = org->kind;
        p.roles = u->roles;
        p.permissions = permissions_.forRoles(p.roles);
        return p;
    });
}

std::optional<User> IdentityService::currentUser(const Principal& p) {
    if (p.kind != PrincipalKind::User) return std::nullopt;
    return db_.read([&](Tx& tx) { return repo_.findUser(tx, p.userId); });
}

std::optional<Organization> IdentityService::organizationOf(const Principal& p) {
    if (!p.orgId) return std::nullopt;
    return db_.read([&](Tx& tx) { return repo_.findOrganization(tx, *p.orgId); });
}

std::vector<FieldError> IdentityService::organizationProblems(const OrganizationInput& in) {
    std::vector<FieldError> errors;
    if (!isOrgKind(in.kind)) errors.push_back({"kind", msg::kOrgKind});
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    if (auto prob = usccMessage(in.uscc)) errors.push_back({"uscc", *prob});
    if (in.code) {
        static const std::regex kCode("^[A-Z]{2,8}$");
        if (!std::regex_match(*in.code, kCode)) errors.push_back({"code", msg::kOrgCode});
    }
    return errors;
}

Organization IdentityService::createOrganization(const Principal& p, const OrganizationInput& in,
                                                 const std::string& requestId) {
    if (auto errors = organizationProblems(in); !errors.empty()) throw Error::invalid(errors);
    return db_.write([&](Tx& tx) {
        if (repo_.usccTaken(tx, in.uscc)) throw Error::conflict(Message(msg::kUsccTaken));
        if (in.code && repo_.codeTaken(tx, *in.code)) throw Error::conflict(Message(msg::kOrgCodeTaken));
        Organization o;
        o.id = ids_.next();
        o.kind = in.kind;
        o.name = in.name;
        o.uscc = in.uscc;
        o.code = in.code;
        o.address = in.address;
        o.cmaNo = in.cmaNo;
        o.cnasNo = in.cnasNo;
        o.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertOrganization(tx, o);
        audit_.record(tx, &p, requestId,
                      {"organization", std::to_string(o.id), "create", "", std::nullopt,
                       o.kind + " " + o.name + " " + o.uscc, std::nullopt});
        return o;
    });
}

Organization IdentityService::updateOrganization(const Principal& p, std::int64_t id, int expectedVersion, const OrganizationPatch& patch,
                                                 const std::string& requestId) {
    std::vector<FieldError> errors;
    if (patch.name && patch.name->empty()) errors.push_back({"name", assay::msg::kEmpty});
    const auto reason = optionalText(errors, "reason", patch.reason, patch.active.has_value(), msg::kOrgActiveReason, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    requireVisible(p, id, "organization");
    return db_.write([&](Tx& tx) {
        auto o = repo_.findOrganization(tx, id);
        if (!o) throw Error::notFound("organization");
        if (o->version != expectedVersion) throw Error::preconditionFailed(Message(msg::kOrgChanged));
        Organization next = *o;
        auto clearable = [](const std::optional<std::string>& v, const std::optional<std::string>& was) {
            return !v ? was : v->empty() ? std::nullopt : v;
        };
        if (patch.name) next.name = *patch.name;
        next.address = clearable(patch.address, o->address);
        next.cmaNo = clearable(patch.cmaNo, o->cmaNo);
        next.cnasNo = clearable(patch.cnasNo, o->cnasNo);
        if (patch.active) next.active = *patch.active;
        if (!repo_.updateOrganization(tx, next, expectedVersion)) throw Error::preconditionFailed(Message(msg::kOrgChanged));
        next.version = expectedVersion + 1;
        auto text = [](const std::optional<std::string>& v) { return v.value_or(""); };
        const std::pair<const char*, std::pair<std::string, std::string>> fields[] = {
            {"name", {o->name, next.name}}, {"address", {text(o->address), text(next.address)}},
            {"cma_no", {text(o->cmaNo), text(next.cmaNo)}}, {"cnas_no", {text(o->cnasNo), text(next.cnasNo)}},
            {"active", {o->active ? "true" : "false", next.active ? "true" : "false"}}};
        for (const auto& [field, change] : fields)
            if (change.first != change.second)
                audit_.record(tx, &p, requestId, {"organization", std::to_string(id), "update", field, change.first, change.second, reason});
        return next;
    });
}

Organization IdentityService::organization(const Principal& p, std::int64_t id) {
    requireVisible(p, id, "organization");
    auto o = db_.read([&](Tx& tx) { return repo_.findOrganization(tx, id); });
    if (!o) throw Error::notFound("organization");
    return *o;
}

std::vector<Organization> IdentityService::organizations(const Principal& p, std::int64_t afterId, int limit,
                                                         const std::optional<std::string>& kind) {
    if (kind && !isOrgKind(*kind)) throw Error::invalidField("kind", Message(msg::kOrgKind));
    if (!(p.hasRole("admin") || ((p.hasRole("manager") || p.hasRole("technician")) && p.orgId))) {
        std::vector<Organization> own;
        if (p.orgId && *p.orgId > afterId) {
            auto o = db_.read([&](Tx& tx) { return repo_.findOrganization(tx, *p.orgId); });
            if (o && (!kind || o->kind == *kind)) own.push_back(*o);
        }
        return own;
    }
    return db_.read([&](Tx& tx) { return repo_.listOrganizations(tx, afterId, limit, kind); });
}

User IdentityService::createUserIn(Tx& tx, const Principal* actor, const NewUser& in, const std::string& passwordHash,
                                   const std::string& requestId, const std::optional<std::string>& reason) {
    std::vector<FieldError> errors = newUserProblems(in);
    if (in.orgId && !repo_.findOrganization(tx, *in.orgId)) errors.push_back({"org_id", msg::kNoSuchOrg});
    if (!errors.empty()) throw Error::invalid(errors);
    if (actor && !actor->hasRole("admin") &&
        std::find(in.roles.begin(), in.roles.end(), "admin") != in.roles.end())
        throw Error::forbidden("users:grant-admin");
    if (repo_.findUserByUsername(tx, in.username)) throw Error::conflict(Message(msg::kUsernameTaken));

    User u;
    u.id = ids_.next();
    u.orgId = in.orgId;
    u.username = in.username;
    u.displayName = in.displayName;
    u.roles = std::set<std::string>(in.roles.begin(), in.roles.end());
    u.createdAtMs = u.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insertUser(tx, u, passwordHash);
    audit_.record(tx, actor, requestId,
                  {"user", std::to_string(u.id), "create", "", std::nullopt,
                   u.username + " roles=" + join(u.roles) + " org=" + (u.orgId ? std::to_string(*u.orgId) : "-"),
                   reason});
    return u;
}

std::vector<FieldError> IdentityService::newUserProblems(const NewUser& in) {
    std::vector<FieldError> errors;
    if (auto prob = usernameProblem(in.username)) errors.push_back({"username", *prob});
    if (in.displayName.empty()) errors.push_back({"display_name", assay::msg::kRequired});
    if (auto prob = PasswordHasher::weakness(in.password)) errors.push_back({"password", *prob});
    if (in.roles.empty()) errors.push_back({"roles", msg::kRoleRequired});
    for (std::size_t i = 0; i < in.roles.size(); ++i)
        if (!Permissions::isRole(in.roles[i]))
            errors.push_back({"roles[" + std::to_string(i) + "]", Message(msg::kUnknownRole, {{"role", in.roles[i]}})});
    // The instance's administrator and the platform's operator belong to no organization.
    const bool onlyAdmin = !in.roles.empty() && std::all_of(in.roles.begin(), in.roles.end(), [](const std::string& r) {
        return r == "admin" || r == "platform_operator";
    });
    if (!in.orgId && !in.roles.empty() && !onlyAdmin)
        errors.push_back({"org_id", msg::kOrgRequired});
    return errors;
}

User IdentityService::createUser(const Principal& p, const NewUser& in, const std::string& requestId) {
    if (auto errors = newUserProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::string hash = PasswordHasher::hash(in.password);  // never inside a transaction
    return db_.write([&](Tx& tx) { return createUserIn(tx, &p, in, hash, requestId, std::nullopt); });
}

User IdentityService::user(const Principal& p, std::int64_t id) {
    auto u = db_.read([&](Tx& tx) { return repo_.findUser(tx, id); });
    if (!u) throw Error::notFound("user");
    if (!p.hasRole("admin") && u->orgId != p.orgId && u->id != p.userId) throw Error::notFound("user");
    return *u;
}

std::vector<User> IdentityService::users(const Principal& p, std::int64_t afterId, int limit) {
    std::optional<std::int64_t> org;
    if (!p.hasRole("admin")) {
        if (!p.orgId) return {};
        org = p.orgId;
    }
    return db_.read([&](Tx& tx) { return repo_.listUsers(tx, org, afterId, limit); });
}

User IdentityService::updateUser(const Principal& p, std::int64_t id, int expectedVersion, const UserPatch& patch,
                                 const std::string& requestId) {
    std::vector<FieldError> errors;
    if (patch.displayName && patch.displayName->empty()) errors.push_back({"display_name", assay::msg::kEmpty});
    std::set<std::string> newRoles;
    if (patch.roles) {
        if (patch.roles->empty()) errors.push_back({"roles", msg::kRoleRequired});
        for (std::size_t i = 0; i < patch.roles->size(); ++i) {
            if (!Permissions::isRole((*patch.roles)[i]))
                errors.push_back({"roles[" + std::to_string(i) + "]", Message(msg::kUnknownRole, {{"role", (*patch.roles)[i]}})});
            newRoles.insert((*patch.roles)[i]);
        }
    }
    const std::optional<std::string> reason =
        optionalText(errors, "reason", patch.reason, patch.roles || patch.active, msg::kChangeReason, 500);
    if (!errors.empty()) throw Error::invalid(errors);

    return db_.write([&](Tx& tx) {
        auto u = repo_.findUser(tx, id);
        if (!u || (!p.hasRole("admin") && u->orgId != p.orgId)) throw Error::notFound("user");
        if (u->version != expectedVersion)
            throw Error::preconditionFailed(Message(msg::kUserChanged));
        User next = *u;
        if (patch.displayName) next.displayName = *patch.displayName;
        if (patch.active) next.active = *patch.active;
        if (patch.roles) next.roles = newRoles;
        const bool wasAdmin = u->active && u->roles.count("admin");
        const bool staysAdmin = next.active && next.roles.count("admin");
        if (wasAdmin && !staysAdmin) {
            repo_.lockAdmins(tx);  // two admins demoting each other must not both pass
            auto admins = repo_.listUsers(tx, std::nullopt, 0, 1000000);
            const auto others = std::count_if(admins.begin(), admins.end(), [&](const User& x) {
                return x.id != u->id && x.active && x.roles.count("admin");
            });
            if (others == 0) throw Error::failedPrecondition(msg::kLastAdmin);
        }
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateUser(tx, next, expectedVersion))
            throw Error::preconditionFailed(Message(msg::kUserChanged));
        next.version = expectedVersion + 1;
        const std::string eid = std::to_string(u->id);
        if (next.displayName != u->displayName)
            audit_.record(tx, &p, requestId, {"user", eid, "update", "display_name", u->displayName, next.displayName, reason});
        if (next.active != u->active) {
            audit_.record(tx, &p, requestId, {"user", eid, "update", "active", u->active ? "true" : "false",
                                              next.active ? "true" : "false", reason});
            if (!next.active) repo_.revokeUserSessions(tx, u->id, next.updatedAtMs);
        }
        if (next.roles != u->roles)
            audit_.record(tx, &p, requestId, {"user", eid, "update", "roles", join(u->roles), join(next.roles), reason});
        return next;
    });
}

void IdentityService::resetPassword(const Principal& p, std::int64_t userId, const std::string& password, const std::string& reasonGiven,
                                    const std::string& requestId) {
    std::vector<FieldError> errors;
    if (auto prob = PasswordHasher::weakness(password)) errors.push_back({"new_password", *prob});
    const std::string reason = requiredText(errors, "reason", reasonGiven, msg::kResetReasonRequired, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    if (userId == p.userId) throw Error::conflict(Message(msg::kResetOwnPassword), {});
    const std::string hash = PasswordHasher::hash(password);
    db_.write([&](Tx& tx) {
        auto u = repo_.findUser(tx, userId);
        if (!u || (!p.hasRole("admin") && u->orgId != p.orgId)) throw Error::notFound("user");
        const std::int64_t now = toEpochMillis(clock_.now());
        repo_.updatePassword(tx, userId, hash, now);
        repo_.revokeUserSessions(tx, userId, now);
        audit_.record(tx, &p, requestId, {"user", std::to_string(userId), "update", "password", std::nullopt, std::nullopt, "reset: " + reason});
    });
}

void IdentityService::changeOwnPassword(const Principal& p, const std::string& current, const std::string& next,
                                        const std::string& requestId) {
    if (p.kind != PrincipalKind::User) throw Error::failedPrecondition(msg::kNoPasswordForKey);
    if (auto prob = PasswordHasher::weakness(next)) throw Error::invalidField("new_password", *prob);
    // Guessing the current password with a stolen session is throttled like a login.
    if (const int wait = throttle_.begin(p.username); wait > 0)
        throw Error::tooManyRequests(Message(msg::kTooManyAttempts, {{"seconds", wait}}), wait);
    auto stored = db_.read([&](Tx& tx) { return repo_.findUserByUsername(tx, p.username); });
    if (!stored || !PasswordHasher::verify(stored->passwordHash, current))
        throw Error::invalidField("current_password", Message(msg::kPasswordMismatch));
    throttle_.succeeded(p.username);
    const std::string hash = PasswordHasher::hash(next);
    db_.write([&](Tx& tx) {
        const std::int64_t now = toEpochMillis(clock_.now());
        repo_.updatePassword(tx, p.userId, hash, now);
        repo_.revokeUserSessions(tx, p.userId, now);  // every session, this one included
        audit_.record(tx, &p, requestId, {"user", std::to_string(p.userId), "update", "password", std::nullopt, std::nullopt, "changed by the user"});
    });
}

std::int64_t IdentityService::createUserAsSystem(Tx& tx, const NewUser& in, const std::string& reason) {
    if (auto errors = newUserProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::string hash = PasswordHasher::hash(in.password);
    return createUserIn(tx, nullptr, in, hash, "assayctl", reason).id;
}

std::int64_t IdentityService::createOrganizationAsSystem(Tx& tx, const std::string& kind, const std::string& name, const std::string& uscc,
                                                        const std::string& actor, const std::string& reason) {
    OrganizationInput in;
    in.kind = kind;
    in.name = name;
    in.uscc = uscc;
    if (auto errors = organizationProblems(in); !errors.empty()) throw Error::invalid(errors);
    if (repo_.usccTaken(tx, uscc)) throw Error::conflict(Message(msg::kUsccTaken));
    Organization o;
    o.id = ids_.next();
    o.kind = kind;
    o.name = name;
    o.uscc = uscc;
    o.createdAtMs = toEpochMillis(clock_.now());
    repo_.insertOrganization(tx, o);
    audit_.record(tx, nullptr, actor, {"organization", std::to_string(o.id), "create", "", std::nullopt, o.kind + " " + o.name + " " + o.uscc, reason});
    return o.id;
}

void IdentityService::resetPasswordAsSystem(Tx& tx, const std::string& username, const std::string& password,
                                            const std::string& reason) {
    if (auto prob = PasswordHasher::weakness(password)) throw Error::invalidField("password", *prob);
    const std::string hash = PasswordHasher::hash(password);
    auto u = repo_.findUserByUsername(tx, username);
    if (!u) throw Error::notFound("user " + username);
    const std::int64_t now = toEpochMillis(clock_.now());
    repo_.updatePassword(tx, u->user.id, hash, now);
    repo_.revokeUserSessions(tx, u->user.id, now);
    audit_.record(tx, nullptr, "assayctl", {"user", std::to_string(u->user.id), "update", "password", std::nullopt, std::nullopt, reason});
}

namespace {
OrganizationRef toRef(const Organization& o) { return {o.id, o.kind, o.name, o.uscc, o.code, o.active, o.address, o.cmaNo, o.cnasNo}; }
}  // namespace

std::optional<OrganizationRef> IdentityService::organizationById(Tx& tx, std::int64_t id) {
    auto o = repo_.findOrganization(tx, id);
    return o ? std::optional<OrganizationRef>(toRef(*o)) : std::nullopt;
}

std::optional<OrganizationRef> IdentityService::organizationByUscc(Tx& tx, const std::string& uscc) {
    auto o = repo_.findOrganizationByUscc(tx, uscc);
    return o ? std::optional<OrganizationRef>(toRef(*o)) : std::nullopt;
}

std::optional<OrganizationRef> IdentityService::organizationByCode(Tx& tx, const std::string& code) {
    auto o = repo_.findOrganizationByCode(tx, code);
    return o ? std::optional<OrganizationRef>(toRef(*o)) : std::nullopt;
}

std::map<std::int64_t, OrganizationRef> IdentityService::organizationsByIds(Tx& tx, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, OrganizationRef> out;
    for (const auto& o : repo_.findOrganizations(tx, ids)) out.emplace(o.id, toRef(o));
    return out;
}

namespace {
UserRef toUserRef(const User& u) { return {u.id, u.orgId, u.username, u.displayName, u.active, u.roles}; }
}  // namespace

std::optional<UserRef> IdentityService::userById(Tx& tx, std::int64_t id) {
    auto u = repo_.findUser(tx, id);
    return u ? std::optional<UserRef>(toUserRef(*u)) : std::nullopt;
}

std::optional<UserRef> IdentityService::userByUsername(Tx& tx, const std::string& username) {
    auto u = repo_.findUserByUsername(tx, username);
    return u ? std::optional<UserRef>(toUserRef(u->user)) : std::nullopt;
}

std::optional<std::string> IdentityService::bootstrapAdmin(const std::string& configuredPassword) {
    const bool exists = db_.read([&](Tx& tx) { return repo_.anyUserWithRole(tx, "admin"); });
    if (exists) return std::nullopt;
    std::optional<std::string> generated;
    std::string password = configuredPassword;
    if (password.empty()) {
        password = PasswordHasher::randomSecret("").substr(0, 20);
        generated = password;
    }
    if (auto prob = PasswordHasher::weakness(password)) throw Error::invalidField("admin.password", *prob);
    const std::string hash = PasswordHasher::hash(password);
    db_.write([&](Tx& tx) {
        if (repo_.anyUserWithRole(tx, "admin")) return;  // another process won the race
        if (repo_.findUserByUsername(tx, "admin"))
            throw Error(ErrorCode::FailedPrecondition, "a user named admin exists without the admin role");
        createUserIn(tx, nullptr, NewUser{"admin", "Administrator", password, {"admin"}, std::nullopt}, hash,
                     "bootstrap", std::string("bootstrap administrator"));
    });
    Log::info("identity.bootstrap_admin_created", {{"username", "admin"}});
    return generated;
}

User IdentityService::createUserBySystem(const NewUser& in, const std::string& requestId, const std::string& reason) {
    const std::string hash = PasswordHasher::hash(in.password);  // never inside a transaction
    return db_.write([&](Tx& tx) { return createUserIn(tx, nullptr, in, hash, requestId, reason); });
}

}  // namespace assay::identity
