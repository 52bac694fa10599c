// Rows: typed access to soci::row columns that works the same on SQLite and MariaDB.
//
// Purpose: the two backends report the same column with different SOCI data types (SQLite's
// INTEGER vs BIGINT, MariaDB's DECIMAL as string ...). These helpers convert by the reported
// type, so storage code reads a column once and runs on both.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace assay::rows {

std::optional<std::int64_t> optI64(const soci::row& r, std::size_t i);
std::int64_t i64(const soci::row& r, std::size_t i);  // NULL -> 0
std::optional<std::string> optStr(const soci::row& r, std::size_t i);
std::string str(const soci::row& r, std::size_t i);  // NULL -> ""

// A nullable text parameter: soci::use(x.value, x.ind, "name") binds NULL when the optional is
// empty. Works for optional strings and for optional values with toString() (Decimal).
struct NullableText {
    std::string value;
    soci::indicator ind = soci::i_null;
    explicit NullableText(const std::optional<std::string>& v) : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
    template <class T>
        requires requires(const T& t) { t.toString(); }
    explicit NullableText(const std::optional<T>& v) : value(v ? v->toString() : std::string()), ind(v ? soci::i_ok : soci::i_null) {}
};

}  // namespace assay::rows
