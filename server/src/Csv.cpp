// Csv: encoding detection and conversion (iconv) and an RFC 4180 reader.
#include "assay/Csv.hpp"

#include <cerrno>
#include <iconv.h>

namespace assay {

namespace {
bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;  // continuation bytes
        if (c < 0x80) n = 0;
        else if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2;
        else if (c >= 0xF0 && c <= 0xF4) n = 3;
        else return false;
        if (n > 0 && i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k)
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

CsvResult parseCsv(std::string_view s, char delimiter) {
    CsvResult result;
    std::size_t i = 0;
    int line = 1;
    while (i < s.size()) {
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
                    if (c == '\n') ++line;
                    field += c;
                    ++i;
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = fieldStarted = true;
                ++i;
            } else if (c == delimiter) {
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

}  // namespace assay
