// MtSics: reply parsing by whitespace, and line cutting.
#include "mtsics/MtSics.hpp"

#include <sstream>

namespace assay::instruments::mtsics {

Reply parseReply(std::string_view raw) {
    Reply r;
    std::string line(raw);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    if (words.empty()) {
        r.problem = "an empty line";
        return r;
    }
    r.command = words[0];
    if (words.size() == 1) {
        if (words[0] == "ES") r.kind = Reply::Kind::SyntaxError, r.problem = "the balance did not understand the command";
        else if (words[0] == "ET") r.kind = Reply::Kind::TransmissionError, r.problem = "transmission error (parity, framing)";
        else if (words[0] == "EL") r.kind = Reply::Kind::LogicalError, r.problem = "the command cannot be executed";
        else r.problem = "a reply without a status";
        return r;
    }
    const std::string& status = words[1];
    const bool weightCommand = r.command == "S" || r.command == "SI" || r.command == "SIR" || r.command == "SR" || r.command == "T" ||
                               r.command == "TA";
    if (weightCommand && (status == "S" || status == "D" || (r.command == "TA" && status == "A"))) {
        if (words.size() >= 3 && words[2] == "Error") {
            r.kind = Reply::Kind::Other;
            r.problem = "balance error " + (words.size() > 3 ? words[3] : std::string("?"));
            return r;
        }
        if (words.size() < 4) {
            r.problem = "a weight reply without value and unit";
            return r;
        }
        r.kind = Reply::Kind::Weight;
        r.stable = status == "S" || status == "A";
        r.value = words[2];
        r.unit = words[3];
        return r;
    }
    if (status == "I") r.kind = Reply::Kind::Busy, r.problem = "busy: not executable now";
    else if (status == "+") r.kind = Reply::Kind::Overload, r.problem = "overload";
    else if (status == "-") r.kind = Reply::Kind::Underload, r.problem = "underload";
    else if (status == "L") r.kind = Reply::Kind::LogicalError, r.problem = "parameter not allowed";
    else if (status == "A" || status == "B") {
        const auto q1 = line.find('"');
        const auto q2 = q1 == std::string::npos ? std::string::npos : line.find('"', q1 + 1);
        if (q2 != std::string::npos) {
            r.kind = Reply::Kind::Identity;
            r.value = line.substr(q1 + 1, q2 - q1 - 1);
        } else {
            r.kind = Reply::Kind::Done;
        }
    } else {
        r.kind = Reply::Kind::Other;
    }
    return r;
}

namespace {
constexpr std::string_view kMagic = "MT-SICS weighing";
}

std::string transcriptHeader(std::string_view sampleCode, std::string_view analyte, std::string_view at) {
    return std::string(kMagic) + "\r\nsample: " + std::string(sampleCode) + "\r\nanalyte: " + std::string(analyte) + "\r\nat: " +
           std::string(at) + "\r\n";
}

std::string transcriptLine(char direction, std::string_view line) { return std::string(1, direction) + " " + std::string(line) + "\r\n"; }

Weighing readTranscript(std::string_view bytes) {
    Weighing w;
    LineReader reader;
    auto lines = reader.feed(bytes);
    std::string tail(bytes.substr(bytes.rfind('\n') == std::string_view::npos ? 0 : bytes.rfind('\n') + 1));
    if (!tail.empty()) lines.push_back(tail);  // a last line without CR LF
    if (lines.empty() || lines[0] != kMagic) {
        w.diagnostics.push_back("line 1: not an MT-SICS weighing transcript");
        return w;
    }
    for (std::size_t k = 1; k < lines.size(); ++k) {
        const std::string& line = lines[k];
        const std::string where = "line " + std::to_string(k + 1) + ": ";
        auto header = [&](std::string_view key, std::string& into) {
            if (line.rfind(key, 0) != 0) return false;
            into = line.substr(key.size());
            return true;
        };
        if (header("sample: ", w.sampleCode) || header("analyte: ", w.analyte) || header("at: ", w.at)) continue;
        if (line.rfind("> ", 0) == 0) continue;  // what the host sent
        if (line.rfind("< ", 0) != 0) {
            w.diagnostics.push_back(where + "neither sent nor received");
            continue;
        }
        const Reply r = parseReply(std::string_view(line).substr(2));
        switch (r.kind) {
            case Reply::Kind::Identity:
                if (r.command == "I4") w.serial = r.value;
                break;
            case Reply::Kind::Weight:
                if (r.command != "S" && r.command != "SI") {  // a tare or other reply is not the weighing
                    w.diagnostics.push_back(where + "reply " + r.command + " " + r.value + " " + r.unit + " is not a weighing");
                } else if (r.stable) {
                    if (w.stable) w.diagnostics.push_back(where + "a further stable weight " + r.value + " " + r.unit + " (the last one is taken)");
                    w.stable = true, w.value = r.value, w.unit = r.unit;
                } else {
                    w.diagnostics.push_back(where + "dynamic weight " + r.value + " " + r.unit + " (still moving, not a result)");
                }
                break;
            case Reply::Kind::Done:
                break;
            default:
                w.diagnostics.push_back(where + (r.problem.empty() ? "reply " + r.command : r.problem));
        }
    }
    if (w.sampleCode.empty()) w.diagnostics.push_back("no sample in the header");
    if (!w.stable) w.diagnostics.push_back("no stable weight");
    return w;
}

std::vector<std::string> LineReader::feed(std::string_view bytes) {
    std::vector<std::string> out;
    for (char c : bytes) {
        if (c == '\n') {
            if (!buf_.empty() && buf_.back() == '\r') buf_.pop_back();
            out.push_back(buf_);
            buf_.clear();
        } else if (buf_.size() >= 1024) {
            out.push_back(buf_);  // cut: parseReply will report what it cannot read
            buf_.assign(1, c);
        } else {
            buf_ += c;
        }
    }
    return out;
}

}  // namespace assay::instruments::mtsics
