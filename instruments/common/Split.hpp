// Split: fields of a record cut at one separator character, empty fields kept (ASTM, HL7 and
// vendor exports all count positions). Header-only: the instrument libraries depend on the
// standard library alone, and the fuzz targets compile their sources by hand.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace assay::instruments {

inline std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

}  // namespace assay::instruments
