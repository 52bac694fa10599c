// The instrument driver registry (assay/InstrumentDriver.hpp) and capture's use of it
// (domain/Capture.hpp): the built-in list, ids refused, an instrument bound to its driver and
// profile with every problem named, and a driver that throws kept from the run.
#include <boost/test/unit_test.hpp>

#include "astm/AstmLink.hpp"
#include "domain/Capture.hpp"
#include "drivers/Drivers.hpp"

using namespace assay;
using namespace assay::capture;

namespace {
struct Builtins {
    InstrumentDrivers d;
    Builtins() { addBuiltinDrivers(d); }
};
bool names(const std::vector<FieldError>& errors, const std::string& field) {
    for (const auto& e : errors)
        if (e.field == field) return true;
    return false;
}
Instrument bound(const InstrumentDrivers& d, const std::string& driver, const std::string& profile, std::vector<FieldError>& errors) {
    Instrument i;
    i.driver = driver;
    i.profileJson = profile;
    bindDriver(d, i, errors);
    return i;
}

class Throwing final : public InstrumentDriver {
public:
    std::string id() const override { return "throwing"; }
    std::string title() const override { return "a driver with a bug"; }
    DriverCapabilities capabilities() const override { return {true, Framing::none, false}; }
    std::shared_ptr<const DriverProfile> readProfile(ProfileReader&) const override { return std::make_shared<DriverProfile>(); }
    DriverOutput parse(std::string_view, const DriverProfile&) const override { throw std::runtime_error("index out of range"); }
};
class Named final : public InstrumentDriver {
public:
    explicit Named(std::string id) : id_(std::move(id)) {}
    std::string id() const override { return id_; }
    std::string title() const override { return id_; }
    DriverCapabilities capabilities() const override { return {}; }
    std::shared_ptr<const DriverProfile> readProfile(ProfileReader&) const override { return std::make_shared<DriverProfile>(); }
    DriverOutput parse(std::string_view, const DriverProfile&) const override { return {}; }

private:
    std::string id_;
};
}  // namespace

BOOST_AUTO_TEST_SUITE(driver_registry)

BOOST_AUTO_TEST_CASE(the_built_in_list_gives_every_driver_once_in_order_with_its_capabilities) {
    Builtins all;
    const auto& d = all.d;
    std::vector<std::string> ids;
    for (const auto& x : d.all()) ids.push_back(x->id());
    BOOST_TEST(ids == (std::vector<std::string>{"astm", "hl7", "delimited", "mtsics", "chemstation", "masshunter", "shimadzu_icpe",
                                                "winlab32", "gallery"}),
               boost::test_tools::per_element());
    BOOST_TEST((d.find("astm")->capabilities().listener == Framing::astm));
    BOOST_TEST((d.find("hl7")->capabilities().listener == Framing::mllp));
    BOOST_TEST(d.find("mtsics")->capabilities().balance);
    BOOST_TEST(!d.find("mtsics")->capabilities().files);
    BOOST_TEST((d.find("gallery")->capabilities().files && d.find("gallery")->capabilities().listener == Framing::none));
    BOOST_TEST(!d.find("csv"));
    BOOST_TEST(driverChoices(d) == "astm, hl7, delimited, mtsics, chemstation, masshunter, shimadzu_icpe, winlab32 or gallery");
    BOOST_TEST(driverChoices(d, [](const DriverCapabilities& c) { return c.listener != Framing::none; }) == "astm or hl7");
}

BOOST_AUTO_TEST_CASE(a_taken_or_malformed_id_is_refused_at_start_up) {
    Builtins all;
    auto& d = all.d;
    BOOST_CHECK_THROW(d.add(std::make_shared<Named>("astm")), std::logic_error);
    for (const char* bad : {"", "GCMS", "9lives", "gcms-solution", "a_name_longer_than_16"})
        BOOST_CHECK_THROW(d.add(std::make_shared<Named>(bad)), std::logic_error);
    BOOST_CHECK_THROW(d.add(nullptr), std::logic_error);
    d.add(std::make_shared<Named>("gcmssolution"));
    BOOST_TEST(d.all().back()->id() == "gcmssolution");
}

BOOST_AUTO_TEST_CASE(binding_an_instrument_names_the_driver_the_profile_and_each_bad_key) {
    Builtins all;
    const auto& d = all.d;
    std::vector<FieldError> e;
    auto unknown = bound(d, "csv", "{}", e);
    BOOST_TEST(!unknown.driverRef);
    BOOST_REQUIRE(names(e, "driver"));
    BOOST_TEST(e.at(0).problem.find("astm, hl7") == 0u);
    e.clear();
    bound(d, "delimited", "[1,2]", e);
    BOOST_TEST(names(e, "profile"));
    e.clear();
    auto t = bound(d, "delimited", R"({"layout":"diagonal","delimiter":"tab","skip_rows":1e3,"analyte_columns":["Pb",7]})", e);
    for (const char* f : {"profile.layout", "profile.sample_column", "profile.skip_rows", "profile.analyte_columns[1]"})
        BOOST_TEST(names(e, f), f);
    BOOST_TEST(dynamic_cast<const TableSettings*>(t.profile.get())->table.delimiter == '\t');
    e.clear();
    auto a = bound(d, "astm", R"({"connect_port":4001,"test_code_component":"4","max_frame_text":2000000})", e);
    for (const char* f : {"profile.connect_host", "profile.test_code_component", "profile.max_frame_text"}) BOOST_TEST(names(e, f), f);
    BOOST_TEST(astmSettings(a.profile.get()).connectPort == 4001);
    e.clear();
    auto b = bound(d, "mtsics", R"({"command":"Q"})", e);
    BOOST_TEST(names(e, "profile.port"));
    BOOST_TEST(names(e, "profile.command"));
    // Another driver's profile: the defaults.
    BOOST_TEST(balanceSettings(a.profile.get()).port == 0);
    BOOST_TEST(astmSettings(b.profile.get()).testCodeComponent == 4u);
    e.clear();
    auto ok = bound(d, "astm", R"({"simplified":true})", e);
    BOOST_TEST(e.empty());
    BOOST_TEST(astmSettings(ok.profile.get()).link.maxFrameText == std::size_t{1} << 20);
}

BOOST_AUTO_TEST_CASE(a_run_is_read_by_its_driver_and_a_driver_that_throws_gives_a_diagnostic_only) {
    Builtins all;
    auto& d = all.d;
    d.add(std::make_shared<Throwing>());
    std::vector<FieldError> e;
    const auto astm = bound(d, "astm", "{}", e);
    const std::string records = "H|\\^&\rP|1\rO|1|S1\rR|1|^^^Pb|0.012|mg/kg\rL|1|N\r";
    const std::string wire = instruments::astm::frame(1, records, true);
    BOOST_TEST(contentOf(astm, wire) == records);  // the frame texts, not the wire bytes
    const auto run = parseRun(astm, wire);
    BOOST_REQUIRE(run.readings.size() == 1u);
    BOOST_TEST(run.readings[0].sampleCode == "S1");
    BOOST_TEST(run.readings[0].value == "0.012");
    const auto hl7 = bound(d, "hl7", "{}", e);
    BOOST_TEST(parseRun(hl7, "not a message").rejected.has_value());
    const auto buggy = bound(d, "throwing", "{}", e);
    const auto failed = parseRun(buggy, "x");
    BOOST_TEST(failed.readings.empty());
    BOOST_TEST(failed.diagnostics.at(0) == "the throwing driver failed: index out of range");
    Instrument gone;
    gone.driver = "gcmssolution";
    bindDriver(d, gone, e);
    BOOST_TEST(parseRun(gone, "x").diagnostics.at(0) == "no driver gcmssolution is loaded: nothing read");
    BOOST_TEST(contentOf(gone, "x") == "x");
}

BOOST_AUTO_TEST_SUITE_END()
