// JsonFields: an entity's JSON shape declared once, as a table of fields, rendered by one function.
//
// Purpose: every module's toJson used to be one `o->set("name", how(x.member))` line per field;
// the same few "hows" (an id as a decimal string, an optional text as null, a time as RFC 3339...)
// were written again in every entity. Here a field is {name, where its value comes from, kind}:
//
//     constexpr auto kUserFields = fields<User>(
//         field::id("id", &User::id),
//         field::text("username", &User::username),
//         field::optId("org_id", &User::orgId),
//         field::time("created_at", &User::createdAtMs));
//     Poco::JSON::Object::Ptr toJson(const User& u) { return kUserFields(u); }
//
// "Where from" is a member pointer, a path of members (field::at), a function of the entity, or a
// small lambda where the value is computed (`[](const QcResult& q) { return q.pass ? ... }`). The
// kinds, and the JSON each gives (the API's conventions, API.md):
//   id / optId          an id as its decimal string / or null
//   text / optText      a string / or null; an enum (assay/Enum.hpp) by its name
//   nonEmpty            a string, null when empty (a verdict's rule and reason)
//   date / optDate      a date YYYY-MM-DD, a string / or null
//   integer / flag      a JSON number (any integral type but bool) / true or false
//   decimal / optDecimal a Decimal as its decimal string (never a JSON number) / or null
//   time / optTime      epoch milliseconds as RFC 3339 in lab time / or null
//   etag                a version as its ETag, "v<N>" in quotes
//   object              a nested entity by its module's toJson (argument-dependent lookup)
//   optObject           an optional entity: null, or rendered by the given table or function
//   group               a nested object of more fields of the same entity (another table)
//   array               each item by its module's toJson, or by the given table or function
//   strings / ids       a list of strings / of ids as decimal strings
//   constant            the same text for every entity
//   json                a value the lambda has already made JSON (Var, object, array): the
//                       special cases, e.g. a field that is null unless another is set
// A table may hold another table of the same entity, whose fields it renders in that place.
// A table is callable (entity -> object), so it can be given to jsonArray, to array and to group;
// setInto adds its fields to an object already begun (an entity extending another's shape).
// Keys are set in the table's order into a makeObject() object (insertion order kept), so the
// output is exactly what the equivalent run of o->set lines gave.
// Thread-safety: tables are constants; rendering is a pure function.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Api.hpp"
#include "assay/ApiEdge.hpp"
#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"
#include "assay/Json.hpp"

namespace assay {

namespace field {
template <class Get, class Render>
struct Field;
}

// A table of fields of T, in the order they are rendered. An element may be another table of the
// same entity: its fields stand there in its order (fields two shapes share, written once).
template <class T, class... F>
struct Fields {
    std::tuple<F...> list;

    // The entity as a new JSON object.
    Poco::JSON::Object::Ptr operator()(const T& x) const {
        auto o = makeObject();
        setInto(*o, x);
        return o;
    }
    // Adds the table's fields, in order, to an object already begun.
    void setInto(Poco::JSON::Object& o, const T& x) const {
        std::apply([&](const auto&... f) { (put(o, f, x), ...); }, list);
    }

private:
    template <class Get, class Render>
    static void put(Poco::JSON::Object& o, const field::Field<Get, Render>& f, const T& x) {
        o.set(f.name, f.render(std::invoke(f.get, x)));
    }
    template <class... G>
    static void put(Poco::JSON::Object& o, const Fields<T, G...>& table, const T& x) {
        table.setInto(o, x);
    }
};

template <class T, class... F>
constexpr Fields<T, F...> fields(F... f) {
    return {std::tuple<F...>{f...}};
}

namespace field {

// One field: its key, where its value comes from (member pointer or callable on the entity) and
// how that value becomes JSON.
template <class Get, class Render>
struct Field {
    const char* name;
    Get get;
    Render render;
};

namespace kind {
using Var = Poco::Dynamic::Var;
struct Id {
    Var operator()(std::int64_t v) const { return std::to_string(v); }
};
struct OptId {
    Var operator()(const std::optional<std::int64_t>& v) const { return assay::optId(v); }
};
struct Text {
    Var operator()(const std::string& v) const { return v; }
    template <NamedEnum E>
    Var operator()(E v) const {
        return toString(v);
    }
};
struct OptText {
    Var operator()(const std::optional<std::string>& v) const { return assay::optStr(v); }
    template <NamedEnum E>
    Var operator()(const std::optional<E>& v) const {
        return v ? Var(toString(*v)) : Var();
    }
};
struct NonEmpty {
    Var operator()(const std::string& v) const { return assay::nonEmpty(v); }
};
struct Integer {
    template <std::integral V>
        requires(!std::same_as<V, bool>)
    Var operator()(V v) const {
        return v;
    }
};
struct Flag {
    template <std::same_as<bool> V>
    Var operator()(V v) const {
        return v;
    }
};
struct Dec {
    Var operator()(const Decimal& v) const { return v.toString(); }
};
struct OptDec {
    Var operator()(const std::optional<Decimal>& v) const { return assay::optDec(v); }
};
struct Time {
    Var operator()(std::int64_t ms) const { return assay::rfc3339(ms); }
};
struct OptTime {
    Var operator()(const std::optional<std::int64_t>& ms) const { return assay::optTime(ms); }
};
struct Etag {
    Var operator()(int version) const { return assay::etag(version); }
};
struct Json {
    template <class V>
    Var operator()(const V& v) const {
        return v;
    }
};
// By the module's toJson (argument-dependent lookup), or by the given table or function.
struct ByToJson {
    template <class V>
    auto operator()(const V& v) const {
        return toJson(v);
    }
};
template <class R = ByToJson>
struct Object {
    R render;
    template <class V>
    Var operator()(const V& v) const {
        return render(v);
    }
};
template <class R>
struct OptObject {
    R render;
    template <class V>
    Var operator()(const std::optional<V>& v) const {
        return v ? Var(render(*v)) : Var();
    }
};
template <class R = ByToJson>
struct Array {
    R render;
    template <class Items>
    Var operator()(const Items& items) const {
        return jsonArray(items, render);
    }
};
struct Strings {
    template <class Items>
    Var operator()(const Items& items) const {
        return jsonArray(items, [](const std::string& s) { return s; });
    }
};
struct Ids {
    template <class Items>
    Var operator()(const Items& items) const {
        return jsonArray(items, [](std::int64_t id) { return std::to_string(id); });
    }
};
// The entity itself, for group.
struct Self {
    template <class T>
    const T& operator()(const T& x) const {
        return x;
    }
};
}  // namespace kind

template <class Get>
constexpr auto id(const char* name, Get get) { return Field<Get, kind::Id>{name, get, {}}; }
template <class Get>
constexpr auto optId(const char* name, Get get) { return Field<Get, kind::OptId>{name, get, {}}; }
template <class Get>
constexpr auto text(const char* name, Get get) { return Field<Get, kind::Text>{name, get, {}}; }
template <class Get>
constexpr auto optText(const char* name, Get get) { return Field<Get, kind::OptText>{name, get, {}}; }
template <class Get>
constexpr auto nonEmpty(const char* name, Get get) { return Field<Get, kind::NonEmpty>{name, get, {}}; }
template <class Get>
constexpr auto date(const char* name, Get get) { return Field<Get, kind::Text>{name, get, {}}; }
template <class Get>
constexpr auto optDate(const char* name, Get get) { return Field<Get, kind::OptText>{name, get, {}}; }
template <class Get>
constexpr auto integer(const char* name, Get get) { return Field<Get, kind::Integer>{name, get, {}}; }
template <class Get>
constexpr auto flag(const char* name, Get get) { return Field<Get, kind::Flag>{name, get, {}}; }
template <class Get>
constexpr auto decimal(const char* name, Get get) { return Field<Get, kind::Dec>{name, get, {}}; }
template <class Get>
constexpr auto optDecimal(const char* name, Get get) { return Field<Get, kind::OptDec>{name, get, {}}; }
template <class Get>
constexpr auto time(const char* name, Get get) { return Field<Get, kind::Time>{name, get, {}}; }
template <class Get>
constexpr auto optTime(const char* name, Get get) { return Field<Get, kind::OptTime>{name, get, {}}; }
template <class Get>
constexpr auto etag(const char* name, Get get) { return Field<Get, kind::Etag>{name, get, {}}; }
template <class Get>
constexpr auto json(const char* name, Get get) { return Field<Get, kind::Json>{name, get, {}}; }
template <class Get>
constexpr auto strings(const char* name, Get get) { return Field<Get, kind::Strings>{name, get, {}}; }
template <class Get>
constexpr auto ids(const char* name, Get get) { return Field<Get, kind::Ids>{name, get, {}}; }

template <class Get>
constexpr auto object(const char* name, Get get) { return Field<Get, kind::Object<>>{name, get, {}}; }
template <class Get, class R>
constexpr auto object(const char* name, Get get, R render) { return Field<Get, kind::Object<R>>{name, get, {render}}; }
template <class Get, class R>
constexpr auto optObject(const char* name, Get get, R render) {
    return Field<Get, kind::OptObject<R>>{name, get, {render}};
}
template <class R>
constexpr auto group(const char* name, R table) { return Field<kind::Self, kind::Object<R>>{name, {}, {table}}; }
template <class Get>
constexpr auto array(const char* name, Get get) { return Field<Get, kind::Array<>>{name, get, {}}; }
template <class Get, class R>
constexpr auto array(const char* name, Get get, R render) { return Field<Get, kind::Array<R>>{name, get, {render}}; }

// A member of a member (of a member...): at(&Method::ref, &MethodRef::standard, &StandardRef::id),
// the last may be a const member function. Every step but the last must be a data member (a
// reference into the entity), so nothing refers to a temporary.
template <class Outer, class Inner>
struct At {
    Outer outer;
    Inner inner;
    template <class T>
    decltype(auto) operator()(const T& x) const {
        return std::invoke(inner, std::invoke(outer, x));
    }
};
template <class Outer, class Inner>
constexpr auto at(Outer outer, Inner inner) {
    return At<Outer, Inner>{outer, inner};
}
template <class Outer, class Next, class... Rest>
    requires(sizeof...(Rest) > 0)
constexpr auto at(Outer outer, Next next, Rest... rest) {
    return at(At<Outer, Next>{outer, next}, rest...);
}

// The same text for every entity ("currency": "CNY").
struct Constant {
    const char* value;
    template <class T>
    const char* operator()(const T&) const {
        return value;
    }
};
constexpr auto constant(const char* name, const char* value) {
    return Field<Constant, kind::Json>{name, {value}, {}};
}

}  // namespace field
}  // namespace assay
