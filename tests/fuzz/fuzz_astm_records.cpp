// libFuzzer target: ASTM E1394 record parsing and result extraction never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "astm/AstmRecords.hpp"

using namespace assay::instruments::astm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto m = parseMessage(text);
    std::vector<std::string> why;
    for (std::size_t c = 0; c < 9; c += 4) results(m, Profile{c}, why);
    if (!m.records.empty()) m.records.front().component(3, 2, m.delimiters);
    unescape(text, m.delimiters);
    return 0;
}
