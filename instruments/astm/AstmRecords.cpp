// AstmRecords: record splitting, delimiters from H, one-pass unescaping, results.
#include "astm/AstmRecords.hpp"

#include "common/Split.hpp"

#include <cctype>

namespace assay::instruments::astm {

using instruments::split;

std::string unescape(std::string_view raw, const Delimiters& d) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == d.escape && i + 2 < raw.size() && raw[i + 2] == d.escape) {
            const char code = raw[i + 1];
            const char mapped = code == 'F' ? d.field : code == 'S' ? d.component : code == 'R' ? d.repeat : code == 'E' ? d.escape : 0;
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

std::string Record::field(std::size_t n, const Delimiters& d) const {
    if (n == 0 || n > fields.size()) return {};
    return unescape(fields[n - 1], d);
}

std::string Record::component(std::size_t n, std::size_t c, const Delimiters& d) const {
    if (n == 0 || n > fields.size() || c == 0) return {};
    const auto parts = split(split(fields[n - 1], d.repeat).front(), d.component);
    return c <= parts.size() ? unescape(parts[c - 1], d) : std::string();
}

Message parseMessage(std::string_view text) {
    Message m;
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == '\r' || text[i] == '\n') {
            if (i > start) lines.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    int number = 0;
    for (auto line : lines) {
        ++number;
        if (line[0] == '#') continue;
        while (!line.empty() && line[0] >= '0' && line[0] <= '7' && line.size() > 1 && std::isalpha(static_cast<unsigned char>(line[1])))
            line.remove_prefix(1);  // a frame number left in front of the type letter
        if (line.empty() || !std::isalpha(static_cast<unsigned char>(line[0]))) {
            m.diagnostics.push_back("record " + std::to_string(number) + ": does not start with a record type letter");
            continue;
        }
        const char type = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
        if (type == 'H') {
            if (line.size() < 5) {
                m.diagnostics.push_back("record " + std::to_string(number) + ": a header too short to declare its delimiters");
                continue;
            }
            m.delimiters = {line[1], line[2], line[3], line[4]};
            Record h{type, split(line, m.delimiters.field), number};
            m.records.push_back(std::move(h));
            continue;
        }
        if (m.records.empty() || m.records.front().type != 'H')
            m.diagnostics.push_back("record " + std::to_string(number) + ": before any header (standard delimiters assumed)");
        if (line.size() < 2 || line[1] != m.delimiters.field)
            m.diagnostics.push_back("record " + std::to_string(number) + ": no field delimiter after the type letter");
        m.records.push_back({type, split(line, m.delimiters.field), number});
    }
    if (m.records.empty()) m.diagnostics.push_back("no records");
    else if (m.records.back().type != 'L') m.diagnostics.push_back("no terminator (L) record: the message may be cut short");
    return m;
}

std::vector<Result> results(const Message& m, const Profile& p, std::vector<std::string>& diagnostics) {
    std::vector<Result> out;
    const Delimiters& d = m.delimiters;
    const Record* order = nullptr;
    for (const auto& r : m.records) {
        if (r.type == 'O') order = &r;
        if (r.type == 'P' || r.type == 'H' || r.type == 'L') order = nullptr;
        if (r.type != 'R') continue;
        if (!order) {
            diagnostics.push_back("record " + std::to_string(r.line) + ": a result without an order record before it");
            continue;
        }
        Result x;
        x.sampleId = order->component(3, 1, d);
        if (x.sampleId.empty()) x.sampleId = order->component(4, 1, d);  // the instrument's specimen id
        x.testCode = p.testCodeComponent == 0 ? r.field(3, d) : r.component(3, p.testCodeComponent, d);
        x.value = r.component(4, 1, d);
        x.units = r.field(5, d);
        x.flags = r.field(7, d);
        x.status = r.field(9, d);
        x.completedAt = r.field(13, d);
        if (x.completedAt.rfind("18991230", 0) == 0) x.completedAt.clear();  // the OLE zero date: no date
        x.instrument = r.field(14, d);
        x.record = r.line;
        if (x.testCode.empty()) diagnostics.push_back("record " + std::to_string(r.line) + ": no test code at the profile's position");
        out.push_back(std::move(x));
    }
    return out;
}

std::vector<Query> queries(const Message& m) {
    std::vector<Query> out;
    for (const auto& r : m.records) {
        if (r.type != 'Q') continue;
        std::string id = r.component(3, 2, m.delimiters);
        if (id.empty()) id = r.component(3, 1, m.delimiters);
        out.push_back({id, r.line});
    }
    return out;
}

namespace {
std::string escaped(std::string_view v) {  // the standard delimiters |\^&
    std::string out;
    for (char c : v) {
        if (c == '|') out += "&F&";
        else if (c == '\\') out += "&R&";
        else if (c == '^') out += "&S&";
        else if (c == '&') out += "&E&";
        else if (c == '\r' || c == '\n') out += ' ';
        else out += c;
    }
    return out;
}
}  // namespace

std::string orderMessage(const std::vector<Order>& orders, const Profile& p, std::string_view sender, std::string_view timestamp) {
    std::string out = "H|\\^&|||" + escaped(sender) + "||||||||LIS2-A2|" + escaped(timestamp) + "\r";
    int patient = 0;
    for (const auto& o : orders) {
        if (o.testCodes.empty()) continue;
        std::string tests;
        for (const auto& code : o.testCodes) {
            if (!tests.empty()) tests += '\\';
            const std::size_t c = p.testCodeComponent == 0 ? 1 : p.testCodeComponent;
            tests += std::string(c - 1, '^') + escaped(code);
        }
        ++patient;
        out += "P|" + std::to_string(patient) + "\r";
        out += "O|1|" + escaped(o.sampleId) + "||" + tests + "|R||||||A||||||||||||||O\r";
    }
    out += patient == 0 ? "L|1|I\r" : "L|1|N\r";
    return out;
}

}  // namespace assay::instruments::astm
