// Rows: conversions by the column's reported SOCI type.
#include "assay/Rows.hpp"

#include <cstdio>

namespace assay::rows {

std::optional<std::int64_t> optI64(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_integer: return r.get<int>(i);
        case soci::dt_long_long: return r.get<long long>(i);
        case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
        case soci::dt_double: return static_cast<std::int64_t>(r.get<double>(i));
        case soci::dt_string: return std::stoll(r.get<std::string>(i));
        default: break;
    }
    throw soci::soci_error("column " + std::to_string(i) + " is not an integer");
}

std::int64_t i64(const soci::row& r, std::size_t i) { return optI64(r, i).value_or(0); }

std::optional<std::string> optStr(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_string:
        case soci::dt_xml: return r.get<std::string>(i);
        case soci::dt_integer: return std::to_string(r.get<int>(i));
        case soci::dt_long_long: return std::to_string(r.get<long long>(i));
        case soci::dt_unsigned_long_long: return std::to_string(r.get<unsigned long long>(i));
        case soci::dt_double: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", r.get<double>(i));
            return std::string(buf);
        }
        default: break;
    }
    throw soci::soci_error("column " + std::to_string(i) + " is not text");
}

std::string str(const soci::row& r, std::size_t i) { return optStr(r, i).value_or(""); }

}  // namespace assay::rows
