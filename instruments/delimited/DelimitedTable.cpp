// DelimitedTable: decoding, RFC 4180-style splitting, long and wide layouts, decimal commas.
#include "delimited/DelimitedTable.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include <cctype>
#include <map>

namespace assay::instruments::delimited {

namespace {
void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<std::string> fromUtf16(std::string_view b, bool little, std::string& problem) {
    if (b.size() % 2) {
        problem = "UTF-16 with an odd number of bytes";
        return std::nullopt;
    }
    std::string out;
    for (std::size_t i = 0; i < b.size(); i += 2) {
        const unsigned lo = static_cast<unsigned char>(b[i]), hi = static_cast<unsigned char>(b[i + 1]);
        unsigned u = little ? (hi << 8 | lo) : (lo << 8 | hi);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= b.size()) {
                problem = "UTF-16 ends inside a surrogate pair";
                return std::nullopt;
            }
            const unsigned lo2 = static_cast<unsigned char>(b[i + 2]), hi2 = static_cast<unsigned char>(b[i + 3]);
            const unsigned u2 = little ? (hi2 << 8 | lo2) : (lo2 << 8 | hi2);
            if (u2 < 0xDC00 || u2 > 0xDFFF) {
                problem = "a broken UTF-16 surrogate pair";
                return std::nullopt;
            }
            u = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            problem = "a lone UTF-16 low surrogate";
            return std::nullopt;
        }
        appendUtf8(out, u);
    }
    return out;
}

bool validUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!n || i + n > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += n;
    }
    return true;
}

// Rows of cells; each row remembers the line it started on.
std::vector<std::pair<int, std::vector<std::string>>> splitRows(const std::string& text, char delimiter, std::vector<std::string>& diagnostics) {
    std::vector<std::pair<int, std::vector<std::string>>> rows;
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false, any = false;
    int line = 1, start = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && cell.empty()) {
            quoted = any = true;
        } else if (c == delimiter) {
            cells.push_back(cell);
            cell.clear();
            any = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !cell.empty()) {
                cells.push_back(cell);
                rows.emplace_back(start, cells);
            }
            cells.clear();
            cell.clear();
            any = false;
            start = ++line;
        } else {
            cell += c;
            any = true;
        }
    }
    if (quoted) diagnostics.push_back("line " + std::to_string(start) + ": a quoted cell is not closed");
    if (any || !cell.empty()) {
        cells.push_back(cell);
        rows.emplace_back(start, cells);
    }
    return rows;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// "0,0123" -> "0.0123", "<0,005" -> "<0.005"; anything else stays as it is.
std::string decimalPoint(const std::string& v) {
    const auto comma = v.find(',');
    if (comma == std::string::npos || v.find(',', comma + 1) != std::string::npos) return v;
    std::size_t i = 0;
    while (i < v.size() && (v[i] == '<' || v[i] == '>' || v[i] == '=' || v[i] == '-' || v[i] == '+')) ++i;
    for (std::size_t k = i; k < v.size(); ++k)
        if (k != comma && !std::isdigit(static_cast<unsigned char>(v[k]))) return v;
    std::string out = v;
    out[comma] = '.';
    return out;
}
}  // namespace

const std::vector<std::string>& codePages() {
    static const std::vector<std::string> pages{"gb18030", "gbk", "big5", "shift_jis", "windows-1252", "iso-8859-1"};
    return pages;
}

namespace {
// A legacy code page to UTF-8 through glibc's iconv; a byte sequence the code page does not have
// is a problem naming its offset, never a guess.
std::optional<std::string> fromCodePage(std::string_view b, const std::string& encoding, std::string& problem) {
    if (std::find(codePages().begin(), codePages().end(), encoding) == codePages().end()) {
        problem = "unknown encoding " + encoding;
        return std::nullopt;
    }
    iconv_t cd = iconv_open("UTF-8", encoding == "windows-1252" ? "CP1252" : encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        problem = "the encoding " + encoding + " is not available on this system";
        return std::nullopt;
    }
    std::string out(b.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(b.data());
    std::size_t inLeft = b.size(), used = 0;
    std::optional<std::string> result;
    for (;;) {
        if (inLeft == 0) {
            out.resize(used);
            result = std::move(out);
            break;
        }
        char* dst = out.data() + used;
        std::size_t outLeft = out.size() - used;
        const std::size_t r = iconv(cd, &in, &inLeft, &dst, &outLeft);
        used = out.size() - outLeft;
        if (r != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        problem = "byte " + std::to_string(b.size() - inLeft) + " is not " + encoding + " text";
        break;
    }
    iconv_close(cd);
    return result;
}
}  // namespace

std::optional<std::string> toUtf8(std::string_view b, const std::string& encoding, std::string& problem) {
    if (encoding == "utf-16le" || (encoding == "auto" && b.size() >= 2 && b[0] == '\xFF' && b[1] == '\xFE'))
        return fromUtf16(b.substr(b.size() >= 2 && b[0] == '\xFF' && b[1] == '\xFE' ? 2 : 0), true, problem);
    if (encoding == "utf-16be" || (encoding == "auto" && b.size() >= 2 && b[0] == '\xFE' && b[1] == '\xFF'))
        return fromUtf16(b.substr(b.size() >= 2 && b[0] == '\xFE' && b[1] == '\xFF' ? 2 : 0), false, problem);
    if (encoding != "auto" && encoding != "utf-8") return fromCodePage(b, encoding, problem);
    if (b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
    if (!validUtf8(b)) {
        problem = "the file is not UTF-8 (set the instrument's encoding)";
        return std::nullopt;
    }
    return std::string(b);
}

TableResult parseTable(std::string_view bytes, const TableProfile& p) {
    TableResult out;
    std::string problem;
    auto text = toUtf8(bytes, p.encoding, problem);
    if (!text) {
        out.diagnostics.push_back(problem);
        return out;
    }
    auto rows = splitRows(*text, p.delimiter, out.diagnostics);
    const std::size_t headerAt = static_cast<std::size_t>(std::max(0, p.skipRows) + std::max(1, p.headerRows) - 1);
    if (rows.size() <= headerAt) {
        out.diagnostics.push_back("no header row");
        return out;
    }
    std::map<std::string, std::size_t> col;
    const auto& header = rows[headerAt].second;
    for (std::size_t i = 0; i < header.size(); ++i) col.emplace(trim(header[i]), i);
    auto need = [&](const std::string& name, const char* what) -> std::optional<std::size_t> {
        if (name.empty()) return std::nullopt;
        auto it = col.find(name);
        if (it == col.end()) out.diagnostics.push_back(std::string("the header has no ") + what + " column \"" + name + "\"");
        return it == col.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    };
    const auto sample = need(p.sampleColumn, "sample");
    if (!sample) {
        if (p.sampleColumn.empty()) out.diagnostics.push_back("the profile names no sample column");
        return out;
    }
    const auto unit = need(p.unitColumn, "unit");
    std::vector<std::pair<std::string, std::size_t>> analytes;  // wide layout
    std::optional<std::size_t> analyte, value;
    if (p.layout == "wide") {
        if (p.analyteColumns.empty()) {
            for (std::size_t i = 0; i < header.size(); ++i)
                if (i != *sample && (!unit || i != *unit) && !trim(header[i]).empty()) analytes.emplace_back(trim(header[i]), i);
        } else {
            for (const auto& a : p.analyteColumns)
                if (auto i = need(a, "analyte")) analytes.emplace_back(a, *i);
        }
    } else {
        analyte = need(p.analyteColumn, "analyte");
        value = need(p.valueColumn, "value");
        if (!analyte || !value) return out;
    }
    auto cell = [](const std::vector<std::string>& r, std::size_t i) { return i < r.size() ? trim(r[i]) : std::string(); };
    for (std::size_t k = headerAt + 1; k < rows.size(); ++k) {
        const int line = rows[k].first;  // (no structured binding: lambdas below capture these)
        const std::vector<std::string>& r = rows[k].second;
        const std::string id = cell(r, *sample);
        if (id.empty()) {
            out.diagnostics.push_back("line " + std::to_string(line) + ": no sample id");
            continue;
        }
        auto push = [&](const std::string& a, std::string v) {
            if (v.empty()) return;  // an analyte not measured for this sample
            out.rows.push_back({line, id, a, p.decimalComma ? decimalPoint(v) : v, unit ? cell(r, *unit) : std::string()});
        };
        if (p.layout == "wide") {
            for (const auto& [name, i] : analytes) push(name, cell(r, i));
        } else {
            const std::string a = cell(r, *analyte);
            if (a.empty()) out.diagnostics.push_back("line " + std::to_string(line) + ": no analyte");
            else push(a, cell(r, *value));
        }
    }
    return out;
}

}  // namespace assay::instruments::delimited
