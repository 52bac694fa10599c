// Sample: status machine, GTIN check digit, code format.
#include "domain/Sample.hpp"

#include "assay/Sequences.hpp"

#include <algorithm>

namespace assay::intake {

std::vector<SampleStatus> allowedTransitions(SampleStatus status) {
    using enum SampleStatus;
    switch (status) {
    case Registered: return {Received, Rejected, Cancelled};
    case Received: return {InTesting, Rejected, Cancelled};
    case InTesting: return {Tested, Cancelled};
    case Tested: return {Reported};
    case Reported: return {Retained};
    case Retained: return {Disposed};
    case Disposed:
    case Rejected:
    case Cancelled: return {};  // final
    }
    return {};
}

bool isValidGtin(const std::string& gtin) {
    const std::size_t n = gtin.size();
    if (n != 8 && n != 12 && n != 13 && n != 14) return false;
    if (!std::all_of(gtin.begin(), gtin.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    int sum = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const int digit = gtin[n - 2 - i] - '0';  // from the right, skipping the check digit
        sum += digit * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10 == gtin[n - 1] - '0';
}

std::optional<std::string> formatSampleCode(const std::string& format, const std::string& lab, int year, std::int64_t seq) {
    return formatNumber(format, lab, year, seq);
}

}  // namespace assay::intake
