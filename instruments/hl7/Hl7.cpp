// Hl7: MLLP framing, segment and field parsing, ORU observations, ACK.
#include "hl7/Hl7.hpp"

#include <algorithm>

#include "common/Split.hpp"

namespace assay::instruments::hl7 {

using instruments::split;

std::vector<MllpEvent> MllpFramer::feed(std::string_view bytes) {
    std::vector<MllpEvent> out;
    for (char c : bytes) {
        if (!inside_) {
            if (c == kStartBlock) {
                inside_ = true;
                sawEnd_ = overflow_ = false;
                buf_.clear();
            } else if (c != kCr && c != '\n') {
                out.push_back({false, "byte outside an MLLP frame ignored"});
            }
            continue;
        }
        if (sawEnd_) {  // after <FS>: <CR> ends the frame (tolerate its absence)
            if (!overflow_) out.push_back({true, buf_});
            inside_ = false;
            buf_.clear();
            if (c == kStartBlock) {
                inside_ = true;
                sawEnd_ = overflow_ = false;
            }
            continue;
        }
        if (c == kEndBlock) {
            sawEnd_ = true;
        } else if (c == kStartBlock) {
            out.push_back({false, "a new message started before the previous one ended: the partial one is dropped"});
            buf_.clear();
            overflow_ = false;
        } else if (buf_.size() >= max_) {
            if (!overflow_) out.push_back({false, "message larger than " + std::to_string(max_) + " bytes: dropped"});
            overflow_ = true;
        } else {
            buf_ += c;
        }
    }
    return out;
}

std::vector<MllpEvent> MllpFramer::timeout() {
    std::vector<MllpEvent> out;
    if (inside_ && !buf_.empty()) out.push_back({false, "timeout: a partial message was dropped"});
    inside_ = sawEnd_ = overflow_ = false;
    buf_.clear();
    return out;
}

std::string mllpWrap(std::string_view message) { return std::string(1, kStartBlock) + std::string(message) + kEndBlock + kCr; }

std::string unescape(std::string_view raw, const Encoding& e) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == e.escape && i + 2 < raw.size() && raw[i + 2] == e.escape) {
            const char code = raw[i + 1];
            const char mapped = code == 'F'   ? e.field
                                : code == 'S' ? e.component
                                : code == 'T' ? e.subcomponent
                                : code == 'R' ? e.repeat
                                : code == 'E' ? e.escape
                                              : 0;
            if (mapped) {
                out += mapped;
                i += 2;
                continue;
            }
        }
        out += raw[i];
    }
    return out;
}

std::string Segment::get(std::size_t n, std::size_t c, const Encoding& e) const {
    if (n >= fields.size()) return {};
    const std::string first = split(fields[n], e.repeat).front();
    if (c == 0) return unescape(first, e);
    const auto parts = split(first, e.component);
    return c <= parts.size() ? unescape(parts[c - 1], e) : std::string();
}

const Segment* Hl7Message::first(const std::string& id) const {
    for (const auto& s : segments)
        if (s.id == id) return &s;
    return nullptr;
}

Hl7Message parseHl7(std::string_view text) {
    Hl7Message m;
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == '\r' || text[i] == '\n') {
            if (i > start) lines.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    int n = 0;
    for (auto line : lines) {
        ++n;
        if (line.size() < 4) {
            m.diagnostics.push_back("segment " + std::to_string(n) + ": too short");
            continue;
        }
        if (line.substr(0, 3) == "MSH") {
            if (line.size() < 8) {
                m.diagnostics.push_back("segment " + std::to_string(n) + ": MSH without its encoding characters");
                continue;
            }
            m.encoding = {line[3], line[4], line[5], line[6], line[7]};
            Segment s{"MSH", split(line, m.encoding.field)};
            // Split on '|', index k is MSH-(k+1): insert MSH-1 (the separator itself) to number them alike.
            s.fields.insert(s.fields.begin() + 1, std::string(1, m.encoding.field));
            m.segments.push_back(std::move(s));
            continue;
        }
        if (line[3] != m.encoding.field) {
            m.diagnostics.push_back("segment " + std::to_string(n) + ": no field separator after the segment id");
            continue;
        }
        auto fields = split(line, m.encoding.field);
        m.segments.push_back({fields[0], fields});
    }
    if (m.segments.empty() || m.segments.front().id != "MSH") m.diagnostics.push_back("the message does not start with MSH");
    return m;
}

std::vector<Observation> oruResults(const Hl7Message& m, std::vector<std::string>& diagnostics) {
    std::vector<Observation> out;
    const Encoding& e = m.encoding;
    const Segment* obr = nullptr;
    for (const auto& s : m.segments) {
        if (s.id == "OBR") obr = &s;
        if (s.id == "PID") obr = nullptr;
        if (s.id != "OBX") continue;
        Observation o;
        if (obr) {
            o.sampleId = obr->get(3, 1, e);
            if (o.sampleId.empty()) o.sampleId = obr->get(2, 1, e);
        } else {
            diagnostics.push_back("an OBX without an OBR before it");
        }
        o.valueType = s.get(2, 0, e);
        o.code = s.get(3, 1, e);
        o.name = s.get(3, 2, e);
        o.value = s.get(5, 0, e);
        o.units = s.get(6, 1, e);
        o.flags = s.get(8, 0, e);
        o.status = s.get(11, 0, e);
        o.observedAt = s.get(14, 1, e);
        if (o.observedAt.empty()) o.observedAt = s.get(19, 1, e);
        if (o.observedAt.empty() && obr) o.observedAt = obr->get(7, 1, e);
        out.push_back(std::move(o));
    }
    return out;
}

namespace {
// Characters HL7 allows as separators: printable ASCII that is neither a letter, a digit nor a space.
bool separatorChar(char c) {
    const unsigned char u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}
bool segmentId(std::string_view line) {
    if (line.size() < 3 || line[0] < 'A' || line[0] > 'Z') return false;
    for (std::size_t i = 1; i < 3; ++i)
        if (!((line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= '0' && line[i] <= '9'))) return false;
    return true;
}
}  // namespace

Verdict judge(std::string_view frame) {
    Verdict v;
    std::size_t at = frame.find_first_not_of("\r\n");
    if (at == std::string_view::npos) {
        v.reason = "empty message";
        return v;
    }
    auto lineAt = [&](std::size_t from) {
        const std::size_t end = frame.find_first_of("\r\n", from);
        return frame.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
    };
    const std::string_view msh = lineAt(at);
    if (msh.substr(0, 3) != "MSH") {
        v.reason = "not an HL7 message: it does not start with an MSH segment";
        return v;
    }
    if (msh.size() < 4 || !separatorChar(msh[3])) {
        v.reason = "MSH-1 (the field separator) is missing or not a punctuation character";
        return v;
    }
    const char field = msh[3];
    const std::size_t encEnd = msh.find(field, 4);
    const std::string_view enc = msh.substr(4, encEnd == std::string_view::npos ? std::string_view::npos : encEnd - 4);
    bool encodingOk = enc.size() == 4 || enc.size() == 5;
    for (std::size_t i = 0; encodingOk && i < enc.size(); ++i)
        encodingOk = separatorChar(enc[i]) && enc[i] != field && enc.find(enc[i]) == i;
    if (!encodingOk) {
        v.reason = "MSH-2 (the encoding characters) must be four distinct punctuation characters such as ^~\\&";
        return v;
    }
    const auto fields = split(msh, field);  // fields[k] is MSH-(k+1)
    v.headerRead = true;
    if (fields.size() > 9) v.controlId = fields[9].substr(0, 199);
    if (fields.size() < 9 || fields[8].empty()) {
        v.reason = "MSH-9 (the message type) is empty";
        return v;
    }
    int n = 1;
    for (std::size_t pos = at + msh.size(); pos < frame.size();) {
        pos = frame.find_first_not_of("\r\n", pos);
        if (pos == std::string_view::npos) break;
        const std::string_view line = lineAt(pos);
        ++n;
        if (!segmentId(line) || (line.size() > 3 && line[3] != field)) {
            v.reason = "line " + std::to_string(n) + " is not an HL7 segment";
            return v;
        }
        pos += line.size();
    }
    v.accepted = true;
    return v;
}

std::string escape(std::string_view text, const Encoding& e) {
    std::string out;
    for (char c : text) {
        const char code = c == e.field          ? 'F'
                          : c == e.component    ? 'S'
                          : c == e.subcomponent ? 'T'
                          : c == e.repeat       ? 'R'
                          : c == e.escape       ? 'E'
                                                : 0;
        if (code) out += std::string{e.escape, code, e.escape};
        else out += (c == '\r' || c == '\n') ? ' ' : c;
    }
    return out;
}

std::string ack(const Hl7Message& m, const std::string& code, const std::string& controlId, const std::string& timestamp,
                const std::string& reason) {
    const Segment* msh = m.first("MSH");
    const Encoding& e = m.encoding;
    auto f = [&](std::size_t n) { return msh && n < msh->fields.size() ? msh->fields[n] : std::string(); };
    const std::string sep(1, e.field);
    const std::string enc = std::string{e.component, e.repeat, e.escape, e.subcomponent};
    std::string type = "ACK";
    const std::string trigger = msh ? msh->get(9, 2, e) : std::string();
    if (!trigger.empty()) type += std::string(1, e.component) + trigger;
    std::string out = "MSH" + sep + enc + sep + f(5) + sep + f(6) + sep + f(3) + sep + f(4) + sep + timestamp + sep + sep + type + sep +
                      controlId + sep + (f(11).empty() ? "P" : f(11)) + sep + (f(12).empty() ? "2.5.1" : f(12)) + "\r" + "MSA" + sep +
                      code + sep + f(10);
    if (reason.empty()) return out + "\r";
    // MSA-3 (text message, ST) is at most 80 characters: cut on a character boundary, then escaped.
    std::size_t cut = std::min<std::size_t>(reason.size(), 80);
    while (cut < reason.size() && cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;
    const std::string condition = code == "AE" ? "207" + std::string(1, e.component) + "Application internal error"
                                               : "100" + std::string(1, e.component) + "Segment sequence error";
    return out + sep + escape(std::string_view(reason).substr(0, cut), e) + "\r" + "ERR" + sep + sep + sep + condition +
           std::string(1, e.component) + "HL70357" + sep + "E" + sep + sep + sep + escape(reason, e) + "\r";
}

}  // namespace assay::instruments::hl7
