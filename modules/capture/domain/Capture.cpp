// Capture: an instrument's driver from the registry, its profile, and reading a run with it.
#include "domain/Capture.hpp"
#include "domain/CaptureMessages.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace assay::capture {

void bindDriver(const InstrumentDrivers& drivers, Instrument& i, std::vector<FieldError>& errors) {
    i.driverRef = drivers.find(i.driver);
    i.profile = nullptr;
    if (!i.driverRef) errors.push_back({"driver", driverChoices(drivers)});
    Poco::JSON::Object::Ptr o;
    try {
        o = Poco::JSON::Parser().parse(i.profileJson.empty() ? "{}" : i.profileJson).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        o = nullptr;
    }
    if (!o) errors.push_back({"profile", msg::kProfileNotObject});
    if (!i.driverRef) return;
    // The driver always reads the profile (its defaults when the JSON is not an object), so its
    // parse() gets a profile of its own making.
    Poco::JSON::Object none;
    std::vector<FieldError> ignored;
    ProfileReader reader(o ? *o : none, o ? errors : ignored);
    i.profile = i.driverRef->readProfile(reader);
    if (!i.profile) {  // a driver's bug: without a profile it reads nothing
        errors.push_back({"profile", "the " + i.driver + " driver read no profile"});
        i.driverRef = nullptr;
    }
}

std::string driverChoices(const InstrumentDrivers& drivers, bool (*has)(const DriverCapabilities&)) {
    std::vector<std::string> ids;
    for (const auto& d : drivers.all())
        if (!has || has(d->capabilities())) ids.push_back(d->id());
    std::string out;
    for (std::size_t k = 0; k < ids.size(); ++k) out += (k == 0 ? "" : k + 1 == ids.size() ? " or " : ", ") + ids[k];
    return out;
}

std::string contentOf(const Instrument& i, std::string_view bytes) {
    if (!i.driverRef || !i.profile) return std::string(bytes);
    return i.driverRef->content(bytes, *i.profile);
}

ParsedRun parseRun(const Instrument& i, std::string_view bytes) {
    ParsedRun out;
    if (!i.driverRef || !i.profile) {
        out.diagnostics.push_back("no driver " + i.driver + " is loaded: nothing read");
        return out;
    }
    try {
        out = i.driverRef->parse(bytes, *i.profile);
    } catch (const std::exception& e) {  // a driver's bug, not the bytes' fault: nothing staged from it
        out = {};
        out.diagnostics.push_back("the " + i.driver + " driver failed: " + e.what());
    } catch (...) {
        out = {};
        out.diagnostics.push_back("the " + i.driver + " driver failed");
    }
    return out;
}

}  // namespace assay::capture
