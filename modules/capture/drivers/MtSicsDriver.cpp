// MtSicsDriver: a Mettler Toledo MT-SICS weighing transcript (net/BalanceClient writes it).
#include "drivers/Drivers.hpp"
#include "domain/CaptureMessages.hpp"
#include "mtsics/MtSics.hpp"

namespace assay::capture {

namespace {

class MtSicsDriver final : public InstrumentDriver {
public:
    std::string id() const override { return "mtsics"; }
    std::string title() const override { return "Mettler Toledo MT-SICS balance (the server weighs)"; }
    DriverCapabilities capabilities() const override { return {false, Framing::none, true}; }

    std::shared_ptr<const DriverProfile> readProfile(ProfileReader& in) const override {
        auto b = std::make_shared<BalanceProfile>();
        in.text("host", b->host);
        in.whole("port", 1, 65535, b->port);
        in.text("command", b->command);
        in.whole("settle_ms", 500, 120000, b->settleMs);
        in.text("serial", b->serial);
        if (b->host.empty() || b->host.size() > 255) in.problem("host", msg::kBalanceHost);
        if (b->port == 0 && !in.has("port")) in.problem("port", msg::kBalancePort);
        if (b->command != "S" && b->command != "SI") in.problem("command", "S or SI");
        return b;
    }

    DriverOutput parse(std::string_view bytes, const DriverProfile& profile) const override {
        DriverOutput out;
        const BalanceProfile& b = balanceSettings(&profile);
        const auto w = instruments::mtsics::readTranscript(bytes);
        out.diagnostics = w.diagnostics;
        out.deviceSerial = w.serial;
        // A balance that is not the one on the record (swapped, or not answering I4) gives no
        // reading: its calibration is not the one R15 was asked about.
        const bool otherBalance = !b.serial.empty() && w.serial != b.serial;
        if (otherBalance)
            out.diagnostics.push_back("the balance said it is " + (w.serial.empty() ? std::string("nothing (no I4 answer)") : w.serial) +
                                      ", the instrument record says " + b.serial + ": no reading taken");
        if (w.stable && !w.sampleCode.empty() && !otherBalance) out.readings.push_back({1, w.sampleCode, w.analyte, w.value, w.unit});
        return out;
    }
};
}  // namespace

const BalanceProfile& balanceSettings(const DriverProfile* profile) {
    static const BalanceProfile defaults;
    const auto* p = dynamic_cast<const BalanceProfile*>(profile);
    return p ? *p : defaults;
}

std::shared_ptr<const InstrumentDriver> mtsicsDriver() { return std::make_shared<MtSicsDriver>(); }

}  // namespace assay::capture
