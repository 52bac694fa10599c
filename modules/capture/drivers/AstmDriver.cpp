// AstmDriver: ASTM E1394 records, over E1381 frames from a listener or as an uploaded file.
#include "astm/AstmRecords.hpp"
#include "domain/CaptureMessages.hpp"
#include "drivers/Drivers.hpp"

namespace assay::capture {

namespace {
namespace astm = instruments::astm;

class AstmDriver final : public InstrumentDriver {
public:
    std::string id() const override { return "astm"; }
    std::string title() const override { return "ASTM E1381/E1394 (LIS01/LIS02) analyzer messages"; }
    DriverCapabilities capabilities() const override { return {true, Framing::astm, false}; }

    std::shared_ptr<const DriverProfile> readProfile(ProfileReader& in) const override {
        auto p = std::make_shared<AstmProfile>();
        in.whole("test_code_component", 0, 20, p->testCodeComponent);
        in.flag("checksums", p->link.checksums);
        in.flag("simplified", p->link.simplified);  // Snibe MAGLUMI: no frame numbers or checksums
        in.whole("max_frame_text", 240, 1 << 20, p->link.maxFrameText);
        if (p->link.simplified && p->link.maxFrameText == 240) p->link.maxFrameText = 1 << 20;  // the whole message is one frame
        in.flag("message_per_end_frame", p->link.messagePerEndFrame);
        in.flag("unframed", p->link.unframed);  // bare records on the socket, no link protocol
        in.text("connect_host", p->connectHost);
        in.whole("connect_port", 1, 65535, p->connectPort);
        if (p->connectPort > 0 && p->connectHost.empty()) in.problem("connect_host", msg::kConnectHost);
        return p;
    }

    // A run from the listener keeps the wire bytes (frames with numbers and checksums, which the
    // listener checked as they came); it is known by the frames' texts joined, whatever the frame
    // numbers (a second message in a session does not start at 1).
    std::string content(std::string_view bytes, const DriverProfile& profile) const override {
        if (bytes.find(astm::kStx) == std::string_view::npos) return std::string(bytes);
        return astm::unframe(bytes, astmSettings(&profile).link);
    }

    DriverOutput parse(std::string_view bytes, const DriverProfile& profile) const override {
        DriverOutput out;
        const AstmProfile& p = astmSettings(&profile);
        const std::string text = content(bytes, profile);
        auto m = astm::parseMessage(text);
        out.diagnostics.insert(out.diagnostics.end(), m.diagnostics.begin(), m.diagnostics.end());
        for (const auto& r : astm::results(m, {p.testCodeComponent}, out.diagnostics))
            out.readings.push_back({r.record, r.sampleId, r.testCode, r.value, r.units});
        return out;
    }
};
}  // namespace

const AstmProfile& astmSettings(const DriverProfile* profile) {
    static const AstmProfile defaults;
    const auto* p = dynamic_cast<const AstmProfile*>(profile);
    return p ? *p : defaults;
}

std::shared_ptr<const InstrumentDriver> astmDriver() { return std::make_shared<AstmDriver>(); }

}  // namespace assay::capture
