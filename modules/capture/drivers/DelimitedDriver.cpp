// DelimitedDriver: the generic table profile for folder exports (instruments/delimited).
#include <algorithm>
#include "domain/CaptureMessages.hpp"

#include "drivers/Drivers.hpp"

namespace assay::capture {

namespace {
namespace delimited = instruments::delimited;

class DelimitedDriver final : public InstrumentDriver {
public:
    std::string id() const override { return "delimited"; }
    std::string title() const override { return "A delimited table export, read with the instrument's profile"; }
    DriverCapabilities capabilities() const override { return {true, Framing::none, false}; }

    // {"delimiter":";", "decimal_comma":true, "skip_rows":2, "header_rows":1, "layout":"long",
    //  "sample_column":"...", "analyte_column":"...", "value_column":"...", "unit_column":"...",
    //  "analyte_columns":[...], "encoding":"auto"}
    std::shared_ptr<const DriverProfile> readProfile(ProfileReader& in) const override {
        auto p = std::make_shared<TableSettings>();
        auto& t = p->table;
        std::string delimiter = std::string(1, t.delimiter);
        in.text("delimiter", delimiter);
        if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
        if (delimiter.size() != 1) in.problem("delimiter", "one character (or \"tab\")");
        else t.delimiter = delimiter[0];
        in.text("encoding", t.encoding);
        const auto& pages = delimited::codePages();
        if (t.encoding != "auto" && t.encoding != "utf-8" && t.encoding != "utf-16le" && t.encoding != "utf-16be" &&
            std::find(pages.begin(), pages.end(), t.encoding) == pages.end())
            in.problem("encoding", "auto, utf-8, utf-16le, utf-16be, gb18030, gbk, big5, shift_jis, windows-1252 or iso-8859-1");
        in.flag("decimal_comma", t.decimalComma);
        in.whole("skip_rows", 0, 100, t.skipRows);
        in.whole("header_rows", 1, 10, t.headerRows);
        in.text("layout", t.layout);
        if (t.layout != "long" && t.layout != "wide") in.problem("layout", "long or wide");
        in.text("sample_column", t.sampleColumn);
        in.text("analyte_column", t.analyteColumn);
        in.text("value_column", t.valueColumn);
        in.text("unit_column", t.unitColumn);
        if (t.sampleColumn.empty()) in.problem("sample_column", msg::kSampleColumn);
        if (t.layout == "long" && (t.analyteColumn.empty() || t.valueColumn.empty()))
            in.problem("analyte_column", msg::kAnalyteColumn);
        in.textList("analyte_columns", t.analyteColumns, "must be an array of column names", "must be a column name");
        return p;
    }

    DriverOutput parse(std::string_view bytes, const DriverProfile& profile) const override {
        static const TableSettings defaults;
        const auto* s = dynamic_cast<const TableSettings*>(&profile);
        DriverOutput out;
        auto t = delimited::parseTable(bytes, (s ? *s : defaults).table);
        out.diagnostics = std::move(t.diagnostics);
        for (auto& r : t.rows) out.readings.push_back({r.line, std::move(r.sampleId), std::move(r.analyte), std::move(r.value), std::move(r.unit)});
        return out;
    }
};
}  // namespace

std::shared_ptr<const InstrumentDriver> delimitedDriver() { return std::make_shared<DelimitedDriver>(); }

}  // namespace assay::capture
