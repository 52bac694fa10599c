// libFuzzer target: the vendor export parsers never crash, whatever the bytes, and every row they
// give has a line, a sample id and an analyte. Every input goes through all five formats, so the
// seeds (whole export files) reach their own parser unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vendors/VendorExports.hpp"

using namespace assay::instruments;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const auto& format : vendors::formats())
        for (const auto& r : vendors::parseExport(format, bytes).rows)
            if (r.line < 1 || r.sampleId.empty() || r.analyte.empty()) std::abort();
    return 0;
}
