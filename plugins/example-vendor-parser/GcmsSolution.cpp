// GcmsSolution: sections, key/value lines and the quantitative table.
#include "GcmsSolution.hpp"

#include <cstdint>
#include <map>
#include <optional>

namespace example_vendor_parser {

namespace {

std::vector<std::string_view> cut(std::string_view line, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto end = line.find(sep, start);
        out.push_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Well-formed UTF-8 without control characters: what the capture module may store as text.
bool cleanUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size() || (n == 1 && (c < 0x20 || c == 0x7F))) return false;
        if (n == 2 && c < 0xC2) return false;  // overlong
        std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d >> 6) != 2) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
        if (cp >= 0x80 && cp <= 0x9F) return false;  // C1 controls
        i += n;
    }
    return true;
}

std::string baseName(std::string_view path) {
    const auto slash = path.find_last_of("\\/");
    if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
    const auto dot = path.rfind('.');
    if (dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
    return std::string(path);
}

}  // namespace

GcmsResult parseGcmsSolution(std::string_view bytes, const GcmsOptions& options) {
    GcmsResult out;
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        out.diagnostics.push_back("a UTF-16 file: export the ASCII file in ANSI/UTF-8");
        return out;
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

    std::map<std::string, std::string> header, info;  // [Header] and [Sample Information] keys
    std::string section;
    bool sawQuant = false, sawColumns = false;
    std::optional<long> declared;  // "# of IDs"
    long rows = 0;
    std::map<std::string, std::size_t> column;  // header name -> index
    struct Row {
        int line;
        std::vector<std::string_view> f;
    };
    std::vector<Row> table;

    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        auto end = bytes.find('\n', pos);
        if (end == std::string_view::npos) end = bytes.size();
        std::string_view line = bytes.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string_view t = trim(line);
        if (t.empty()) {
            if (section == "MS Quantitative Results" && sawColumns) section.clear();  // the table ends at a blank line
            continue;
        }
        if (t.front() == '[' && t.back() == ']') {
            section = std::string(t.substr(1, t.size() - 2));
            if (section == "MS Quantitative Results") {
                if (sawQuant) {
                    out.diagnostics.push_back("line " + std::to_string(lineNo) + ": a second [MS Quantitative Results] section: not read");
                    section = "(repeated)";
                }
                sawQuant = true;
            }
            continue;
        }
        const auto f = cut(line, '\t');
        if (section == "Header" || section == "Sample Information") {
            if (f.size() >= 2) (section == "Header" ? header : info)[std::string(trim(f[0]))] = std::string(trim(f[1]));
            continue;
        }
        if (section != "MS Quantitative Results") continue;
        if (!sawColumns && trim(f[0]) == "# of IDs") {
            if (f.size() >= 2) {
                const std::string n(trim(f[1]));
                if (!n.empty() && n.size() < 8 && n.find_first_not_of("0123456789") == std::string::npos) declared = std::stol(n);
            }
            continue;
        }
        if (!sawColumns) {
            if (trim(f[0]) != "ID#") {
                out.diagnostics.push_back("line " + std::to_string(lineNo) + ": expected the column header (ID#, Name, ...)");
                continue;
            }
            for (std::size_t k = 0; k < f.size(); ++k) column.emplace(std::string(trim(f[k])), k);
            sawColumns = true;
            for (const char* need : {"Name", "Conc."})
                if (!column.count(need)) out.diagnostics.push_back("line " + std::to_string(lineNo) + ": no " + need + " column");
            continue;
        }
        ++rows;
        table.push_back({lineNo, f});
    }

    if (!sawQuant) {
        out.diagnostics.push_back("no [MS Quantitative Results] section: not a GCMSsolution quantitative export");
        return out;
    }
    if (!column.count("Name") || !column.count("Conc.")) return out;
    if (declared && *declared != rows)
        out.diagnostics.push_back("[MS Quantitative Results] says " + std::to_string(*declared) + " compound(s), " + std::to_string(rows) +
                                  " row(s) found");

    // The sample code.
    auto get = [](const std::map<std::string, std::string>& m, const char* key) {
        auto it = m.find(key);
        return it == m.end() ? std::string() : it->second;
    };
    std::string dataFile = get(header, "Data File Name");
    if (dataFile.empty()) dataFile = get(info, "Data File");
    std::string sample;
    if (options.sampleFrom == "sample_id") sample = get(info, "Sample ID");
    else if (options.sampleFrom == "sample_name") sample = get(info, "Sample Name");
    else if (options.sampleFrom == "data_file") sample = baseName(dataFile);
    else sample = !get(info, "Sample ID").empty() ? get(info, "Sample ID") : baseName(dataFile);
    if (options.sampleCut != '\0')
        if (const auto k = sample.find(options.sampleCut); k != std::string::npos) sample.resize(k);
    sample = std::string(trim(sample));
    if (sample.empty()) {
        out.diagnostics.push_back("no sample id (" + options.sampleFrom + "): nothing read");
        return out;
    }
    if (!cleanUtf8(sample)) {
        out.diagnostics.push_back("the sample id is not UTF-8 text: nothing read");
        return out;
    }

    auto cell = [&](const Row& r, const char* name) -> std::string_view {
        auto it = column.find(name);
        return it == column.end() || it->second >= r.f.size() ? std::string_view() : trim(r.f[it->second]);
    };
    for (const auto& r : table) {
        const std::string at = "line " + std::to_string(r.line) + ": ";
        const std::string_view name = cell(r, "Name"), type = cell(r, "Type"), conc = cell(r, "Conc."), unit = cell(r, "Unit");
        if (name.empty()) {
            out.diagnostics.push_back(at + "no compound name");
            continue;
        }
        if (!cleanUtf8(name) || !cleanUtf8(conc) || !cleanUtf8(unit)) {
            out.diagnostics.push_back(at + "not UTF-8 text");
            continue;
        }
        if (type == "ISTD") continue;  // the internal standard's spiked amount, not a result
        if (!type.empty() && type != "Target") {
            out.diagnostics.push_back(at + std::string(name) + ": type " + std::string(type) + " is not read");
            continue;
        }
        if (conc.empty()) {
            out.diagnostics.push_back(at + std::string(name) +
                                      (cell(r, "Ret.Time") == "Not Identified" ? " not identified (no concentration)" : ": no concentration"));
            continue;
        }
        out.readings.push_back({r.line, sample, std::string(name), std::string(conc), std::string(unit)});
    }
    return out;
}

}  // namespace example_vendor_parser
