// SearchTerms: unigrams and bigrams of Chinese runs, lower-case words of the rest.
#include "domain/SearchTerms.hpp"

#include <cstdint>

namespace assay::platform {

namespace {
enum class Kind { Cjk, Word, Gap };

// Decodes one UTF-8 code point at s[i] (advancing i); an invalid byte is U+FFFD.
char32_t next(const std::string& s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return c;
}

Kind kindOf(char32_t c) {
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F))
        return Kind::Cjk;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Kind::Word;
    if (c >= 0xFF10 && c <= 0xFF19) return Kind::Word;  // full-width digits
    if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) return Kind::Word;  // full-width letters
    return Kind::Gap;
}

char asciiOf(char32_t c) {
    if (c >= 0xFF10 && c <= 0xFF19) return static_cast<char>('0' + (c - 0xFF10));
    if (c >= 0xFF21 && c <= 0xFF3A) return static_cast<char>('a' + (c - 0xFF21));
    if (c >= 0xFF41 && c <= 0xFF5A) return static_cast<char>('a' + (c - 0xFF41));
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return static_cast<char>(c);
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

struct Segment {
    Kind kind;
    std::vector<char32_t> chars;
};

// The runs of Chinese characters and of letters/digits, in order (gaps dropped).
std::vector<Segment> segments(const std::string& text) {
    std::vector<Segment> out;
    Kind last = Kind::Gap;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next(text, i);
        const Kind k = kindOf(c);
        if (k != Kind::Gap) {
            if (k != last) out.push_back({k, {}});
            out.back().chars.push_back(k == Kind::Word ? static_cast<char32_t>(asciiOf(c)) : c);
        }
        last = k;
    }
    return out;
}

std::string text(const std::vector<char32_t>& cs, std::size_t from, std::size_t n) {
    std::string out;
    for (std::size_t i = from; i < from + n && i < cs.size(); ++i) appendUtf8(out, cs[i]);
    return out;
}

// The bigrams of a Chinese run (or its one character).
std::vector<std::string> bigrams(const std::vector<char32_t>& cs) {
    std::vector<std::string> out;
    if (cs.size() == 1) out.push_back(text(cs, 0, 1));
    for (std::size_t i = 0; i + 1 < cs.size(); ++i) out.push_back(text(cs, i, 2));
    return out;
}

bool lettersOnly(const std::string& word) {
    for (char c : word)
        if (!(c >= 'a' && c <= 'z')) return false;
    return !word.empty();
}

std::string quoted(const std::vector<std::string>& phrase) {
    std::string out = "\"";
    for (std::size_t i = 0; i < phrase.size(); ++i) out += (i ? " " : "") + phrase[i];
    return out + "\"";
}
}  // namespace

std::string indexTerms(const std::vector<std::string>& fields) {
    std::string out;
    auto add = [&](const std::string& t) {
        if (!out.empty()) out += ' ';
        out += t;
    };
    for (const auto& f : fields) {
        for (const auto& seg : segments(f)) {
            if (seg.kind == Kind::Word) {
                add(text(seg.chars, 0, seg.chars.size()));
                continue;
            }
            for (const auto& b : bigrams(seg.chars)) add(b);
            if (seg.chars.size() > 1)
                for (std::size_t i = 0; i < seg.chars.size(); ++i) add(text(seg.chars, i, 1));
        }
    }
    return out;
}

std::vector<std::vector<std::string>> queryPhrases(const std::string& query) {
    // Words split on white space (ASCII and the ideographic space); a word of letters only
    // ("GB", "GB/T") joins the next word when that starts with a digit: a standard typed apart.
    std::vector<std::string> words;
    std::string cur;
    for (std::size_t i = 0; i < query.size();) {
        const std::size_t at = i;
        const char32_t c = next(query, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000) {
            if (!cur.empty()) words.push_back(cur);
            cur.clear();
        } else {
            cur += query.substr(at, i - at);
        }
    }
    if (!cur.empty()) words.push_back(cur);

    std::vector<std::vector<std::string>> phrases;
    bool joinNext = false;
    for (const auto& w : words) {
        std::vector<std::string> tokens;
        for (const auto& seg : segments(w)) {
            if (seg.kind == Kind::Word) {
                tokens.push_back(text(seg.chars, 0, seg.chars.size()));
            } else {
                for (const auto& b : bigrams(seg.chars)) tokens.push_back(b);
            }
        }
        if (tokens.empty()) continue;
        const bool startsWithDigit = tokens.front()[0] >= '0' && tokens.front()[0] <= '9';
        if (joinNext && startsWithDigit && !phrases.empty()) {
            phrases.back().insert(phrases.back().end(), tokens.begin(), tokens.end());
        } else {
            phrases.push_back(tokens);
        }
        joinNext = true;
        for (const auto& t : tokens) joinNext = joinNext && lettersOnly(t);
    }
    return phrases;
}

std::string fts5Match(const std::vector<std::vector<std::string>>& phrases) {
    std::string out;
    for (const auto& p : phrases) out += (out.empty() ? "" : " AND ") + quoted(p);
    return out;
}

std::string mroongaMatch(const std::vector<std::vector<std::string>>& phrases) {
    std::string out;
    for (auto p : phrases) {
        for (auto& t : p) t += '_';
        out += (out.empty() ? "+" : " +") + quoted(p);
    }
    return out;
}

std::string mroongaTerms(const std::string& terms) {
    std::string out;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        if (terms[i] == ' ') out += '_';
        out += terms[i];
    }
    if (!terms.empty()) out += '_';
    return out;
}

}  // namespace assay::platform
