// ASTM E1381 link layer and E1394 records: checksums from the standard's worked examples, a
// receiver fed at every split offset, NAK on a bad checksum, duplicate frames, EOT and timeouts,
// the Snibe simplified mode, delimiters from H, escapes, values kept as strings, and the public
// sample files (../shared/instrument-samples) when present.
#include <boost/test/unit_test.hpp>

#include "TestSupport.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "astm/AstmLink.hpp"
#include "astm/AstmRecords.hpp"

using namespace assay::instruments::astm;

using assay::test::readFile;

namespace {
std::string fixture(const std::string& name) { return readFile(std::string(ASSAY_SOURCE_DIR) + "/instruments/astm/testdata/" + name); }

// What the host does, in order: "A" ACK, "N" NAK, "M<text>" a message, "D" a discarded partial.
std::string actions(const std::vector<LinkEvent>& events) {
    std::string out;
    for (const auto& e : events) {
        if (e.kind == LinkEvent::Kind::Reply) out += e.text[0] == kAck ? "A" : "N";
        if (e.kind == LinkEvent::Kind::Message) out += "M" + e.text + ";";
        if (e.kind == LinkEvent::Kind::Discarded) out += "D";
    }
    return out;
}

std::string session(const std::vector<std::string>& frames) {
    std::string s(1, kEnq);
    for (const auto& f : frames) s += f;
    return s + kEot;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(astm)

BOOST_AUTO_TEST_CASE(checksums_match_the_worked_examples) {
    BOOST_TEST(checksum(std::string("2P|1\r") + kEtx) == "3F");
    BOOST_TEST(checksum(std::string("1H|\\^&|||Mini LIS||||||||LIS2-A|20210309142633\r") + kEtx) == "96");
    BOOST_TEST(checksum(std::string("2P|1|\r") + kEtx) == "BB");
    BOOST_TEST(checksum(std::string("5L|1|F\r") + kEtx) == "00");
    BOOST_TEST(checksum(std::string("1A|B|C|D\r") + kEtx) == "BF");
    BOOST_TEST(checksum(std::string("2P|1|666|||\xE9\xA0\xAD\xE3\x81\x84\xE3\x81\x84^\xE7\xB4\xA0\xE6\x99\xB4\xE3\x82\x89\xE3\x81\x97\xE3\x81\x84|||U\r") +
                        kEtx) == "3D");  // UTF-8 bytes each count
    BOOST_TEST(frame(2, "P|1\r", true) == std::string("\x02") + "2P|1\r\x03" + "3F\r\n");
}

BOOST_AUTO_TEST_CASE(a_message_split_across_frames_gives_the_same_events_at_every_read_boundary) {
    const std::string text = fixture("icpms-two-samples.astm");
    std::vector<std::string> frames;
    for (std::size_t i = 0, n = 1; i < text.size(); i += 240, ++n)
        frames.push_back(frame(static_cast<int>(n), text.substr(i, 240), i + 240 >= text.size()));
    BOOST_REQUIRE(frames.size() == 2u);  // 429 bytes: one ETB frame and one ETX frame
    const std::string wire = session(frames);
    AstmReceiver whole;
    const std::string expected = actions(whole.feed(wire));
    BOOST_TEST(expected == "AAM" + text + ";A");  // ENQ, frame 1, the message before the last ACK
    for (std::size_t cut = 1; cut < wire.size(); ++cut) {
        AstmReceiver r;
        auto a = r.feed(std::string_view(wire).substr(0, cut));
        auto b = r.feed(std::string_view(wire).substr(cut));
        a.insert(a.end(), b.begin(), b.end());
        BOOST_TEST(actions(a) == expected, "split at " << cut);
    }
    AstmReceiver bytes;  // one byte per read, as a slow serial port delivers
    std::vector<LinkEvent> all;
    for (char c : wire)
        for (auto& e : bytes.feed(std::string_view(&c, 1))) all.push_back(e);
    BOOST_TEST(actions(all) == expected);
    BOOST_TEST(bytes.idle());
}

BOOST_AUTO_TEST_CASE(a_bad_checksum_is_nak_ed_and_the_retransmitted_frame_accepted_once) {
    std::string bad = frame(1, "H|\\^&\r", false);
    bad[bad.size() - 4] = bad[bad.size() - 4] == '0' ? '1' : '0';  // corrupt C1
    const std::string good1 = frame(1, "H|\\^&\r", false), good2 = frame(2, "L|1|N\r", true);
    AstmReceiver r;
    std::string got = actions(r.feed(std::string(1, kEnq) + bad));
    got += actions(r.feed(good1));
    got += actions(r.feed(good1));  // our ACK was lost: the same frame again
    got += actions(r.feed(good2 + kEot));
    BOOST_TEST(got == "ANAAMH|\\^&\rL|1|N\r;A");  // NAK, ACK, duplicate ACKed and dropped, one message
}

BOOST_AUTO_TEST_CASE(a_message_cut_by_eot_or_a_timeout_is_discarded_not_delivered) {
    AstmReceiver eot;
    BOOST_TEST(actions(eot.feed(std::string(1, kEnq) + frame(1, "H|\\^&\r", false) + kEot)) == "AAD");
    AstmReceiver quiet;
    BOOST_TEST(actions(quiet.feed(std::string(1, kEnq) + frame(1, "H|\\^&\r", false))) == "AA");
    BOOST_TEST(actions(quiet.timeout()) == "D");
    BOOST_TEST(quiet.idle());
    AstmReceiver wrong;  // frame 3 where 1 was expected
    BOOST_TEST(actions(wrong.feed(std::string(1, kEnq) + frame(3, "H|\\^&\r", true))) == "AN");
    AstmReceiver restricted;  // an LF inside the text
    BOOST_TEST(actions(restricted.feed(std::string(1, kEnq) + frame(1, "H|\\^&\n\r", true))) == "AN");
}

BOOST_AUTO_TEST_CASE(the_simplified_mode_takes_a_whole_message_without_frame_numbers_or_checksums) {
    LinkOptions snibe;
    snibe.simplified = true;
    snibe.maxFrameText = 65536;
    AstmReceiver r(snibe);
    const std::string msg = "H|\\^&||PSWD|Maglumi 1000\rP|1\rO|1|25059232||^^^TSH\rR|1|^^^TSH|1.26|uIU/mL\rL|1|N\r";
    BOOST_TEST(actions(r.feed(std::string{kEnq, kStx} + msg + kEtx + kEot)) == "AM" + msg + ";A");
}

BOOST_AUTO_TEST_CASE(records_sent_one_per_end_frame_are_one_message_completed_by_the_terminator) {
    // Beckman Access 2 style: every record in its own ETX frame; the message ends with L.
    const std::vector<std::string> records{"H|\\^&|||ACCESS^500001\r", "P|1\r", "O|1|GDQT2026000001||^^^Pb\r", "R|1|^^^Pb|0.0123|mg/kg\r",
                                           "L|1|F\r"};
    std::vector<std::string> frames;
    std::string text;
    for (std::size_t k = 0; k < records.size(); ++k) {
        frames.push_back(frame(static_cast<int>(k + 1), records[k], true));
        text += records[k];
    }
    AstmReceiver r;
    BOOST_TEST(actions(r.feed(session(frames))) == "AAAAAM" + text + ";A");  // one message, stored before the last ACK
    auto m = parseMessage(text);
    std::vector<std::string> d;
    BOOST_TEST(results(m, {4}, d).size() == 1u);  // O and R in the same message
    BOOST_TEST(endsWithTerminator("H|\\^&\rL|1|N\r"));
    BOOST_TEST(!endsWithTerminator("H|\\^&\rLX|1\r"));
    BOOST_TEST(!endsWithTerminator("H|\\^&\r"));
    LinkOptions legacy;  // an instrument that sends no L record: every end frame is a message
    legacy.messagePerEndFrame = true;
    AstmReceiver l(legacy);
    BOOST_TEST(actions(l.feed(session({frame(1, "H|\\^&\r", true)}))) == "AMH|\\^&\r;A");  // ENQ, then the message before its ACK
}

BOOST_AUTO_TEST_CASE(a_message_the_host_could_not_store_is_taken_back_naked_and_comes_again_whole) {
    const std::string f1 = frame(1, "H|\\^&\r", false), f2 = frame(2, "L|1|N\r", true);
    AstmReceiver r;
    std::string got = actions(r.feed(std::string(1, kEnq) + f1));
    auto last = r.feed(f2);  // the message, then its ACK: the host fails to store it
    BOOST_TEST(actions(last) == "MH|\\^&\rL|1|N\r;A");
    r.rejectLast();  // the host sends NAK instead of the ACK
    got += actions(r.feed(f2));  // the instrument sends the same frame again
    BOOST_TEST(got == "AAMH|\\^&\rL|1|N\r;A", "the whole message again, not a duplicate dropped");
}

BOOST_AUTO_TEST_CASE(a_first_frame_numbered_0_is_naked_an_enq_restart_drops_the_half_message_and_eot_keeps_whole_records) {
    AstmReceiver zero;  // 0 right after ENQ is not "the previous frame again"
    BOOST_TEST(actions(zero.feed(std::string(1, kEnq) + frame(0, "H|\\^&\r", true))) == "AN");
    AstmReceiver restart;
    std::string got = actions(restart.feed(std::string(1, kEnq) + frame(1, "H|\\^&|||old\r", false)));
    got += actions(restart.feed(std::string(1, kEnq) + frame(1, "H|\\^&\r", false) + frame(2, "L|1|N\r", true)));
    BOOST_TEST(got == "AADAAMH|\\^&\rL|1|N\r;A");  // the half message discarded, the new one whole
    AstmReceiver noL;  // records in end frames, no L record: kept at EOT, not dropped
    BOOST_TEST(actions(noL.feed(session({frame(1, "H|\\^&\r", true), frame(2, "P|1\r", true)}))) == "AAAMH|\\^&\rP|1\r;");
    AstmReceiver partial;  // an ETB frame at EOT is still a partial message
    BOOST_TEST(actions(partial.feed(session({frame(1, "H|\\^&\r", true), frame(2, "P|", false)}))) == "AAAD");
}

BOOST_AUTO_TEST_CASE(unframed_records_end_at_their_l_record_and_stored_frames_unframe_whatever_their_numbers) {
    LinkOptions bare;
    bare.unframed = true;
    AstmReceiver r(bare);
    const std::string text = "H|\\^&\rP|1\rO|1|S1||^^^Pb\rR|1|^^^Pb|0.1\rL|1|N\r";
    std::string got;
    for (std::size_t k = 0; k < text.size(); k += 7) got += actions(r.feed(text.substr(k, 7)));
    BOOST_TEST(got == "M" + text + ";");  // nothing acknowledged: there is no link protocol
    BOOST_TEST(r.idle());
    // A second message in a session starts at frame 6 and wraps past 7: unframed the same.
    std::string wire;
    for (int n = 6; n < 16; ++n) wire += frame(n, "R|" + std::to_string(n) + "\r", n == 15);
    std::string expected;
    for (int n = 6; n < 16; ++n) expected += "R|" + std::to_string(n) + "\r";
    BOOST_TEST(unframe(wire, {}) == expected);
    LinkOptions snibe;
    snibe.simplified = true;
    BOOST_TEST(unframe(std::string(1, kStx) + "1H|\\^&\r" + kEtx, snibe) == "1H|\\^&\r");  // no frame number to drop
}

BOOST_AUTO_TEST_CASE(the_sender_frames_records_retransmits_on_nak_and_gives_up_after_six) {
    const std::string text = "H|\\^&|||Assay\rP|1\rO|1|GDQT2026000001||^^^Pb\\^^^Cd|R\rL|1|N\r";
    AstmSender s;
    auto e = s.start(text);
    BOOST_REQUIRE(e.size() == 1u);
    BOOST_TEST(e[0].bytes == std::string(1, kEnq));
    BOOST_TEST(s.frames() == 4u);  // one end frame per record
    // Played against our own receiver, byte by byte: the receiver gets the message exactly.
    AstmReceiver r;
    std::string delivered;
    std::vector<SendEvent> pending = e;
    bool done = false;
    for (int guard = 0; guard < 100 && !done; ++guard) {
        std::string wire;
        for (const auto& x : pending) {
            if (x.kind == SendEvent::Kind::Write) wire += x.bytes;
            if (x.kind == SendEvent::Kind::Done) done = true;
        }
        pending.clear();
        for (const auto& ev : r.feed(wire)) {
            if (ev.kind == LinkEvent::Kind::Message) delivered += ev.text;
            if (ev.kind == LinkEvent::Kind::Reply)
                for (auto& x : s.feed(ev.text)) pending.push_back(x);
        }
    }
    BOOST_TEST(done);
    BOOST_TEST(delivered == text);
    BOOST_TEST(r.idle());
    // NAK: the same frame again, up to 6 retransmissions; the seventh NAK ends with EOT.
    AstmSender n;
    n.start("P|1\rL|1|N\r");
    auto first = n.feed(std::string(1, kAck));
    BOOST_REQUIRE(first.size() == 1u);
    for (int k = 1; k <= 6; ++k) {
        auto again = n.feed(std::string(1, kNak));
        BOOST_REQUIRE(again.size() == 1u);
        BOOST_TEST(again[0].bytes == first[0].bytes, "retransmission " << k);
    }
    auto gaveUp = n.feed(std::string(1, kNak));
    BOOST_REQUIRE(gaveUp.size() == 2u);
    BOOST_TEST(gaveUp[0].bytes == std::string(1, kEot));
    BOOST_TEST((gaveUp[1].kind == SendEvent::Kind::Failed));
    BOOST_TEST(n.idle());
    // A long record continues in ETB frames of at most 240 characters.
    AstmSender longer;
    longer.start("R|1|^^^Pb|" + std::string(500, '1') + "\r");
    BOOST_TEST(longer.frames() == 3u);
}

BOOST_AUTO_TEST_CASE(contention_busy_and_silence_while_asking_for_the_line_are_told_apart) {
    AstmSender c;
    c.start("L|1|N\r");
    auto contention = c.feed(std::string(1, kEnq));  // the instrument asked at the same time: it goes first
    BOOST_REQUIRE(contention.size() == 1u);
    BOOST_TEST((contention[0].kind == SendEvent::Kind::Contention));
    BOOST_TEST(c.idle());
    BOOST_TEST(c.resume().at(0).bytes == std::string(1, kEnq));  // later: the same message again
    auto busy = c.feed(std::string(1, kNak));
    BOOST_TEST((busy.at(0).kind == SendEvent::Kind::Busy));
    c.resume();
    auto silent = c.timeout();
    BOOST_REQUIRE(silent.size() == 2u);
    BOOST_TEST(silent[0].bytes == std::string(1, kEot));
    BOOST_TEST((silent[1].kind == SendEvent::Kind::Failed));
    BOOST_TEST((AstmSender().start("").at(0).kind == SendEvent::Kind::Failed));
}

BOOST_AUTO_TEST_CASE(a_query_is_answered_with_the_specimens_orders_or_no_information) {
    auto m = parseMessage("H|\\^&|||Cobas\rQ|1|^GDQT2026000001||^^^ALL||||||||O\rQ|2|GDQT2026000002\rL|1|N\r");
    auto q = queries(m);
    BOOST_REQUIRE(q.size() == 2u);
    BOOST_TEST(q[0].sampleId == "GDQT2026000001");  // Q.3 component 2
    BOOST_TEST(q[1].sampleId == "GDQT2026000002");  // component 1 when there is no second
    const std::string answer = orderMessage({{"GDQT2026000001", {"Pb", "Cd"}}, {"GDQT2026000002", {}}}, {4}, "Assay", "20261129120000");
    BOOST_TEST(answer == "H|\\^&|||Assay||||||||LIS2-A2|20261129120000\rP|1\rO|1|GDQT2026000001||^^^Pb\\^^^Cd|R||||||A||||||||||||||O\rL|1|N\r");
    auto back = parseMessage(answer);  // it reads back as the orders
    BOOST_TEST(back.records.at(2).component(5, 4, back.delimiters) == "Pb");
    BOOST_TEST(orderMessage({{"X|1", {}}}, {4}, "Assay", "1") == "H|\\^&|||Assay||||||||LIS2-A2|1\rL|1|I\r");
    BOOST_TEST(orderMessage({{"A^B", {"Pb"}}}, {1}, "Assay", "1").find("O|1|A&S&B||Pb|R") != std::string::npos);  // escaped; Mindray position
}

BOOST_AUTO_TEST_CASE(records_take_their_delimiters_from_the_header_and_keep_values_as_sent) {
    auto m = parseMessage(fixture("icpms-two-samples.astm"));
    BOOST_TEST(m.diagnostics.empty());
    BOOST_REQUIRE(m.records.size() == 9u);
    std::vector<std::string> why;
    auto r = results(m, Profile{4}, why);
    BOOST_TEST(why.empty());
    BOOST_REQUIRE(r.size() == 3u);
    BOOST_TEST(r[0].sampleId == "GDQT2026000001");
    BOOST_TEST(r[0].testCode == "Pb");
    BOOST_TEST(r[0].value == "0.0123");  // digits as sent
    BOOST_TEST(r[0].units == "mg/kg");
    BOOST_TEST(r[0].completedAt == "20261129101200");
    BOOST_TEST(r[1].value == "<0.005");  // never a number
    BOOST_TEST(r[1].flags == "<");
    BOOST_TEST(r[2].sampleId == "GDQT2026000002");
    BOOST_TEST(r[2].value == "***.**");
    BOOST_TEST(r[2].completedAt == "");  // 1899-12-30: no date
    BOOST_TEST(m.records[5].field(4, m.delimiters) == "Internal standard recovery 98^102 percent");  // &S& decoded
    BOOST_TEST(unescape("a&E&F&b", m.delimiters) == "a&F&b");  // one pass: not "a|b"

    auto c = parseMessage(fixture("custom-delimiters.astm"));
    BOOST_TEST(c.delimiters.repeat == '@');
    BOOST_TEST(c.delimiters.escape == '\\');
    auto cr = results(c, Profile{4}, why);
    BOOST_REQUIRE(cr.size() == 2u);
    BOOST_TEST(cr[0].value == "POS");  // the first of the repeats "POS@NEG"
    BOOST_TEST(cr[1].value == "31.2");
    BOOST_TEST(c.records[3].component(3, 8, c.delimiters) == "Ct");
}

BOOST_AUTO_TEST_CASE(bad_bytes_give_diagnostics_never_exceptions) {
    auto m = parseMessage(std::string("\x01\x02garbage\r|||\rR|1|^^^Pb|0.1\r", 24));
    BOOST_TEST(!m.diagnostics.empty());
    std::vector<std::string> why;
    BOOST_TEST(results(m, Profile{4}, why).empty());
    BOOST_TEST(why.size() == 1u);  // the R record without an order
    BOOST_TEST(parseMessage("").diagnostics.size() == 1u);
    AstmReceiver r;
    BOOST_TEST(actions(r.feed(std::string(3000, '\x02'))) == "");  // outside a session: ignored
}

// The public sample files, when ../shared is present: each parses with the record count written
// down here from reading them.
BOOST_AUTO_TEST_CASE(public_astm_samples_parse_with_their_known_record_counts) {
    const std::string dir = std::string(ASSAY_SOURCE_DIR) + "/../shared/instrument-samples/astm/";
    if (!std::filesystem::exists(dir)) {
        BOOST_TEST_MESSAGE("no ../shared/instrument-samples: the conformance corpus is not on this machine");
        return;
    }
    const std::pair<const char*, std::size_t> expected[] = {
        {"phadia-immunocap-lis2a2.txt", 12}, {"cepheid-genexpert-hivvl-quantified.astm", 18},
        {"cepheid-genexpert-xpress-cov2-flu-rsv-allpos.astm", 35}, {"ortho-vision-lis2a.txt", 11}};
    for (const auto& [name, count] : expected) {
        auto m = parseMessage(readFile(dir + name));
        BOOST_TEST(m.records.size() == count, name);
        BOOST_TEST(m.records.front().type == 'H', name);
    }
    auto phadia = parseMessage(readFile(dir + "phadia-immunocap-lis2a2.txt"));
    std::vector<std::string> why;
    auto r = results(phadia, Profile{4}, why);
    BOOST_REQUIRE(!r.empty());
    BOOST_TEST(r[0].sampleId == "B7650020");
    BOOST_TEST(r[0].testCode == "t2");
    BOOST_TEST(r[0].value == "9.34");
    BOOST_TEST(r[0].units == "kUA/l");
    auto cepheid = parseMessage(readFile(dir + "cepheid-genexpert-hivvl-quantified.astm"));
    BOOST_TEST(cepheid.delimiters.repeat == '@');
}

BOOST_AUTO_TEST_SUITE_END()
