// libFuzzer target: MT-SICS line cutting and reply parsing never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mtsics/MtSics.hpp"

using namespace assay::instruments::mtsics;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    LineReader reader;
    for (const auto& line : reader.feed(std::string_view(reinterpret_cast<const char*>(data), size))) parseReply(line);
    parseReply(std::string_view(reinterpret_cast<const char*>(data), size));
    readTranscript(std::string_view(reinterpret_cast<const char*>(data), size));  // a stored weighing
    return 0;
}
