// Capture over HTTP: an instrument linked to its equipment record, a decimal-comma export
// imported with its raw bytes stored (R20), staged readings matched to test items by sample code
// and analyte map, the same file twice creating nothing new, acceptance into the item's result
// with the run as raw data (R21), the unmatched queue, and an instrument whose calibration has
// expired (R15).
#include <boost/test/unit_test.hpp>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <filesystem>

#include "BlankText.hpp"
#include "HttpFixture.hpp"
#include "ResultFixture.hpp"
#include "astm/AstmLink.hpp"
#include "mtsics/BalanceSimulator.hpp"

using namespace assay::test;

namespace {
struct CaptureFixture : ResultFixture {
    std::string instrument;
    explicit CaptureFixture(std::map<std::string, std::string> env = {}) : ResultFixture(std::move(env)) {
        instrument = addInstrument("ICP-OES 1", equipmentId);
    }
    // A delimited-export instrument (decimal comma, Pb mapped to lead) on the equipment; its id.
    std::string addInstrument(const std::string& name, const std::string& equipment) {
        auto i = http.postJson("/api/capture/instruments",
                               R"({"name":")" + name + R"(","equipment_id":")" + equipment +
                                   R"(","driver":"delimited","profile":{"delimiter":";","decimal_comma":true,"skip_rows":1,"sample_column":"样品编号",
                                   "analyte_column":"元素","value_column":"浓度","unit_column":"单位"},"analytes":{"Pb":")" + lead + R"("}})",
                               manager);
        expect(201, i);
        return parse(i.body)->getValue<std::string>("id");
    }
    // The same instrument on equipment whose calibration ran out yesterday (R15); its id.
    std::string instrumentOnExpiredEquipment() {
        auto e = http.postJson("/api/equipment", R"({"asset_no":"EQ-OLD","name":"原子吸收光谱仪 旧","equipment_type":"原子吸收光谱仪","in_service_from":")" +
                                                     dayFromToday(-800) + "\"}", manager);
        expect(201, e);
        expect(201, http.request("POST", e.header("Location") + "/calibrations",
                                 R"({"kind":"calibration","certificate_no":"JL-9","provider":"省计量院","performed_on":")" + dayFromToday(-366) +
                                     R"(","due_on":")" + dayFromToday(-1) + R"(","result":"pass","as_found":"in_tolerance"})",
                                 headers(manager, e.header("ETag"))));
        return addInstrument("AAS old", parse(e.body)->getValue<std::string>("id"));
    }
    HttpResponse import(const std::string& bytes, const std::string& name = "export.csv") {
        return http.request("POST", "/api/capture/instruments/" + instrument + "/import?name=" + name, bytes,
                            {{"Authorization", "Bearer " + tech}, {"Content-Type", "text/csv"}});
    }
    // The sample code of a new accepted order's item, assigned to the technician.
    std::string sampleOf(const std::string& item) {
        return parse(http.get("/api/testing/items/" + item, tech).body)->getValue<std::string>("sample_code");
    }
};

std::string exportFor(const std::string& sample, const std::string& value) {
    return "ICP-OES export 2026-11-29\r\n样品编号;元素;浓度;单位\r\n" + sample + ";Pb;" + value + ";mg/kg\r\n" + sample +
           ";Zn;12,5;mg/kg\r\nGDQT2099999999;Pb;0,02;mg/kg\r\n";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(capture)

BOOST_AUTO_TEST_CASE(an_imported_export_is_stored_raw_staged_and_accepted_into_the_items_result_once_R20_R21) {
    CaptureFixture f;
    const std::string item = f.assignedItem(f.specFull);
    const std::string sample = f.sampleOf(item);
    const std::string bytes = exportFor(sample, "0,0123");
    auto run = f.import(bytes);
    BOOST_REQUIRE_MESSAGE(run.status == 201, run.body);
    auto o = parse(run.body);
    BOOST_TEST(o->getValue<int>("readings") == 3);
    BOOST_TEST(o->getValue<std::string>("sha256").size() == 64u);
    auto staged = o->getArray("staged");
    BOOST_REQUIRE(staged->size() == 3u);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("status") == "staged");      // matched to the item
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("test_item_id") == item);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("value") == "0.0123");       // decimal comma read
    BOOST_TEST(staged->getObject(1)->getValue<std::string>("status") == "unmatched");   // Zn: no analyte mapping
    BOOST_TEST(staged->getObject(2)->getValue<std::string>("status") == "unmatched");   // no such sample
    // The same file again: the same run, nothing new.
    auto again = f.import(bytes, "export-copy.csv");
    BOOST_TEST(again.status == 200);
    BOOST_TEST(parse(again.body)->getValue<bool>("duplicate"));
    BOOST_TEST(parse(again.body)->getValue<std::string>("id") == o->getValue<std::string>("id"));
    BOOST_TEST(parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->size() == 1u);
    // The raw bytes, exactly as received.
    auto raw = f.http.get("/api/capture/runs/" + o->getValue<std::string>("id") + "/raw", f.tech);
    BOOST_REQUIRE(raw.status == 200);
    BOOST_TEST(raw.body == bytes);
    // The queue holds the unmatched readings; accepting the matched one makes the item's result.
    BOOST_TEST(parse(f.http.get("/api/capture/staged?status=unmatched", f.tech).body)->getArray("items")->size() == 2u);
    auto s0 = staged->getObject(0);
    const std::string accept = "/api/capture/staged/" + s0->getValue<std::string>("id") + "/accept";
    auto accepted = f.http.request("POST", accept, "", ResultFixture::headers(f.tech, s0->getValue<std::string>("etag")));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    BOOST_TEST(parse(accepted.body)->getValue<std::string>("status") == "accepted");
    auto result = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results")->getObject(0);
    BOOST_TEST(result->getValue<std::string>("value_text") == "0.0123");
    BOOST_TEST(result->getObject("raw")->getValue<std::string>("kind") == "capture");  // R21: the run is the raw data
    BOOST_TEST(result->getObject("raw")->getValue<std::string>("ref") == o->getValue<std::string>("id"));
    BOOST_TEST(result->getValue<std::string>("conformity") == "pass");
    BOOST_TEST(f.http.request("POST", accept, "", ResultFixture::headers(f.tech, parse(accepted.body)->getValue<std::string>("etag"))).status ==
               409);  // once
    auto noReason = f.http.request("POST", "/api/capture/staged/" + staged->getObject(1)->getValue<std::string>("id") + "/reject", "{}",
                                   ResultFixture::headers(f.tech, staged->getObject(1)->getValue<std::string>("etag")));
    BOOST_TEST(noReason.status == 400);
    refusesBlank(f.http, f.tech, "POST", "/api/capture/staged/" + staged->getObject(1)->getValue<std::string>("id") + "/reject",
                 R"({"reason":$BLANK})", "reason", staged->getObject(1)->getValue<std::string>("etag"), "/api/capture/staged?status=unmatched");
    auto rejected = f.http.request("POST", "/api/capture/staged/" + staged->getObject(1)->getValue<std::string>("id") + "/reject",
                                   R"({"reason":"\u3000锌不在委托项目中\u200b"})", ResultFixture::headers(f.tech, staged->getObject(1)->getValue<std::string>("etag")));
    BOOST_REQUIRE_MESSAGE(rejected.status == 200, rejected.body);
    BOOST_TEST(parse(rejected.body)->getValue<std::string>("reason") == "锌不在委托项目中");  // R20: stored trimmed
}

BOOST_AUTO_TEST_CASE(readings_from_an_instrument_whose_calibration_has_expired_are_not_accepted_R15) {
    CaptureFixture f;
    const std::string oldInstrument = f.instrumentOnExpiredEquipment();
    const std::string item = f.assignedItem(f.specFull);
    auto run = f.http.request("POST", "/api/capture/instruments/" + oldInstrument + "/import?name=old.csv",
                              exportFor(f.sampleOf(item), "0,05"), {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    BOOST_REQUIRE_MESSAGE(run.status == 201, run.body);
    auto s0 = parse(run.body)->getArray("staged")->getObject(0);
    BOOST_TEST(s0->getValue<std::string>("equipment_problem").rfind("R15: ", 0) == 0, s0->getValue<std::string>("equipment_problem"));
    auto refused = f.http.request("POST", "/api/capture/staged/" + s0->getValue<std::string>("id") + "/accept", "",
                                  ResultFixture::headers(f.tech, s0->getValue<std::string>("etag")));
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(refused.body.find(R"("id":"R15")") != std::string::npos, refused.body);
    BOOST_TEST(parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(a_bad_instrument_or_import_names_every_field) {
    CaptureFixture f;
    auto bad = f.http.postJson("/api/capture/instruments",
                               R"({"name":"","equipment_id":"999","driver":"csv","profile":{"layout":"diagonal"},"analytes":{"Pb":"123"}})", f.manager);
    BOOST_TEST(bad.status == 400);
    for (const char* field : {"name", "driver", "analytes.Pb"})
        BOOST_TEST(bad.body.find(std::string(R"("field":")") + field + "\"") != std::string::npos, field << " in " << bad.body);
    BOOST_TEST(f.http.postJson("/api/capture/instruments", R"({"name":"x"})", f.tech).status == 403);
    auto empty = f.import("");
    BOOST_TEST(empty.status == 400);
    BOOST_TEST(f.http.request("POST", "/api/capture/instruments/123/import?name=a.csv", "x;y",
                              {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}})
                   .status == 404);
    auto garbage = f.import(std::string("\xFF\xFE\x00", 3), "broken.csv");  // odd UTF-16: stored, diagnosed, nothing staged
    BOOST_REQUIRE_MESSAGE(garbage.status == 201, garbage.body);
    BOOST_TEST(parse(garbage.body)->getValue<int>("readings") == 0);
    BOOST_TEST(parse(garbage.body)->getValue<std::string>("diagnostics").find("UTF-16") != std::string::npos);
}

namespace {
// The instrument side of an E1381 session: sends bytes, reads the one-byte replies.
struct AstmSimulator {
    Poco::Net::StreamSocket socket;
    explicit AstmSimulator(int port) : socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port))) {
        socket.setReceiveTimeout(Poco::Timespan(10, 0));
    }
    char send(const std::string& bytes) {
        socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
        char reply = 0;
        return socket.receiveBytes(&reply, 1) == 1 ? reply : 0;
    }
    static std::string frame(int n, const std::string& text, bool last) { return assay::instruments::astm::frame(n, text, last); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(an_astm_listener_naks_a_bad_checksum_stores_before_acking_and_a_retransmission_is_one_run_R20) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"ICP-MS","equipment_id":")" + f.equipmentId + R"(","driver":"astm","profile":{"test_code_component":4},"analytes":{"Pb":")" +
                                 f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    BOOST_TEST(f.http.postJson("/api/capture/instruments/" + f.instrument + "/listener", R"({"port":0})", f.manager).status == 400);  // not astm
    auto started = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":0})", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const int port = parse(started.body)->getValue<int>("port");
    const std::string item = f.assignedItem(f.specFull);
    const std::string text = "H|\\^&|||NexION 2000\rP|1\rO|1|" + f.sampleOf(item) + "||^^^Pb|R\rR|1|^^^Pb|0.0123|mg/kg||N||F\rL|1|N\r";
    std::vector<std::string> frames;
    for (std::size_t k = 0, n = 1; k < text.size(); k += 40, ++n)
        frames.push_back(AstmSimulator::frame(static_cast<int>(n), text.substr(k, 40), k + 40 >= text.size()));
    BOOST_REQUIRE(frames.size() >= 3u);  // ETB-split
    auto session = [&](bool corrupt) {
        AstmSimulator sim(port);
        BOOST_TEST(sim.send("\x05") == '\x06');  // ENQ -> ACK
        for (std::size_t k = 0; k < frames.size(); ++k) {
            if (corrupt && k == 1) {
                std::string bad = frames[k];
                bad[bad.size() - 3] = bad[bad.size() - 3] == 'A' ? 'B' : 'A';  // C2
                BOOST_TEST(sim.send(bad) == '\x15', "a bad checksum is NAKed");
            }
            BOOST_TEST(sim.send(frames[k]) == '\x06', "frame " << k + 1);  // after the last: stored, then ACKed
        }
        sim.socket.sendBytes("\x04", 1);  // EOT
    };
    session(true);
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 1u);  // stored before the last ACK came back
    BOOST_TEST(runs->getObject(0)->getValue<std::string>("source") == "tcp");
    // The instrument sends the same message again (as after a server lost between store and
    // ACK): the same bytes are the same run.
    session(false);
    BOOST_TEST(parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->size() == 1u);
    auto run = parse(f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id"), f.tech).body);
    auto s0 = run->getArray("staged")->getObject(0);
    BOOST_TEST(s0->getValue<std::string>("status") == "staged");
    BOOST_TEST(s0->getValue<std::string>("sample_code") == f.sampleOf(item));  // from the joined frame texts
    BOOST_TEST(s0->getValue<std::string>("value") == "0.0123");
    auto listeners = parse(f.http.get("/api/capture/listeners", f.tech).body)->getArray("items");
    BOOST_REQUIRE(listeners->size() == 1u);
    BOOST_TEST(listeners->getObject(0)->getValue<int>("refused_frames") == 1);
    BOOST_TEST(f.http.request("DELETE", "/api/capture/instruments/" + instrument + "/listener", "", ResultFixture::headers(f.manager)).status == 204);
    BOOST_TEST(parse(f.http.get("/api/capture/listeners", f.tech).body)->getArray("items")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(an_hl7_listener_stores_an_oru_with_lf_endings_then_acks_it_with_its_control_id) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"ICP-OES HL7","equipment_id":")" + f.equipmentId + R"(","driver":"hl7","analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    auto started = f.http.postJson("/api/capture/instruments/" + parse(i.body)->getValue<std::string>("id") + "/listener", "{}", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const std::string item = f.assignedItem(f.specFull);
    const std::string oru = "MSH|^~\\&|ICP-OES|PerkinElmer|LIMS|GDQT|20261129101500||ORU^R01|MSG-77|P|2.3.1\nPID|1\nOBR|1||" + f.sampleOf(item) +
                            "\nOBX|1|NM|Pb^Lead||0.0150|mg/kg||N|||F\n";
    auto exchange = [&] {
        Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(parse(started.body)->getValue<int>("port"))));
        s.setReceiveTimeout(Poco::Timespan(10, 0));
        const std::string wire = "\x0b" + oru + "\x1c\r";
        s.sendBytes(wire.data(), static_cast<int>(wire.size()));
        std::string ack;
        char buf[512];
        while (ack.find('\x1c') == std::string::npos) {
            const int n = s.receiveBytes(buf, sizeof buf);
            if (n <= 0) break;
            ack.append(buf, static_cast<std::size_t>(n));
        }
        return ack;
    };
    const std::string ack = exchange();
    BOOST_TEST(ack.find("MSA|AA|MSG-77") != std::string::npos, ack);  // echoes MSH-10, after the store
    BOOST_TEST(ack.find("ACK^R01") != std::string::npos, ack);
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 1u);
    auto staged = parse(f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id"), f.tech).body)->getArray("staged");
    BOOST_REQUIRE(staged->size() == 1u);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("status") == "staged");
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("value") == "0.0150");
    BOOST_TEST(exchange().find("MSA|AA|MSG-77") != std::string::npos);  // sent again: acknowledged, the same run
    BOOST_TEST(parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->size() == 1u);
}

// Sends one MLLP frame to a listener and returns the ACK's text (between <VT> and <FS>).
std::string mllpExchange(int port, const std::string& message) {
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    s.setReceiveTimeout(Poco::Timespan(20, 0));
    const std::string wire = "\x0b" + message + "\x1c\r";
    s.sendBytes(wire.data(), static_cast<int>(wire.size()));
    std::string ack;
    char buf[512];
    while (ack.find('\x1c') == std::string::npos) {
        const int n = s.receiveBytes(buf, sizeof buf);
        if (n <= 0) break;
        ack.append(buf, static_cast<std::size_t>(n));
    }
    return ack;
}

BOOST_AUTO_TEST_CASE(a_frame_that_is_not_hl7_is_kept_as_a_rejected_run_answered_ar_and_gives_no_readings_R20) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"HL7 analyzer","equipment_id":")" + f.equipmentId + R"(","driver":"hl7","analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    auto started = f.http.postJson("/api/capture/instruments/" + parse(i.body)->getValue<std::string>("id") + "/listener", "{}", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const int port = parse(started.body)->getValue<int>("port");
    // 64 KiB of random bytes (all but <VT> and <FS>, which cannot be inside a frame), 1 MiB of text,
    // and a real MSH followed by lines that are not segments.
    std::string random(64 * 1024, '\0');
    std::uint32_t x = 2463534242u;
    for (auto& c : random) {
        do {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            c = static_cast<char>(x & 0xFF);
        } while (c == '\x0b' || c == '\x1c');
    }
    std::string text;
    while (text.size() < (1u << 20)) text += "The quick brown fox jumps over the lazy dog; 检验检测 0123456789 | ^ ~ & OBX\r\n";
    const std::string item = f.assignedItem(f.specFull);
    const std::string mixed = "MSH|^~\\&|X|Y|LIMS|GDQT|20261129101500||ORU^R01|MSG-88|P|2.5.1\rOBR|1||" + f.sampleOf(item) +
                              "\rOBX|1|NM|Pb^Lead||0.0150|mg/kg||N|||F\rnot a segment at all\r";
    const std::vector<std::pair<std::string, std::string>> frames{{random, "MSA|AR||"}, {text, "MSA|AR||"}, {mixed, "MSA|AR|MSG-88|"}};
    for (const auto& [frame, msa] : frames) {
        const std::string ack = mllpExchange(port, frame);
        BOOST_TEST(ack.find(msa) != std::string::npos, ack);  // MSH-10 echoed only when it could be read
        BOOST_TEST(ack.find("\rERR|||100^Segment sequence error^HL70357|E|||") != std::string::npos, ack);
    }
    const std::string okAck = mllpExchange(port, "MSH|^~\\&|X|Y|LIMS|GDQT|20261129101500||ORU^R01|MSG-89|P|2.5.1\rOBR|1||" +
                                                     f.sampleOf(item) + "\rOBX|1|NM|Pb^Lead||0.0150|mg/kg||N|||F\r");
    BOOST_TEST(okAck.find("MSA|AA|MSG-89\r") != std::string::npos, okAck);  // the link goes on: a real message is taken
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 4u);
    // Newest first: the good message, then the three rejected frames, each kept byte for byte.
    BOOST_TEST(runs->getObject(0)->getValue<std::string>("status") == "received");
    BOOST_TEST(runs->getObject(0)->getValue<int>("readings") == 1);
    const std::vector<std::string> sent{mixed, text, random};
    const std::vector<std::string> why{"line 4 is not an HL7 segment", "not an HL7 message: it does not start with an MSH segment",
                                       "not an HL7 message: it does not start with an MSH segment"};
    for (unsigned k = 1; k < 4; ++k) {
        auto run = runs->getObject(k);
        BOOST_TEST(run->getValue<std::string>("status") == "rejected");
        BOOST_TEST(run->getValue<std::string>("reason") == why[k - 1]);
        BOOST_TEST(run->getValue<int>("readings") == 0);
        BOOST_TEST(run->getValue<Poco::Int64>("size") == static_cast<Poco::Int64>(sent[k - 1].size()));
        auto detail = parse(f.http.get("/api/capture/runs/" + run->getValue<std::string>("id"), f.tech).body);
        BOOST_TEST(detail->getArray("staged")->size() == 0u);
        auto raw = f.http.get("/api/capture/runs/" + run->getValue<std::string>("id") + "/raw", f.tech);
        BOOST_TEST(raw.status == 200);
        BOOST_TEST((raw.body == sent[k - 1]));  // the evidence, identical (R20)
    }
    // Nothing was staged from them: only the good message's reading waits.
    auto staged = parse(f.http.get("/api/capture/staged?status=staged", f.tech).body)->getArray("items");
    BOOST_TEST(staged->size() == 1u);
    auto unmatched = parse(f.http.get("/api/capture/staged?status=unmatched", f.tech).body)->getArray("items");
    BOOST_TEST(unmatched->size() == 0u);
    auto listeners = parse(f.http.get("/api/capture/listeners", f.tech).body)->getArray("items");
    BOOST_TEST(listeners->getObject(0)->getValue<int>("messages") == 4);
    BOOST_TEST(listeners->getObject(0)->getValue<int>("refused_frames") == 3);
}

BOOST_AUTO_TEST_CASE(a_file_dropped_in_a_watched_folder_is_imported_once_even_when_dropped_twice) {
    CaptureFixture f;
    auto bad = f.http.postJson("/api/capture/instruments/" + f.instrument + "/folder", R"({"folder":"../etc"})", f.manager);
    BOOST_TEST(bad.status == 400);  // only a folder name under capture.folder_root
    auto watch = f.http.postJson("/api/capture/instruments/" + f.instrument + "/folder", R"({"folder":"icp1","interval_ms":100})", f.manager);
    BOOST_REQUIRE_MESSAGE(watch.status == 201, watch.body);
    const std::string dir = parse(watch.body)->getValue<std::string>("path");
    const std::string item = f.assignedItem(f.specFull);
    const std::string bytes = exportFor(f.sampleOf(item), "0,0123");
    auto runs = [&] { return parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->size(); };
    auto processed = [&](const std::string& name) { return std::filesystem::exists(dir + "/processed/" + name); };
    writeFile(dir + "/export-1.csv", bytes);
    BOOST_REQUIRE(waitFor([&] { return processed("export-1.csv"); }, std::chrono::seconds(20)));
    BOOST_TEST(runs() == 1u);
    BOOST_TEST(!std::filesystem::exists(dir + "/export-1.csv"));
    writeFile(dir + "/export-1-copy.csv", bytes);  // the same export dropped again
    BOOST_REQUIRE(waitFor([&] { return processed("export-1-copy.csv"); }, std::chrono::seconds(20)));
    BOOST_TEST(runs() == 1u);  // the same content is the same run
    auto run = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->getObject(0);
    BOOST_TEST(run->getValue<std::string>("source") == "folder");
    BOOST_TEST(run->getValue<std::string>("origin") == "export-1.csv");
    auto status = parse(f.http.get("/api/capture/folders", f.tech).body)->getArray("items");
    BOOST_REQUIRE(status->size() == 1u);
    BOOST_TEST(status->getObject(0)->getValue<int>("imported") == 2);
    BOOST_TEST(f.http.request("DELETE", "/api/capture/instruments/" + f.instrument + "/folder", "", ResultFixture::headers(f.manager)).status == 204);
}

BOOST_AUTO_TEST_CASE(an_instrument_in_the_simplified_astm_mode_is_heard_without_frame_numbers_or_checksums) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"MAGLUMI","equipment_id":")" + f.equipmentId + R"(","driver":"astm","profile":{"simplified":true},"analytes":{"Pb":")" +
                                 f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    auto started = f.http.postJson("/api/capture/instruments/" + parse(i.body)->getValue<std::string>("id") + "/listener", "{}", f.manager);
    BOOST_REQUIRE(started.status == 201);
    const std::string item = f.assignedItem(f.specFull);
    AstmSimulator sim(parse(started.body)->getValue<int>("port"));
    BOOST_TEST(sim.send("\x05") == '\x06');
    const std::string msg = "H|\\^&||PSWD|Maglumi 1000\rP|1\rO|1|" + f.sampleOf(item) + "||^^^Pb\rR|1|^^^Pb|0.031|mg/kg\rL|1|N\r";
    BOOST_TEST(sim.send("\x02" + msg + "\x03") == '\x06');  // the whole message, no number, no checksum
    sim.socket.sendBytes("\x04", 1);
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 1u);
    auto staged = parse(f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id"), f.tech).body)->getArray("staged");
    BOOST_REQUIRE(staged->size() == 1u);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("value") == "0.031");
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("status") == "staged");
    auto bad = f.http.postJson("/api/capture/instruments", R"({"name":"x","equipment_id":")" + f.equipmentId +
                                                               R"(","driver":"astm","profile":{"checksums":"no"},"analytes":{"Pb":")" + f.lead + R"("}})",
                               f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"profile.checksums")") != std::string::npos, bad.body);
}


namespace {
// An MT-SICS balance instrument on the simulator's port, its one analyte mapped to lead.
std::string balanceInstrument(CaptureFixture& f, int port, const std::string& extra = "") {
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"XPR205 )" + std::to_string(port) + R"(","equipment_id":")" + f.equipmentId +
                                 R"(","driver":"mtsics","profile":{"host":"127.0.0.1","port":)" + std::to_string(port) +
                                 R"(,"settle_ms":3000)" + extra + R"(},"analytes":{"m":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    return parse(i.body)->getValue<std::string>("id");
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_balance_that_answers_dynamic_before_stable_gives_only_the_stable_weight_with_its_serial) {
    CaptureFixture f;
    assay::instruments::mtsics::BalanceSimulator balance("B207696838", {"S D      12.3456 g", "S D      12.3459 g", "S S      12.3460 g"});
    const std::string instrument = balanceInstrument(f, balance.port());
    const std::string item = f.assignedItem(f.specFull);
    const std::string sample = f.sampleOf(item);
    auto w = f.http.postJson("/api/capture/instruments/" + instrument + "/weigh", R"({"sample_code":")" + sample + R"("})", f.tech);
    BOOST_REQUIRE_MESSAGE(w.status == 201, w.body);
    auto o = parse(w.body);
    BOOST_TEST(o->getValue<bool>("stable"));
    BOOST_TEST(o->getValue<std::string>("device_serial") == "B207696838");  // I4, kept with the run
    auto staged = o->getArray("staged");
    BOOST_REQUIRE(staged->size() == 1u);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("value") == "12.3460");  // never a dynamic weight
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("unit") == "g");
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("status") == "staged");
    BOOST_TEST(o->getValue<std::string>("diagnostics").find("dynamic weight 12.3456 g") != std::string::npos);
    BOOST_TEST(balance.commands() >= 4);  // I4, then S until stable
    // The raw data is the whole exchange, the balance's lines byte for byte.
    auto raw = f.http.get("/api/capture/runs/" + o->getValue<std::string>("id") + "/raw", f.tech);
    BOOST_TEST(raw.body.find("< S D      12.3456 g\r\n") != std::string::npos);
    BOOST_TEST(raw.body.find("< I4 A \"B207696838\"\r\n") != std::string::npos);
    BOOST_TEST(raw.body.find("sample: " + sample) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_balance_that_never_settles_or_is_overloaded_gives_no_reading_but_keeps_the_transcript) {
    CaptureFixture f;
    assay::instruments::mtsics::BalanceSimulator moving("B1", {"S D      1.0001 g"});
    const std::string instrument = balanceInstrument(f, moving.port(), R"(,"serial":"B2")");
    auto w = f.http.postJson("/api/capture/instruments/" + instrument + "/weigh", R"({"sample_code":"GDQT2026000001","analyte":"m"})", f.tech);
    BOOST_REQUIRE_MESSAGE(w.status == 201, w.body);
    auto o = parse(w.body);
    BOOST_TEST(!o->getValue<bool>("stable"));
    BOOST_TEST(o->getArray("staged")->size() == 0u);
    const std::string why = o->getValue<std::string>("diagnostics");
    BOOST_TEST(why.find("no stable weight") != std::string::npos);
    BOOST_TEST(why.find("the balance said it is B1, the instrument record says B2") != std::string::npos);
    assay::instruments::mtsics::BalanceSimulator swapped("B9", {"S S      2.0000 g"});  // settles, but is not the balance on record
    const std::string third = balanceInstrument(f, swapped.port(), R"(,"serial":"B2")");
    auto o3 = parse(f.http.postJson("/api/capture/instruments/" + third + "/weigh", R"({"sample_code":"GDQT2026000001"})", f.tech).body);
    BOOST_TEST(!o3->getValue<bool>("stable"));
    BOOST_TEST(o3->getArray("staged")->size() == 0u);
    BOOST_TEST(o3->getValue<std::string>("device_serial") == "B9");
    assay::instruments::mtsics::BalanceSimulator overloaded("B3", {"S +"});
    const std::string second = balanceInstrument(f, overloaded.port());
    auto o2 = parse(f.http.postJson("/api/capture/instruments/" + second + "/weigh", R"({"sample_code":"GDQT2026000001"})", f.tech).body);
    BOOST_TEST(o2->getValue<std::string>("diagnostics").find("overload") != std::string::npos);
    BOOST_TEST(overloaded.commands() == 2);  // I4, S: an overload ends the weighing
}

BOOST_AUTO_TEST_CASE(weighing_names_the_bad_field_and_an_unreachable_balance_is_503) {
    CaptureFixture f;
    int port = 0;
    {
        assay::instruments::mtsics::BalanceSimulator gone("B1", {"S S 1 g"});
        port = gone.port();
    }  // nothing listens there any more
    const std::string instrument = balanceInstrument(f, port);
    auto bad = f.http.postJson("/api/capture/instruments/" + instrument + "/weigh", R"({"analyte":"x"})", f.tech);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find("sample_code") != std::string::npos);
    auto unknown = f.http.postJson("/api/capture/instruments/" + instrument + "/weigh", R"({"sample_code":"S1","analyte":"x"})", f.tech);
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(unknown.body.find("analyte") != std::string::npos);
    auto down = f.http.postJson("/api/capture/instruments/" + instrument + "/weigh", R"({"sample_code":"S1"})", f.tech);
    BOOST_TEST(down.status == 503);
    BOOST_TEST(down.body.find("cannot be reached") != std::string::npos);
    BOOST_TEST(parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->size() == 0u);  // nothing half-stored
    auto noPort = f.http.postJson("/api/capture/instruments",
                                  R"({"name":"XS","equipment_id":")" + f.equipmentId + R"(","driver":"mtsics","profile":{"command":"Q"},"analytes":{"m":")" +
                                      f.lead + R"("}})",
                                  f.manager);
    BOOST_TEST(noPort.status == 400);
    BOOST_TEST(noPort.body.find("profile.port") != std::string::npos);
    BOOST_TEST(noPort.body.find("profile.command") != std::string::npos);
    auto notBalance = f.http.postJson("/api/capture/instruments/" + f.instrument + "/weigh", R"({"sample_code":"S1"})", f.tech);
    BOOST_TEST(notBalance.status == 400);
}

namespace {
// The instrument's side of a host transmission: replies with our receiver until the host's EOT;
// returns the message it sent ("" if none within 10 s).
std::string receiveFromHost(Poco::Net::StreamSocket& socket) {
    assay::instruments::astm::AstmReceiver receiver;
    std::string message;
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    char buf[1024];
    bool started = false;
    for (;;) {
        int n = 0;
        try {
            n = socket.receiveBytes(buf, sizeof buf);
        } catch (const std::exception&) {
            return message;
        }
        if (n <= 0) return message;
        for (const auto& e : receiver.feed(std::string_view(buf, static_cast<std::size_t>(n)))) {
            if (e.kind == assay::instruments::astm::LinkEvent::Kind::Message) message += e.text;
            if (e.kind == assay::instruments::astm::LinkEvent::Kind::Reply) {
                started = true;
                socket.sendBytes(e.text.data(), static_cast<int>(e.text.size()));
            }
        }
        if (started && receiver.idle()) return message;  // the host's EOT
    }
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_instrument_query_is_answered_with_the_samples_open_orders_after_its_eot) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"Cobas","equipment_id":")" + f.equipmentId + R"(","driver":"astm","analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    auto started = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":0})", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const int port = parse(started.body)->getValue<int>("port");
    const std::string sample = f.sampleOf(f.assignedItem(f.specFull));
    AstmSimulator sim(port);
    BOOST_TEST(sim.send("\x05") == '\x06');
    BOOST_TEST(sim.send(AstmSimulator::frame(1, "H|\\^&|||Cobas\rQ|1|^" + sample + "||^^^ALL||||||||O\rQ|2|^GDQT2099999999\rL|1|N\r", true)) ==
               '\x06');
    sim.socket.sendBytes("\x04", 1);  // EOT: the line is free, the host answers
    const std::string answer = receiveFromHost(sim.socket);
    BOOST_TEST(answer.find("P|1\rO|1|" + sample + "||^^^Pb|R") != std::string::npos, answer);
    BOOST_TEST(answer.find("GDQT2099999999") == std::string::npos);  // nothing ordered: not in the answer
    BOOST_TEST(answer.substr(answer.size() - 6) == "L|1|N\r");
    auto listeners = parse(f.http.get("/api/capture/listeners", f.tech).body)->getArray("items");
    BOOST_REQUIRE(listeners->size() == 1u);
    BOOST_TEST(listeners->getObject(0)->getValue<int>("answers") == 1);
    BOOST_TEST(listeners->getObject(0)->getValue<std::string>("mode") == "server");
}

BOOST_AUTO_TEST_CASE(in_client_mode_the_host_connects_to_the_instrument_and_stores_what_it_sends) {
    CaptureFixture f;
    Poco::Net::ServerSocket instrumentSide(Poco::Net::SocketAddress("127.0.0.1", 0));  // the analyzer's terminal server
    const int port = instrumentSide.address().port();
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"AU480","equipment_id":")" + f.equipmentId + R"(","driver":"astm","profile":{"connect_host":"127.0.0.1","connect_port":)" +
                                 std::to_string(port) + R"(},"analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    auto started = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({})", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    BOOST_TEST(parse(started.body)->getValue<int>("port") == port);
    BOOST_REQUIRE(instrumentSide.poll(Poco::Timespan(10, 0), Poco::Net::Socket::SELECT_READ));
    Poco::Net::StreamSocket link = instrumentSide.acceptConnection();
    link.setReceiveTimeout(Poco::Timespan(10, 0));
    const std::string sample = f.sampleOf(f.assignedItem(f.specFull));
    auto send = [&](const std::string& bytes) {
        link.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
        char reply = 0;
        return link.receiveBytes(&reply, 1) == 1 ? reply : 0;
    };
    BOOST_TEST(send("\x05") == '\x06');
    BOOST_TEST(send(AstmSimulator::frame(1, "H|\\^&\rP|1\rO|1|" + sample + "||^^^Pb\rR|1|^^^Pb|0.031|mg/kg||N||F\rL|1|N\r", true)) == '\x06');
    link.sendBytes("\x04", 1);
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 1u);
    auto run = parse(f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id"), f.tech).body);
    BOOST_TEST(run->getArray("staged")->getObject(0)->getValue<std::string>("value") == "0.031");
    auto listeners = parse(f.http.get("/api/capture/listeners", f.tech).body)->getArray("items");
    BOOST_TEST(listeners->getObject(0)->getValue<std::string>("mode") == "client");
    BOOST_TEST(f.http.request("DELETE", "/api/capture/instruments/" + instrument + "/listener", "", ResultFixture::headers(f.manager)).status == 204);
    auto noHost = f.http.postJson("/api/capture/instruments",
                                  R"({"name":"AU680","equipment_id":")" + f.equipmentId + R"(","driver":"astm","profile":{"connect_port":7000},"analytes":{"Pb":")" +
                                      f.lead + R"("}})",
                                  f.manager);
    BOOST_TEST(noHost.status == 400);
    BOOST_TEST(noHost.body.find("profile.connect_host") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_masshunter_export_is_read_by_its_vendor_driver_and_matched_by_sample_and_compound) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"6470 QQQ","equipment_id":")" + f.equipmentId + R"(","driver":"masshunter","analytes":{"Lead":")" + f.lead +
                                 R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    const std::string sample = f.sampleOf(f.assignedItem(f.specFull));
    // Two header rows: the compound groups, then the per-compound columns.
    const std::string csv = "Sample,,,,Lead Results,,Cadmium Results,\r\n,,Name,Data File,RT,Final Conc.,RT,Final Conc.\r\n!,!," + sample +
                            "," + sample + ".d,3.1,0.0456,2.2,0.0031\r\n";
    auto run = f.http.request("POST", "/api/capture/instruments/" + instrument + "/import?name=batch.csv", csv,
                              {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    BOOST_REQUIRE_MESSAGE(run.status == 201, run.body);
    auto staged = parse(run.body)->getArray("staged");
    BOOST_REQUIRE(staged->size() == 2u);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("analyte") == "Lead");
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("value") == "0.0456");
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("status") == "staged");    // mapped and matched
    BOOST_TEST(staged->getObject(1)->getValue<std::string>("status") == "unmatched");  // Cadmium: not mapped, queued
}

BOOST_AUTO_TEST_CASE(a_second_message_in_a_session_wrapping_past_frame_7_is_read_whole_and_its_resend_is_the_same_run) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"Access 2","equipment_id":")" + f.equipmentId + R"(","driver":"astm","analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    auto started = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":0})", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const int port = parse(started.body)->getValue<int>("port");
    const std::string sample = f.sampleOf(f.assignedItem(f.specFull));
    // One record per end frame (as the Beckman Access 2 sends them).
    const std::vector<std::string> first{"H|\\^&\r", "P|1\r", "L|1|N\r"};
    std::vector<std::string> second{"H|\\^&\r", "P|1\r", "O|1|" + sample + "||^^^Pb\r"};
    for (int k = 0; k < 6; ++k) second.push_back("C|" + std::to_string(k + 1) + "|I|note " + std::to_string(k) + "\r");
    second.push_back("R|1|^^^Pb|0.0456|mg/kg||N||F\r");
    second.push_back("L|1|N\r");
    auto sendSession = [&](const std::vector<std::vector<std::string>>& messages) {
        AstmSimulator sim(port);
        BOOST_TEST(sim.send("\x05") == '\x06');
        int n = 1;
        for (const auto& m : messages)
            for (const auto& record : m) BOOST_TEST(sim.send(AstmSimulator::frame(n++, record, true)) == '\x06');
        sim.socket.sendBytes("\x04", 1);
    };
    sendSession({first, second});  // the second message's frames are 4, 5, 6, 7, 0, 1, ...
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 2u);
    auto run = parse(f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id"), f.tech).body);
    BOOST_REQUIRE(run->getArray("staged")->size() == 1u);
    BOOST_TEST(run->getArray("staged")->getObject(0)->getValue<std::string>("value") == "0.0456");
    BOOST_TEST(run->getArray("staged")->getObject(0)->getValue<std::string>("status") == "staged");
    BOOST_TEST(run->get("diagnostics").isEmpty());
    // The instrument never got the last ACK and sends the second message again, alone: its frames
    // now start at 1, the bytes differ, what they say does not. The same run.
    sendSession({second});
    BOOST_TEST(parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_stopped_listener_frees_its_port_and_starts_again_on_it) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"AAS","equipment_id":")" + f.equipmentId + R"(","driver":"astm","analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    auto started = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":0})", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const int port = parse(started.body)->getValue<int>("port");
    {
        AstmSimulator connected(port);  // an instrument connected while the listener stops
        BOOST_TEST(f.http.request("DELETE", "/api/capture/instruments/" + instrument + "/listener", "", ResultFixture::headers(f.manager)).status == 204);
    }
    BOOST_TEST(parse(f.http.get("/api/capture/instruments", f.tech).body)->getArray("items")->getObject(1)->get("listen_port").isEmpty());
    auto again = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":)" + std::to_string(port) + "}", f.manager);
    BOOST_REQUIRE_MESSAGE(again.status == 201, again.body);
    AstmSimulator sim(port);
    BOOST_TEST(sim.send("\x05") == '\x06');
    auto huge = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":9999999999})", f.manager);
    BOOST_TEST(huge.status == 400);
    BOOST_TEST(huge.body.find("port") != std::string::npos, huge.body);
}

BOOST_AUTO_TEST_CASE(under_the_flag_policy_a_reading_from_expired_equipment_is_accepted_flagged_under_a_new_nc_R15) {
    CaptureFixture f(std::map<std::string, std::string>{{"ASSAY_ACCREDITATION_R15_POLICY", "flag"}});
    const std::string oldInstrument = f.instrumentOnExpiredEquipment();
    const std::string item = f.assignedItem(f.specFull);
    const auto ncsBefore = parse(f.http.get("/api/nonconformities", f.manager).body)->getArray("items")->size();
    auto run = f.http.request("POST", "/api/capture/instruments/" + oldInstrument + "/import?name=old.csv",
                              exportFor(f.sampleOf(item), "0,05"), {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    BOOST_REQUIRE_MESSAGE(run.status == 201, run.body);
    auto s0 = parse(run.body)->getArray("staged")->getObject(0);
    auto accepted = f.http.request("POST", "/api/capture/staged/" + s0->getValue<std::string>("id") + "/accept", "",
                                   ResultFixture::headers(f.tech, s0->getValue<std::string>("etag")));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    auto results = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results");
    BOOST_REQUIRE(results->size() == 1u);
    auto r = results->getObject(0);
    BOOST_TEST(r->getValue<std::string>("equipment_flag").rfind("R15: AAS old ", 0) == 0, r->getValue<std::string>("equipment_flag"));
    BOOST_TEST(!r->get("nc_id").isEmpty());  // the NC opened for it
    auto ncs = parse(f.http.get("/api/nonconformities", f.manager).body)->getArray("items");
    BOOST_TEST(ncs->size() == ncsBefore + 1);
}

BOOST_AUTO_TEST_CASE(over_tcp_a_duplicate_frame_is_kept_once_and_a_connection_dropped_mid_message_stores_nothing) {
    CaptureFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"PinAAcle","equipment_id":")" + f.equipmentId + R"(","driver":"astm","analytes":{"Pb":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    auto started = f.http.postJson("/api/capture/instruments/" + instrument + "/listener", R"({"port":0})", f.manager);
    BOOST_REQUIRE_MESSAGE(started.status == 201, started.body);
    const int port = parse(started.body)->getValue<int>("port");
    const std::string text = "H|\\^&\rP|1\rO|1|GDQT2026000999||^^^Pb\rR|1|^^^Pb|0.077|mg/kg||N||F\rL|1|N\r";
    std::vector<std::string> frames;
    for (std::size_t k = 0, n = 1; k < text.size(); k += 30, ++n)
        frames.push_back(AstmSimulator::frame(static_cast<int>(n), text.substr(k, 30), k + 30 >= text.size()));
    BOOST_REQUIRE(frames.size() >= 3u);
    {
        AstmSimulator dropped(port);  // the cable is pulled after the first frame
        BOOST_TEST(dropped.send("\x05") == '\x06');
        BOOST_TEST(dropped.send(frames[0]) == '\x06');
    }
    {
        AstmSimulator quiet(port);  // a whole message, then no EOT: stored at its L record all the same
        BOOST_TEST(quiet.send("\x05") == '\x06');
        BOOST_TEST(quiet.send(frames[0]) == '\x06');
        BOOST_TEST(quiet.send(frames[0]) == '\x06');  // our ACK was "lost": the same frame again, ACKed and dropped
        for (std::size_t k = 1; k < frames.size(); ++k) BOOST_TEST(quiet.send(frames[k]) == '\x06');
    }
    auto runs = parse(f.http.get("/api/capture/runs", f.tech).body)->getArray("items");
    BOOST_REQUIRE(runs->size() == 1u);  // the dropped half message is not a run
    auto run = parse(f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id"), f.tech).body);
    BOOST_REQUIRE(run->getArray("staged")->size() == 1u);  // the duplicate frame did not double anything
    BOOST_TEST(run->getArray("staged")->getObject(0)->getValue<std::string>("value") == "0.077");
    auto raw = f.http.get("/api/capture/runs/" + runs->getObject(0)->getValue<std::string>("id") + "/raw", f.tech);
    BOOST_TEST(raw.body.find(frames[0]) == raw.body.rfind(frames[0]));  // the first frame once in the raw bytes
}

BOOST_AUTO_TEST_CASE(capture_refusals_read_in_chinese_with_their_codes) {
    CaptureFixture f;
    const std::map<std::string, std::string> zh = {
        {"Authorization", "Bearer " + f.manager}, {"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}};
    auto twice = f.http.request("POST", "/api/capture/instruments",
                                R"({"name":"ICP-OES 1","equipment_id":")" + f.equipmentId +
                                    R"(","driver":"delimited","profile":{"sample_column":"样品编号","analyte_column":"元素","value_column":"浓度"},"analytes":{"Pb":")" +
                                    f.lead + R"("}})",
                                zh);
    BOOST_REQUIRE_EQUAL(twice.status, 409);
    auto o = parse(twice.body);
    BOOST_TEST(o->getValue<std::string>("code") == "instrument.name_taken");
    BOOST_TEST(o->getValue<std::string>("detail") == "已有名为“ICP-OES 1”的仪器");
    auto empty = f.http.request("POST", "/api/capture/instruments/" + f.instrument + "/import?name=a.csv", "",
                                {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}, {"Accept-Language", "zh-CN"}});
    BOOST_REQUIRE_EQUAL(empty.status, 400);
    auto problem = parse(empty.body)->getArray("errors")->getObject(0);
    BOOST_TEST(problem->getValue<std::string>("code") == "run.body_required");
    BOOST_TEST(problem->getValue<std::string>("problem") == "必填：仪器发送的原始文件或报文");
}

BOOST_AUTO_TEST_SUITE_END()
