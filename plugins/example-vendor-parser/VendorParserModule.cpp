// VendorParserModule: the example plugin that adds an instrument driver, `gcmssolution` (the
// Shimadzu GCMSsolution ASCII export of a quantitative run, GcmsSolution.hpp), to the registry
// the capture module publishes (assay/InstrumentDriver.hpp).
//
// Loaded only when its absolute path is listed in plugins.load. It depends on "capture", so the
// registry exists when initialize() runs; after that an instrument may be created with driver
// "gcmssolution" and its exports imported through the capture routes (upload or watched folder)
// like any built-in driver's. Profile: {"sample_from": "auto"|"sample_id"|"sample_name"|
// "data_file", "sample_cut": "_"}.
#include <Poco/ClassLibrary.h>

#include "GcmsSolution.hpp"
#include "assay/InstrumentDriver.hpp"
#include "assay/ModuleContext.hpp"
#include "assay/Plugin.hpp"

namespace {

struct GcmsProfile final : assay::DriverProfile {
    example_vendor_parser::GcmsOptions options;
};

class GcmsSolutionDriver final : public assay::InstrumentDriver {
public:
    std::string id() const override { return "gcmssolution"; }
    std::string title() const override { return "Shimadzu GCMSsolution ASCII export (MS quantitative results)"; }
    assay::DriverCapabilities capabilities() const override { return {true, assay::Framing::none, false}; }

    std::shared_ptr<const assay::DriverProfile> readProfile(assay::ProfileReader& in) const override {
        auto p = std::make_shared<GcmsProfile>();
        in.text("sample_from", p->options.sampleFrom);
        const std::string& from = p->options.sampleFrom;
        if (from != "auto" && from != "sample_id" && from != "sample_name" && from != "data_file")
            in.problem("sample_from", "auto, sample_id, sample_name or data_file");
        std::string cut;
        in.text("sample_cut", cut);
        if (cut.size() > 1 || (cut.size() == 1 && static_cast<unsigned char>(cut[0]) >= 0x80))
            in.problem("sample_cut", "one ASCII character (or empty: the whole name)");
        else if (cut.size() == 1) p->options.sampleCut = cut[0];
        return p;
    }

    assay::DriverOutput parse(std::string_view bytes, const assay::DriverProfile& profile) const override {
        // The profile is the one readProfile() above returned (the registry's contract); the
        // defaults otherwise, all the same.
        static const GcmsProfile defaults;
        const auto* mine = dynamic_cast<const GcmsProfile*>(&profile);
        const auto& options = (mine ? *mine : defaults).options;
        const auto r = example_vendor_parser::parseGcmsSolution(bytes, options);
        assay::DriverOutput out;
        out.diagnostics = r.diagnostics;
        for (const auto& g : r.readings) out.readings.push_back({g.line, g.sampleCode, g.compound, g.conc, g.unit});
        return out;
    }
};

class VendorParserModule final : public assay::Module {
public:
    std::string id() const override { return "example_vendor_parser"; }
    std::vector<std::string> dependencies() const override { return {"host", "capture"}; }
    void initialize(assay::ModuleContext& ctx) override {
        ctx.services().require<assay::InstrumentDrivers>().add(std::make_shared<GcmsSolutionDriver>());
    }
};

}  // namespace

ASSAY_PLUGIN_API_VERSION()

POCO_BEGIN_MANIFEST(assay::Module)
POCO_EXPORT_CLASS(VendorParserModule)
POCO_END_MANIFEST
