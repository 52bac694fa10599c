// ResultFixture: the order fixture plus staff authorized to perform and check lead's method, rice
// specifications of lead (全数值 and 修约值), and helpers for accepted orders, assigned test
// items and result entry, for the result and capture tests.
#pragma once

#include "OrderFixture.hpp"

namespace assay::test {

// 440106199002200nn-style ID numbers (GB 11643 check character) for test person n.
inline std::string idNumber(int n) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    std::string first17 = "440106199002" + std::to_string(20000 + n);
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    return first17 + "10X98765432"[sum % 11];
}

// The order fixture plus: the technician and a reviewer as staff (perform / check lead's
// method), two rice specifications with lead ≤ 0.2 mg/kg (全数值比较法 and 修约值比较法), and an
// accepted order for 大米 with lead.
struct ResultFixture : OrderFixture {
    std::string reviewer, techUserId, reviewerUserId, specFull, specRounded, techStaff;
    explicit ResultFixture(std::map<std::string, std::string> env = {}) : OrderFixture(std::move(env)) {
        reviewer = userWithRole("reviewer");
        techUserId = parse(http.get("/api/me", tech).body)->getObject("user")->getValue<std::string>("id");
        reviewerUserId = parse(http.get("/api/me", reviewer).body)->getObject("user")->getValue<std::string>("id");
        int n = 0;
        for (const auto& [user, activity] : {std::pair{techUserId, "perform"}, std::pair{reviewerUserId, "check"}}) {
            ++n;
            const std::string staff = id(http.postJson("/api/staff", R"({"name":"人员)" + std::to_string(n) + R"(","id_number":")" +
                                                                          idNumber(n) + R"(","user_id":")" + user + "\"}",
                                                       manager));
            if (n == 1) techStaff = staff;
            expect(201, http.postJson("/api/staff/" + staff + "/authorizations",
                                      std::string(R"({"activity":")") + activity + R"(","method_id":")" + leadMethod +
                                          R"(","valid_from":")" + dayFromToday(-10) + "\"}",
                                      manager));
        }
        auto spec = [&](const std::string& name, const std::string& mode) {
            return id(http.postJson("/api/register/specifications",
                                    R"({"name":")" + name + R"(","comparison_mode":")" + mode +
                                        R"(","decision_rule":"simple","limits":[{"parameter_id":")" + lead +
                                        R"(","product_category":"大米","max_op":"<=","max":"0.2"}]})",
                                    manager));
        };
        specFull = spec("GB 2762-2022 (全数值)", "full");
        specRounded = spec("GB 2762-2022 (修约值)", "rounded");
    }
    // An accepted order for 大米 with lead; returns its code.
    std::string acceptedOrder() {
        auto o = http.postJson("/api/orders", order(customerA, R"("CMA")", sample("大米", item(lead, leadMethod))), tech);
        expect(201, o);
        auto r = post(o.header("Location") + "/review", "{}", o.header("ETag"));
        expect(200, r);
        expect(200, post(o.header("Location") + "/accept", "", r.header("ETag")));
        return parse(o.body)->getValue<std::string>("code");
    }
    // The single test item of a new accepted order, judged by spec, assigned to the technician.
    std::string assignedItem(const std::string& spec) {
        auto items = http.postJson("/api/testing/items", R"({"order_code":")" + acceptedOrder() + R"(","specification_id":")" + spec + "\"}",
                                   tech);
        expect(201, items);
        const std::string item = parse(items.body)->getArray("items")->getObject(0)->getValue<std::string>("id");
        auto got = http.get("/api/testing/items/" + item, tech);
        expect(200, http.request("POST", "/api/testing/items/" + item + "/assign",
                                 R"({"user_id":")" + techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                 headers(tech, got.header("ETag"))));
        return item;
    }
    static std::map<std::string, std::string> headers(const std::string& token, const std::string& etag = {}) {
        std::map<std::string, std::string> h{{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
        if (!etag.empty()) h["If-Match"] = etag;
        return h;
    }
    HttpResponse enter(const std::string& item, const std::string& value, const std::string& token = {}) {
        return http.postJson("/api/testing/items/" + item + "/results", R"({"value":")" + value + "\"}", token.empty() ? tech : token);
    }
    HttpResponse edit(const HttpResponse& result, const std::string& body) {
        return http.request("PATCH", "/api/testing/results/" + parse(result.body)->getValue<std::string>("id"), body,
                            headers(tech, result.header("ETag")));
    }
};

}  // namespace assay::test
