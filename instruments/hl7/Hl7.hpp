// Hl7: HL7 v2 over MLLP — the framer, ORU^R01 results and the original-mode ACK.
//
// Purpose: MllpFramer takes socket reads (several messages per read, or one message over many)
// and returns each <VT> message <FS><CR> with its bytes; a message over the size cap or bytes
// outside a frame are diagnostics. parseHl7 splits segments on CR, LF or CRLF and takes the
// encoding characters from MSH-2 (field from MSH-1); escapes \F\ \S\ \T\ \R\ \E\ are decoded
// in one pass. oruResults reads OBR (the sample: OBR-3 filler, else OBR-2 placer) and its OBX
// (analyte, value as sent, units, flags, status, date). ack() echoes MSH-10 in MSA-2 with AA or
// AE. Values stay strings ("***.**", "<=^16"); bad bytes never throw.
// Thread-safety: MllpFramer is one per connection; the functions are pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace assay::instruments::hl7 {

constexpr char kStartBlock = 0x0B, kEndBlock = 0x1C, kCr = 0x0D;

struct MllpEvent {
    bool message = false;  // true: text is a complete message; false: text is a diagnostic
    std::string text;
};

class MllpFramer {
public:
    explicit MllpFramer(std::size_t maxBytes = 16u << 20) : max_(maxBytes) {}
    std::vector<MllpEvent> feed(std::string_view bytes);
    // The time between start and end block ran out: a partial message is dropped.
    std::vector<MllpEvent> timeout();

private:
    std::size_t max_;
    bool inside_ = false, sawEnd_ = false, overflow_ = false;
    std::string buf_;
};

// Wraps a message for sending: <VT> message <FS><CR>.
std::string mllpWrap(std::string_view message);

struct Encoding {
    char field = '|', component = '^', repeat = '~', escape = '\\', subcomponent = '&';
};

struct Segment {
    std::string id;                   // MSH, PID, OBR, OBX ...
    std::vector<std::string> fields;  // fields[n] is field n (MSH: fields[1] is MSH-1, the separator)
    // Field n, component c (1-based; c 0 = the whole first repetition), decoded; "" when absent.
    std::string get(std::size_t n, std::size_t c, const Encoding& e) const;
};

struct Hl7Message {
    Encoding encoding;
    std::vector<Segment> segments;
    std::vector<std::string> diagnostics;
    const Segment* first(const std::string& id) const;
};

Hl7Message parseHl7(std::string_view text);
std::string unescape(std::string_view raw, const Encoding& e);

struct Observation {
    std::string sampleId;  // OBR-3 (filler), else OBR-2 (placer)
    std::string code;      // OBX-3 component 1
    std::string name;      // OBX-3 component 2
    std::string valueType; // OBX-2
    std::string value;     // OBX-5 as sent
    std::string units;     // OBX-6 component 1
    std::string flags;     // OBX-8
    std::string status;    // OBX-11
    std::string observedAt;  // OBX-14, else OBX-19, else OBR-7
};

std::vector<Observation> oruResults(const Hl7Message& m, std::vector<std::string>& diagnostics);

// The original-mode ACK for m: MSH with the sender and receiver swapped, MSA|code|MSH-10.
std::string ack(const Hl7Message& m, const std::string& code, const std::string& controlId, const std::string& timestamp);

}  // namespace assay::instruments::hl7
