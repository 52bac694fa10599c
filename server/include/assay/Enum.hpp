// Enum: a closed set of values (a state, a scheme) as an `enum class` with one table of the names
// it has in the API, the database and the logs. The table is the only place a name is written;
// toString, parseEnum, the column maps (assay/Columns.hpp), the JSON field tables
// (assay/JsonFields.hpp), JsonReader::requiredEnum and soci's use()/into() all go through it.
//
//   enum class ReportStatus { Draft, Issued, Superseded, Withdrawn, Discarded };
//   template <>
//   struct EnumNames<reports::ReportStatus> {   // in namespace assay, beside the enum
//       static constexpr std::array<std::string_view, 5> names{"draft", "issued", "superseded", "withdrawn", "discarded"};
//   };
//
// The names are in the enumerators' order (their values 0, 1, 2...); a unit test walks every
// table (toString then parseEnum gives the value back). The enum's namespace says
// `using assay::operator<<;` so the value prints by name. A stored name the table lacks is a
// corrupt row: reading it throws, naming the value, instead of guessing.
// Thread-safety: tables are constants; everything here is a pure function.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <soci/soci-backend.h>
#include <soci/type-conversion-traits.h>

namespace assay {

// Specialized once per enum: static constexpr std::array<std::string_view, N> names{...}.
template <class E>
struct EnumNames;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires { EnumNames<E>::names; };

template <NamedEnum E>
std::string toString(E e) {
    const auto i = static_cast<std::size_t>(e);
    return std::string(i < EnumNames<E>::names.size() ? EnumNames<E>::names[i] : std::string_view("?"));
}

template <NamedEnum E>
constexpr std::optional<E> parseEnum(std::string_view s) {
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i)
        if (EnumNames<E>::names[i] == s) return static_cast<E>(i);
    return std::nullopt;
}

// The names of several values, in order (the statuses a 409 says are allowed).
template <NamedEnum E>
std::vector<std::string> toStrings(const std::vector<E>& values) {
    std::vector<std::string> out;
    out.reserve(values.size());
    for (E e : values) out.push_back(toString(e));
    return out;
}

// "a, b or c": the names, for a problem that says which values are allowed.
template <NamedEnum E>
std::string enumChoices() {
    const auto& n = EnumNames<E>::names;
    std::string out;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (i > 0) out += i + 1 == n.size() ? " or " : ", ";
        out += n[i];
    }
    return out;
}

// Writes the name (logs, test messages). Found by argument-dependent lookup only in the enum's own
// namespace, so each enum's header says `using assay::operator<<;` there.
template <NamedEnum E>
std::ostream& operator<<(std::ostream& os, E e) {
    return os << toString(e);
}

// A name read back from storage: one the table lacks is a corrupt row, never a default.
template <NamedEnum E>
E storedEnum(std::string_view s) {
    if (auto e = parseEnum<E>(s)) return *e;
    throw std::runtime_error("stored value '" + std::string(s) + "' is none of " + enumChoices<E>());
}

}  // namespace assay

// use(e) binds the name; into(e) reads it back through storedEnum.
namespace soci {
template <class E>
struct type_conversion<E, std::enable_if_t<assay::NamedEnum<E>>> {
    typedef std::string base_type;
    static void from_base(const std::string& in, indicator ind, E& out) {
        if (ind == i_null) throw soci_error("Null value not allowed for this type");
        out = assay::storedEnum<E>(in);
    }
    static void to_base(const E& in, std::string& out, indicator& ind) {
        out = assay::toString(in);
        ind = i_ok;
    }
};
}  // namespace soci
