// Capture: driver dispatch and profile decoding.
#include "domain/Capture.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "assay/Json.hpp"
#include "astm/AstmLink.hpp"
#include "astm/AstmRecords.hpp"
#include "hl7/Hl7.hpp"
#include "mtsics/MtSics.hpp"
#include "vendors/VendorExports.hpp"

#include <algorithm>

namespace assay::capture {

bool knownDriver(const std::string& driver) {
    static const std::vector<std::string> drivers{"astm", "hl7", "delimited", "mtsics", "chemstation", "masshunter",
                                                  "shimadzu_icpe", "winlab32", "gallery"};
    return std::find(drivers.begin(), drivers.end(), driver) != drivers.end();
}

std::string contentOf(const Instrument& i, std::string_view bytes) {
    if (i.driver != "astm" || bytes.find(instruments::astm::kStx) == std::string_view::npos) return std::string(bytes);
    return instruments::astm::unframe(bytes, i.profile.link);
}

ParsedRun parseRun(const Instrument& i, std::string_view bytes) {
    ParsedRun out;
    if (i.driver == "astm") {
        // A run from the listener keeps the wire bytes (frames with numbers and checksums, which
        // the listener checked as they came); the records are the frames' texts joined, whatever
        // the frame numbers (a second message in a session does not start at 1).
        const std::string text = contentOf(i, bytes);
        auto m = instruments::astm::parseMessage(text);
        out.diagnostics.insert(out.diagnostics.end(), m.diagnostics.begin(), m.diagnostics.end());
        for (const auto& r : instruments::astm::results(m, {i.profile.testCodeComponent}, out.diagnostics))
            out.readings.push_back({r.record, r.sampleId, r.testCode, r.value, r.units});
    } else if (i.driver == "mtsics") {
        const auto w = instruments::mtsics::readTranscript(bytes);
        out.diagnostics = w.diagnostics;
        out.deviceSerial = w.serial;
        // A balance that is not the one on the record (swapped, or not answering I4) gives no
        // reading: its calibration is not the one R15 was asked about.
        const bool otherBalance = !i.profile.balance.serial.empty() && w.serial != i.profile.balance.serial;
        if (otherBalance)
            out.diagnostics.push_back("the balance said it is " + (w.serial.empty() ? std::string("nothing (no I4 answer)") : w.serial) +
                                      ", the instrument record says " + i.profile.balance.serial + ": no reading taken");
        if (w.stable && !w.sampleCode.empty() && !otherBalance) out.readings.push_back({1, w.sampleCode, w.analyte, w.value, w.unit});
    } else if (i.driver == "hl7") {
        if (auto verdict = instruments::hl7::judge(bytes); !verdict.accepted) {
            out.rejected = verdict.reason;
            return out;
        }
        auto m = instruments::hl7::parseHl7(bytes);
        out.diagnostics = m.diagnostics;
        int n = 0;
        for (const auto& o : instruments::hl7::oruResults(m, out.diagnostics))
            out.readings.push_back({++n, o.sampleId, o.code, o.value, o.units});
    } else if (instruments::vendors::known(i.driver)) {
        auto t = instruments::vendors::parseExport(i.driver, bytes);
        out.diagnostics = t.diagnostics;
        for (const auto& r : t.rows) out.readings.push_back({r.line, r.sampleId, r.analyte, r.value, r.unit});
    } else {
        auto t = instruments::delimited::parseTable(bytes, i.profile.table);
        out.diagnostics = t.diagnostics;
        for (const auto& r : t.rows) out.readings.push_back({r.line, r.sampleId, r.analyte, r.value, r.unit});
    }
    return out;
}

InstrumentProfile profileFromJson(const std::string& driver, const std::string& json, std::vector<FieldError>& errors) {
    InstrumentProfile p;
    Poco::JSON::Object::Ptr o;
    try {
        o = Poco::JSON::Parser().parse(json.empty() ? "{}" : json).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        errors.push_back({"profile", "not a JSON object"});
        return p;
    }
    if (!o) {
        errors.push_back({"profile", "not a JSON object"});
        return p;
    }
    auto str = [&](const char* key, std::string& into) {
        if (!o->has(key)) return;
        if (!o->get(key).isString()) errors.push_back({std::string("profile.") + key, "must be a string"});
        else if (const char* problem = textProblem(o->getValue<std::string>(key), Lines::one))
            errors.push_back({std::string("profile.") + key, problem});
        else into = o->getValue<std::string>(key);
    };
    auto integer = [&](const char* key, int min, int max, auto& into) {
        if (!o->has(key)) return;
        if (!o->get(key).isInteger()) {
            errors.push_back({std::string("profile.") + key, "must be a whole number"});
            return;
        }
        long long v = 0;
        try {
            v = o->get(key).convert<Poco::Int64>();
        } catch (const Poco::Exception&) {
            v = static_cast<long long>(max) + 1;  // does not fit: out of range, not a 500
        }
        if (v < min || v > max) errors.push_back({std::string("profile.") + key, "out of range"});
        else into = static_cast<std::remove_reference_t<decltype(into)>>(v);
    };
    auto boolean = [&](const char* key, bool& into) {
        if (!o->has(key)) return;
        if (!o->get(key).isBoolean()) errors.push_back({std::string("profile.") + key, "must be true or false"});
        else into = o->getValue<bool>(key);
    };
    if (driver == "astm") {
        integer("test_code_component", 0, 20, p.testCodeComponent);
        boolean("checksums", p.link.checksums);
        boolean("simplified", p.link.simplified);  // Snibe MAGLUMI: no frame numbers or checksums
        integer("max_frame_text", 240, 1 << 20, p.link.maxFrameText);
        if (p.link.simplified && p.link.maxFrameText == 240) p.link.maxFrameText = 1 << 20;  // the whole message is one frame
        boolean("message_per_end_frame", p.link.messagePerEndFrame);
        boolean("unframed", p.link.unframed);  // bare records on the socket, no link protocol
        str("connect_host", p.connectHost);
        integer("connect_port", 1, 65535, p.connectPort);
        if (p.connectPort > 0 && p.connectHost.empty()) errors.push_back({"profile.connect_host", "required with connect_port"});
    }
    if (driver == "mtsics") {
        auto& b = p.balance;
        str("host", b.host);
        integer("port", 1, 65535, b.port);
        str("command", b.command);
        integer("settle_ms", 500, 120000, b.settleMs);
        str("serial", b.serial);
        if (b.host.empty() || b.host.size() > 255) errors.push_back({"profile.host", "required: the balance's address"});
        if (b.port == 0 && !o->has("port")) errors.push_back({"profile.port", "required: the balance's TCP port"});
        if (b.command != "S" && b.command != "SI") errors.push_back({"profile.command", "S or SI"});
    }
    if (driver != "delimited") return p;
    auto& t = p.table;
    std::string delimiter = std::string(1, t.delimiter);
    str("delimiter", delimiter);
    if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
    if (delimiter.size() != 1) errors.push_back({"profile.delimiter", "one character (or \"tab\")"});
    else t.delimiter = delimiter[0];
    str("encoding", t.encoding);
    const auto& pages = instruments::delimited::codePages();
    if (t.encoding != "auto" && t.encoding != "utf-8" && t.encoding != "utf-16le" && t.encoding != "utf-16be" &&
        std::find(pages.begin(), pages.end(), t.encoding) == pages.end())
        errors.push_back({"profile.encoding", "auto, utf-8, utf-16le, utf-16be, gb18030, gbk, big5, shift_jis, windows-1252 or iso-8859-1"});
    if (o->has("decimal_comma")) {
        if (!o->get("decimal_comma").isBoolean()) errors.push_back({"profile.decimal_comma", "must be true or false"});
        else t.decimalComma = o->getValue<bool>("decimal_comma");
    }
    integer("skip_rows", 0, 100, t.skipRows);
    integer("header_rows", 1, 10, t.headerRows);
    str("layout", t.layout);
    if (t.layout != "long" && t.layout != "wide") errors.push_back({"profile.layout", "long or wide"});
    str("sample_column", t.sampleColumn);
    str("analyte_column", t.analyteColumn);
    str("value_column", t.valueColumn);
    str("unit_column", t.unitColumn);
    if (t.sampleColumn.empty()) errors.push_back({"profile.sample_column", "required: the column with the sample code"});
    if (t.layout == "long" && (t.analyteColumn.empty() || t.valueColumn.empty()))
        errors.push_back({"profile.analyte_column", "required with the long layout, with value_column"});
    if (o->has("analyte_columns")) {
        auto arr = o->getArray("analyte_columns");
        if (!arr) errors.push_back({"profile.analyte_columns", "must be an array of column names"});
        for (std::size_t k = 0; arr && k < arr->size(); ++k) {
            const Poco::Dynamic::Var v = arr->get(static_cast<unsigned>(k));
            const char* problem = v.isString() ? textProblem(v.extract<std::string>(), Lines::one) : "must be a column name";
            if (problem) errors.push_back({"profile.analyte_columns[" + std::to_string(k) + "]", problem});
            else t.analyteColumns.push_back(v.extract<std::string>());
        }
    }
    return p;
}

}  // namespace assay::capture
