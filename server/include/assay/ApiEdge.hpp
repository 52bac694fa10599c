// ApiEdge: the declarative edge every module api file uses (route tables and rendering shapes).
//
// Purpose: an api file lists its routes in one table of {method, pattern, permission, summary,
// handler} and registers them with one call to addRoutes, so the routes a module serves can be
// read in one place; handlers are named functions (Response name(Request&, Deps&)) of at most 30
// lines that parse, call one service, and render through the module's toJson overloads. The
// helpers below are the rendering shapes the handlers share (an array of entities, a keyset page,
// an unpaged list) and the merge of a JSON reader's findings with a domain validator's.
// Thread-safety: tables are read at start-up; the handlers' Deps must be safe from any request
// thread (services are).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Api.hpp"
#include "assay/Clock.hpp"
#include "assay/Http.hpp"
#include "assay/Json.hpp"

namespace assay {

// One row of a route table. Deps is what the handlers need (a service, or a struct of them).
template <class Deps>
struct RouteEntry {
    const char* method;
    const char* pattern;
    const char* permission;
    const char* summary;
    Response (*handler)(Request&, Deps&);
    bool sensitive = false;   // Route::sensitive
    std::size_t maxBody = 0;  // Route::maxBody
};

// Registers every row of the table, in its order, with deps bound to each handler.
template <class Deps, std::size_t N>
void addRoutes(Router& router, Deps& deps, const RouteEntry<Deps> (&table)[N]) {
    for (const auto& e : table)
        router.add({e.method, e.pattern, e.permission, e.summary,
                    [h = e.handler, &deps](Request& req) { return h(req, deps); }, e.sensitive, e.maxBody});
}

// Every item rendered by render (a lambda, or a function of the module's api).
template <class Items, class Render>
Poco::JSON::Array::Ptr jsonArray(const Items& items, Render render) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& i : items) arr->add(render(i));
    return arr;
}
// Every item rendered by its module's toJson overload (found by argument-dependent lookup).
template <class Items>
Poco::JSON::Array::Ptr jsonArray(const Items& items) {
    return jsonArray(items, [](const auto& i) { return toJson(i); });
}

// A keyset page of items: {"items": [...], "next_cursor": ...} (pageObject), the cursor being
// idOf(last item); each item rendered by render.
template <class Items, class Render, class IdOf>
Poco::JSON::Object::Ptr pageOf(const Items& items, const Page& pg, Render render, IdOf idOf) {
    return pageObject(jsonArray(items, render), items.size(), pg, items.empty() ? 0 : idOf(items.back()));
}
// The same with each item's toJson, and its id (default: the item's id member).
template <class Items, class IdOf>
Poco::JSON::Object::Ptr pageOf(const Items& items, const Page& pg, IdOf idOf) {
    return pageObject(jsonArray(items), items.size(), pg, items.empty() ? 0 : idOf(items.back()));
}
template <class Items>
Poco::JSON::Object::Ptr pageOf(const Items& items, const Page& pg) {
    return pageOf(items, pg, [](const auto& i) { return i.id; });
}

// The handlers that only list or show: a keyset page of what list(principal, cursor, limit)
// returns, list being a member function of svc (&Service::parameters), each item by its toJson
// and paged by its id; and one entity by the route's {id}, get(principal, id), by its toJson.
template <class Svc, class List>
Response listPage(Request& req, Svc& svc, List list) {
    const Page pg = page(req);
    return Response::json(pageOf(std::invoke(list, svc, req.principal(), pg.cursor, pg.limit), pg));
}
template <class Svc, class Get>
Response byId(Request& req, Svc& svc, Get get) {
    return Response::json(toJson(std::invoke(get, svc, req.principal(), req.idParam("id"))));
}

// A time stored as epoch milliseconds, as RFC 3339 in lab time; an absent one is null.
inline std::string rfc3339(std::int64_t ms) { return formatRfc3339(fromEpochMillis(ms)); }
inline Poco::Dynamic::Var optTime(const std::optional<std::int64_t>& ms) {
    return ms ? Poco::Dynamic::Var(rfc3339(*ms)) : Poco::Dynamic::Var();
}

// A text that is null when empty (a verdict's rule and reason).
inline Poco::Dynamic::Var nonEmpty(const std::string& s) { return s.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s); }

// An entity as JSON (its module's toJson) with its ETag, "v<version>".
template <class T>
Response jsonWithEtag(const T& x, int status = 200) {
    return Response::json(toJson(x), status).withHeader("ETag", etag(x.version));
}
// A created entity: 201 with its Location and ETag.
template <class T>
Response createdWithEtag(const T& x, const std::string& location) {
    return Response::created(toJson(x), location).withHeader("ETag", etag(x.version));
}

// A list in one piece: {"items": [...]}.
inline Poco::JSON::Object::Ptr itemsObject(const Poco::JSON::Array::Ptr& items) {
    auto o = makeObject();
    o->set("items", items);
    return o;
}

// A list that is never paged: {"items": [...], "next_cursor": null}.
inline Poco::JSON::Object::Ptr unpaged(const Poco::JSON::Array::Ptr& items) {
    auto o = itemsObject(items);
    o->set("next_cursor", Poco::Dynamic::Var());
    return o;
}

// A query parameter naming one of an enum's values (assay/Enum.hpp): absent or empty is none;
// another value is a 400 naming the parameter and the values allowed.
template <NamedEnum E>
std::optional<E> queryEnum(const Request& req, const std::string& name) {
    auto v = req.query(name);
    if (!v || v->empty()) return std::nullopt;
    if (auto e = parseEnum<E>(*v)) return e;
    throw Error::invalidField(name, Message(msg::kOneOf, {{"choices", enumChoices<E>()}}));
}

// How mergeProblems compares fields: by the whole path, or by the key before any "[" (so a
// reader's "roles[1]" hides a validator's "roles").
enum class SameField { path, key };

// Adds every problem of `more` whose field the reader has not reported, then finishes the reader
// (one 400 with all of them). Unlike finishWith, a field may carry several domain problems.
inline void mergeProblems(JsonReader& r, const std::vector<FieldError>& more, SameField same = SameField::path) {
    auto key = [same](const std::string& f) { return same == SameField::key ? f.substr(0, f.find('[')) : f; };
    std::set<std::string> reported;
    for (const auto& e : r.errors()) reported.insert(key(e.field));
    for (const auto& e : more)
        if (!reported.count(key(e.field))) r.addError(e.field, e.message);
    r.finish();
}

// A nested reader's findings (prefixed paths) appended to errors, instead of thrown.
inline void absorbInto(JsonReader& child, std::vector<FieldError>& errors) {
    try {
        child.finish();
    } catch (const Error& e) {
        for (const auto& fe : e.fieldErrors()) errors.push_back(fe);
    }
}
// The same, added to the parent reader's findings.
inline void absorbInto(JsonReader& child, JsonReader& parent) {
    try {
        child.finish();
    } catch (const Error& e) {
        for (const auto& fe : e.fieldErrors()) parent.addError(fe.field, fe.message);
    }
}

}  // namespace assay
