// Parameter: encoding of uncertainty bands.
#include "domain/Parameter.hpp"

namespace assay::accreditation {

std::string encodeMuBands(const std::vector<MuBand>& bands) {
    std::string out;
    for (const auto& b : bands) {
        if (!out.empty()) out += ';';
        out += (b.upTo ? b.upTo->toString() : std::string("*")) + ":" + b.relativePercent.toString();
    }
    return out;
}

std::optional<std::vector<MuBand>> decodeMuBands(const std::string& text) {
    std::vector<MuBand> out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto j = text.find(';', i);
        if (j == std::string::npos) j = text.size();
        const std::string item = text.substr(i, j - i);
        const auto colon = item.find(':');
        if (colon == std::string::npos) return std::nullopt;
        MuBand b;
        const std::string up = item.substr(0, colon);
        if (up != "*") {
            auto d = Decimal::parse(up);
            if (!d) return std::nullopt;
            b.upTo = *d;
        }
        auto rel = Decimal::parse(item.substr(colon + 1));
        if (!rel) return std::nullopt;
        b.relativePercent = *rel;
        out.push_back(b);
        i = j + 1;
    }
    return out;
}

}  // namespace assay::accreditation
