// OrderFixture: a lab set up through the API for order and result tests.
//
// Lead (铅, LOD 0.005) by a verified method (GB 5009.12-2023 第一法) that staff member 李明 is
// authorized to perform on a calibrated atomic absorption spectrometer; cadmium (镉) by a method
// without a verification record (R23). Lead is in the CMA scope for 大米 at 天河实验室, not in
// CNAS. Both have prices. Two customers; a manager and a technician.
#pragma once

#include <tuple>

#include "HttpFixture.hpp"

namespace assay::test {

// A lab whose register has lead (铅) and cadmium (镉); lead by a verified method that a staff
// member is authorized to perform on a calibrated instrument, cadmium by a method with no
// verification record (R23). Lead is in the CMA scope for 大米 at 天河实验室, not in CNAS. Both
// have prices. Two customers.
struct OrderFixture : HttpFixture {
    std::string manager, tech, lead, cadmium, leadMethod, cadmiumMethod, customerA, customerB, equipmentId;
    explicit OrderFixture(std::map<std::string, std::string> env = {}) : HttpFixture(std::move(env)) {
        manager = userWithRole("manager");
        tech = userWithRole("technician");
        const std::string standard = id(http.postJson("/api/register/standards",
                                                       R"({"number":"GB 5009.12","year":2023,"title":"食品中铅的测定"})", manager));
        const std::string cdStandard = id(http.postJson("/api/register/standards",
                                                         R"({"number":"GB 5009.15","year":2023,"title":"食品中镉的测定"})", manager));
        lead = id(http.postJson("/api/register/parameters",
                                R"J({"name_zh":"铅(以Pb计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"lod":"0.005","loq":"0.01","mu_model":"none"})J",
                                manager));
        cadmium = id(http.postJson("/api/register/parameters",
                                   R"J({"name_zh":"镉(以Cd计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"none"})J",
                                   manager));
        leadMethod = id(http.postJson("/api/register/methods",
                                      R"({"standard_id":")" + standard + R"(","clause":"第一法","name":"石墨炉原子吸收光谱法","kind":"standard","equipment_types":["原子吸收光谱仪"]})",
                                      manager));
        cadmiumMethod = id(http.postJson("/api/register/methods",
                                         R"({"standard_id":")" + cdStandard + R"(","name":"石墨炉原子吸收光谱法","kind":"standard","equipment_types":["原子吸收光谱仪"]})",
                                         manager));
        expect(201, http.postJson("/api/register/methods/" + leadMethod + "/records",
                                  R"({"kind":"verification","record_date":")" + dayFromToday(-30) + R"(","record_no":"YZ-2026-01"})", manager));
        auto e = http.postJson("/api/equipment", R"({"asset_no":"EQ-001","name":"原子吸收光谱仪","equipment_type":"原子吸收光谱仪","in_service_from":")" +
                                                     dayFromToday(-400) + "\"}", manager);
        expect(201, e);
        equipmentId = parse(e.body)->getValue<std::string>("id");
        expect(201, http.request("POST", e.header("Location") + "/calibrations",
                                 R"({"kind":"calibration","certificate_no":"JL-1","provider":"省计量院","performed_on":")" + dayFromToday(-10) +
                                     R"(","due_on":")" + dayFromToday(300) + R"(","result":"pass","as_found":"in_tolerance"})",
                                 {{"Authorization", "Bearer " + manager}, {"Content-Type", "application/json"}, {"If-Match", e.header("ETag")}}));
        const std::string staff = id(http.postJson("/api/staff", R"({"name":"李明","id_number":"440106199001100019"})", manager));
        for (const auto& m : {leadMethod, cadmiumMethod})
            expect(201, http.postJson("/api/staff/" + staff + "/authorizations",
                                      R"({"activity":"perform","method_id":")" + m + R"(","valid_from":")" + dayFromToday(-10) + "\"}", manager));
        expect(201, http.postJson("/api/scope/changes",
                                  R"({"kind":"initial","scheme":"CMA","effective_date":")" + dayFromToday(-100) +
                                      R"(","reason":"首次","rows":[{"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":")" +
                                      lead + R"(","standard_id":")" + standard + R"(","clause":"第一法"}]})",
                                  manager));
        for (const auto& [p, m, price] : {std::tuple{lead, leadMethod, "150.00"}, std::tuple{cadmium, cadmiumMethod, "80.50"}})
            expect(201, http.postJson("/api/register/prices", R"({"parameter_id":")" + p + R"(","method_id":")" + m + R"(","price":")" +
                                                                  price + R"(","valid_from":")" + dayFromToday(-60) + "\"}",
                                      manager));
        customerA = id(http.postJson("/api/organizations", R"({"kind":"customer","name":"甲公司","uscc":"91330100799655058B"})", admin));
        customerB = id(http.postJson("/api/organizations", R"({"kind":"customer","name":"乙公司","uscc":"914403001922038216"})", admin));
    }
    static std::string id(const HttpResponse& r) {
        if (r.status != 201) throw std::runtime_error("setup failed: " + r.body);
        return parse(r.body)->getValue<std::string>("id");
    }
    static void expect(int status, const HttpResponse& r) {
        if (r.status != status) throw std::runtime_error("setup failed: " + r.body);
    }
    std::string item(const std::string& p, const std::string& m) {
        return R"({"parameter_id":")" + p + R"(","method_id":")" + m + "\"}";
    }
    std::string sample(const std::string& name, const std::string& items) {
        return R"({"name":")" + name + R"(","product_category":"粮食及其制品","quantity":"1.0","unit":"kg","items":[)" + items + "]}";
    }
    std::string order(const std::string& customer, const std::string& marks, const std::string& samples) {
        return R"({"customer_org_id":")" + customer + R"(","contact":{"name":"何丽","phone":"020-12345678"},"site":"天河实验室","due_date":")" +
               dayFromToday(10) + R"(","priority":"urgent","report":{"marks":[)" + marks +
               R"(],"language":"bilingual","uncertainty":true,"decision_rule":"simple"},"samples":[)" + samples + "]}";
    }
    HttpResponse post(const std::string& path, const std::string& body, const std::string& etag) {
        return http.request("POST", path, body,
                            {{"Authorization", "Bearer " + tech}, {"Content-Type", "application/json"}, {"If-Match", etag}});
    }
    // Three samples: 大米 with lead; 大米 with lead and the package 重金属 (cadmium); 大米 with lead.
    HttpResponse threeSampleOrder(const std::string& customer, const std::string& marks) {
        return http.postJson("/api/orders",
                             order(customer, marks,
                                   sample("大米", item(lead, leadMethod)) + "," +
                                       sample("大米", item(lead, leadMethod) + R"(,{"package":"重金属","items":[)" +
                                                          item(cadmium, cadmiumMethod) + "]}") +
                                       "," + sample("大米", item(lead, leadMethod))),
                             tech);
    }
};

}  // namespace assay::test
