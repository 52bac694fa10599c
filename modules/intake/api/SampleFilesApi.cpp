// SampleFilesApi: label PDFs (LabelSheet) and the Excel sample register (SampleRegisterExport).
#include "api/SampleFilesApi.hpp"
#include "domain/IntakeMessages.hpp"

#include "api/SampleApi.hpp"
#include "assay/ApiEdge.hpp"
#include "labels/LabelSheet.hpp"

namespace assay::intake {

namespace {
constexpr std::size_t kMaxLabels = 1000;
using Deps = SampleFileDeps;

LabelLayout layoutOf(const Request& req, const char* fallback) {
    const std::string l = req.query("layout").value_or(fallback);
    if (l == "single") return LabelLayout::Single50x30;
    if (l == "a4") return LabelLayout::A4Sheet;
    throw Error::invalidField("layout", msg::kLabelLayout);
}

LabelData labelOf(const Sample& s) {
    return {s.code, s.name, s.receivedAtMs ? isoDateInLab(fromEpochMillis(*s.receivedAtMs)) : std::string(), s.code};
}

Response labelsResponse(const std::vector<Sample>& samples, LabelLayout layout, const std::string& name, const Clock& clock) {
    std::vector<LabelData> labels;
    for (const auto& s : samples) labels.push_back(labelOf(s));
    // The layout in the name, so a single label and an A4 sheet of the same samples do not
    // overwrite each other in the downloads folder.
    const char* suffix = layout == LabelLayout::A4Sheet ? "-A4" : "-单张";
    return Response::file(renderLabels(labels, layout, formatRfc3339(clock.now(), 0)), "application/pdf", name + suffix + ".pdf");
}

Response sampleLabels(Request& req, Deps& d) {
    const LabelLayout layout = layoutOf(req, "single");
    Sample s = d.samples.get(req.principal(), req.param("code"));
    return labelsResponse({s}, layout, "样品标签-" + s.code, d.samples.clock());
}

Response manyLabels(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const auto codes = r.stringArray("codes", true, kMaxLabels);
    const std::string layoutName = r.optionalString("layout", 8).value_or("a4");
    r.finish();
    if (codes.empty()) throw Error::invalidField("codes", msg::kLabelCodesRequired);
    if (layoutName != "single" && layoutName != "a4") throw Error::invalidField("layout", msg::kLabelLayout);
    std::vector<Sample> found;
    for (const auto& c : codes) found.push_back(d.samples.get(req.principal(), c));
    return labelsResponse(found, layoutName == "a4" ? LabelLayout::A4Sheet : LabelLayout::Single50x30, "样品标签",
                          d.samples.clock());
}

Response orderLabels(Request& req, Deps& d) {
    const LabelLayout layout = layoutOf(req, "a4");
    Order o = d.orders.get(req.principal(), req.param("code"));
    return labelsResponse(d.orders.samples(req.principal(), o), layout, "样品标签-" + o.code, d.samples.clock());
}

Response exportRegister(Request& req, Deps& d) {
    const SampleFilter filter = sampleFilter(req);
    return Response::file(d.registerExport.workbook(req.principal(), filter),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SampleRegisterExport::kFileName);
}

const RouteEntry<Deps> kRoutes[] = {
    {"GET", "/api/samples/{code}/labels", "samples:read", "A sample's label (PDF: Code128, QR, code, name, receipt date)", sampleLabels},
    {"POST", "/api/samples/labels", "samples:read", "Labels of many samples in one PDF", manyLabels},
    {"GET", "/api/orders/{code}/labels", "orders:read", "Labels of every sample of an order (PDF)", orderLabels},
    {"GET", "/api/samples/export.xlsx", "samples:read", "The sample register as an Excel file, with the list's filters", exportRegister},
};
}  // namespace

void registerSampleFileRoutes(Router& router, SampleFileDeps& deps) { addRoutes(router, deps, kRoutes); }

}  // namespace assay::intake
