// Resilience: a real assayd killed at many points of a stream of keyed intakes (SQLite and
// MariaDB), and a real MariaDB stopped and started again under load.
//
// These tests need a MariaDB server binary (scripts/install-deps.sh --test installs it) and, for
// the keyed intakes on MariaDB, ASSAY_TEST_MYSQL_URL (scripts/test.sh sets it). The restart test
// starts its own throwaway MariaDB (scripts/mariadb.sh with its own directory and port), so the
// shared one is never stopped.
#define BOOST_TEST_MODULE assay_resilience
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "HttpFixture.hpp"

using namespace assay::test;

namespace {

const char* kSampleTemplate =
    R"({"name":"大米","product_category":"粮食及其制品","quantity":"1.0","unit":"kg","batch_no":"%KEY%"})";

std::string sampleBody(const std::string& key) {
    std::string b = kSampleTemplate;
    b.replace(b.find("%KEY%"), 5, key);
    return b;
}

// The MariaDB the keyed-intake test runs on: a fresh database in the server of
// ASSAY_TEST_MYSQL_URL (so runs never see each other's rows).
std::string freshMysqlUrl(const std::string& name) {
    const char* base = std::getenv("ASSAY_TEST_MYSQL_URL");
    if (base == nullptr || *base == '\0')
        throw std::runtime_error("ASSAY_TEST_MYSQL_URL is not set: run scripts/test.sh (it starts a throwaway MariaDB)");
    std::string url = base;
    const std::string db = url.substr(url.rfind('/') + 1);
    // assayd runs the migrations itself; the database must exist and be empty.
    const std::string host = url.substr(url.find('@') + 1, url.rfind('/') - url.find('@') - 1);
    const std::string port = host.substr(host.find(':') + 1);
    const std::string sock = "/tmp/assay-mariadb-" + port + ".sock";
    auto r = runProcess("/usr/bin/mariadb", {"--no-defaults", "--socket=" + sock, "-uroot", "-e",
                                             "DROP DATABASE IF EXISTS " + name + "; CREATE DATABASE " + name +
                                                 " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"},
                        {});
    if (r.exitCode != 0) throw std::runtime_error("cannot create the test database: " + r.out);
    return url.substr(0, url.rfind('/') + 1) + name;
}

struct Outcome {
    int status = 0;  // 0: no answer (connection refused or cut)
    std::string body;
    std::string replayed;
    std::string code;
};

Outcome keyedIntake(TestServer& server, const std::string& token, const std::string& key) {
    Outcome o;
    try {
        auto r = server.client().request("POST", "/api/samples", sampleBody(key),
                                         {{"Authorization", "Bearer " + token},
                                          {"Content-Type", "application/json"},
                                          {"Idempotency-Key", key}});
        o.status = r.status;
        o.body = r.body;
        o.replayed = r.header("Idempotent-Replayed");
        if (r.status == 201) o.code = parse(r.body)->getValue<std::string>("code");
    } catch (const std::exception&) {
        o.status = 0;
    }
    return o;
}

// batch_no (the intake's key) of every sample of the lab, with how often it occurs.
std::map<std::string, int> samplesByKey(TestServer& server, const std::string& token) {
    auto r = server.client().get("/api/samples?limit=200", token);
    if (r.status != 200) throw std::runtime_error("cannot list the samples: " + r.body);
    auto items = parse(r.body)->getArray("items");
    if (items->size() >= 200) throw std::runtime_error("more samples than one page holds");
    std::map<std::string, int> byKey;
    for (std::size_t i = 0; i < items->size(); ++i) ++byKey[items->getObject(static_cast<unsigned>(i))->optValue<std::string>("batch_no", "")];
    return byKey;
}

// Retries one key until it is acknowledged (the server may still be coming back).
Outcome retryUntilAcknowledged(TestServer& server, const std::string& token, const std::string& key) {
    Outcome o;
    for (int i = 0; i < 100; ++i) {
        o = keyedIntake(server, token, key);
        if (o.status == 201) return o;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("key " + key + " was never acknowledged; last status " + std::to_string(o.status) + " " + o.body);
}

// The whole scenario on one backend: deterministic crash points first, then kill -9 at random
// moments of a stream; every unacknowledged request retried with its key; in the end each key
// has exactly one sample, and a replay of every key answers with that sample.
void keyedIntakesSurviveKillsAtManyPoints(std::map<std::string, std::string> env) {
    const auto started = std::chrono::steady_clock::now();
    HttpFixture f(env);
    const std::string tech = f.userWithRole("technician");
    std::map<std::string, std::string> acknowledged;  // key -> sample code
    int keyNo = 0;

    // 1. Crash points: the n-th keyed POST dies just before or just after its commit.
    for (const std::string point : {"before_commit", "after_commit"}) {
        for (int n = 1; n <= 3; ++n) {
            f.server.restart({{"ASSAY_TEST_CRASH_KEYED", point + ":" + std::to_string(n)}});
            std::vector<std::string> unanswered;
            for (int i = 0; i < n; ++i) {
                const std::string key = "k-" + std::to_string(++keyNo);
                Outcome o = keyedIntake(f.server, tech, key);
                if (o.status == 201) acknowledged[key] = o.code;
                else unanswered.push_back(key);
            }
            BOOST_TEST_REQUIRE(unanswered.size() == 1u, point << ":" << n << " must kill exactly the n-th request");
            BOOST_TEST(f.server.kill9() == 86);  // it died at the crash point, not of anything else
            f.server.restart({{"ASSAY_TEST_CRASH_KEYED", ""}});
            Outcome retried = retryUntilAcknowledged(f.server, tech, unanswered[0]);
            // After the commit the outcome was stored with the sample: the retry replays it. Before
            // it, nothing was kept: the retry runs afresh.
            BOOST_TEST((retried.replayed == "true") == (point == "after_commit"), point << ":" << n);
            acknowledged[unanswered[0]] = retried.code;
        }
    }

    // 2. kill -9 at random moments while a client streams keyed intakes.
    std::mt19937 rng(20261207);
    std::atomic<bool> stop{false};
    std::mutex m;
    std::vector<std::string> pending;  // sent but not acknowledged
    const auto phase1Done = std::chrono::steady_clock::now();
    BOOST_TEST_MESSAGE("crash points done in " << std::chrono::duration_cast<std::chrono::milliseconds>(phase1Done - started).count() << " ms");
    std::thread client([&] {
        while (!stop.load()) {
            std::string key;
            {
                std::lock_guard<std::mutex> lock(m);
                if (keyNo >= 150) break;  // bounded: one page of samples holds them all
                key = "r-" + std::to_string(++keyNo);
            }
            Outcome o = keyedIntake(f.server, tech, key);
            std::lock_guard<std::mutex> lock(m);
            if (o.status == 201) acknowledged[key] = o.code;
            else pending.push_back(key);
            if (o.status != 201 && o.status != 0 && o.status != 503)
                BOOST_ERROR("unexpected status " << o.status << " for " << key << ": " << o.body);
            if (o.status != 201) std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the server is restarting
        }
    });
    int kills = 0;
    for (; kills < 6; ++kills) {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 600)(rng)));
        f.server.kill9();
        f.server.restart();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    client.join();
    for (const auto& key : pending) acknowledged[key] = retryUntilAcknowledged(f.server, tech, key).code;

    // Every key: exactly one sample, and a replay that names it.
    auto byKey = samplesByKey(f.server, tech);
    std::size_t total = 0;
    for (const auto& [k, n] : byKey) total += static_cast<std::size_t>(n);
    BOOST_TEST(total == acknowledged.size(), "samples " << total << " for " << acknowledged.size() << " keys");
    for (const auto& [key, code] : acknowledged) {
        BOOST_TEST(byKey[key] == 1, "key " << key << " has " << byKey[key] << " samples");
        Outcome again = keyedIntake(f.server, tech, key);
        BOOST_TEST(again.status == 201);
        BOOST_TEST(again.replayed == "true");
        BOOST_TEST(again.code == code, "key " << key);
    }
    BOOST_TEST_MESSAGE(acknowledged.size() << " keys, " << pending.size() << " retried after " << kills << " random kills, in "
                                          << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - phase1Done).count() << " ms");
    BOOST_TEST(pending.size() > 0u);  // the random kills did cut requests (else the test proved nothing)
}

// A throwaway MariaDB of this test alone (scripts/mariadb.sh with its own directory and port).
struct OwnMariaDb {
    TempDir dir;
    std::string port;
    std::string url;
    std::map<std::string, std::string> env;
    OwnMariaDb() {
        // The port is a guess: another process (a client's ephemeral port) may hold it; then the
        // next guess, in a fresh directory.
        ProcessResult r;
        for (int attempt = 0; attempt < 5; ++attempt) {
            port = std::to_string(34000 + ((getpid() + attempt * 211) % 1000));
            env = {{"MARIADB_DIR", dir.file("mariadb" + std::to_string(attempt))}, {"MARIADB_PORT", port}};
            r = runProcess(std::string(ASSAY_SOURCE_DIR) + "/scripts/mariadb.sh", {"start"}, env);
            if (r.exitCode == 0 || r.out.find("Address already in use") == std::string::npos) break;
        }
        if (r.exitCode != 0) throw std::runtime_error("cannot start MariaDB: " + r.out);
        url = r.out.substr(r.out.rfind("mysql://"));
        while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    }
    void stop() {
        auto r = runProcess(std::string(ASSAY_SOURCE_DIR) + "/scripts/mariadb.sh", {"stop"}, env);
        if (r.exitCode != 0) throw std::runtime_error("cannot stop MariaDB: " + r.out);
    }
    void start() {
        auto r = runProcess(std::string(ASSAY_SOURCE_DIR) + "/scripts/mariadb.sh", {"start"}, env);
        if (r.exitCode != 0) throw std::runtime_error("cannot start MariaDB again: " + r.out);
    }
    ~OwnMariaDb() {
        try {
            stop();
        } catch (...) {
        }
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(resilience)

BOOST_AUTO_TEST_CASE(a_keyed_intake_is_stored_once_whatever_moment_sqlite_assayd_is_killed_at) {
    keyedIntakesSurviveKillsAtManyPoints({});
}

BOOST_AUTO_TEST_CASE(a_keyed_intake_is_stored_once_whatever_moment_mariadb_assayd_is_killed_at) {
    keyedIntakesSurviveKillsAtManyPoints({{"ASSAY_DB_URL", freshMysqlUrl("assay_resilience")}});
}

// MariaDB stopped for 10 s under load: every request meanwhile is 503 with Retry-After (never
// 500); within 5 s of its return requests succeed again without restarting assayd; every
// acknowledged sample is still there.
BOOST_AUTO_TEST_CASE(mariadb_stopped_under_load_gives_503_with_retry_after_and_recovers_without_losing_acknowledged_writes) {
    OwnMariaDb maria;
    HttpFixture f({{"ASSAY_DB_URL", maria.url}});
    const std::string tech = f.userWithRole("technician");

    std::atomic<bool> stop{false};
    std::atomic<int> fiveHundreds{0}, badUnavailable{0}, unavailable{0}, created{0};
    std::mutex m;
    std::vector<std::string> codes;
    std::vector<std::string> oddities;
    std::atomic<long long> lastSuccessMs{0};
    const auto t0 = std::chrono::steady_clock::now();
    auto nowMs = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    };
    std::vector<std::thread> load;
    for (int t = 0; t < 4; ++t)
        load.emplace_back([&, t] {
            int i = 0;
            while (!stop.load()) {
                ++i;
                HttpResponse r;
                try {
                    if (i % 2 == 0) r = f.http.postJson("/api/samples", sampleBody("load-" + std::to_string(t) + "-" + std::to_string(i)), tech);
                    else r = f.http.get("/api/samples?limit=5", tech);
                } catch (const std::exception& e) {
                    std::lock_guard<std::mutex> lock(m);
                    oddities.push_back(std::string("no answer: ") + e.what());
                    continue;
                }
                if (r.status >= 200 && r.status < 300) {
                    lastSuccessMs = nowMs();
                    if (r.status == 201) {
                        ++created;
                        std::lock_guard<std::mutex> lock(m);
                        codes.push_back(parse(r.body)->getValue<std::string>("code"));
                    }
                } else if (r.status == 503) {
                    ++unavailable;
                    if (r.header("Retry-After").empty() || r.header("Content-Type").find("application/problem+json") != 0) {
                        ++badUnavailable;
                        std::lock_guard<std::mutex> lock(m);
                        oddities.push_back("503 without Retry-After or problem+json: " + r.body);
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                } else {
                    if (r.status >= 500) ++fiveHundreds;
                    std::lock_guard<std::mutex> lock(m);
                    oddities.push_back(std::to_string(r.status) + ": " + r.body);
                }
            }
        });

    std::this_thread::sleep_for(std::chrono::seconds(2));
    const int createdBefore = created.load();
    maria.stop();
    const long long downAt = nowMs();
    std::this_thread::sleep_for(std::chrono::seconds(10));
    // While it was down (after the requests in flight at the stop ended), nothing succeeded.
    const long long lastBeforeReturn = lastSuccessMs.load();
    maria.start();
    const long long upAt = nowMs();
    const bool recovered = waitFor([&] { return lastSuccessMs.load() > upAt; }, std::chrono::seconds(5));
    const long long recoveredAfter = lastSuccessMs.load() - upAt;
    std::this_thread::sleep_for(std::chrono::seconds(2));
    stop = true;
    for (auto& t : load) t.join();

    BOOST_TEST(createdBefore > 0);
    BOOST_TEST(lastBeforeReturn < downAt + 2000, "a request succeeded while the database was down");
    BOOST_TEST(unavailable.load() > 0);
    BOOST_TEST(fiveHundreds.load() == 0);
    BOOST_TEST(badUnavailable.load() == 0);
    BOOST_TEST(recovered, "no request succeeded within 5 s of the database's return");
    BOOST_TEST_MESSAGE("recovered " << recoveredAfter << " ms after the database's return; " << unavailable.load()
                                    << " answers 503 while it was down; " << created.load() << " samples acknowledged");
    for (const auto& o : oddities) BOOST_TEST_MESSAGE("odd answer: " << o);
    BOOST_TEST(oddities.empty());
    // Nothing acknowledged is lost.
    for (const auto& code : codes) {
        auto r = f.http.get("/api/samples/" + code, tech);
        BOOST_TEST(r.status == 200, "acknowledged sample " << code << " is gone: " << r.status);
    }
}

BOOST_AUTO_TEST_SUITE_END()
