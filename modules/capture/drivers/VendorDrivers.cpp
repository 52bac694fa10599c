// VendorDrivers: the vendor export formats of instruments/vendors, one driver each, no profile.
#include "drivers/Drivers.hpp"

namespace assay::capture {

namespace {

class VendorDriver final : public InstrumentDriver {
public:
    VendorDriver(std::string id, std::string title, ExportParser parse) : id_(std::move(id)), title_(std::move(title)), parse_(parse) {}
    std::string id() const override { return id_; }
    std::string title() const override { return title_; }
    DriverCapabilities capabilities() const override { return {true, Framing::none, false}; }
    std::shared_ptr<const DriverProfile> readProfile(ProfileReader&) const override { return std::make_shared<DriverProfile>(); }
    DriverOutput parse(std::string_view bytes, const DriverProfile&) const override {
        DriverOutput out;
        auto t = parse_(bytes);
        out.diagnostics = std::move(t.diagnostics);
        for (auto& r : t.rows) out.readings.push_back({r.line, std::move(r.sampleId), std::move(r.analyte), std::move(r.value), std::move(r.unit)});
        return out;
    }

private:
    std::string id_, title_;
    ExportParser parse_;
};
}  // namespace

std::shared_ptr<const InstrumentDriver> vendorDriver(std::string id, std::string title, ExportParser parse) {
    return std::make_shared<VendorDriver>(std::move(id), std::move(title), parse);
}

}  // namespace assay::capture
