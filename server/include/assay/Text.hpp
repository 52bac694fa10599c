// Text: counting, fitting and trimming UTF-8 text.
//
// Purpose: text the system composes from several inputs (an NC description, a suspension reason)
// can exceed its VARCHAR width. SQLite would store it; MariaDB in strict mode refuses it. clip()
// cuts at a code-point boundary (MariaDB counts utf8mb4 characters) and marks the cut with "…".
// A required justification (a reason, a cause, a note where one is required) must hold visible
// text (R20): requiredText() is the one check every module uses; it trims the invisible
// characters at both ends and refuses what is left empty.
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/Error.hpp"
#include "assay/Messages.hpp"

namespace assay {

// The length of the UTF-8 sequence that byte c starts: 1-4, or 0 when c cannot start one.
constexpr std::size_t utf8Length(unsigned char c) {
    return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
}

inline std::string clip(const std::string& text, std::size_t maxChars) {
    std::size_t chars = 0, i = 0, cut = 0;
    while (i < text.size()) {
        const std::size_t len = std::max<std::size_t>(utf8Length(static_cast<unsigned char>(text[i])), 1);
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
    errors.push_back({field, Message(msg::kAtMostChars, {{"max", n}})});
    return true;
}

// Whether code point cp shows nothing: Unicode White_Space (tab, newline, U+0020, U+00A0, U+2000-
// U+200A, U+3000 ...), a control character (Cc), or a Default_Ignorable_Code_Point (zero-width
// space and joiners, U+FEFF, bidi marks, soft hyphen, variation selectors, Hangul fillers ...).
constexpr bool invisible(char32_t cp) {
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x115F ||
           cp == 0x1160 || cp == 0x1680 || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 ||
           (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
           (cp >= 0xE0000 && cp <= 0xE0FFF);
}

// The text without the invisible characters (see invisible()) at either end; inside, nothing is
// changed. Empty when nothing visible is left. A malformed UTF-8 byte counts as visible.
inline std::string trimmed(std::string_view text) {
    std::size_t first = text.size(), end = 0, i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t len = utf8Length(c);
        char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        bool ok = len != 0 && i + len <= text.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        const std::size_t step = ok ? len : 1;
        if (!ok || !invisible(cp)) {
            if (first == text.size()) first = i;
            end = i + step;
        }
        i += step;
    }
    return first < end ? std::string(text.substr(first, end - first)) : std::string();
}

// The one check of a required justification (a reason, a cause, a note where one is required,
// R20): returns the text trimmed (trimmed()), which is what is stored; adds {field, problem} when
// nothing visible is left, and "at most n characters" when the trimmed text is longer.
// problem is a Message (or a MessageDef) or, until its module is converted, an English text.
template <class Errors, class Problem>
std::string requiredText(Errors& errors, const std::string& field, std::string_view text, const Problem& problem,
                         std::size_t maxChars) {
    std::string t = trimmed(text);
    if (t.empty()) errors.push_back({field, problem});
    else tooLong(errors, field, t, maxChars);
    return t;
}

// A justification required only sometimes (a note required with a decision): trimmed, and empty
// when blank; where required, requiredText() answers.
template <class Errors, class Problem>
std::optional<std::string> optionalText(Errors& errors, const std::string& field, const std::optional<std::string>& text,
                                        bool required, const Problem& problem, std::size_t maxChars) {
    std::string t = trimmed(text.value_or(""));
    if (t.empty() && !required) return std::nullopt;
    return requiredText(errors, field, t, problem, maxChars);
}

// requiredText() on its own: throws the 400 naming field.
template <class Problem>
std::string requireText(const std::string& field, std::string_view text, const Problem& problem, std::size_t maxChars) {
    std::vector<FieldError> errors;
    std::string t = requiredText(errors, field, text, problem, maxChars);
    if (!errors.empty()) throw Error::invalid(errors);
    return t;
}

}  // namespace assay
