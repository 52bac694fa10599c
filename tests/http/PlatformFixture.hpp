// PlatformFixture: what the platform's HTTP tests share (issues 14, 15): a platform instance's
// operator, labs the test plays itself (FakeLab: its key and signed envelopes), lab instances
// (LabInstance: a ReportFixture lab in its own assayd, enrolled over the link), search and SQL
// helpers.
#pragma once

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <Poco/JSON/Array.h>

#include "ReportFixture.hpp"
#include "assay/Json.hpp"
#include "assay/Uscc.hpp"
#include "domain/Envelope.hpp"
#include "domain/InstanceKey.hpp"

namespace assay::test::platformtest {

using namespace assay::platform;

inline const std::string kPass = "test-instance-pass";

inline std::map<std::string, std::string> json(const std::string& token = {}) {
    std::map<std::string, std::string> h{{"Content-Type", "application/json"}, {"Accept-Language", "en"}};
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return h;
}

inline std::string operatorToken(HttpClient& http, const std::string& admin) {
    auto u = http.postJson("/api/users", R"({"username":"platform.op","display_name":"平台运营","password":"Operator-pw-123","roles":["platform_operator"]})",
                           admin);
    if (u.status != 201) throw std::runtime_error("operator: " + u.body);
    return http.login("platform.op", "Operator-pw-123");
}

inline std::string uscc(const std::string& first17) { return first17 + *usccCheckCharacter(first17); }

// A lab the test plays itself: its key, its signed enrolment, approved by the operator.
struct FakeLab {
    NewInstanceKey key = generateInstanceKey(kPass);
    std::string id;
    Envelope envelope(std::int64_t seq, const char* type, const std::string& body) const {
        Envelope e;
        e.lab = std::stoll(id);
        e.seq = seq;
        e.type = type;
        e.occurredAt = "2026-12-07T10:00:00+08:00";
        e.keyId = key.keyId;
        e.body = parseObject(body);
        e.signature = signBase64(key.encryptedPrivatePem, kPass, signedText(e));
        return e;
    }
};

inline FakeLab enrolFake(HttpClient& http, const std::string& op, const std::string& name, const std::string& first17, bool approve = true) {
    FakeLab lab;
    auto body = makeObject();
    body->set("name", name);
    body->set("uscc", uscc(first17));
    body->set("cma_no", std::string("202619000777"));
    body->set("cnas_no", std::string("CNAS L7777"));
    body->set("region", std::string("320106"));
    body->set("turnaround_days", 5);
    body->set("key_id", lab.key.keyId);
    body->set("public_key", lab.key.publicPem);
    body->set("signature", signBase64(lab.key.encryptedPrivatePem, kPass, canonicalJson(body)));
    auto r = http.request("POST", "/api/platform/enrolments", toJson(body), json());
    if (r.status != 201) throw std::runtime_error("enrol: " + r.body);
    lab.id = parse(r.body)->getValue<std::string>("id");
    if (approve) ResultFixture::expect(200, http.request("POST", "/api/platform/enrolments/" + lab.id + "/approve", "{}", json(op)));
    return lab;
}

inline HttpResponse post(HttpClient& http, const Envelope& e) { return http.request("POST", "/api/platform/feed", wireJson(e), json()); }


// The catalogue rows a search answers: "lab_name|product|scheme" each.
inline std::vector<std::string> search(HttpClient& http, const std::string& query) {
    auto r = http.get("/api/catalogue?" + query);
    if (r.status != 200) throw std::runtime_error("search: " + r.body);
    std::vector<std::string> out;
    auto items = parse(r.body)->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto o = items->getObject(static_cast<unsigned>(i));
        out.push_back(o->getValue<std::string>("lab_name") + "|" + o->getValue<std::string>("product") + "|" +
                      o->getArray("schemes")->getElement<std::string>(0));
    }
    return out;
}

inline long long count(const TestServer& s, const std::string& sql) {
    soci::session db(soci::sqlite3, s.dbPath());
    long long n = 0;
    db << sql, soci::into(n);
    return n;
}

inline std::string enc(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.') out += static_cast<char>(c);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}
// A lab instance (its own assayd and database) with the report fixture's lab, enrolled on the
// platform at platformUrl and approved there.
struct LabInstance : ReportFixture {
    explicit LabInstance(const std::string& first17, const std::string& name)
        : ReportFixture({{"ASSAY_INSTANCE_ROLE", "lab"}, {"ASSAY_OUTBOX_POLL_MS", "100"}, {"ASSAY_OUTBOX_BACKOFF_MIN_MS", "100"},
                         {"ASSAY_OUTBOX_BACKOFF_MAX_MS", "1000"},
                         {"TEST_LAB_USCC", uscc(first17)}, {"TEST_LAB_NAME", name}}) {}
    Poco::JSON::Object::Ptr link() {
        auto r = http.get("/api/platform/link", manager);
        if (r.status != 200) throw std::runtime_error("link: " + r.body);
        return parse(r.body);
    }
    void enrol(const std::string& platformUrl, const std::string& region) {
        expect(200, http.postJson("/api/platform/link/keys", "{}", manager));
        auto r = http.postJson("/api/platform/link/enrolment", R"({"platform_url":")" + platformUrl + R"(","region":")" + region +
                                                                   R"(","turnaround_days":5})", manager);
        expect(200, r);
    }
    // Waits until every message of the link was acknowledged by the platform: within 20 s, a third
    // of the default stream lease, so a lab restarted after kill -9 must take its own stream back
    // at once rather than wait for its old lease to lapse.
    bool drained() {
        return waitFor([&] {
            auto o = link()->getObject("outbox");
            return o->getValue<Poco::Int64>("pending") == 0 && o->getValue<Poco::Int64>("delivered") > 0;
        }, std::chrono::seconds(20));
    }
};


}  // namespace assay::test::platformtest
