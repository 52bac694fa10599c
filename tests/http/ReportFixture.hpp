// ReportFixture: the result fixture plus the lab's CMA certificate and a signatory (赵强) as
// staff, with helpers for an approved order, the signatory's authorization and the checks; for
// the report tests and the evidence tests of the database contract suite (which start it on
// their own database, SQLite or MariaDB).
#pragma once

#include <functional>

#include "ResultFixture.hpp"

namespace assay::test {

struct ReportFixture : ResultFixture {
    std::string signerUserId, signerStaff;
    explicit ReportFixture(std::map<std::string, std::string> env = {}) : ResultFixture(std::move(env)) {
        expect(201, http.postJson("/api/qualifications",
                                  R"({"scheme":"CMA","number":"202619000123","authority":"广东省市场监督管理局","valid_from":")" + dayFromToday(-300) +
                                      R"(","valid_to":")" + dayFromToday(1500) + "\"}",
                                  manager));
        auto u = http.postJson("/api/users", R"({"username":"signer","display_name":"赵强","password":"Signer-pw-12345","roles":["signatory"],"org_id":")" +
                                                 labOrg() + "\"}", admin);
        signerUserId = id(u);
        signerStaff = id(http.postJson("/api/staff", R"({"name":"赵强","id_number":")" + idNumber(9) + R"(","user_id":")" + signerUserId +
                                                          R"(","position":"授权签字人"})",
                                       manager));
    }
    // An approved result on a new accepted order (the customer asking for the MU or not);
    // returns the order code.
    // reviewed: called with the order's location and ETag between the review and the acceptance;
    // returns the ETag to accept with.
    std::string approvedOrder(const std::string& value, bool uncertainty = true,
                              const std::function<std::string(const std::string&, const std::string&)>& reviewed = {}) {
        std::string body = order(customerA, R"("CMA")", sample("大米", item(lead, leadMethod)));
        if (!uncertainty) body.replace(body.find(R"("uncertainty":true)"), 18, R"("uncertainty":false)");
        auto o = http.postJson("/api/orders", body, tech);
        expect(201, o);
        auto rv = post(o.header("Location") + "/review", "{}", o.header("ETag"));
        expect(200, rv);
        const std::string etag = reviewed ? reviewed(o.header("Location"), rv.header("ETag")) : rv.header("ETag");
        expect(200, post(o.header("Location") + "/accept", "", etag));
        const std::string code = parse(o.body)->getValue<std::string>("code");
        testOrder(code, value);
        return code;
    }
    // An accepted order's samples received, its test item (lead) assigned, value entered, checked
    // and approved.
    void testOrder(const std::string& code, const std::string& value) {
        auto o = http.get("/api/orders/" + code, tech);
        expect(200, o);
        auto samples = parse(o.body)->getArray("samples");
        for (std::size_t k = 0; k < samples->size(); ++k) {  // received, with the condition the report prints (R19, R27 g/h)
            const std::string sample = "/api/samples/" + samples->getObject(static_cast<unsigned>(k))->getValue<std::string>("code");
            expect(200, http.request("POST", sample + "/receive", R"({"condition":"密封完好"})", headers(tech, http.get(sample, tech).header("ETag"))));
        }
        auto items = http.postJson("/api/testing/items", R"({"order_code":")" + code + R"(","specification_id":")" + specFull + "\"}", tech);
        expect(201, items);
        const std::string item = parse(items.body)->getArray("items")->getObject(0)->getValue<std::string>("id");
        auto got = http.get("/api/testing/items/" + item, tech);
        expect(200, http.request("POST", "/api/testing/items/" + item + "/assign",
                                 R"({"user_id":")" + techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}", headers(tech, got.header("ETag"))));
        auto r = enter(item, value);
        expect(201, r);
        const std::string result = parse(r.body)->getValue<std::string>("id");
        expect(200, http.request("POST", "/api/testing/results/" + result + "/check", "", headers(reviewer)));
        expect(200, http.request("POST", "/api/testing/results/" + result + "/approve", "", headers(reviewer)));
    }
    // Files the signatory's CMA authorization for lead, in force from the given day.
    void authorizeSigner(int filedDaysFromToday) {
        expect(201, http.postJson("/api/staff/" + signerStaff + "/signatory-authorizations",
                                  R"({"scheme":"CMA","parameter_ids":[")" + lead + R"("],"filed_on":")" + dayFromToday(filedDaysFromToday) +
                                      R"(","filing_ref":"备案回执 [report test]"})",
                                  manager));
    }
    // An issued report (value 0.12, conformity pass) on a new order, signed by the fixture's
    // signatory with a new key; returns its JSON, and the signatory's token and the order code.
    Poco::JSON::Object::Ptr issuedReport(std::string& signer, std::string& orderCode) {
        authorizeSigner(-1);
        signer = http.login("signer", "Signer-pw-12345");
        orderCode = approvedOrder("0.12", false);
        return issueReportFor(orderCode, signer);
    }
    // The report of a tested order, issued by the signatory (authorized, logged in as signer).
    Poco::JSON::Object::Ptr issueReportFor(const std::string& orderCode, const std::string& signer) {
        auto created = http.postJson("/api/reports", R"({"order_code":")" + orderCode + "\"}", manager);
        expect(201, created);
        const std::string report = parse(created.body)->getValue<std::string>("id");
        auto chosen = http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":")" + signerUserId + "\"}",
                                   headers(manager, created.header("ETag")));
        expect(200, chosen);
        expect(201, http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
        auto issued = http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                   headers(signer, chosen.header("ETag")));
        expect(200, issued);
        return parse(issued.body);
    }
    Poco::JSON::Object::Ptr checks(const std::string& report, const std::string& date = {}) {
        auto c = http.get("/api/reports/" + report + "/checks" + (date.empty() ? "" : "?date=" + date), manager);
        if (c.status != 200) throw std::runtime_error("checks failed: " + c.body);
        return parse(c.body);
    }
    static Poco::JSON::Object::Ptr rule(const Poco::JSON::Object::Ptr& checks, const std::string& id) {
        auto arr = checks->getArray("checks");
        for (std::size_t k = 0; k < arr->size(); ++k)
            if (arr->getObject(static_cast<unsigned>(k))->getValue<std::string>("rule") == id) return arr->getObject(static_cast<unsigned>(k));
        throw std::runtime_error("no check " + id);
    }
};


}  // namespace assay::test
