// Csv: encoding detection and conversion (iconv) and an RFC 4180 reader.
#include "assay/Csv.hpp"

#include "assay/Json.hpp"

#include <cctype>
#include <cerrno>
#include <iconv.h>

namespace assay {

namespace {
// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; and no control characters
// other than tab, CR and LF (a NUL would cut text short downstream).
bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') return false;
            if (c == 0x7F) return false;
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c == 0xE0) n = 2, lo = 0xA0;
        else if (c == 0xED) n = 2, hi = 0x9F;
        else if (c >= 0xE1 && c <= 0xEF) n = 2;
        else if (c == 0xF0) n = 3, lo = 0x90;
        else if (c == 0xF4) n = 3, hi = 0x8F;
        else if (c >= 0xF1 && c <= 0xF3) n = 3;
        else return false;
        if (i + n >= s.size()) return false;
        const unsigned char second = static_cast<unsigned char>(s[i + 1]);
        if (second < lo || second > hi) return false;
        for (std::size_t k = 2; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

std::optional<std::string> fromGb18030(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    std::size_t used = 0;
    bool ok = true;
    while (inLeft > 0) {
        char* dst = out.data() + used;
        std::size_t outLeft = out.size() - used;
        const std::size_t r = iconv(cd, &in, &inLeft, &dst, &outLeft);
        used = out.size() - outLeft;
        if (r == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                out.resize(out.size() * 2);
                continue;
            }
            ok = false;  // EILSEQ / EINVAL: not GB18030
            break;
        }
    }
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(used);
    return out;
}
}  // namespace

std::optional<std::string> decodeText(std::string_view bytes, const std::string& encoding) {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        if (encoding == "gb18030") return std::nullopt;
        bytes.remove_prefix(3);
        return validUtf8(bytes) ? std::optional<std::string>(std::string(bytes)) : std::nullopt;
    }
    if (encoding == "utf-8") return validUtf8(bytes) ? std::optional<std::string>(std::string(bytes)) : std::nullopt;
    if (encoding == "gb18030") return fromGb18030(bytes);
    if (encoding == "auto") return validUtf8(bytes) ? std::optional<std::string>(std::string(bytes)) : fromGb18030(bytes);
    return std::nullopt;
}

CsvResult parseCsv(std::string_view s, char delimiter, std::size_t maxRows, std::size_t maxFields) {
    CsvResult result;
    std::size_t i = 0;
    int line = 1;
    while (i < s.size()) {
        if (result.rows.size() >= maxRows) {
            result.diagnostics.push_back("more than " + std::to_string(maxRows) + " rows; the rest was not read");
            break;
        }
        CsvRow row;
        row.line = line;
        std::string field;
        bool quoted = false, fieldStarted = false, endOfRecord = false;
        while (i < s.size() && !endOfRecord) {
            const char c = s[i];
            if (quoted) {
                if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                    field += '"';
                    i += 2;
                } else if (c == '"') {
                    quoted = false;
                    ++i;
                } else {
                    if (c == '\n' || (c == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
                    field += c;
                    ++i;
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = fieldStarted = true;
                ++i;
            } else if (c == delimiter) {
                if (row.fields.size() + 1 >= maxFields) {
                    result.diagnostics.push_back("line " + std::to_string(row.line) + ": more than " + std::to_string(maxFields) +
                                                 " fields");
                    return result;
                }
                row.fields.push_back(std::move(field));
                field.clear();
                fieldStarted = false;
                ++i;
            } else if (c == '\r' || c == '\n') {
                i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
                ++line;
                endOfRecord = true;
            } else {
                field += c;
                fieldStarted = true;
                ++i;
            }
        }
        if (quoted) result.diagnostics.push_back("line " + std::to_string(row.line) + ": unterminated quoted field");
        row.fields.push_back(std::move(field));
        const bool blank = row.fields.size() == 1 && row.fields[0].empty();
        if (!blank) result.rows.push_back(std::move(row));
    }
    return result;
}

namespace {
std::string trimmed(std::string v) {
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
    std::size_t lead = 0;
    while (lead < v.size() && (v[lead] == ' ' || v[lead] == '\t')) ++lead;
    return v.substr(lead);
}
}  // namespace

CsvColumns csvColumns(const CsvRow& header, const std::map<std::string, std::string>& aliases,
                      const std::vector<std::string>& required, std::vector<FieldError>& errors) {
    CsvColumns col;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string name = trimmed(header.fields[i]);
        if (name.empty()) continue;
        std::string lower = name;
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto it = aliases.find(lower);
        if (it == aliases.end()) errors.push_back({"header", "unknown column '" + name + "'"});
        else if (!col.emplace(it->second, i).second) errors.push_back({"header", "column '" + name + "' appears twice"});
    }
    for (const auto& key : required)
        if (!col.count(key)) errors.push_back({"header", "the column " + key + " is missing"});
    return col;
}

std::string csvCell(const CsvRow& row, const CsvColumns& columns, const std::string& key) {
    auto it = columns.find(key);
    if (it == columns.end() || it->second >= row.fields.size()) return "";
    return trimmed(row.fields[it->second]);
}

void csvTextProblems(const CsvResult& csv, const CsvColumns& columns, const std::set<std::string>& multiLine,
                     std::vector<FieldError>& errors) {
    for (std::size_t r = 1; r < csv.rows.size(); ++r)
        for (const auto& [key, index] : columns) {
            if (index >= csv.rows[r].fields.size()) continue;
            if (const char* problem = textProblem(csv.rows[r].fields[index], multiLine.count(key) ? Lines::many : Lines::one))
                errors.push_back({"line[" + std::to_string(csv.rows[r].line) + "]." + key, problem});
        }
}

}  // namespace assay
