// Weighing: checks the instrument, asks the balance, imports the transcript.
#include "domain/Weighing.hpp"
#include "domain/CaptureMessages.hpp"

#include <chrono>

#include "assay/Clock.hpp"
#include "assay/Error.hpp"
#include "drivers/Drivers.hpp"
#include "net/BalanceClient.hpp"

namespace assay::capture {

ImportResult Weighing::weigh(const Principal& p, std::int64_t instrumentId, const std::string& sampleCode, std::string analyte,
                             const std::string& requestId) {
    const Instrument instrument = capture_.instrument(p, instrumentId);
    if (!instrument.driverRef || !instrument.driverRef->capabilities().balance)
        throw Error::invalidField("driver", Message(msg::kOnlyWeigh, {{"drivers", driverChoices(capture_.drivers(), [](const DriverCapabilities& c) { return c.balance; })}}));
    if (analyte.empty() && instrument.analytes.size() == 1) analyte = instrument.analytes.begin()->first;
    if (!instrument.analytes.count(analyte))
        throw Error::invalidField("analyte", msg::kAnalyteCode);
    const BalanceProfile& b = balanceSettings(instrument.profile.get());
    const auto now = std::chrono::system_clock::now();  // with milliseconds: each weighing is its own run
    const std::string at = formatRfc3339(now) + " (" + std::to_string(toEpochMillis(now)) + " ms)";
    const std::string transcript = assay::capture::weigh({b.host, b.port, b.command, b.settleMs}, sampleCode, analyte, at);
    return capture_.import(p, instrument.id, "tcp", b.host + ":" + std::to_string(b.port), transcript, requestId);
}

}  // namespace assay::capture
