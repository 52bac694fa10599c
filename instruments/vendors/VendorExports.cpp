// VendorExports: ChemStation text reports cut by their ruler lines, MassHunter's two header rows
// folded into compound groups, ICPE lines read by position, WinLab32 and Gallery through
// delimited::parseTable.
#include "vendors/VendorExports.hpp"

#include "common/Split.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

namespace assay::instruments::vendors {

using delimited::TableProfile;
using delimited::TableResult;
using delimited::TableRow;

namespace {
std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string at(int line) { return "line " + std::to_string(line) + ": "; }

std::optional<std::string> decode(std::string_view bytes, const std::string& encoding, TableResult& out) {
    std::string problem;
    auto text = delimited::toUtf8(bytes, encoding, problem);
    if (!text) out.diagnostics.push_back(problem);
    return text;
}

// Lines ended by CR LF, LF or CR; element i is file line i + 1.
std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r' && text[i] != '\n') continue;
        out.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

std::vector<std::string> splitOn(std::string_view s, char sep) {
    auto out = split(s, sep);
    for (auto& f : out) f = trim(f);
    return out;
}

// CSV records (RFC 4180 quoting: the delimiter, doubled quotes and line breaks inside quotes),
// each with the file line it starts on; lines with nothing on them are not records.
struct Record {
    int line = 0;
    std::vector<std::string> cells;
};

std::vector<Record> csvRecords(std::string_view text, char delimiter, std::vector<std::string>& diagnostics) {
    std::vector<Record> out;
    Record rec;
    std::string cell;
    bool inQuotes = false, content = false;
    int line = 1;
    rec.line = 1;
    auto endRecord = [&] {
        if (content) {
            rec.cells.push_back(trim(cell));
            out.push_back(std::move(rec));
        }
        rec = Record{};
        cell.clear();
        content = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                inQuotes = false;
            } else {
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
                cell += c;
            }
        } else if (c == '"' && cell.find_first_not_of(" \t") == std::string::npos) {
            cell.clear();
            inQuotes = content = true;
        } else if (c == delimiter) {
            rec.cells.push_back(trim(cell));
            cell.clear();
            content = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            endRecord();
            rec.line = ++line;
        } else {
            cell += c;
            content = true;
        }
    }
    if (inQuotes) diagnostics.push_back(at(rec.line) + "a quoted cell is not closed");
    endRecord();
    return out;
}

// ---- ChemStation ----------------------------------------------------------------------------

bool isRule(std::string_view t, char c) {
    return t.size() >= 10 && t.find_first_not_of(c) == std::string_view::npos;
}

// "----|-------|----|": dashes and bars only, with at least one of each.
bool isRuler(std::string_view t) {
    return t.find('|') != std::string_view::npos && t.find('-') != std::string_view::npos &&
           t.find_first_not_of("-|") == std::string_view::npos;
}

constexpr std::size_t kMaxColumns = 64;  // ChemStation peak tables have about ten

struct Span {
    std::size_t from = 0, to = 0;  // character positions [from, to)
};

// The columns of a ruler: each bar ends one; the last column runs to the end of the line
// (compound names may be longer than their dashes).
std::vector<Span> rulerSpans(std::string_view ruler) {
    std::vector<Span> spans;
    std::size_t from = 0;
    for (std::size_t i = 0; i < ruler.size(); ++i)
        if (ruler[i] == '|') {
            spans.push_back({from, i});
            from = i + 1;
        }
    if (from < ruler.size()) spans.push_back({from, ruler.size()});
    if (!spans.empty()) spans.back().to = std::numeric_limits<std::size_t>::max();
    return spans;
}

// Cuts a line at the ruler's positions, counting characters (not UTF-8 bytes: "[µg/l]").
std::vector<std::string> cutColumns(std::string_view line, const std::vector<Span>& spans) {
    std::vector<std::string> cells(spans.size());
    std::size_t pos = 0, col = 0;
    for (std::size_t i = 0; i < line.size() && col < spans.size(); ++i) {
        const bool continuation = (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
        if (!continuation && i > 0) ++pos;
        while (col < spans.size() && pos >= spans[col].to) ++col;
        if (col < spans.size() && pos >= spans[col].from) cells[col] += line[i];
    }
    for (auto& c : cells) c = trim(c);
    return cells;
}

std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        const std::size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (i > b) out.emplace_back(s.substr(b, i - b));
    }
    return out;
}

std::optional<std::size_t> column(const std::vector<std::string>& names, std::string_view name) {
    for (std::size_t k = 0; k < names.size(); ++k)
        if (names[k] == name) return k;
    return std::nullopt;
}

// "Signal 1: DAD1 A, Sig=254,8 Ref=off" -> "DAD1 A"
std::optional<std::string> signalName(std::string_view t) {
    if (!startsWith(t, "Signal ") || t.size() < 8 || !std::isdigit(static_cast<unsigned char>(t[7]))) return std::nullopt;
    const auto colon = t.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto rest = t.substr(colon + 1);
    return trim(rest.substr(0, rest.find(',')));
}
}  // namespace

TableResult parseChemStation(std::string_view bytes) {
    TableResult out;
    // Report.TXT is UTF-16 LE with a BOM; a copy that lost its BOM still has NULs as odd bytes.
    const bool bomless16 = bytes.size() >= 2 && bytes[0] != '\0' && bytes[1] == '\0';
    const auto text = decode(bytes, bomless16 ? "utf-16le" : "auto", out);
    if (!text) return out;
    const auto lines = splitLines(*text);
    std::optional<std::string> sample;  // from "Sample Name:"
    std::string signal;                 // from "Signal 1: DAD1 A, ..."
    bool summed = false;                // inside a "Summed Peaks Report" section
    bool tables = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string t = trim(lines[i]);
        if (startsWith(t, "Sample Name:")) {
            sample = trim(std::string_view(t).substr(12));
            continue;
        }
        if (auto s = signalName(t)) {
            signal = *s;
            continue;
        }
        if (i > 0 && !t.empty() && !isRule(t, '=') && isRule(trim(lines[i - 1]), '=')) {
            summed = t.find("Summed Peaks") != std::string::npos;  // a section title under a rule
            continue;
        }
        if (!isRuler(t)) continue;
        tables = true;
        const int rulerLine = static_cast<int>(i) + 1;
        const auto spans = rulerSpans(lines[i]);
        if (spans.size() > kMaxColumns) {  // garbage; cutting every line into it would be slow
            out.diagnostics.push_back(at(rulerLine) + "a ruler of " + std::to_string(spans.size()) + " columns is not a peak table");
            continue;
        }
        // The column names two lines above the ruler, their units on the line between.
        const std::string_view headerLine = i >= 2 ? lines[i - 2] : std::string_view();
        const std::string_view unitLine = i >= 1 ? lines[i - 1] : std::string_view();
        auto names = words(headerLine);
        if (names.size() != spans.size()) names = cutColumns(headerLine, spans);
        auto units = cutColumns(unitLine, spans);
        for (auto& u : units)
            if (u.size() >= 2 && u.front() == '[' && u.back() == ']') u = u.substr(1, u.size() - 2);
        const auto name = column(names, "Name"), amount = column(names, "Amount");
        const auto peak = column(names, "Peak"), retTime = column(names, "RetTime");
        std::optional<std::size_t> areaPercent;
        for (std::size_t k = 0; k < names.size() && k < units.size(); ++k)
            if (names[k] == "Area" && units[k] == "%") areaPercent = k;
        const bool named = name && amount;
        if (!named && !areaPercent && !summed)
            out.diagnostics.push_back(at(rulerLine) + "a peak table with neither Name and Amount nor Area % columns");
        std::size_t j = i + 1;
        for (; j < lines.size(); ++j) {
            const std::string row = trim(lines[j]);
            if (row.empty() || startsWith(row, "Totals") || isRule(row, '=')) break;
            if (summed || (!named && !areaPercent)) continue;
            const int line = static_cast<int>(j) + 1;
            const auto cells = cutColumns(lines[j], spans);
            const std::string rt = retTime ? cells[*retTime] : std::string();
            std::string analyte, value, unit;
            if (named) {
                analyte = cells[*name];
                value = cells[*amount];
                unit = units[*amount];
            } else {  // an Area Percent report names no compounds: the signal, peak and time do
                const std::string number = peak ? cells[*peak] : std::string();
                if (!number.empty() || !rt.empty()) {
                    analyte = signal.empty() ? std::string() : signal + " ";
                    if (!number.empty()) analyte += "peak " + number;
                    if (!rt.empty()) analyte += (number.empty() ? "" : " ") + std::string("(") + rt + " min)";
                }
                value = cells[*areaPercent];
                unit = "%";
            }
            if (!sample || sample->empty()) {
                out.diagnostics.push_back(at(line) + "no sample id (no Sample Name, or an empty one, above the table)");
            } else if (analyte.empty()) {
                out.diagnostics.push_back(at(line) + "no compound name" + (rt.empty() ? "" : " (peak at " + rt + " min)"));
            } else if (value.empty()) {
                out.diagnostics.push_back(at(line) + "no amount for " + analyte);
            } else {
                out.rows.push_back({line, *sample, analyte, value, unit});
            }
        }
        i = j - 1;  // the line that ended the table is read again as an ordinary line
    }
    if (!tables) out.diagnostics.push_back("no peak table (a ruler of dashes and bars) in the report");
    return out;
}

// ---- MassHunter -----------------------------------------------------------------------------

TableResult parseMassHunter(std::string_view bytes) {
    TableResult out;
    const auto text = decode(bytes, "auto", out);
    if (!text) return out;
    const auto records = csvRecords(*text, ',', out.diagnostics);
    if (records.size() < 2) {
        out.diagnostics.push_back("no header rows (a compound group row, then a column name row)");
        return out;
    }
    const auto& groupRow = records[0].cells;
    const auto& nameRow = records[1].cells;
    const std::size_t width = std::max(groupRow.size(), nameRow.size());
    // A group name spans its column and the empty ones after it.
    struct Group {
        std::string name;
        std::size_t from = 0, to = 0;  // [from, to)
    };
    std::vector<Group> groups;
    for (std::size_t k = 0; k < width; ++k) {
        const std::string g = k < groupRow.size() ? groupRow[k] : std::string();
        if (!g.empty() || groups.empty()) groups.push_back({g, k, k});
        groups.back().to = k + 1;
    }
    auto nameAt = [&](std::size_t k) { return k < nameRow.size() ? nameRow[k] : std::string(); };
    auto columnIn = [&](const Group& g, std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t k = g.from; k < g.to; ++k)
            if (nameAt(k) == name) return k;
        return std::nullopt;
    };
    std::optional<std::size_t> sampleName, dataFile;
    for (const auto& g : groups)
        if (g.name == "Sample") {
            sampleName = columnIn(g, "Name");
            dataFile = columnIn(g, "Data File");
        }
    if (!sampleName && !dataFile) {
        out.diagnostics.push_back("line " + std::to_string(records[1].line) + ": no Name or Data File column under \"Sample\"");
        return out;
    }
    // "<compound> Results" (not "Qualifier (...) Results"): its Final Conc., else Calc. Conc.
    std::vector<std::pair<std::string, std::size_t>> compounds;
    const std::string_view suffix = " Results";
    for (const auto& g : groups) {
        const std::string_view n = g.name;
        if (n.size() <= suffix.size() || n.substr(n.size() - suffix.size()) != suffix || startsWith(n, "Qualifier")) continue;
        auto value = columnIn(g, "Final Conc.");
        if (!value) value = columnIn(g, "Calc. Conc.");
        if (value) compounds.emplace_back(std::string(n.substr(0, n.size() - suffix.size())), *value);
    }
    if (compounds.empty()) {
        out.diagnostics.push_back("no compound group with a Final Conc. or Calc. Conc. column");
        return out;
    }
    for (std::size_t r = 2; r < records.size(); ++r) {
        const auto& cells = records[r].cells;
        auto cell = [&](std::optional<std::size_t> k) { return k && *k < cells.size() ? cells[*k] : std::string(); };
        std::string id = cell(sampleName);
        if (id.empty()) id = cell(dataFile);
        if (id.empty()) {
            out.diagnostics.push_back(at(records[r].line) + "no sample id");
            continue;
        }
        for (const auto& [compound, k] : compounds)  // an empty cell: not measured
            if (k < cells.size() && !cells[k].empty()) out.rows.push_back({records[r].line, id, compound, cells[k], ""});
    }
    return out;
}

// ---- Shimadzu ICPE-9000 ---------------------------------------------------------------------

TableResult parseShimadzuIcpe(std::string_view bytes) {
    TableResult out;
    const auto text = decode(bytes, "auto", out);
    if (!text) return out;
    // Fields (1-based): 2 type (CAL1.., UNK), 3 sample name, 7 element, 9 wavelength, 11 unit,
    // 22 concentration (mean of the replicates); 32.. intensities.
    constexpr std::size_t kType = 1, kSample = 2, kElement = 6, kWavelength = 8, kUnit = 10, kConc = 21;
    const auto lines = splitLines(*text);
    bool any = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (trim(lines[i]).empty()) continue;
        any = true;
        const int line = static_cast<int>(i) + 1;
        const auto f = splitOn(lines[i], '\t');
        if (f.size() <= kConc) {
            out.diagnostics.push_back(at(line) + std::to_string(f.size()) + " tab-separated fields; the concentration is field 22");
            continue;
        }
        const std::string analyte = f[kWavelength].empty() ? f[kElement] : f[kElement] + " " + f[kWavelength];
        if (f[kSample].empty()) {
            out.diagnostics.push_back(at(line) + "no sample id");
        } else if (f[kElement].empty()) {
            out.diagnostics.push_back(at(line) + "no element");
        } else if (f[kConc].empty()) {
            // Calibration standards carry intensities only; a sample without a concentration is news.
            if (!startsWith(f[kType], "CAL")) out.diagnostics.push_back(at(line) + "no concentration for " + f[kSample] + " " + analyte);
        } else {
            out.rows.push_back({line, f[kSample], analyte, f[kConc], f[kUnit]});
        }
    }
    if (!any) out.diagnostics.push_back("the file has no lines");
    return out;
}

// ---- PerkinElmer WinLab32, Thermo Gallery (tables) ------------------------------------------

TableResult parseWinLab32(std::string_view bytes) {
    TableProfile p;
    p.sampleColumn = "Sample ID";
    p.analyteColumn = "Analyte Name";
    p.valueColumn = "Reported Conc (Calib)";
    p.unitColumn = "Units (Samp)";
    return delimited::parseTable(bytes, p);
}

TableResult parseGallery(std::string_view bytes) {
    TableProfile p;
    p.delimiter = '\t';
    p.decimalComma = true;
    p.skipRows = 9;  // Date, Time and software version, the laboratory, blank lines
    p.sampleColumn = "Sample/ctrl ID";
    p.analyteColumn = "Test name";
    p.valueColumn = "Result";
    p.unitColumn = "Result unit";
    TableResult ignored;
    const auto text = decode(bytes, "auto", ignored);
    if (!text) return delimited::parseTable(bytes, p);  // which names the encoding problem
    // The preamble's length follows the laboratory's address lines: count the rows before the
    // header (lines with nothing on them are not rows for parseTable).
    const auto lines = splitLines(*text);
    int rows = 0;
    for (const auto line : lines) {
        const auto cells = splitOn(line, '\t');
        if (cells[0] == p.sampleColumn) {
            p.skipRows = rows;
            break;
        }
        if (!line.empty()) ++rows;
    }
    p.encoding = "utf-8";
    return delimited::parseTable(*text, p);
}

// ---- Dispatcher -----------------------------------------------------------------------------

const std::vector<std::string>& formats() {
    static const std::vector<std::string> all{"chemstation", "masshunter", "shimadzu_icpe", "winlab32", "gallery"};
    return all;
}

bool known(std::string_view format) {
    const auto& all = formats();
    return std::find(all.begin(), all.end(), format) != all.end();
}

TableResult parseExport(std::string_view format, std::string_view bytes) {
    if (format == "chemstation") return parseChemStation(bytes);
    if (format == "masshunter") return parseMassHunter(bytes);
    if (format == "shimadzu_icpe") return parseShimadzuIcpe(bytes);
    if (format == "winlab32") return parseWinLab32(bytes);
    if (format == "gallery") return parseGallery(bytes);
    TableResult out;
    out.diagnostics.push_back("unknown export format \"" + std::string(format) + "\"");
    return out;
}

}  // namespace assay::instruments::vendors
