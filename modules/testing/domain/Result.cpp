// Result: reading typed values and the below-LOD text.
#include "domain/Result.hpp"

#include "domain/TestingMessages.hpp"

#include <algorithm>

namespace assay::testing {

namespace {
std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}
}  // namespace

TypedValue readTypedValue(const std::string& typed, const std::optional<Decimal>& lod) {
    TypedValue v;
    const std::string t = trim(typed);
    std::string upper = t;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper == "ND" || t == "未检出" || upper == "<LOD") {
        if (!lod) {
            v.problem = Message(msg::kNoLod);
            return v;
        }
        v.belowLod = true;
        v.below = lod;
        return v;
    }
    if (!t.empty() && t[0] == '<') {
        auto below = Decimal::parse(trim(t.substr(1)));
        if (!below || below->sign() <= 0) {
            v.problem = Message(msg::kBelowWhat);
            return v;
        }
        v.belowLod = true;
        v.below = below;
        return v;
    }
    v.value = Decimal::parse(t);
    if (!v.value) v.problem = Message(msg::kTypedValue);
    return v;
}

std::string belowLodText(const Decimal& below, const std::string& style) {
    return style == "nd" ? std::string("未检出") : "<" + below.toString();
}

bool isResultStatus(const std::string& s) {
    return s == "entered" || s == "checked" || s == "approved" || s == "invalidated";
}

}  // namespace assay::testing
