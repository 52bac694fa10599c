// Columns: one column map per entity in storage. The entity's columns are declared once, each
// with how it is read into the entity; the SELECT list is written from the same map, and a row
// is read by column name, so the list and the reader cannot drift apart.
//
//   const columns::ColumnMap<Price> kPrices{{
//       {"id", columns::field<&Price::id>},                   // std::int64_t: rows::i64
//       {"valid_to", columns::field<&Price::validTo>},        // std::optional<std::string>: rows::optStr
//       {"price", columns::field<&Price::amount>},            // Decimal
//       {"m.name AS method_name", columns::field<&Price::methodName>},  // a joined column, by its alias
//       {"equipment_types", [](Method& m, const columns::Cell& c) { m.types = split(c.str()); }},
//   }};
//   soci::rowset<soci::row> rs = (tx.sql().prepare << kPrices.select("FROM acc_prices WHERE lab_id = :lab"), ...);
//   auto read = kPrices.reader();
//   for (const auto& r : rs) out.push_back(read(r));
//   // one lab and one key, the commonest read:
//   return kPrices.firstOf(tx.sql(), "FROM acc_prices WHERE lab_id = :lab AND id = :key", labId, id);
//
// A column is written as SQL: a bare column name ("valid_to"), which select()'s alias prefixes
// ("p.valid_to"); a qualified one ("s.number"), read by its last part; or any expression with
// " AS name", read by that name. field<&T::member> (or field<&T::ref, &Ref::member> for a
// nested member) reads by the member's type, with the conversions of assay::rows (so SQLite's
// INTEGER, MariaDB's TINYINT/INT/BIGINT, a number column read as text, and NULL are handled as
// everywhere):
//   std::int64_t                 rows::i64 (NULL -> 0)
//   std::optional<std::int64_t>  rows::optI64
//   int / std::optional<int>     the same, narrowed
//   bool                         rows::i64 != 0 (NULL -> false)
//   std::string                  rows::str (NULL -> "")
//   std::optional<std::string>   rows::optStr
//   Decimal                      Decimal::parse(rows::str), 0 when NULL or not a number
//   std::optional<Decimal>       Decimal::parse(rows::optStr), empty when NULL or not a number
//   an enum (assay/Enum.hpp)     storedEnum(rows::str): a name its table lacks throws (a corrupt row)
//   std::optional<enum>          the same, empty when NULL
// Anything else is a lambda over a Cell (a captureless one: the map holds function pointers).
//
// Reading by name: a Reader finds each column's position in the first row it is given (where
// the map's own SELECT list puts it, or else by searching the row's names) and keeps the
// positions for the following rows of the statement, so a row is read by position at the cost
// of the positional reads it replaces. A column missing from the row is an error naming it.
// select(rest, {.asNull = {...}}) selects the named columns as typed NULLs (for a list without
// large columns); they read as NULL.
// Thread-safety: a ColumnMap is shared as a const by every thread (the lists it writes for an
// alias are kept under a mutex); a Reader belongs to one statement's loop.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <soci/soci.h>

#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"
#include "assay/Rows.hpp"

namespace assay::columns {

// One column of one row, read with the conversions of assay::rows.
class Cell {
public:
    Cell(const soci::row& r, std::size_t i) : r_(r), i_(i) {}
    bool null() const { return r_.get_indicator(i_) == soci::i_null; }
    std::int64_t i64() const { return rows::i64(r_, i_); }
    std::optional<std::int64_t> optI64() const { return rows::optI64(r_, i_); }
    int i32() const { return static_cast<int>(rows::i64(r_, i_)); }
    std::optional<int> optI32() const {
        auto v = rows::optI64(r_, i_);
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }
    bool flag() const { return rows::i64(r_, i_) != 0; }
    std::string str() const { return rows::str(r_, i_); }
    std::optional<std::string> optStr() const { return rows::optStr(r_, i_); }
    Decimal decimal() const { return Decimal::parse(rows::str(r_, i_)).value_or(Decimal()); }
    std::optional<Decimal> optDecimal() const {
        auto s = rows::optStr(r_, i_);
        return s ? Decimal::parse(*s) : std::nullopt;
    }

private:
    const soci::row& r_;
    std::size_t i_;
};

namespace detail {
template <class M>
struct MemberOf;
template <class C, class V>
struct MemberOf<V C::*> {
    using Class = C;
};

template <class V>
void assign(V& v, const Cell& c) {
    if constexpr (std::same_as<V, long> || std::same_as<V, long long>) v = c.i64();
    else if constexpr (std::same_as<V, std::optional<long>> || std::same_as<V, std::optional<long long>>) v = c.optI64();
    else if constexpr (std::same_as<V, int>) v = c.i32();
    else if constexpr (std::same_as<V, std::optional<int>>) v = c.optI32();
    else if constexpr (std::same_as<V, bool>) v = c.flag();
    else if constexpr (std::same_as<V, std::string>) v = c.str();
    else if constexpr (std::same_as<V, std::optional<std::string>>) v = c.optStr();
    else if constexpr (std::same_as<V, Decimal>) v = c.decimal();
    else if constexpr (std::same_as<V, std::optional<Decimal>>) v = c.optDecimal();
    else if constexpr (NamedEnum<V>) v = storedEnum<V>(c.str());
    else if constexpr (requires { typename V::value_type; requires NamedEnum<typename V::value_type>; }) {
        if (auto s = c.optStr()) v = storedEnum<typename V::value_type>(*s);
        else v.reset();
    }
    else static_assert(sizeof(V) == 0, "no column kind for this member type: read it with a lambda over a Cell");
}

template <auto First, auto... Rest, class Obj>
auto& follow(Obj& o) {
    if constexpr (sizeof...(Rest) == 0) return o.*First;
    else return follow<Rest...>(o.*First);
}

// The name a row reports for a column written as `sql`, and whether an alias may prefix it.
struct ColumnText {
    std::string sql;
    std::string name;
    bool bare = false;
};
ColumnText parseColumn(std::string_view sql);

// The position of each name in a row: the expected position when the name is there, else the
// first column of that name; throws soci::soci_error naming a missing column.
std::vector<std::size_t> resolve(const soci::row& r, const std::vector<ColumnText>& columns);

struct SelectText {
    std::string_view alias = {};                          // prefixes bare column names: "o" -> "o.id"
    std::initializer_list<std::string_view> asNull = {};  // names selected as CAST(NULL AS CHAR(1))
};
std::string list(const std::vector<ColumnText>& columns, const SelectText& how);
}  // namespace detail

// Reads the member at the end of Path (a member pointer, or a chain of them into nested
// structs) by its type; see the table above.
template <auto First, auto... Path>
void field(typename detail::MemberOf<decltype(First)>::Class& t, const Cell& c) {
    detail::assign(detail::follow<First, Path...>(t), c);
}

using Select = detail::SelectText;

template <class T>
class ColumnMap {
public:
    using ReadFn = void (*)(T&, const Cell&);
    struct Column {
        std::string_view sql;
        ReadFn read;
    };

    ColumnMap(std::initializer_list<Column> columns) {
        for (const auto& c : columns) {
            text_.push_back(detail::parseColumn(c.sql));
            read_.push_back(c.read);
        }
        list_ = detail::list(text_, {});
    }

    // "SELECT <the columns> " + rest, e.g. select("FROM acc_prices WHERE id = :id").
    std::string select(std::string_view rest) const { return "SELECT " + list_ + " " + std::string(rest); }
    std::string select(std::string_view rest, const Select& how) const {
        return "SELECT " + listFor(how) + " " + std::string(rest);
    }
    // The column list alone ("id, lab_id, ..."), for a SELECT that needs more around it.
    const std::string& list() const { return list_; }

    // Reads the rows of one statement; positions are found by name in the first row.
    class Reader {
    public:
        explicit Reader(const ColumnMap& map) : map_(map) {}
        T operator()(const soci::row& r) {
            T t{};
            into(r, t);
            return t;
        }
        void into(const soci::row& r, T& t) {
            if (at_.empty()) at_ = detail::resolve(r, map_.text_);
            for (std::size_t k = 0; k < at_.size(); ++k) map_.read_[k](t, Cell(r, at_[k]));
        }

    private:
        const ColumnMap& map_;
        std::vector<std::size_t> at_;
    };
    Reader reader() const { return Reader(*this); }

    // One row (resolves its positions once).
    T read(const soci::row& r) const { return Reader(*this)(r); }
    // Every row of a rowset.
    std::vector<T> all(soci::rowset<soci::row>& rs) const {
        std::vector<T> out;
        Reader read(*this);
        for (const auto& r : rs) out.push_back(read(r));
        return out;
    }
    // The first row of a rowset, if any.
    std::optional<T> first(soci::rowset<soci::row>& rs) const {
        for (const auto& r : rs) return read(r);
        return std::nullopt;
    }

    // The repositories' commonest read in one call: the rows of `rest` ("FROM t WHERE lab_id = :lab
    // AND id = :key ...") with :lab and :key bound, every row / the first.
    std::vector<T> allOf(soci::session& sql, std::string_view rest, std::int64_t lab, std::int64_t key) const {
        long long l = lab, k = key;
        soci::rowset<soci::row> rs = (sql.prepare << select(rest), soci::use(l, "lab"), soci::use(k, "key"));
        return all(rs);
    }
    std::optional<T> firstOf(soci::session& sql, std::string_view rest, std::int64_t lab, std::int64_t key) const {
        long long l = lab, k = key;
        soci::rowset<soci::row> rs = (sql.prepare << select(rest), soci::use(l, "lab"), soci::use(k, "key"));
        return first(rs);
    }

private:
    // The list for an alias and a set of typed NULLs, written once (a map is used with one or
    // two of them) and kept for the map's life.
    const std::string& listFor(const Select& how) const {
        std::string key(how.alias);
        for (auto n : how.asNull) (key += '\n') += n;
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [k, list] : lists_)
            if (k == key) return *list;
        lists_.emplace_back(key, std::make_unique<std::string>(detail::list(text_, how)));
        return *lists_.back().second;
    }

    std::vector<detail::ColumnText> text_;
    std::vector<ReadFn> read_;
    std::string list_;
    mutable std::mutex mutex_;
    mutable std::vector<std::pair<std::string, std::unique_ptr<std::string>>> lists_;
};

}  // namespace assay::columns
