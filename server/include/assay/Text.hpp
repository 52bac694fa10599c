// Text: counting and fitting UTF-8 text against its column width.
//
// Purpose: text the system composes from several inputs (an NC description, a suspension reason)
// can exceed its VARCHAR width. SQLite would store it; MariaDB in strict mode refuses it. clip()
// cuts at a code-point boundary (MariaDB counts utf8mb4 characters) and marks the cut with "…".
// Thread-safety: a pure function.
#pragma once

#include <cstddef>
#include <string>

namespace assay {

inline std::string clip(const std::string& text, std::size_t maxChars) {
    std::size_t chars = 0, i = 0, cut = 0;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        if (chars == maxChars - 1) cut = i;
        if (++chars > maxChars) return text.substr(0, cut) + "…";
        i += len;
    }
    return text;
}

// Characters (code points) of UTF-8 text, as MariaDB counts them for VARCHAR(n).
inline std::size_t chars(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// Adds "at most n characters" for field when value is longer; true when it is.
template <class Errors>
bool tooLong(Errors& errors, const std::string& field, const std::string& value, std::size_t n) {
    if (chars(value) <= n) return false;
    errors.push_back({field, "at most " + std::to_string(n) + " characters"});
    return true;
}

}  // namespace assay
