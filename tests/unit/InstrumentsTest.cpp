// HL7 v2 over MLLP (framing at every split, LF endings, escapes, ORU observations, the ACK echoing
// MSH-10) and MT-SICS replies (dynamic before stable, serial number, errors), with our fixtures and
// the public samples when ../shared is present.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hl7/Hl7.hpp"
#include "mtsics/MtSics.hpp"

using namespace assay::instruments;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
std::string source(const std::string& rel) { return readFile(std::string(ASSAY_SOURCE_DIR) + "/" + rel); }
}  // namespace

BOOST_AUTO_TEST_SUITE(hl7_mllp)

BOOST_AUTO_TEST_CASE(mllp_frames_are_found_at_every_read_boundary_and_several_per_read) {
    const std::string a = source("instruments/hl7/testdata/oru-lf.hl7");
    const std::string wire = hl7::mllpWrap(a) + hl7::mllpWrap("MSH|^~\\&|X|Y|||||ORU^R01|2|P|2.5.1\r");
    for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
        hl7::MllpFramer f;
        auto e = f.feed(std::string_view(wire).substr(0, cut));
        auto more = f.feed(std::string_view(wire).substr(cut));
        e.insert(e.end(), more.begin(), more.end());
        std::vector<std::string> messages;
        for (const auto& x : e)
            if (x.message) messages.push_back(x.text);
        BOOST_REQUIRE_MESSAGE(messages.size() == 2u, "split at " << cut);
        BOOST_TEST(messages[0] == a);
    }
    hl7::MllpFramer small(64);
    auto e = small.feed(hl7::mllpWrap(a));
    BOOST_TEST(e.size() == 1u);
    BOOST_TEST(!e[0].message);  // over the cap: dropped with a diagnostic, never delivered cut
    hl7::MllpFramer partial;
    partial.feed(std::string(1, hl7::kStartBlock) + "MSH|^~\\&|");
    BOOST_TEST(partial.timeout().size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_oru_with_lf_endings_gives_its_observations_as_sent_and_the_ack_echoes_the_control_id) {
    auto m = hl7::parseHl7(source("instruments/hl7/testdata/oru-lf.hl7"));
    BOOST_TEST(m.diagnostics.empty());
    BOOST_TEST(m.segments.size() == 7u);
    std::vector<std::string> why;
    auto o = hl7::oruResults(m, why);
    BOOST_REQUIRE(o.size() == 4u);
    BOOST_TEST(o[0].sampleId == "GDQT2026000001");  // OBR-3 component 1
    BOOST_TEST(o[0].code == "Pb");
    BOOST_TEST(o[0].name == "铅");
    BOOST_TEST(o[0].value == "0.0123");
    BOOST_TEST(o[0].units == "mg/kg");
    BOOST_TEST(o[0].observedAt == "20261129101200");
    BOOST_TEST(o[1].value == "<0.005");
    BOOST_TEST(o[2].value == "***.**");
    BOOST_TEST(o[2].status == "X");
    BOOST_TEST(o[3].value == "Ca 1200^1250 mg/kg");  // \S\ decoded
    BOOST_TEST(o[3].observedAt == "20261129100000");  // from OBR-7
    const std::string a = hl7::ack(m, "AA", "ACK-0001", "20261129101501");
    BOOST_TEST(a == "MSH|^~\\&|LIMS|GDQT|ICP-OES|PerkinElmer|20261129101501||ACK^R01|ACK-0001|P|2.3.1\rMSA|AA|MSG00042\r");
    BOOST_TEST(hl7::parseHl7("garbage").diagnostics.size() >= 1u);
}

BOOST_AUTO_TEST_CASE(public_hl7_samples_parse_with_their_known_observation_counts) {
    const std::string dir = std::string(ASSAY_SOURCE_DIR) + "/../shared/instrument-samples/hl7/";
    if (!std::filesystem::exists(dir)) {
        BOOST_TEST_MESSAGE("no ../shared/instrument-samples: the conformance corpus is not on this machine");
        return;
    }
    auto lead = hl7::parseHl7(readFile(dir + "nist-oru-r01-v251-lead.hl7"));
    std::vector<std::string> why;
    auto o = hl7::oruResults(lead, why);
    BOOST_REQUIRE(!o.empty());
    BOOST_TEST(lead.first("MSH")->get(12, 0, lead.encoding) == "2.5.1");
    auto mindray = hl7::parseHl7(readFile(dir + "mindray-bc5380-oru-r01-v231.hl7"));  // LF line ends
    BOOST_TEST(mindray.first("MSH")->get(3, 0, mindray.encoding) == "BC-5380");
    BOOST_TEST(hl7::oruResults(mindray, why).size() > 10u);
    auto qc = hl7::parseHl7(readFile(dir + "mindray-bc5380-qc-oru-r01-v231.hl7"));
    bool masked = false;
    for (const auto& x : hl7::oruResults(qc, why)) masked = masked || x.value == "***.**" || x.value == ".***";
    BOOST_TEST(masked);  // masked values kept as sent
    for (const char* name : {"nist-oru-r01-v251-lead.hl7", "nist-oru-r01-v251-hcv.hl7", "mindray-bc5380-oru-r01-v231.hl7",
                             "mindray-bc5380-qc-oru-r01-v231.hl7"}) {
        const auto v = hl7::judge(readFile(dir + name));
        BOOST_TEST(v.accepted, name << ": " << v.reason);  // every public sample is an HL7 message
    }
}

// The acceptance decision: what is an HL7 message (AA), and why anything else is refused (AR).
BOOST_AUTO_TEST_CASE(judge_accepts_hl7_messages_and_says_why_anything_else_is_not_one) {
    const std::string oru = source("instruments/hl7/testdata/oru-lf.hl7");
    auto ok = hl7::judge(oru);
    BOOST_TEST(ok.accepted, ok.reason);
    BOOST_TEST(ok.reason.empty());
    BOOST_TEST(ok.controlId == "MSG00042");
    BOOST_TEST(hl7::judge("\r\n" + oru).accepted);                                             // line breaks before MSH
    BOOST_TEST(hl7::judge("MSH|^~\\&|A|B|C|D|20261129||ORU^R01|1|P|2.5.1\rPV1\rZXY|1\r\r").accepted);  // a bare id; a Z segment
    BOOST_TEST(hl7::judge("MSH|^~\\&#|A|B|||20261129||ORU^R01|2|P|2.7\r").accepted);           // v2.7: the truncation character
    BOOST_TEST(hl7::judge("MSH#@^!*#A#B###20261129##ORU@R01#3#P#2.5.1\rOBX#1\r").accepted);    // other separators
    struct Case {
        std::string frame, reason, controlId;
        bool headerRead;
    };
    const std::vector<Case> refused{
        {"", "empty message", "", false},
        {"\r\n\r", "empty message", "", false},
        {"hello world", "not an HL7 message: it does not start with an MSH segment", "", false},
        {"PID|1\rMSH|^~\\&|A|B|||1||ORU^R01|4|P|2.5.1\r", "not an HL7 message: it does not start with an MSH segment", "", false},
        {std::string("\x00\xff\x13MSH|", 7), "not an HL7 message: it does not start with an MSH segment", "", false},
        {"MSH", "MSH-1 (the field separator) is missing or not a punctuation character", "", false},
        {"MSHA^~\\&A", "MSH-1 (the field separator) is missing or not a punctuation character", "", false},
        {"MSH|^~\\|A|B", "MSH-2 (the encoding characters) must be four distinct punctuation characters such as ^~\\&", "", false},
        {"MSH|^^\\&|A|B", "MSH-2 (the encoding characters) must be four distinct punctuation characters such as ^~\\&", "", false},
        {"MSH|^~a&|A|B", "MSH-2 (the encoding characters) must be four distinct punctuation characters such as ^~\\&", "", false},
        {"MSH|^~\\&&|A|B", "MSH-2 (the encoding characters) must be four distinct punctuation characters such as ^~\\&", "", false},
        {"MSH|^~\\&|A|B|||1||", "MSH-9 (the message type) is empty", "", true},
        {"MSH|^~\\&|A|B|||1|||C-9|P", "MSH-9 (the message type) is empty", "C-9", true},
        {"MSH|^~\\&|A|B|||1||ORU^R01|C-10|P|2.5.1\rOBX|1\rgarbage here\r", "line 3 is not an HL7 segment", "C-10", true},
        {"MSH|^~\\&|A|B|||1||ORU^R01|C-11|P|2.5.1\nOB|1\n", "line 2 is not an HL7 segment", "C-11", true},
        {"MSH|^~\\&|A|B|||1||ORU^R01|C-12|P|2.5.1\rOBX^1\r", "line 2 is not an HL7 segment", "C-12", true},
        {"MSH|^~\\&|A|B|||1||ORU^R01|C-13|P|2.5.1\robx|1\r", "line 2 is not an HL7 segment", "C-13", true},
    };
    for (const auto& c : refused) {
        const auto v = hl7::judge(c.frame);
        BOOST_TEST(!v.accepted, c.frame);
        BOOST_TEST(v.reason == c.reason, c.frame << " -> " << v.reason);
        BOOST_TEST(v.headerRead == c.headerRead, c.frame);
        BOOST_TEST(v.controlId == c.controlId, c.frame);
    }
    std::string megabyte;
    while (megabyte.size() < (1u << 20)) megabyte += "lorem ipsum dolor sit amet | ^ ~ \\ &\r\n";
    BOOST_TEST(hl7::judge(megabyte).reason == "not an HL7 message: it does not start with an MSH segment");
}

// AR and AE carry the reason: MSA-3 (escaped, at most 80 characters) and an ERR segment.
BOOST_AUTO_TEST_CASE(a_refusal_ack_carries_its_reason_in_msa_3_and_err) {
    const auto m = hl7::parseHl7("MSH|^~\\&|ANALYZER|VENDOR|LIMS|LAB|20261129||ORU^R01|C-1|P|2.3.1\rgarbage\r");
    BOOST_TEST(hl7::ack(m, "AR", "ACK-1", "20261129101501", "line 2 is not an HL7 segment") ==
               "MSH|^~\\&|LIMS|LAB|ANALYZER|VENDOR|20261129101501||ACK^R01|ACK-1|P|2.3.1\r"
               "MSA|AR|C-1|line 2 is not an HL7 segment\r"
               "ERR|||100^Segment sequence error^HL70357|E|||line 2 is not an HL7 segment\r");
    // A frame whose header could not be read: the defaults, no control id to echo.
    BOOST_TEST(hl7::ack(hl7::Hl7Message{}, "AE", "ACK-2", "20261129101502", "a|b^c; it could not be stored") ==
               "MSH|^~\\&|||||20261129101502||ACK|ACK-2|P|2.5.1\r"
               "MSA|AE||a\\F\\b\\S\\c; it could not be stored\r"
               "ERR|||207^Application internal error^HL70357|E|||a\\F\\b\\S\\c; it could not be stored\r");
    const std::string longReason(200, 'x');
    const std::string a = hl7::ack(hl7::Hl7Message{}, "AR", "ACK-3", "1", longReason);
    BOOST_TEST(a.find("MSA|AR||" + std::string(80, 'x') + "\r") != std::string::npos);
    BOOST_TEST(a.find("|E|||" + longReason + "\r") != std::string::npos);  // ERR-7 keeps all of it
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mt_sics)

BOOST_AUTO_TEST_CASE(a_balance_that_answers_dynamic_before_stable_is_read_only_when_stable) {
    mtsics::LineReader reader;
    std::string transcript = source("instruments/mtsics/testdata/settling.txt");
    std::vector<mtsics::Reply> replies;
    // Only the balance's lines ("< "), fed in 3-byte reads.
    std::string wire;
    std::istringstream lines(transcript);
    for (std::string l; std::getline(lines, l);)
        if (l.rfind("< ", 0) == 0) wire += l.substr(2) + "\n";
    for (std::size_t i = 0; i < wire.size(); i += 3)
        for (const auto& line : reader.feed(std::string_view(wire).substr(i, 3))) replies.push_back(mtsics::parseReply(line));
    BOOST_REQUIRE(replies.size() == 7u);
    BOOST_TEST((replies[0].kind == mtsics::Reply::Kind::Identity));
    BOOST_TEST(replies[0].value == "B207696838");  // the serial number, for calibration traceability
    BOOST_TEST((replies[1].kind == mtsics::Reply::Kind::Weight));
    BOOST_TEST(!replies[1].stable);  // S D: still moving
    BOOST_TEST(!replies[2].stable);
    BOOST_TEST(replies[3].stable);
    BOOST_TEST(replies[3].value == "0.12350");  // the digits as sent
    BOOST_TEST(replies[3].unit == "g");
    BOOST_TEST((replies[4].kind == mtsics::Reply::Kind::Busy));
    BOOST_TEST((replies[5].kind == mtsics::Reply::Kind::SyntaxError));
    BOOST_TEST((replies[6].kind == mtsics::Reply::Kind::Overload));
    BOOST_TEST((mtsics::parseReply("EL").kind == mtsics::Reply::Kind::LogicalError));
    BOOST_TEST((mtsics::parseReply("ET").kind == mtsics::Reply::Kind::TransmissionError));
    BOOST_TEST((mtsics::parseReply("S S   -0.00102 g").value == "-0.00102"));
    BOOST_TEST((mtsics::parseReply("").kind == mtsics::Reply::Kind::Unreadable));
    BOOST_TEST((mtsics::parseReply("S S").kind == mtsics::Reply::Kind::Unreadable));
}

BOOST_AUTO_TEST_CASE(a_weighing_transcript_gives_the_last_stable_weight_the_serial_and_why_dynamic_ones_were_not_taken) {
    const std::string t = mtsics::transcriptHeader("GDQT2026000001", "m", "2026-11-29T10:00:00+08:00") + mtsics::transcriptLine('>', "I4") +
                          mtsics::transcriptLine('<', "I4 A \"B207696838\"") + mtsics::transcriptLine('>', "S") +
                          mtsics::transcriptLine('<', "S D      0.12345 g") + mtsics::transcriptLine('>', "S") +
                          mtsics::transcriptLine('<', "S S      0.12350 g");
    auto w = mtsics::readTranscript(t);
    BOOST_TEST(w.sampleCode == "GDQT2026000001");
    BOOST_TEST(w.analyte == "m");
    BOOST_TEST(w.serial == "B207696838");
    BOOST_TEST(w.stable);
    BOOST_TEST(w.value == "0.12350");
    BOOST_REQUIRE(w.diagnostics.size() == 1u);
    BOOST_TEST(w.diagnostics[0] == "line 8: dynamic weight 0.12345 g (still moving, not a result)");
    // Cut anywhere, or not a transcript at all: no exception, and no weight that was not stable.
    for (std::size_t n = 0; n < t.size(); ++n) {
        auto cut = mtsics::readTranscript(std::string_view(t).substr(0, n));
        BOOST_TEST((!cut.stable || n >= t.size() - 9), "cut at " << n);
    }
    auto other = mtsics::readTranscript("H|\\^&\r");
    BOOST_TEST(!other.stable);
    BOOST_TEST(other.diagnostics.at(0) == "line 1: not an MT-SICS weighing transcript");
}

BOOST_AUTO_TEST_CASE(the_public_mt_sics_transcript_reads_without_unreadable_weights) {
    const std::string path = std::string(ASSAY_SOURCE_DIR) + "/../shared/instrument-samples/mtsics/mettler-wxs205sdu-mtsics-transcript.txt";
    if (!std::filesystem::exists(path)) {
        BOOST_TEST_MESSAGE("no ../shared/instrument-samples: the conformance corpus is not on this machine");
        return;
    }
    std::istringstream lines(readFile(path));
    int weights = 0, unreadable = 0;
    for (std::string l; std::getline(lines, l);) {
        if (l.rfind("< S ", 0) != 0) continue;
        auto r = mtsics::parseReply(l.substr(2));
        weights += r.kind == mtsics::Reply::Kind::Weight;
        unreadable += r.kind == mtsics::Reply::Kind::Unreadable;
    }
    BOOST_TEST(weights > 0);
    BOOST_TEST(unreadable == 0);
}

BOOST_AUTO_TEST_SUITE_END()
