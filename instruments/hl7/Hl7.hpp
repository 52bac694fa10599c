// Hl7: HL7 v2 over MLLP — the framer, ORU^R01 results and the original-mode ACK.
//
// Purpose: MllpFramer takes socket reads (several messages per read, or one message over many)
// and returns each <VT> message <FS><CR> with its bytes; a message over the size cap or bytes
// outside a frame are diagnostics. parseHl7 splits segments on CR, LF or CRLF and takes the
// encoding characters from MSH-2 (field from MSH-1); escapes \F\ \S\ \T\ \R\ \E\ are decoded
// in one pass. oruResults reads OBR (the sample: OBR-3 filler, else OBR-2 placer) and its OBX
// (analyte, value as sent, units, flags, status, date). judge() decides whether a frame is an HL7
// message at all (MSH first, usable encoding characters, a message type, every line a segment);
// ack() echoes MSH-10 in MSA-2 with AA, AR or AE, and for AR/AE the reason in MSA-3 and an ERR
// segment. Values stay strings ("***.**", "<=^16"); bad bytes never throw.
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

// The acceptance decision for a frame (an MLLP message or an uploaded file on an hl7 instrument).
// Accepted: after any leading line breaks the first segment is MSH; MSH-1 is one punctuation
// character and MSH-2 four (or, from v2.7, five with the truncation character) distinct
// punctuation characters other than it; MSH-9 (the message type) is not empty; and every line is
// a segment: three capital letters or digits, starting with a letter, then the field separator
// (or nothing). Anything else is refused with the first reason found (short enough for MSA-3;
// the web UI's 数据批次 tab translates these texts: server/web/capture.js HL7_REASONS).
// Linear in the frame's size; never throws.
struct Verdict {
    bool accepted = false;
    std::string reason;       // why it is refused; "" when accepted
    bool headerRead = false;  // MSH and its encoding characters could be read (controlId is MSH-10)
    std::string controlId;    // MSH-10 as sent, when headerRead
};
Verdict judge(std::string_view frame);

// The original-mode ACK for m: MSH with the sender and receiver swapped, MSA|code|MSH-10. With a
// reason (AR, AE) MSA-3 carries it (escaped, at most 80 characters) and an ERR segment follows
// (ERR-3 100^Segment sequence error for AR, 207^Application internal error for AE, ERR-4 E,
// ERR-7 the reason). A message whose header could not be read is answered with the default
// encoding characters and empty sender, receiver and control id: pass an empty Hl7Message.
std::string ack(const Hl7Message& m, const std::string& code, const std::string& controlId, const std::string& timestamp,
                const std::string& reason = {});
// The text escaped for an HL7 field (\F\ \S\ \T\ \R\ \E\; CR and LF become spaces).
std::string escape(std::string_view text, const Encoding& e);

}  // namespace assay::instruments::hl7
