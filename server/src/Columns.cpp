// Columns: the column texts of a map, its SELECT list, and finding its columns in a row by name.
#include "assay/Columns.hpp"

namespace assay::columns::detail {

ColumnText parseColumn(std::string_view sql) {
    ColumnText c;
    c.sql = std::string(sql);
    if (auto as = sql.rfind(" AS "); as != std::string_view::npos) {
        c.name = std::string(sql.substr(as + 4));
    } else if (auto dot = sql.rfind('.'); dot != std::string_view::npos) {
        c.name = std::string(sql.substr(dot + 1));
    } else {
        c.name = c.sql;
        c.bare = sql.find_first_of(" ()") == std::string_view::npos;
    }
    return c;
}

std::string list(const std::vector<ColumnText>& columns, const SelectText& how) {
    std::string out;
    for (const auto& c : columns) {
        if (!out.empty()) out += ", ";
        bool asNull = false;
        for (auto n : how.asNull) asNull = asNull || n == c.name;
        if (asNull) {
            // A typed NULL: MariaDB reports a bare NULL as MYSQL_TYPE_NULL, which SOCI's row cannot describe.
            out += "CAST(NULL AS CHAR(1)) AS ";
            out += c.name;
        } else if (c.bare && !how.alias.empty()) {
            out += how.alias;
            out += '.';
            out += c.sql;
        } else {
            out += c.sql;
        }
    }
    return out;
}

std::vector<std::size_t> resolve(const soci::row& r, const std::vector<ColumnText>& columns) {
    std::vector<std::size_t> at(columns.size());
    const std::size_t n = r.size();
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const std::string& name = columns[k].name;
        if (k < n && r.get_properties(k).get_name() == name) {
            at[k] = k;
            continue;
        }
        std::size_t i = 0;
        while (i < n && r.get_properties(i).get_name() != name) ++i;
        if (i == n) throw soci::soci_error("column '" + name + "' is not in the row");
        at[k] = i;
    }
    return at;
}

}  // namespace assay::columns::detail
