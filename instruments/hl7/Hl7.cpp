// Hl7: MLLP framing, segment and field parsing, ORU observations, ACK.
#include "hl7/Hl7.hpp"

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

std::string ack(const Hl7Message& m, const std::string& code, const std::string& controlId, const std::string& timestamp) {
    const Segment* msh = m.first("MSH");
    const Encoding& e = m.encoding;
    auto f = [&](std::size_t n) { return msh && n < msh->fields.size() ? msh->fields[n] : std::string(); };
    const std::string sep(1, e.field);
    const std::string enc = std::string{e.component, e.repeat, e.escape, e.subcomponent};
    std::string type = "ACK";
    const std::string trigger = msh ? msh->get(9, 2, e) : std::string();
    if (!trigger.empty()) type += std::string(1, e.component) + trigger;
    return "MSH" + sep + enc + sep + f(5) + sep + f(6) + sep + f(3) + sep + f(4) + sep + timestamp + sep + sep + type + sep + controlId +
           sep + (f(11).empty() ? "P" : f(11)) + sep + (f(12).empty() ? "2.5.1" : f(12)) + "\r" + "MSA" + sep + code + sep + f(10) + "\r";
}

}  // namespace assay::instruments::hl7
