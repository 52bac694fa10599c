// BlankText: the justifications that hold no visible text (R20), and the check that a route
// refuses each of them with a 400 naming the field and stores nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"

namespace assay::test {

// JSON string literals with nothing visible: spaces; a tab and line breaks; ideographic spaces
// (U+3000); a no-break space with zero-width characters (U+200B, U+200D, U+FEFF).
inline const std::vector<std::string>& blankTexts() {
    static const std::vector<std::string> k{R"("   ")", R"("\t\r\n")", R"("\u3000\u3000")", R"("\u00a0\u200b\u200d\ufeff")"};
    return k;
}

// Sends `body` to `path` as `token` with each blank text in place of $BLANK (and If-Match `etag`
// when given), and expects every time a 400 naming `field`; the record read back at `readBack`
// afterwards is the same as before: nothing was stored.
inline void refusesBlank(HttpClient& http, const std::string& token, const std::string& method, const std::string& path,
                         const std::string& body, const std::string& field, const std::string& etag, const std::string& readBack) {
    const HttpResponse before = http.get(readBack, token);
    BOOST_TEST_REQUIRE(before.status == 200, readBack + ": " + before.body);
    for (const auto& blank : blankTexts()) {
        std::string b = body;
        b.replace(b.find("$BLANK"), 6, blank);
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
        if (!etag.empty()) headers["If-Match"] = etag;
        const HttpResponse r = http.request(method, path, b, headers);
        BOOST_TEST(r.status == 400, method + " " + path + " " + b + " -> " + std::to_string(r.status) + " " + r.body);
        BOOST_TEST(r.body.find(R"("field":")" + field + "\"") != std::string::npos, method + " " + path + " " + b + ": " + r.body);
    }
    BOOST_TEST(http.get(readBack, token).body == before.body, readBack + " changed after the refused requests");
}

}  // namespace assay::test
