// MtSics: Mettler Toledo MT-SICS balance replies (read weights, identify the balance).
//
// Purpose: a balance answers one CR LF terminated line per command: `S S    0.00008 g` (stable),
// `S D   12.3456 g` (dynamic: still moving), `S I` (busy), `S +` / `S -` (overload, underload),
// `I4 A "B207696838"` (its serial number, kept for calibration traceability), and the stand-alone
// errors `ES` (syntax), `ET` (transmission), `EL` (logical). parseReply reads one line by
// whitespace (never fixed columns; widths and units vary by model) and keeps the weight as the
// string sent. LineReader cuts a byte stream into lines. Nothing throws on bad bytes.
// Thread-safety: LineReader is one per connection; parseReply is pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace assay::instruments::mtsics {

struct Reply {
    enum class Kind { Weight, Identity, Done, Busy, Overload, Underload, SyntaxError, TransmissionError, LogicalError, Other, Unreadable };
    Kind kind = Kind::Unreadable;
    std::string command;  // S, SI, I4, Z ...
    bool stable = false;  // Weight: S (stable) rather than D (dynamic)
    std::string value;    // Weight: "-0.00102" as sent; Identity: the quoted text
    std::string unit;     // Weight: "g"
    std::string problem;  // Unreadable / errors: why
};

Reply parseReply(std::string_view line);

// The commands a client sends (CR LF terminated).
inline std::string command(std::string_view name) { return std::string(name) + "\r\n"; }

// A weighing as stored raw data (R20): a short header the host writes (sample, analyte, time),
// then every line sent ("> S") and received ("< S D   12.3456 g"), the received ones byte for
// byte. readTranscript() takes the stable weight the balance finally gave (a dynamic one is never
// a result), the serial number from its I4 answer, and diagnostics for everything else.
struct Weighing {
    std::string sampleCode, analyte, at;
    std::string serial;        // I4
    bool stable = false;
    std::string value, unit;   // the stable weight, as sent
    std::vector<std::string> diagnostics;  // "line 7: dynamic weight 12.3456 g (still moving)"
};
std::string transcriptHeader(std::string_view sampleCode, std::string_view analyte, std::string_view at);
std::string transcriptLine(char direction, std::string_view line);  // direction '>' sent, '<' received
Weighing readTranscript(std::string_view bytes);

class LineReader {
public:
    // Complete lines (without CR LF) in this read; a line over 1024 bytes is cut and reported.
    std::vector<std::string> feed(std::string_view bytes);

private:
    std::string buf_;
};

}  // namespace assay::instruments::mtsics
