// InstrumentDriver: what reads an instrument's bytes, and the registry the capture module consults.
//
// Purpose: capture never decides anything by a driver's name. A driver declares its id, what it
// can do (DriverCapabilities: files, a TCP framing, a balance), how it reads and checks its
// profile (problems named profile.<key>), what a run is known by, and parse(bytes, profile) ->
// readings plus diagnostics, which never throws on bad bytes. The built-in drivers are added from
// one list (modules/capture/drivers/BuiltinDrivers.cpp); a plugin adds its own in initialize(),
// through the registry the capture module publishes (the plugin's module lists "capture" in
// dependencies(), so the registry exists):
//
//     ctx.services().require<assay::InstrumentDrivers>().add(std::make_shared<MyDriver>());
//
// plugins/example-vendor-parser is the worked example. This header is part of the host contract
// (plugins include only server/include/assay/), so an incompatible change to it bumps
// kModuleApiVersion.
// Ownership: the registry shares ownership of its drivers until the host stops (before any
// plugin library is unloaded). A driver's parse() gets the profile its own readProfile() returned.
// Thread-safety: a driver is immutable: readProfile/content/parse run on any thread at once.
// add() runs at start-up; find()/all() from any thread (a shared mutex guards the map, since
// capture's folder watches may already run while a later module adds its driver).
#pragma once

#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Error.hpp"
#include "assay/Json.hpp"

namespace assay {

// The socket framing a driver's instruments speak when they push results over TCP.
enum class Framing {
    none,  // no listener
    astm,  // ASTM E1381 frames (ENQ, STX ... ETX checksum, ACK/NAK, EOT); the answers to queries
    mllp,  // HL7 v2 over MLLP (<VT> message <FS><CR>), answered with an HL7 ACK
};

// What capture may offer an instrument of this driver. The socket and balance sides are capture's
// own code (net/); a driver only says which one it needs.
struct DriverCapabilities {
    bool files = false;                // reads a file: an upload (POST .../import) or a watched folder's exports
    Framing listener = Framing::none;  // a TCP listener or client link with this framing (POST .../listener)
    bool balance = false;              // the server asks it for a weighing (MT-SICS, POST .../weigh)
};

// A driver's decoded profile. Drivers derive their own; one without settings returns the base.
class DriverProfile {
public:
    virtual ~DriverProfile() = default;
};

struct DriverReading {
    int line = 0;  // where in the bytes: the file line, record or segment number
    std::string sampleCode, analyte, value, unit;  // the value exactly as sent ("<0.005", "***.**", "-0.00102")
};

struct DriverOutput {
    // Why the bytes are refused as a whole (an hl7 frame that is not an HL7 message): the run is
    // kept as evidence with status rejected and nothing is read from it.
    std::optional<std::string> rejected;
    std::vector<DriverReading> readings;
    std::vector<std::string> diagnostics;  // what could not be read ("line 7: no sample id")
    std::string deviceSerial;              // what the device said it is (a balance's I4), kept with the run
};

// Reads an instrument's profile (a JSON object) for a driver: every problem is a FieldError named
// profile.<key>, so a 400 names them all at once. Keys a driver does not read are ignored.
class ProfileReader {
public:
    ProfileReader(const Poco::JSON::Object& object, std::vector<FieldError>& problems) : o_(object), problems_(problems) {}

    bool has(const std::string& key) const { return o_.has(key); }
    const Poco::JSON::Object& object() const { return o_; }
    void problem(const std::string& key, const std::string& what) { problems_.push_back({"profile." + key, what}); }
    void problem(const std::string& key, const Message& what) { problems_.push_back({"profile." + key, what}); }

    // A one-line string (no control characters; assay/Json.hpp's text rule).
    void text(const std::string& key, std::string& into) {
        if (!o_.has(key)) return;
        if (!o_.get(key).isString()) problem(key, "must be a string");
        else if (const char* p = textProblem(o_.getValue<std::string>(key), Lines::one)) problem(key, p);
        else into = o_.getValue<std::string>(key);
    }
    // A whole number in [min, max].
    template <class T>
    void whole(const std::string& key, long long min, long long max, T& into) {
        if (!o_.has(key)) return;
        if (!o_.get(key).isInteger()) {
            problem(key, "must be a whole number");
            return;
        }
        long long v = 0;
        try {
            v = o_.get(key).convert<Poco::Int64>();
        } catch (const Poco::Exception&) {
            problem(key, "out of range");  // does not fit 64 bits: out of range, not a 500
            return;
        }
        if (v < min || v > max) problem(key, "out of range");
        else into = static_cast<std::remove_reference_t<T>>(v);
    }
    void flag(const std::string& key, bool& into) {
        if (!o_.has(key)) return;
        if (!o_.get(key).isBoolean()) problem(key, "must be true or false");
        else into = o_.getValue<bool>(key);
    }
    // An array of one-line strings; a bad element is named profile.<key>[k].
    void textList(const std::string& key, std::vector<std::string>& into, const char* notArray = "must be an array of strings",
                  const char* notText = "must be a string") {
        if (!o_.has(key)) return;
        auto arr = o_.getArray(key);
        if (!arr) {
            problem(key, notArray);
            return;
        }
        for (std::size_t k = 0; k < arr->size(); ++k) {
            const Poco::Dynamic::Var v = arr->get(static_cast<unsigned>(k));
            const char* p = v.isString() ? textProblem(v.extract<std::string>(), Lines::one) : notText;
            if (p) problem(key + "[" + std::to_string(k) + "]", p);
            else into.push_back(v.extract<std::string>());
        }
    }

private:
    const Poco::JSON::Object& o_;
    std::vector<FieldError>& problems_;
};

class InstrumentDriver {
public:
    virtual ~InstrumentDriver() = default;
    // Stored on the instrument: 1-16 characters, a lower-case letter then letters, digits or _.
    virtual std::string id() const = 0;
    // What it reads, for people ("Agilent ChemStation Report.TXT").
    virtual std::string title() const = 0;
    virtual DriverCapabilities capabilities() const = 0;
    // The instrument's profile as configured ({} when none): checked and decoded. Problems go to
    // `in` (named profile.<key>); a profile is returned even then, with defaults where a key was bad.
    // Never null (capture treats a null profile as a driver that is not loaded).
    virtual std::shared_ptr<const DriverProfile> readProfile(ProfileReader& in) const = 0;
    // What a run is known by: two runs of an instrument are the same when these bytes are (framed
    // ASTM: the frame texts, whatever the frame numbers). Default: the bytes themselves.
    virtual std::string content(std::string_view bytes, const DriverProfile& profile) const {
        (void)profile;
        return std::string(bytes);
    }
    // The readings in the bytes plus diagnostics. Never throws on bad bytes (capture turns an
    // exception into a diagnostic all the same, and stages nothing from that run).
    virtual DriverOutput parse(std::string_view bytes, const DriverProfile& profile) const = 0;
};

// The drivers capture knows: built-ins from their list, then any a plugin adds.
class InstrumentDrivers {
public:
    static bool wellFormedId(std::string_view id) {
        if (id.empty() || id.size() > 16 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
        for (char c : id)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
        return true;
    }
    // Errors: std::logic_error when the driver is null, its id malformed or already taken (a wiring
    // bug: start-up fails naming it).
    void add(std::shared_ptr<const InstrumentDriver> driver) {
        if (!driver) throw std::logic_error("instrument driver: null");
        const std::string id = driver->id();
        if (!wellFormedId(id)) throw std::logic_error("instrument driver id '" + id + "': 1-16 of a-z, 0-9 and _, a letter first");
        std::unique_lock lock(mutex_);
        if (!byId_.emplace(id, driver).second) throw std::logic_error("instrument driver '" + id + "' is added twice");
        order_.push_back(std::move(driver));
    }
    // Null when no such driver is loaded.
    std::shared_ptr<const InstrumentDriver> find(std::string_view id) const {
        std::shared_lock lock(mutex_);
        auto it = byId_.find(id);
        return it == byId_.end() ? nullptr : it->second;
    }
    // In the order added.
    std::vector<std::shared_ptr<const InstrumentDriver>> all() const {
        std::shared_lock lock(mutex_);
        return order_;
    }

private:
    mutable std::shared_mutex mutex_;
    std::map<std::string, std::shared_ptr<const InstrumentDriver>, std::less<>> byId_;
    std::vector<std::shared_ptr<const InstrumentDriver>> order_;
};

}  // namespace assay
