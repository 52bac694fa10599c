// The transactional outbox on a real database (SQLite and MariaDB, as the rest of db_tests):
// enqueue inside the caller's transaction, delivery in seq order per stream, acknowledgement
// before "delivered", back-off after a refusal, streams independent of each other, leases, and
// two nodes (two pools, two workers) on one database never sending a message twice.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

#include "Host.hpp"
#include "OutboxWorker.hpp"
#include "TestSupport.hpp"
#include "assay/Outbox.hpp"

using namespace assay;

namespace {

std::string backendFromArgs() {
    auto& mts = boost::unit_test::framework::master_test_suite();
    return mts.argc > 1 ? mts.argv[mts.argc - 1] : "sqlite";
}

std::atomic<int> g_outboxDbs{0};

// A clock the test moves by hand (the back-off has to pass inside the test, without sleeping).
class ManualClock final : public Clock {
public:
    TimePoint now() const override { return fromEpochMillis(ms_.load()); }
    void advance(std::int64_t ms) { ms_ += ms; }
    std::int64_t ms() const { return ms_.load(); }

private:
    std::atomic<std::int64_t> ms_{toEpochMillis(std::chrono::system_clock::now())};
};

// Records what it is given; refuses while `down`, or the calls refuseEvery-th, counting both.
class RecordingTransport final : public OutboxTransport {
public:
    RecordingTransport(std::string name, std::set<std::string> topics) : name_(std::move(name)), topics_(std::move(topics)) {}
    std::string name() const override { return name_; }
    bool takes(const std::string& topic) const override { return topics_.count(topic) != 0; }
    DeliveryOutcome deliver(const OutboxMessage& m) override {
        std::unique_lock lock(mutex_);
        if (inFlight_.count(m.labId)) overlapping_ = true;  // two senders on one stream at once
        inFlight_.insert(m.labId);
        ++calls_;
        const bool refuse = down_ || (refuseEvery_ > 0 && calls_ % refuseEvery_ == 0);
        lock.unlock();
        if (slowMs_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(slowMs_));
        lock.lock();
        inFlight_.erase(m.labId);
        attempts_.push_back(m);
        if (refuse) return DeliveryOutcome::retryLater("receiver down (test)");
        acknowledged_.push_back(m);
        return DeliveryOutcome::ack();
    }
    void setDown(bool down) {
        std::lock_guard lock(mutex_);
        down_ = down;
    }
    std::vector<OutboxMessage> acknowledged() const {
        std::lock_guard lock(mutex_);
        return acknowledged_;
    }
    std::vector<OutboxMessage> attempts() const {
        std::lock_guard lock(mutex_);
        return attempts_;
    }
    bool overlapping() const {
        std::lock_guard lock(mutex_);
        return overlapping_;
    }
    int refuseEvery_ = 0;
    int slowMs_ = 0;

private:
    std::string name_;
    std::set<std::string> topics_;
    mutable std::mutex mutex_;
    bool down_ = false;
    int calls_ = 0;
    std::set<std::int64_t> inFlight_;
    bool overlapping_ = false;
    std::vector<OutboxMessage> attempts_, acknowledged_;
};

// A fresh database with the host's migrations applied (a started Host, as assayd would), and an
// Outbox of the test's own (the host's is sealed once started), on a clock the test moves.
struct OutboxFixture {
    test::TempDir dir;
    std::string url, adminUrl, dbName;
    std::unique_ptr<Host> host;
    ManualClock clock;
    std::unique_ptr<Outbox> outbox;

    OutboxFixture() {
        if (backendFromArgs() == "sqlite") {
            url = "sqlite:" + dir.file("assay.db");
        } else {
            const char* base = std::getenv("ASSAY_TEST_MYSQL_URL");
            if (!base || !*base) throw std::runtime_error("ASSAY_TEST_MYSQL_URL is not set (scripts/mariadb.sh prints it)");
            adminUrl = base;
            dbName = "assay_ob" + std::to_string(getpid()) + "_" + std::to_string(g_outboxDbs++);
            Db admin(DbUrl::parse(adminUrl), DbOptions{1});
            admin.write([&](Tx& tx) { tx.sql() << "CREATE DATABASE " + dbName + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"; });
            url = adminUrl.substr(0, adminUrl.rfind('/') + 1) + dbName;
        }
        setenv("ASSAY_DB_URL", url.c_str(), 1);
        setenv("ASSAY_DATA_DIR", dir.path().c_str(), 1);
        setenv("ASSAY_ADMIN_PASSWORD", "Admin-test-pw-1", 1);
        host = Host::create("", builtinModules());
        host->start();
        outbox = std::make_unique<Outbox>(clock, host->ids());
    }
    ~OutboxFixture() {
        host.reset();
        for (const char* k : {"ASSAY_DB_URL", "ASSAY_DATA_DIR", "ASSAY_ADMIN_PASSWORD"}) unsetenv(k);
        if (dbName.empty()) return;
        try {
            Db admin(DbUrl::parse(adminUrl), DbOptions{1});
            admin.write([&](Tx& tx) { tx.sql() << "DROP DATABASE " + dbName; });
        } catch (...) {
        }
    }
    Db& db() { return host->db(); }
    long long count(const std::string& sqlFrom) {
        return db().read([&](Tx& tx) {
            long long n = 0;
            tx.sql() << "SELECT COUNT(*) FROM " + sqlFrom, soci::into(n);
            return n;
        });
    }
    std::int64_t enqueue(const std::string& topic, std::int64_t lab, int n) {
        return db().write([&](Tx& tx) { return outbox->enqueue(tx, topic, lab, R"({"n":)" + std::to_string(n) + "}"); });
    }
    OutboxOptions options(const std::string& node) const {
        OutboxOptions o;
        o.node = node;
        o.pollMs = 5;
        o.backoffMinMs = 1000;
        o.backoffMaxMs = 8000;
        o.leaseMs = 60000;
        return o;
    }
    std::int64_t nextAttemptAt(const std::string& transport, std::int64_t lab) {
        return db().read([&](Tx& tx) {
            long long at = 0, l = lab;
            tx.sql() << "SELECT next_attempt_at_ms FROM outbox_streams WHERE transport = :t AND lab_id = :lab", soci::use(transport, "t"),
                soci::use(l, "lab"), soci::into(at);
            return static_cast<std::int64_t>(at);
        });
    }
};

std::vector<std::int64_t> seqs(const std::vector<OutboxMessage>& ms, std::int64_t lab) {
    std::vector<std::int64_t> out;
    for (const auto& m : ms)
        if (m.labId == lab) out.push_back(m.seq);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(a_message_enqueued_in_a_rolled_back_transaction_leaves_nothing) {
    OutboxFixture f;
    auto t = std::make_shared<RecordingTransport>("test:a", std::set<std::string>{"report.issued"});
    f.outbox->addTransport(t);
    BOOST_CHECK_THROW(f.db().write([&](Tx& tx) {
        f.outbox->enqueue(tx, "report.issued", 7, R"({"report_id":"1"})");
        throw Error::conflict("the use case failed after writing its message", {});
    }),
                      Error);
    BOOST_TEST(f.count("outbox") == 0);
    BOOST_TEST(f.count("outbox_deliveries") == 0);
    BOOST_TEST(f.count("lab_sequences WHERE name = 'outbox'") == 0);  // the seq was given back: no gap
    OutboxWorker w(f.db(), f.clock, *f.outbox, f.options("n1"));
    BOOST_TEST(w.runOnce(*t) == 0);
    BOOST_TEST(t->attempts().empty());

    // Committed: the message, one delivery for the transport that takes the topic, seq 1.
    f.enqueue("report.issued", 7, 1);
    BOOST_TEST(f.count("outbox WHERE lab_id = 7 AND seq = 1") == 1);
    BOOST_TEST(f.count("outbox_deliveries WHERE state = 'pending'") == 1);
}

BOOST_AUTO_TEST_CASE(only_transports_that_take_the_topic_get_a_delivery_and_a_bad_message_is_refused) {
    OutboxFixture f;
    auto reports = std::make_shared<RecordingTransport>("test:reports", std::set<std::string>{"report.issued"});
    auto results = std::make_shared<RecordingTransport>("test:results", std::set<std::string>{"result.failed_limit"});
    f.outbox->addTransport(reports);
    f.outbox->addTransport(results);
    BOOST_CHECK_THROW(f.outbox->addTransport(std::make_shared<RecordingTransport>("test:reports", std::set<std::string>{})),
                      std::logic_error);
    BOOST_CHECK_THROW(f.outbox->addTransport(std::make_shared<RecordingTransport>("Bad Name", std::set<std::string>{})), std::logic_error);
    f.enqueue("result.failed_limit", 3, 1);
    BOOST_TEST(f.count("outbox_deliveries WHERE transport = 'test:results'") == 1);
    BOOST_TEST(f.count("outbox_deliveries WHERE transport = 'test:reports'") == 0);
    BOOST_CHECK_THROW(f.db().write([&](Tx& tx) { f.outbox->enqueue(tx, "result.failed_limit", 3, "[1, 2]"); }), Error);
    BOOST_CHECK_THROW(f.db().write([&](Tx& tx) { f.outbox->enqueue(tx, "Bad Topic", 3, "{}"); }), Error);
    BOOST_TEST(f.count("outbox") == 1);
    f.outbox->seal();
    BOOST_CHECK_THROW(f.outbox->addTransport(std::make_shared<RecordingTransport>("test:late", std::set<std::string>{})), std::logic_error);
}

BOOST_AUTO_TEST_CASE(messages_go_in_seq_order_per_lab_and_are_delivered_only_when_acknowledged) {
    OutboxFixture f;
    auto t = std::make_shared<RecordingTransport>("test:a", std::set<std::string>{"report.issued"});
    f.outbox->addTransport(t);
    for (int i = 1; i <= 5; ++i) f.enqueue("report.issued", 1, i);
    for (int i = 1; i <= 3; ++i) f.enqueue("report.issued", 2, i);
    OutboxWorker w(f.db(), f.clock, *f.outbox, f.options("n1"));

    t->setDown(true);  // refused: nothing is marked delivered, only the first of each stream is tried
    BOOST_TEST(w.runOnce(*t) == 0);
    BOOST_TEST(f.count("outbox_deliveries WHERE state = 'delivered'") == 0);
    BOOST_TEST(t->attempts().size() == 2u);
    for (const auto& m : t->attempts()) {
        BOOST_TEST(m.seq == 1);
        BOOST_TEST(m.attempt == 1);
    }
    BOOST_TEST(f.count("outbox_deliveries WHERE attempts = 1 AND last_error = 'receiver down (test)'") == 2);

    t->setDown(false);
    f.clock.advance(8000);  // past the back-off
    BOOST_TEST(w.runOnce(*t) == 8);
    const auto acked = t->acknowledged();
    BOOST_TEST(seqs(acked, 1) == (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    BOOST_TEST(seqs(acked, 2) == (std::vector<std::int64_t>{1, 2, 3}));
    BOOST_TEST(acked.front().attempt == 2);  // the refused one, tried again, says so
    BOOST_TEST(f.count("outbox_deliveries WHERE state = 'delivered'") == 8);
    BOOST_TEST(f.count("outbox_streams WHERE claimed_by IS NULL AND failures = 0") == 2);  // released, back-off reset
    std::set<std::int64_t> ids;
    for (const auto& m : acked) ids.insert(m.id);
    BOOST_TEST(ids.size() == 8u);  // every message its own stable id
    BOOST_TEST(w.runOnce(*t) == 0);  // nothing is sent twice
    BOOST_TEST(w.deliveredCounts()["test:a"] == 8u);
    BOOST_TEST(w.failedAttemptCounts()["test:a"] == 2u);
}

BOOST_AUTO_TEST_CASE(a_refused_stream_waits_out_an_exponential_back_off_with_jitter) {
    OutboxFixture f;
    auto t = std::make_shared<RecordingTransport>("test:a", std::set<std::string>{"report.issued"});
    f.outbox->addTransport(t);
    f.enqueue("report.issued", 1, 1);
    OutboxWorker w(f.db(), f.clock, *f.outbox, f.options("n1"));  // 1 s .. 8 s
    t->setDown(true);
    std::int64_t step = 1000;
    for (int failure = 1; failure <= 6; ++failure) {
        BOOST_TEST_CONTEXT("failure " << failure) {
            const std::int64_t before = f.clock.ms();
            w.runOnce(*t);
            BOOST_TEST(t->attempts().size() == static_cast<std::size_t>(failure));
            const std::int64_t wait = f.nextAttemptAt("test:a", 1) - before;
            BOOST_TEST(wait >= step / 2);  // the upper half of the step: 1 s, 2 s, 4 s, 8 s, 8 s ...
            BOOST_TEST(wait <= step);
            f.clock.advance(wait - 1);
            w.runOnce(*t);  // still waiting: not tried
            BOOST_TEST(t->attempts().size() == static_cast<std::size_t>(failure));
            f.clock.advance(1);
            step = std::min<std::int64_t>(step * 2, 8000);
        }
    }
    BOOST_TEST(f.count("outbox_streams WHERE failures = 6") == 1);
    t->setDown(false);
    BOOST_TEST(w.runOnce(*t) == 1);
    BOOST_TEST(f.count("outbox_deliveries WHERE state = 'delivered' AND attempts = 7") == 1);
}

BOOST_AUTO_TEST_CASE(a_receiver_that_is_down_holds_back_only_its_own_stream) {
    OutboxFixture f;
    auto down = std::make_shared<RecordingTransport>("test:down", std::set<std::string>{"report.issued"});
    auto up = std::make_shared<RecordingTransport>("test:up", std::set<std::string>{"report.issued"});
    f.outbox->addTransport(down);
    f.outbox->addTransport(up);
    down->setDown(true);
    for (int i = 1; i <= 4; ++i) f.enqueue("report.issued", 1, i);
    OutboxWorker w(f.db(), f.clock, *f.outbox, f.options("n1"));
    BOOST_TEST(w.runOnce(*down) == 0);
    BOOST_TEST(w.runOnce(*up) == 4);
    BOOST_TEST(f.count("outbox_deliveries WHERE transport = 'test:down' AND state = 'pending'") == 4);
    BOOST_TEST(f.count("outbox_deliveries WHERE transport = 'test:up' AND state = 'delivered'") == 4);
    const auto streams = f.db().read([](Tx& tx) { return OutboxWorker::streams(tx); });
    BOOST_REQUIRE(streams.size() == 2u);
    BOOST_TEST(streams[0].transport == "test:down");
    BOOST_TEST(streams[0].pending == 4);
    BOOST_TEST(streams[0].nextSeq.value_or(0) == 1);
    BOOST_TEST(streams[0].failures == 1);
    BOOST_TEST(streams[0].lastError.value_or("") == "receiver down (test)");
    BOOST_TEST(streams[1].delivered == 4);
}

BOOST_AUTO_TEST_CASE(a_stream_leased_by_another_node_is_left_alone_until_the_lease_runs_out) {
    OutboxFixture f;
    auto t = std::make_shared<RecordingTransport>("test:a", std::set<std::string>{"report.issued"});
    f.outbox->addTransport(t);
    f.enqueue("report.issued", 1, 1);
    OutboxWorker w(f.db(), f.clock, *f.outbox, f.options("n1"));
    const long long until = f.clock.ms() + 60000;
    f.db().write([&](Tx& tx) {
        tx.sql() << "INSERT INTO outbox_streams (transport, lab_id, claimed_by, lease_until_ms) VALUES ('test:a', 1, 'n2', :u)",
            soci::use(until, "u");
    });
    BOOST_TEST(w.runOnce(*t) == 0);
    BOOST_TEST(t->attempts().empty());
    f.clock.advance(60001);  // n2 died holding it
    BOOST_TEST(w.runOnce(*t) == 1);
    BOOST_TEST(f.count("outbox_streams WHERE claimed_by IS NULL") == 1);
}

BOOST_AUTO_TEST_CASE(two_nodes_on_one_database_never_send_a_message_twice_and_keep_the_order) {
    OutboxFixture f;
    auto t = std::make_shared<RecordingTransport>("test:a", std::set<std::string>{"report.issued"});
    t->refuseEvery_ = 7;  // some refusals, so streams change hands between the nodes
    t->slowMs_ = 3;       // a send takes a while, as over a network: both nodes are busy at once
    f.outbox->addTransport(t);
    // Node 2 has a pool of its own, as another assayd would.
    Db db2(f.db().url(), DbOptions{4});
    SystemClock clock;
    OutboxOptions o1 = f.options("node-1"), o2 = f.options("node-2");
    o1.backoffMinMs = o2.backoffMinMs = 2;
    o1.backoffMaxMs = o2.backoffMaxMs = 10;
    OutboxWorker w1(f.db(), clock, *f.outbox, o1), w2(db2, clock, *f.outbox, o2);
    constexpr int kLabs = 3, kWriters = 3, kPerWriter = 30;
    std::atomic<bool> writing{true};
    std::vector<std::thread> threads;
    // Writers commit concurrently, so ids are not in commit order; seq is.
    for (int w = 0; w < kWriters; ++w)
        threads.emplace_back([&, w] {
            for (int i = 0; i < kPerWriter; ++i) f.enqueue("report.issued", 1 + (w + i) % kLabs, w * 1000 + i);
        });
    std::vector<std::thread> workers;
    std::atomic<int> workerErrors{0};
    for (OutboxWorker* w : {&w1, &w2})
        workers.emplace_back([&, w] {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (std::chrono::steady_clock::now() < deadline) {
                try {
                    w->runOnce(*t);
                } catch (const std::exception& e) {
                    ++workerErrors;  // BUSY beyond the retries would show here
                    BOOST_TEST_MESSAGE("worker: " << e.what());
                }
                if (!writing && f.count("outbox_deliveries WHERE state = 'pending'") == 0) return;
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
    for (auto& th : threads) th.join();
    writing = false;
    for (auto& th : workers) th.join();
    BOOST_TEST(workerErrors.load() == 0);
    BOOST_TEST(!t->overlapping());
    const auto acked = t->acknowledged();
    BOOST_TEST(acked.size() == static_cast<std::size_t>(kWriters * kPerWriter));
    std::set<std::int64_t> ids;
    for (const auto& m : acked) ids.insert(m.id);
    BOOST_TEST(ids.size() == acked.size());  // none acknowledged twice
    for (int lab = 1; lab <= kLabs; ++lab) {
        const auto s = seqs(acked, lab);
        std::vector<std::int64_t> expected(s.size());
        for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<std::int64_t>(i) + 1;
        BOOST_TEST(s == expected, "lab " << lab << " out of order or with a gap");
    }
    BOOST_TEST(f.count("outbox_deliveries WHERE state = 'delivered'") == kWriters * kPerWriter);
    const auto d1 = w1.deliveredCounts()["test:a"], d2 = w2.deliveredCounts()["test:a"];
    BOOST_TEST(d1 + d2 == static_cast<std::uint64_t>(kWriters * kPerWriter));
    BOOST_TEST_MESSAGE("node-1 delivered " << d1 << ", node-2 " << d2);
}

BOOST_AUTO_TEST_SUITE_END()
