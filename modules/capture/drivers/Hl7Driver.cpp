// Hl7Driver: HL7 v2 ORU^R01 observations, from an MLLP listener or as an uploaded file.
#include "drivers/Drivers.hpp"
#include "hl7/Hl7.hpp"

namespace assay::capture {

namespace {
namespace hl7 = instruments::hl7;

class Hl7Driver final : public InstrumentDriver {
public:
    std::string id() const override { return "hl7"; }
    std::string title() const override { return "HL7 v2 ORU^R01 results over MLLP"; }
    DriverCapabilities capabilities() const override { return {true, Framing::mllp, false}; }
    std::shared_ptr<const DriverProfile> readProfile(ProfileReader&) const override { return std::make_shared<DriverProfile>(); }

    // A frame that is not an HL7 message (hl7::judge) is rejected: kept as evidence, nothing read.
    DriverOutput parse(std::string_view bytes, const DriverProfile&) const override {
        DriverOutput out;
        if (auto verdict = hl7::judge(bytes); !verdict.accepted) {
            out.rejected = verdict.reason;
            return out;
        }
        auto m = hl7::parseHl7(bytes);
        out.diagnostics = m.diagnostics;
        int n = 0;
        for (const auto& o : hl7::oruResults(m, out.diagnostics)) out.readings.push_back({++n, o.sampleId, o.code, o.value, o.units});
        return out;
    }
};
}  // namespace

std::shared_ptr<const InstrumentDriver> hl7Driver() { return std::make_shared<Hl7Driver>(); }

}  // namespace assay::capture
