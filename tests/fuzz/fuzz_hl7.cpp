// libFuzzer target: MLLP framing, the acceptance decision, HL7 parsing, ORU extraction and the
// ACK (AA, and AR with its reason) never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hl7/Hl7.hpp"

using namespace assay::instruments::hl7;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    MllpFramer framer(4096);
    std::vector<std::string> messages;
    for (const auto& e : framer.feed(bytes))
        if (e.message) messages.push_back(e.text);
    framer.timeout();
    messages.emplace_back(bytes);
    for (const auto& m : messages) {
        const Verdict verdict = judge(m);
        auto parsed = parseHl7(m);
        std::vector<std::string> why;
        oruResults(parsed, why);
        ack(parsed, "AA", "X", "20261129");
        ack(verdict.headerRead ? parsed : Hl7Message{}, "AR", "X", "20261129", verdict.reason + m.substr(0, 100));
    }
    return 0;
}
