// Rows: typed access to soci::row columns that works the same on SQLite and MariaDB.
//
// Purpose: the two backends report the same column with different SOCI data types (SQLite's
// INTEGER vs BIGINT; SOCI 4.0 hands MariaDB's DECIMAL over as a double, which is why the schemas keep
// exact decimals in VARCHAR). These helpers convert by the reported type, so storage code reads a
// column once and runs on both.
// Entities are read through a column map (assay/Columns.hpp), which uses these conversions;
// a one- or two-column projection (an id, a count, a key pair) is read with them directly.
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// A batch read: runs `head IN (:in0, :in1, ...) tail` over values in chunks of 200 (well under
// SQLite's and MariaDB's bind limits), each value bound (never written into the SQL), and calls
// onRow for every row. bindMore(prep) adds the statement's other bound parameters, e.g.
// [&](auto& prep) { prep, soci::use(lab, "lab"); }. One query per 200 values, whatever the count.
template <class T, class Bind, class OnRow>
void forEachIn(soci::session& sql, const std::string& head, const std::vector<T>& values, const std::string& tail,
               Bind&& bindMore, OnRow&& onRow) {
    constexpr std::size_t kChunk = 200;
    for (std::size_t at = 0; at < values.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, values.size() - at);
        std::string text = head + " IN (";
        for (std::size_t k = 0; k < n; ++k) text += (k ? ", :in" : ":in") + std::to_string(k);
        text += ") " + tail;
        std::vector<T> chunk(values.begin() + static_cast<std::ptrdiff_t>(at), values.begin() + static_cast<std::ptrdiff_t>(at + n));
        auto prep = (sql.prepare << text);
        bindMore(prep);
        for (std::size_t k = 0; k < n; ++k) prep, soci::use(chunk[k], "in" + std::to_string(k));
        soci::rowset<soci::row> rs(prep);
        for (const auto& r : rs) onRow(r);
    }
}

}  // namespace assay::rows
