// The database contract suite: the same tests against SQLite and against MariaDB.
//
// The backend comes from the command line after "--": `db_tests -- sqlite` uses a fresh file
// in a temp dir; `db_tests -- mysql` needs ASSAY_TEST_MYSQL_URL (scripts/test.sh starts a
// throwaway MariaDB and sets it) and creates a fresh database per test, dropped afterwards.
// A missing MariaDB is a failure, not a skip.
#define BOOST_TEST_MODULE assay_db
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <set>
#include <thread>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <soci/sqlite3/soci-sqlite3.h>
#ifdef ASSAY_WITH_MYSQL
#include <soci/mysql/soci-mysql.h>
#endif

#include "Host.hpp"
#include "assay/Columns.hpp"
#include "assay/Rows.hpp"
#include "assay/AuditQuery.hpp"
#include "IdempotencyStore.hpp"
#include "Migrator.hpp"
#include "TestSupport.hpp"
#include "assay/Sequences.hpp"
#include "assay/identity/UserAdmin.hpp"
#include "accreditation/AccreditationModule.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/RegisterImport.hpp"
#include "domain/OrderService.hpp"
#include "storage/CaptureRepository.hpp"
#include "storage/ReportRepository.hpp"
#include "storage/QcRepository.hpp"
#include "storage/ResultRepository.hpp"
#include "domain/SampleService.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/CapabilityCheck.hpp"
#include "assay/accreditation/EquipmentStatus.hpp"
#include "assay/accreditation/ScopeCheck.hpp"
#include "assay/accreditation/StaffAuthorization.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "identity/IdentityModule.hpp"
#include "ReportFixture.hpp"
#include "domain/Signing.hpp"
#include "assay/Json.hpp"
#include "assay/Uscc.hpp"
#include "domain/Envelope.hpp"
#include "domain/FeedIngest.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformService.hpp"
#include "storage/PortalStore.hpp"
#include "domain/InstrumentBookings.hpp"
#include "domain/Instruments.hpp"
#include "storage/InstrumentStore.hpp"

using namespace assay;

namespace {

std::string g_backend = "sqlite";

struct BackendFromArgs {
    BackendFromArgs() {
        auto& mts = boost::unit_test::framework::master_test_suite();
        for (int i = 1; i < mts.argc; ++i) g_backend = mts.argv[i];
        BOOST_TEST_MESSAGE("database contract suite on " << g_backend);
    }
};
BOOST_TEST_GLOBAL_FIXTURE(BackendFromArgs);

std::atomic<int> g_counter{0};

// A fresh, empty database for one test: a SQLite file, or a new MariaDB database.
struct FreshDb {
    test::TempDir dir;
    std::string url;
    std::string adminUrl;
    std::string dbName;

    FreshDb() {
        if (g_backend == "sqlite") {
            url = "sqlite:" + dir.file("assay.db");
            return;
        }
        const char* base = std::getenv("ASSAY_TEST_MYSQL_URL");
        if (!base || !*base)
            throw std::runtime_error("ASSAY_TEST_MYSQL_URL is not set: run scripts/test.sh, or start "
                                     "scripts/mariadb.sh and export the URL it prints");
        adminUrl = base;
        dbName = "assay_t" + std::to_string(getpid()) + "_" + std::to_string(g_counter++);
        DbUrl u = DbUrl::parse(adminUrl);
        Db admin(u, DbOptions{1});
        admin.write([&](Tx& tx) { tx.sql() << "CREATE DATABASE " + dbName + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"; });
        url = adminUrl.substr(0, adminUrl.rfind('/') + 1) + dbName;
    }
    ~FreshDb() {
        if (dbName.empty()) return;
        try {
            Db admin(DbUrl::parse(adminUrl), DbOptions{1});
            admin.write([&](Tx& tx) { tx.sql() << "DROP DATABASE " + dbName; });
        } catch (...) {
        }
    }
    std::map<std::string, std::string> env() const {
        return {{"ASSAY_DB_URL", url}, {"ASSAY_DATA_DIR", dir.path()}, {"ASSAY_ADMIN_PASSWORD", "Admin-test-pw-1"}};
    }
};

// Starts a Host (migrations + modules) on the fresh database, as assayd would.
struct HostFixture {
    FreshDb db;
    std::unique_ptr<Host> host;
    HostFixture() {
        for (auto& [k, v] : db.env()) setenv(k.c_str(), v.c_str(), 1);
        host = Host::create("", builtinModules());
        host->start();
    }
    ~HostFixture() {
        host.reset();
        for (auto& [k, v] : db.env()) unsetenv(k.c_str());
    }
    long long count(const std::string& table) {
        return host->db().read([&](Tx& tx) {
            long long n = 0;
            tx.sql() << "SELECT COUNT(*) FROM " + table, soci::into(n);
            return n;
        });
    }
    AuditVerifyReport verify() {
        return host->db().read([&](Tx& tx) { return host->audit().verify(tx); });
    }
    void appendEvents(int n) {
        for (int i = 0; i < n; ++i)
            host->db().write([&](Tx& tx) {
                host->audit().record(tx, nullptr, "test", {"thing", std::to_string(i), "update", "f", "old", "new", "because"});
            });
    }
    void exec(const std::string& sql) { host->db().write([&](Tx& tx) { tx.sql() << sql; }); }
    // Writes an event straight into the table, bypassing AuditLog, as an attacker with
    // database access would.
    void insertForgedEvent(long long seq, long long id) {
        exec("INSERT INTO audit_events (seq, id, at_ms, actor_user_id, actor_name, org_id, request_id, entity, "
             "entity_id, action, field, old_value, new_value, reason, prev_hash, hash) VALUES (" +
             std::to_string(seq) + ", " + std::to_string(id) + ", 1, NULL, 'mallory', NULL, 'x', 'user', '1', "
             "'update', 'roles', NULL, 'admin', NULL, '" + std::string(64, 'a') + "', '" + std::string(64, 'b') + "')");
    }
};

bool hasProblem(const AuditVerifyReport& r, const std::string& word) {
    for (const auto& p : r.problems)
        if (p.problem.find(word) != std::string::npos) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(migrations_apply_once_and_are_recorded_with_checksums) {
    HostFixture f;
    const long long applied = f.count("schema_migrations");
    BOOST_TEST(applied >= 2);
    Migrator again(f.host->db(), f.host->config().str("db.schema_dir"), f.host->clock());
    BOOST_TEST(again.migrate(f.host->moduleOrder()).empty());
    BOOST_TEST(f.count("schema_migrations") == applied);
}

BOOST_AUTO_TEST_CASE(two_nodes_migrating_at_once_apply_each_migration_once) {
    FreshDb db;
    const std::string schemaDir = Config::fromMap({}, Config::hostKeys()).str("db.schema_dir");
    SystemClock clock;
    Db a(DbUrl::parse(db.url), DbOptions{4}), b(DbUrl::parse(db.url), DbOptions{4});
    std::atomic<int> failures{0};
    auto run = [&](Db& d) {
        try {
            Migrator(d, schemaDir, clock).migrate({"host", "identity"});
        } catch (const std::exception& e) {
            BOOST_TEST_MESSAGE("migrate failed: " << e.what());
            ++failures;
        }
    };
    std::thread t1(run, std::ref(a)), t2(run, std::ref(b));
    t1.join();
    t2.join();
    BOOST_TEST(failures.load() == 0);
    const long long rowsApplied = a.read([](Tx& tx) {
        long long n = 0;
        tx.sql() << "SELECT COUNT(*) FROM schema_migrations", soci::into(n);
        return n;
    });
    const auto files = Migrator(a, schemaDir, clock).files("host").size() + Migrator(a, schemaDir, clock).files("identity").size();
    BOOST_TEST(rowsApplied == static_cast<long long>(files));
}

BOOST_AUTO_TEST_CASE(an_edited_migration_stops_start_up_naming_the_file) {
    HostFixture f;
    test::TempDir schema;
    // Copy the real schema, then edit one applied file.
    const std::string src = f.host->config().str("db.schema_dir");
    test::runProcess("/bin/cp", {"-r", src + "/host", src + "/identity", schema.path()}, {});
    const std::string ext = g_backend == "sqlite" ? "sqlite" : "mysql";
    const std::string file = schema.file("identity/0001_identity." + ext + ".sql");
    test::writeFile(file, test::readFile(file) + "\n-- edited after release\n");
    Migrator m(f.host->db(), schema.path(), f.host->clock());
    try {
        m.migrate({"host", "identity"});
        BOOST_FAIL("an edited migration must stop start-up");
    } catch (const Error& e) {
        BOOST_TEST(e.publicMessage().find("0001_identity") != std::string::npos);
        BOOST_TEST(e.publicMessage().find("edited") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_migration_for_one_backend_only_is_refused) {
    HostFixture f;
    test::TempDir schema;
    Poco::File(schema.file("extra")).createDirectories();
    test::writeFile(schema.file("extra/0001_thing.sqlite.sql"), "CREATE TABLE thing (id BIGINT PRIMARY KEY);");
    Migrator m(f.host->db(), schema.path(), f.host->clock());
    BOOST_CHECK_THROW(m.migrate({"extra"}), Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(transactions)

BOOST_AUTO_TEST_CASE(a_failing_unit_of_work_stores_nothing) {
    HostFixture f;
    const long long before = f.count("audit_events");
    BOOST_CHECK_THROW(f.host->db().write([&](Tx& tx) {
        f.host->audit().record(tx, nullptr, "t", {"x", "1", "create", "", std::nullopt, "v", std::nullopt});
        throw Error::invalidField("name", "required");
    }), Error);
    BOOST_TEST(f.count("audit_events") == before);
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(concurrent_writers_all_commit_through_the_retry_loop) {
    HostFixture f;
    const long long before = f.count("audit_events");
    std::vector<std::thread> ts;
    std::atomic<int> failures{0};
    for (int t = 0; t < 8; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                try {
                    f.host->db().write([&](Tx& tx) {
                        f.host->audit().record(tx, nullptr, "t", {"c", "1", "update", "f", "a", "b", std::nullopt});
                    });
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    for (auto& t : ts) t.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(f.count("audit_events") == before + 200);
    BOOST_TEST(f.verify().ok());  // strictly ordered: no fork in the chain
}

BOOST_AUTO_TEST_CASE(per_lab_sequences_have_no_gaps_and_no_duplicates_under_concurrency) {
    HostFixture f;
    std::mutex m;
    std::vector<std::int64_t> got;
    std::vector<std::thread> ts;
    for (int t = 0; t < 16; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                const auto v = f.host->db().write([&](Tx& tx) { return Sequences::next(tx, 42, "sample"); });
                std::lock_guard lock(m);
                got.push_back(v);
            }
        });
    for (auto& t : ts) t.join();
    std::set<std::int64_t> uniq(got.begin(), got.end());
    BOOST_TEST(uniq.size() == 320u);
    BOOST_TEST(*uniq.begin() == 1);
    BOOST_TEST(*uniq.rbegin() == 320);
    BOOST_TEST(f.host->db().write([&](Tx& tx) { return Sequences::next(tx, 43, "sample"); }) == 1);  // per lab
}

BOOST_AUTO_TEST_CASE(a_rolled_back_sequence_number_is_handed_out_again) {
    HostFixture f;
    BOOST_CHECK_THROW(f.host->db().write([&](Tx& tx) {
        Sequences::next(tx, 7, "report");
        throw Error::conflict("abort");
    }), Error);
    BOOST_TEST(f.host->db().write([&](Tx& tx) { return Sequences::next(tx, 7, "report"); }) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(audit_chain)

BOOST_AUTO_TEST_CASE(an_untouched_chain_verifies) {
    HostFixture f;
    f.appendEvents(5);
    auto r = f.verify();
    BOOST_TEST(r.ok());
    BOOST_TEST(r.checked == r.headSeq);
    BOOST_TEST(r.checked >= 5);
}

BOOST_AUTO_TEST_CASE(an_altered_row_is_reported) {
    HostFixture f;
    f.appendEvents(5);
    f.exec("UPDATE audit_events SET new_value = 'forged' WHERE seq = 3");
    auto r = f.verify();
    BOOST_TEST(!r.ok());
    BOOST_TEST(hasProblem(r, "altered"));
}

BOOST_AUTO_TEST_CASE(a_deleted_row_is_reported) {
    HostFixture f;
    f.appendEvents(5);
    f.exec("DELETE FROM audit_events WHERE seq = 2");
    auto r = f.verify();
    BOOST_TEST(hasProblem(r, "deleted"));
}

BOOST_AUTO_TEST_CASE(a_deleted_tail_is_reported) {
    HostFixture f;
    f.appendEvents(5);
    long long last = f.count("audit_events");
    f.exec("DELETE FROM audit_events WHERE seq = " + std::to_string(last));
    BOOST_TEST(hasProblem(f.verify(), "deleted"));
}

BOOST_AUTO_TEST_CASE(an_inserted_row_is_reported) {
    HostFixture f;
    f.appendEvents(3);
    // Re-number to make room, then insert a forged event with a self-consistent hash.
    f.exec("UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 2");
    f.insertForgedEvent(2, 1);
    auto r = f.verify();
    BOOST_TEST(!r.ok());
    BOOST_TEST(hasProblem(r, "chain broken"));
}

BOOST_AUTO_TEST_CASE(a_row_appended_behind_the_heads_back_is_reported) {
    HostFixture f;
    f.appendEvents(2);
    const long long next = f.count("audit_events") + 1;
    f.insertForgedEvent(next, 7);
    BOOST_TEST(hasProblem(f.verify(), "inserted"));
}

BOOST_AUTO_TEST_CASE(assayctl_audit_verify_fails_after_direct_tampering) {
    HostFixture f;
    f.appendEvents(3);
    auto ok = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, f.db.env());
    BOOST_TEST(ok.exitCode == 0, ok.out);
    BOOST_TEST(ok.out.find("audit chain OK") != std::string::npos);
    f.exec("UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 2");
    auto bad = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, f.db.env());
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(bad.out.find("event 2: altered") != std::string::npos, bad.out);
}

BOOST_AUTO_TEST_CASE(assayctl_audit_verify_changes_nothing_it_inspects) {
    FreshDb db;  // never migrated: verify must not migrate it or create a bootstrap admin
    auto r = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, db.env());
    BOOST_TEST(r.exitCode != 0, r.out);
    Db raw(DbUrl::parse(db.url), DbOptions{1});
    const long long tables = raw.read([&](Tx& tx) {
        long long n = 0;
        if (tx.isSqlite())
            tx.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", soci::into(n);
        else
            tx.sql() << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()", soci::into(n);
        return n;
    });
    BOOST_TEST(tables == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identity_storage)

BOOST_AUTO_TEST_CASE(first_start_creates_exactly_one_bootstrap_admin) {
    HostFixture f;
    BOOST_TEST(f.count("users") == 1);
    f.host.reset();
    for (auto& [k, v] : f.db.env()) setenv(k.c_str(), v.c_str(), 1);
    f.host = Host::create("", builtinModules());
    f.host->start();  // second start: idempotent
    BOOST_TEST(f.count("users") == 1);
}

BOOST_AUTO_TEST_CASE(demo_data_loads_twice_without_duplicates_and_keeps_chinese_text) {
    HostFixture f;
    f.host->seedDemo();
    const long long users = f.count("users"), orgs = f.count("organizations");
    f.host->seedDemo();
    BOOST_TEST(f.count("users") == users);
    BOOST_TEST(f.count("organizations") == orgs);
    BOOST_TEST(orgs == 4);
    const std::string name = f.host->db().read([&](Tx& tx) {
        std::string n;
        tx.sql() << "SELECT name FROM organizations WHERE code = 'GDQT'", soci::into(n);
        return n;
    });
    BOOST_TEST(name == "广东省质量检验检测研究院 (demo)");
}

BOOST_AUTO_TEST_CASE(usernames_are_unique_even_through_the_admin_tool) {
    HostFixture f;
    auto& admin = f.host->services().require<identity::UserAdmin>();
    f.host->db().write([&](Tx& tx) { return admin.createUserAsSystem(tx, {"ops.a", "A", "Ops-pw-123456", {"admin"}, std::nullopt}, "test"); });
    try {
        f.host->db().write([&](Tx& tx) { return admin.createUserAsSystem(tx, {"ops.a", "B", "Ops-pw-123456", {"admin"}, std::nullopt}, "test"); });
        BOOST_FAIL("a duplicate username must be refused");
    } catch (const Error& e) {
        BOOST_TEST(e.httpStatus() == 409);
    }
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(idempotency)

// The claim, the handler's work and the outcome are one unit of work: concurrent requests with
// one key run the handler once, and the others wait for its commit and replay its response.
BOOST_AUTO_TEST_CASE(concurrent_requests_with_one_key_run_once_and_the_others_replay_its_response) {
    HostFixture f;
    IdempotencyStore store(f.host->clock());
    std::atomic<int> ran{0}, replayed{0}, other{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < 8; ++t)
        ts.emplace_back([&] {
            try {
                Response r = f.host->db().unitOfWork([&](Tx& tx) -> Response {
                    if (auto replay = store.claim(tx, "user:1", "k-1", "h")) return *replay;
                    ++ran;
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the others arrive meanwhile
                    Response done = Response::noContent();
                    done.status = 201;
                    done.body = "{\"id\":1}";
                    store.complete(tx, "user:1", "k-1", done, false);
                    return done;
                });
                bool marked = false;
                for (const auto& [k, v] : r.headers) marked = marked || (k == "Idempotent-Replayed" && v == "true");
                if (marked && r.status == 201 && r.body == "{\"id\":1}") ++replayed;
            } catch (const Error&) {
                ++other;
            }
        });
    for (auto& t : ts) t.join();
    BOOST_TEST(ran.load() == 1);
    BOOST_TEST(replayed.load() == 7);
    BOOST_TEST(other.load() == 0);
    const bool fresh = f.host->db().unitOfWork([&](Tx& tx) { return !store.claim(tx, "user:2", "k-1", "h").has_value(); });
    BOOST_TEST(fresh);  // keys are per principal
}

// The error's class comes from the backend's error number, never from text: a unique-key conflict
// whose bound value reads like a lost connection or a busy database is a 409, not a retry and 503.
BOOST_AUTO_TEST_CASE(a_duplicate_whose_value_reads_like_a_lost_connection_is_a_conflict_not_a_retry) {
    HostFixture f;
    const std::string sly = "has gone away; Lost connection; database is locked; Deadlock found";
    auto insert = [&] {
        f.host->db().write([&](Tx& tx) {
            tx.sql() << "INSERT INTO idempotency_keys (principal, idem_key, request_hash, state, created_at_ms) "
                        "VALUES ('user:1', :k, 'h', 'done', 1)",
                soci::use(sly, "k");
        });
    };
    insert();
    const auto retriesBefore = f.host->db().retries();
    try {
        insert();
        BOOST_FAIL("a duplicate must be refused");
    } catch (const Error& e) {
        BOOST_TEST(e.httpStatus() == 409);
    }
    BOOST_TEST(f.host->db().retries() == retriesBefore);  // not retried as a lost connection or a deadlock
}

// A deadlock (or a lost connection) inside a joined call ends the whole transaction on the
// server. Code between may turn it into another error, and the caller may even render that and
// return normally: the unit must still not commit what is left, but run again.
BOOST_AUTO_TEST_CASE(a_unit_of_work_ended_by_a_deadlock_is_run_again_and_never_commits_its_remains) {
    HostFixture f;
    const bool mysql = f.host->db().kind() == DbKind::Mysql;
    int attempts = 0;
    auto row = [&](const std::string& key) {
        f.host->db().write([&](Tx& tx) {
            tx.sql() << "INSERT INTO idempotency_keys (principal, idem_key, request_hash, state, created_at_ms) "
                        "VALUES ('user:7', :k, 'h', 'done', 1)",
                soci::use(key, "k");
        });
    };
    f.host->db().unitOfWork([&](Tx&) {
        ++attempts;
        try {
            row("attempt-" + std::to_string(attempts));
            if (attempts == 1) {
                try {
                    f.host->db().write([&](Tx&) {
#ifdef ASSAY_WITH_MYSQL
                        if (mysql) throw soci::mysql_soci_error("Deadlock found when trying to get lock", 1213);
#endif
                        throw soci::sqlite3_soci_error("database is locked", 5);
                    });
                } catch (const std::exception&) {
                    throw Error::conflict("the record was changed by someone else");  // a compensation's verdict
                }
            }
        } catch (const Error&) {
            // rendered as a problem answer, as the dispatcher does for a keyed POST
        }
        // Nothing more may run in the ended transaction.
        if (attempts == 1) BOOST_CHECK_THROW(row("after-the-abort"), std::exception);
    });
    (void)mysql;
    BOOST_TEST(attempts == 2);
    const long long kept = f.host->db().read([&](Tx& tx) {
        long long n = 0;
        tx.sql() << "SELECT COUNT(*) FROM idempotency_keys WHERE principal = 'user:7'", soci::into(n);
        return n;
    });
    BOOST_TEST(kept == 1);  // only the second attempt's row
    const long long second = f.host->db().read([&](Tx& tx) {
        long long n = 0;
        tx.sql() << "SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = 'attempt-2'", soci::into(n);
        return n;
    });
    BOOST_TEST(second == 1);
}

// A handler that fails leaves nothing: its writes (a savepoint) and the claim roll back together,
// and the key may be used again.
BOOST_AUTO_TEST_CASE(a_failed_keyed_request_leaves_neither_its_writes_nor_its_claim) {
    HostFixture f;
    IdempotencyStore store(f.host->clock());
    const auto before = f.count("idempotency_keys");
    f.host->db().unitOfWork([&](Tx& tx) {
        BOOST_REQUIRE(!store.claim(tx, "user:1", "k-fail", "h").has_value());
        try {
            f.host->db().write([&](Tx& inner) {  // joins the unit as a savepoint
                inner.sql() << "INSERT INTO idempotency_keys (principal, idem_key, request_hash, state, created_at_ms) "
                               "VALUES ('user:9', 'inner', 'h', 'done', 1)";
                throw Error::invalidField("name", "must not be empty");
            });
        } catch (const Error&) {
        }
        store.release(tx, "user:1", "k-fail");
    });
    BOOST_TEST(f.count("idempotency_keys") == before);
    const bool again = f.host->db().unitOfWork([&](Tx& tx) { return !store.claim(tx, "user:1", "k-fail", "h").has_value(); });
    BOOST_TEST(again);
}

// Nested calls join the unit of work: what they write is seen inside it, and a failure of the
// unit after they returned rolls everything back (nothing half-stored).
BOOST_AUTO_TEST_CASE(a_second_session_on_one_thread_is_refused_with_both_call_sites) {
    HostFixture f;
    Db& db = f.host->db();
    Db::setSecondLeasePolicy(Db::SecondLease::Throw);  // debug builds abort; the rule itself is tested here
    std::string message;
    try {
        db.read([&](Tx&) {
            db.write([&](Tx& tx) { tx.sql() << "CREATE TABLE never_made (x INTEGER)"; });
        });
    } catch (const Error& e) {
        message = e.internalMessage();
    }
#ifdef NDEBUG
    Db::setSecondLeasePolicy(Db::SecondLease::Throw);
#else
    Db::setSecondLeasePolicy(Db::SecondLease::Abort);
#endif
    BOOST_TEST(message.find("a second database session was asked for at") != std::string::npos, message);
    BOOST_TEST(message.find("DbContractTest.cpp:") != message.rfind("DbContractTest.cpp:"), message);  // both call sites
    BOOST_TEST(db.inUse() == 0u);     // the first session was given back
    BOOST_TEST(!db.heldByThisThread());
    // One after the other is fine, and a unit of work lets nested calls join it.
    db.read([&](Tx&) {});
    db.write([&](Tx&) {});
    const int joined = db.unitOfWork([&](Tx&) { return db.read([&](Tx&) { return db.heldByThisThread() ? 1 : 0; }); });
    BOOST_TEST(joined == 1);
    BOOST_TEST(f.count("schema_migrations") > 0);
}

BOOST_AUTO_TEST_CASE(nested_transactions_join_the_unit_of_work_and_roll_back_with_it) {
    HostFixture f;
    const auto before = f.count("idempotency_keys");
    BOOST_TEST(!f.host->db().inUnitOfWork());
    try {
        f.host->db().unitOfWork([&](Tx&) {
            BOOST_TEST(f.host->db().inUnitOfWork());
            f.host->db().write([&](Tx& inner) {
                inner.sql() << "INSERT INTO idempotency_keys (principal, idem_key, request_hash, state, created_at_ms) "
                               "VALUES ('user:9', 'joined', 'h', 'done', 1)";
            });
            const long long seen = f.host->db().read([&](Tx& inner) {
                long long n = 0;
                inner.sql() << "SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = 'joined'", soci::into(n);
                return n;
            });
            BOOST_TEST(seen == 1);
            throw Error::internal("injected failure after the nested write");
        });
        BOOST_FAIL("the unit of work must fail");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Internal));
    }
    BOOST_TEST(f.count("idempotency_keys") == before);
    BOOST_TEST(!f.host->db().inUnitOfWork());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_storage)

BOOST_AUTO_TEST_CASE(the_demo_register_loads_once_and_finds_editions_by_designation) {
    HostFixture f;
    f.host->seedDemo();
    f.host->seedDemo();
    BOOST_TEST(f.count("acc_standards") == 7);
    BOOST_TEST(f.count("acc_methods") == 5);
    BOOST_TEST(f.count("acc_method_records") == 5);
    BOOST_TEST(f.count("acc_parameters") == 4);
    const std::string bands = f.host->db().read([&](Tx& tx) {
        std::string b;
        tx.sql() << "SELECT mu_ranges FROM acc_parameters WHERE mu_model = 'range'", soci::into(b);
        return b;
    });
    BOOST_TEST(bands == "0.1:25;*:15");
    BOOST_TEST(f.count("acc_specifications") == 1);
    BOOST_TEST(f.count("acc_spec_limits") == 4);
    const std::string mercuryMax = f.host->db().read([&](Tx& tx) {
        std::string m;
        tx.sql() << "SELECT max_value FROM acc_spec_limits WHERE position = 3", soci::into(m);
        return m;
    });
    BOOST_TEST(mercuryMax == "0.02");
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    BOOST_REQUIRE(lab.has_value());
    auto& reg = f.host->services().require<accreditation::Register>();
    auto lead = f.host->db().read([&](Tx& tx) { return reg.standardByDesignation(tx, lab->id, "GB 5009.12-2023"); });
    BOOST_REQUIRE(lead.has_value());
    BOOST_TEST(lead->status == accreditation::StandardStatus::Current);
    BOOST_TEST(lead->title == "食品安全国家标准 食品中铅的测定");
    auto old = f.host->db().read([&](Tx& tx) { return reg.standardByDesignation(tx, lab->id, "GB 5009.12-2017"); });
    BOOST_REQUIRE(old.has_value());
    BOOST_TEST(old->status == accreditation::StandardStatus::Replaced);
    BOOST_TEST(old->replacedBy.value_or(0) == lead->id);
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return reg.standardByDesignation(tx, lab->id, "GB 5009.12"); }).has_value());  // the year is part of the key
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return reg.standardByDesignation(tx, lab->id + 1, "GB 5009.12-2023"); }).has_value());
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(a_method_is_usable_only_from_the_date_of_its_verification_record) {
    HostFixture f;
    f.host->seedDemo();
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    auto& reg = f.host->services().require<accreditation::Register>();
    // The demo lead method was verified on 2024-03-15.
    std::int64_t leadMethod = 0;
    const std::string leadName = "石墨炉原子吸收光谱法 (铅)";
    f.host->db().read([&](Tx& tx) {
        soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id FROM acc_methods WHERE name = :n", soci::use(leadName, "n"));
        for (const auto& r : rs) leadMethod = rows::i64(r, 0);
    });
    BOOST_REQUIRE(leadMethod != 0);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return reg.method(tx, lab->id, leadMethod); })->citation() == "GB 5009.12-2023 第一法");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return reg.methodUsableOn(tx, lab->id, leadMethod, "2024-03-15"); }).ok);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return reg.methodUsableOn(tx, lab->id, leadMethod, "2026-11-25"); }).ok);
    auto before = f.host->db().read([&](Tx& tx) { return reg.methodUsableOn(tx, lab->id, leadMethod, "2024-03-14"); });
    BOOST_TEST(!before.ok);
    BOOST_TEST(before.rule == "R23");
    BOOST_TEST(before.reason.find("2024-03-14") != std::string::npos);
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return reg.methodUsableOn(tx, lab->id + 1, leadMethod, "2026-11-25"); }).ok);  // another lab's method
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return reg.methodUsableOn(tx, lab->id, leadMethod, "2026-02-30"); }).ok);
    // The demo price list: lead by its own method at CNY 150.00 from 2024-01-01.
    long long lead = 0;
    f.host->db().read([&](Tx& tx) { tx.sql() << "SELECT id FROM acc_parameters WHERE name_zh = '铅(以Pb计)'", soci::into(lead); });
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return reg.priceOn(tx, lab->id, lead, leadMethod, "2026-11-29"); }).value_or(Decimal()).toString() == "150.00");
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return reg.priceOn(tx, lab->id, lead, leadMethod, "2023-12-31"); }).has_value());
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return reg.priceOn(tx, lab->id + 1, lead, leadMethod, "2026-11-29"); }).has_value());
}

BOOST_AUTO_TEST_CASE(the_demo_lab_holds_a_six_year_cma_certificate_and_a_cnas_accreditation_with_ilac_mra) {
    HostFixture f;
    f.host->seedDemo();
    f.host->seedDemo();  // idempotent
    BOOST_TEST(f.count("acc_qualifications") == 2);
    BOOST_TEST(f.count("acc_qualification_events") == 2);
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    BOOST_REQUIRE(lab.has_value());
    auto& qs = f.host->services().require<accreditation::QualificationStatus>();
    auto last = f.host->db().read([&](Tx& tx) { return qs.standingOn(tx, lab->id, accreditation::Scheme::Cma, "2030-02-28"); });
    BOOST_TEST(last.valid);
    BOOST_TEST(last.number == "202619000123");
    BOOST_TEST(last.validTo.value_or("") == "2030-02-28");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return qs.standingOn(tx, lab->id, accreditation::Scheme::Cma, "2030-03-01"); }).status == accreditation::CertificateStatus::Expired);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return qs.standingOn(tx, lab->id, accreditation::Scheme::Cma, "2024-02-29"); }).status == accreditation::CertificateStatus::NotYetValid);
    auto cnas = f.host->db().read([&](Tx& tx) { return qs.standingOn(tx, lab->id, accreditation::Scheme::Cnas, "2026-11-29"); });
    BOOST_TEST(cnas.valid);
    BOOST_TEST(cnas.ilacMraPermitted);
    BOOST_TEST(cnas.number == "CNAS L1234");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return qs.standingOn(tx, lab->id + 1, accreditation::Scheme::Cma, "2026-11-29"); }).status == accreditation::CertificateStatus::None);  // another lab holds nothing here
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(the_demo_scope_keeps_inorganic_arsenic_inside_cma_but_outside_cnas) {
    HostFixture f;
    f.host->seedDemo();
    f.host->seedDemo();  // idempotent
    BOOST_TEST(f.count("acc_scope_changes") == 2);
    BOOST_TEST(f.count("acc_scope_rows") == 18 + 14);
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    BOOST_REQUIRE(lab.has_value());
    auto paramId = [&](const std::string& name) {
        return f.host->db().read([&](Tx& tx) {
            long long id = 0;
            tx.sql() << "SELECT id FROM acc_parameters WHERE name_zh = :n", soci::use(name, "n"), soci::into(id);
            return static_cast<std::int64_t>(id);
        });
    };
    auto& scope = f.host->services().require<accreditation::ScopeCheck>();
    accreditation::ScopeQuery q{lab->id, accreditation::Scheme::Cma, "天河实验室", "大米", std::nullopt, paramId("无机砷(以As计)"), "GB 5009.11-2024", std::nullopt, "2026-11-29"};
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return scope.check(tx, q); }).inScope);
    q.scheme = accreditation::Scheme::Cnas;
    auto cnas = f.host->db().read([&](Tx& tx) { return scope.check(tx, q); });
    BOOST_TEST(!cnas.inScope);
    BOOST_TEST(cnas.rule == "R1");
    // Lead in tea carries the limitation; lead in rice cites 第一法 and is covered by the ILAC-MRA.
    accreditation::ScopeQuery tea{lab->id, accreditation::Scheme::Cma, "天河实验室", "茶叶", std::nullopt, paramId("铅(以Pb计)"), "GB 5009.12-2023", std::string("第一法"), "2026-11-29"};
    auto teaVerdict = f.host->db().read([&](Tx& tx) { return scope.check(tx, tea); });
    BOOST_TEST(teaVerdict.inScope);
    BOOST_TEST(teaVerdict.limitation.value_or("") == "不适用于速溶茶");
    tea.scheme = accreditation::Scheme::Cnas;
    tea.product = "大米";
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return scope.check(tx, tea); }).mraCovered);
    // The replaced 2017 edition of the lead method is outside the scope: R5.
    tea.standard = "GB 5009.12-2017";
    auto old = f.host->db().read([&](Tx& tx) { return scope.check(tx, tea); });
    BOOST_TEST(!old.inScope);
    BOOST_TEST(old.rule == "R5");
    // Before the CMA scope took effect nothing was in it.
    q.scheme = accreditation::Scheme::Cma;
    q.date = "2024-02-29";
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return scope.check(tx, q); }).inScope);
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(the_demo_signatory_cannot_sign_inorganic_arsenic_and_technicians_perform_only_their_methods) {
    HostFixture f;
    f.host->seedDemo();
    f.host->seedDemo();  // idempotent
    BOOST_TEST(f.count("acc_staff") == 5);
    BOOST_TEST(f.count("acc_active_persons") == 5);
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    auto& users = f.host->services().require<identity::UserDirectory>();
    auto& staff = f.host->services().require<accreditation::StaffAuthorization>();
    auto idOf = [&](const std::string& sql, const std::string& value) {
        return f.host->db().read([&](Tx& tx) {
            long long id = 0;
            tx.sql() << sql, soci::use(value, "v"), soci::into(id);
            return static_cast<std::int64_t>(id);
        });
    };
    const auto param = [&](const std::string& n) { return idOf("SELECT id FROM acc_parameters WHERE name_zh = :v", n); };
    const auto method = [&](const std::string& n) { return idOf("SELECT id FROM acc_methods WHERE name = :v", n); };
    const std::int64_t zhao = f.host->db().read([&](Tx& tx) { return users.userByUsername(tx, "signatory.zhao"); })->id;
    const std::int64_t li = f.host->db().read([&](Tx& tx) { return users.userByUsername(tx, "tech.li"); })->id;
    const std::int64_t chen = f.host->db().read([&](Tx& tx) { return users.userByUsername(tx, "reviewer.chen"); })->id;
    const std::vector<std::int64_t> metals{param("铅(以Pb计)"), param("镉(以Cd计)"), param("总汞(以Hg计)")};
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.maySign(tx, lab->id, zhao, accreditation::Scheme::Cma, metals, "2026-11-29"); }).ok);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.maySign(tx, lab->id, zhao, accreditation::Scheme::Cnas, metals, "2026-11-29"); }).ok);
    const std::vector<std::int64_t> arsenicOnly{param("无机砷(以As计)")};
    auto arsenic = f.host->db().read([&](Tx& tx) { return staff.maySign(tx, lab->id, zhao, accreditation::Scheme::Cma, arsenicOnly, "2026-11-29"); });
    BOOST_TEST(arsenic.rule == "R10");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.maySign(tx, lab->id, zhao, accreditation::Scheme::Cma, metals, "2024-03-04"); }).rule == "R12");  // filed 2024-03-05
    const std::int64_t lead = method("石墨炉原子吸收光谱法 (铅)");
    const std::int64_t mercury = method("原子荧光光谱分析法 (总汞)");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.mayPerform(tx, lab->id, li, lead, "2026-11-29"); }).ok);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.mayPerform(tx, lab->id, li, mercury, "2026-11-29"); }).rule == "R13");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.mayCheck(tx, lab->id, chen, li, lead, "2026-11-29"); }).ok);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.mayCheck(tx, lab->id, li, li, lead, "2026-11-29"); }).rule == "R13");  // never one's own work
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return staff.mayStateOpinion(tx, lab->id, zhao, "2026-11-29"); }).ok);
    BOOST_TEST(!f.host->db().read([&](Tx& tx) { return staff.mayStateOpinion(tx, lab->id, li, "2026-11-29"); }).ok);
    BOOST_TEST(f.verify().ok());
}

// A stand-in for the testing and reports modules: results that used an instrument.
struct RecordingUsage : accreditation::EquipmentUsageSource {
    std::vector<accreditation::ImpactedItem> items{{"result", "R-1", "铅 0.12 mg/kg", "2026-05-10"},
                                                   {"report", "GDQT-R2026000007", "报告 GDQT-R2026000007", "2026-05-12"}};
    std::string askedFrom, askedTo;
    std::int64_t reviewedNc = 0;
    std::vector<accreditation::ImpactedItem> usedSince(Tx&, std::int64_t, std::int64_t, const std::string& from,
                                                       const std::string& to) override {
        askedFrom = from;
        askedTo = to;
        return items;
    }
    void putUnderReview(Tx&, std::int64_t, const std::vector<accreditation::ImpactedItem>&, std::int64_t nc) override { reviewedNc = nc; }
};

BOOST_AUTO_TEST_CASE(an_out_of_tolerance_calibration_opens_an_nc_with_the_results_since_the_last_good_one_R16) {
    HostFixture f;
    f.host->seedDemo();
    f.host->seedDemo();  // idempotent
    BOOST_TEST(f.count("acc_equipment") == 5);
    BOOST_TEST(f.count("acc_nonconformities") == 1);  // the demo balance set out of service
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    auto& status = f.host->services().require<accreditation::EquipmentStatus>();
    auto source = std::make_shared<RecordingUsage>();
    f.host->services().require<accreditation::EquipmentUsageRegistry>().addSource(source);
    auto idOf = [&](const std::string& asset) {
        return f.host->db().read([&](Tx& tx) {
            long long id = 0;
            tx.sql() << "SELECT id FROM acc_equipment WHERE asset_no = :a", soci::use(asset, "a"), soci::into(id);
            return static_cast<std::int64_t>(id);
        });
    };
    const std::string today = isoDateInLab(f.host->clock().now());
    const std::int64_t balance = idOf("GDQT-EQ-001"), spareId = idOf("GDQT-EQ-005");
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return status.equipmentUsableOn(tx, lab->id, balance, today); }).usable);
    auto spare = f.host->db().read([&](Tx& tx) { return status.equipmentUsableOn(tx, lab->id, spareId, today); });
    BOOST_TEST(!spare.usable);
    BOOST_TEST(spare.rule == "R15");
    BOOST_TEST(spare.policy == "block");
    // The ICP-MS is found out of tolerance by a calibration today: the service, on the real
    // database, with the stand-in source registered.
    accreditation::NonconformityService ncs(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit());
    accreditation::EquipmentService equipment(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), ncs, "block");
    equipment.addSource(source);
    Principal manager;
    manager.userId = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::UserDirectory>().userByUsername(tx, "manager.liu"); })->id;
    manager.username = "manager.liu";
    manager.orgId = lab->id;
    manager.orgKind = "lab";
    manager.roles = {"manager"};
    const std::int64_t icp = idOf("GDQT-EQ-001");
    auto before = equipment.get(manager, icp);
    const std::string lastGood = before.calibrations.back().performedOn;
    const std::string nextYear = formatIsoDate(*parseIsoDate(today) + std::chrono::days{365});
    auto change = equipment.addCalibration(manager, icp, before.version,
                                           {"calibration", "JL-2026-X", "广东省计量科学研究院", today, nextYear, "pass",
                                            "out_of_tolerance", std::string("as found +4.2 %, adjusted")},
                                           "test");
    BOOST_REQUIRE(change.nc.has_value());
    BOOST_TEST(change.nc->source == "equipment");
    BOOST_TEST(change.nc->sourceRef == "GDQT-EQ-001");
    BOOST_TEST(change.nc->impacts.size() == 2u);
    BOOST_TEST(change.nc->impact.find("since the last good calibration or check on " + lastGood) != std::string::npos);
    BOOST_TEST(change.impactFrom.value_or("") == lastGood);
    BOOST_TEST(source->askedFrom == lastGood);
    BOOST_TEST(source->askedTo == today);
    BOOST_TEST(source->reviewedNc == change.nc->id);  // told to put the issued reports under review
    BOOST_TEST(f.count("acc_nc_impacts") == 2);
    BOOST_TEST(f.count("acc_nonconformities") == 2);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return status.equipmentUsableOn(tx, lab->id, icp, today); }).usable);  // adjusted: passes as left
    // A stale version stores nothing, NC included.
    BOOST_CHECK_THROW(equipment.addCalibration(manager, icp, before.version,
                                               {"calibration", "JL-2026-Y", "x", today, nextYear, "pass", "out_of_tolerance", std::nullopt},
                                               "test"),
                      Error);
    BOOST_TEST(f.count("acc_nonconformities") == 2);
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(an_equipment_type_is_usable_when_one_instrument_of_exactly_that_type_is_R15) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    auto lab = f.host->db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); });
    accreditation::NonconformityService ncs(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit());
    accreditation::EquipmentService equipment(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), ncs, "block");
    Principal manager;
    manager.userId = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::UserDirectory>().userByUsername(tx, "manager.liu"); })->id;
    manager.username = "manager.liu";
    manager.orgId = lab->id;
    manager.orgKind = "lab";
    manager.roles = {"manager"};
    const std::string today = isoDateInLab(f.host->clock().now());
    // The demo's spare balance is overdue but the main one is calibrated: a balance is at hand.
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return equipment.typeUsableOn(tx, lab->id, "电子天平", today); }).usable);
    auto none = f.host->db().read([&](Tx& tx) { return equipment.typeUsableOn(tx, lab->id, "pH计", today); });
    BOOST_TEST(!none.usable);
    BOOST_TEST(none.rule == "R15");
    BOOST_TEST(none.reason == "the lab has no pH计");
    // A never-calibrated meter is the only one of its type; another letter case is another type,
    // also on MariaDB, whose collation compares case-insensitively.
    equipment.create(manager, {"GDQT-EQ-900", "pH meter", "pH meter", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "2020-01-01"},
                     "test");
    auto meter = f.host->db().read([&](Tx& tx) { return equipment.typeUsableOn(tx, lab->id, "pH meter", today); });
    BOOST_TEST(!meter.usable);
    BOOST_TEST(meter.reason.rfind("no usable pH meter: ", 0) == 0u, meter.reason);
    BOOST_TEST(f.host->db().read([&](Tx& tx) { return equipment.typeUsableOn(tx, lab->id, "PH METER", today); }).reason == "the lab has no PH METER");
}

BOOST_AUTO_TEST_CASE(contract_review_sees_method_staff_equipment_and_both_scopes_in_one_verdict) {
    HostFixture f;
    f.host->seedDemo();
    auto lab = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::OrganizationDirectory>().organizationByCode(tx, "GDQT"); });
    auto& capability = f.host->services().require<accreditation::CapabilityCheck>();
    auto idOf = [&](const std::string& sql, const std::string& v) {
        return f.host->db().read([&](Tx& tx) {
            long long id = 0;
            tx.sql() << sql, soci::use(v, "v"), soci::into(id);
            return static_cast<std::int64_t>(id);
        });
    };
    const std::string today = isoDateInLab(f.host->clock().now());
    accreditation::CapabilityQuery lead{lab->id, idOf("SELECT id FROM acc_parameters WHERE name_zh = :v", "铅(以Pb计)"),
                                        idOf("SELECT id FROM acc_methods WHERE name = :v", "石墨炉原子吸收光谱法 (铅)"), "大米",
                                        std::nullopt, "天河实验室", today};
    auto v = f.host->db().read([&](Tx& tx) { return capability.check(tx, lead); });
    BOOST_TEST(v.canPerform);
    BOOST_TEST(v.performers.size() == 1u);
    BOOST_TEST(v.performers.front() == "李明");
    BOOST_TEST(v.cma.inScope);
    BOOST_TEST(v.cnas.inScope);
    accreditation::CapabilityQuery arsenic{lab->id, idOf("SELECT id FROM acc_parameters WHERE name_zh = :v", "无机砷(以As计)"),
                                           idOf("SELECT id FROM acc_methods WHERE name = :v", "液相色谱-原子荧光光谱法 (无机砷)"),
                                           "大米", std::nullopt, "天河实验室", today};
    auto as = f.host->db().read([&](Tx& tx) { return capability.check(tx, arsenic); });
    BOOST_TEST(as.canPerform);  // the AFS is due in 25 days: still usable
    BOOST_TEST(as.cma.inScope);
    BOOST_TEST(!as.cnas.inScope);  // deliberately outside CNAS
    BOOST_TEST(as.cnas.rule == "R1");
    lead.date = "2024-03-10";  // before the method's verification (2024-03-15)
    auto early = f.host->db().read([&](Tx& tx) { return capability.check(tx, lead); });
    BOOST_TEST(!early.canPerform);
    BOOST_TEST(early.method.rule == "R23");
    BOOST_TEST(early.staff.ok);  // authorized from 2024-03-01
}

BOOST_AUTO_TEST_CASE(an_import_with_cells_at_their_maximum_length_stores_on_both_backends) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    auto& db = f.host->db();
    auto& clock = f.host->clock();
    accreditation::StandardService standards(db, clock, f.host->ids(), f.host->audit());
    accreditation::MethodService methods(db, clock, f.host->ids(), f.host->audit());
    accreditation::ParameterService parameters(db, clock, f.host->ids(), f.host->audit());
    accreditation::SpecificationService specifications(db, clock, f.host->ids(), f.host->audit());
    accreditation::PriceService prices(db, clock, f.host->ids(), f.host->audit());
    accreditation::RegisterImport reg(db, clock, standards, methods, parameters, specifications, prices);
    Principal manager;
    manager.userId = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::UserDirectory>().userByUsername(tx, "manager.liu"); })->id;
    manager.username = "manager.liu";
    manager.orgId = f.host->db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); })->id;
    manager.orgKind = "lab";
    std::string name;
    for (int i = 0; i < 100; ++i) name += "铅";  // 100 characters, 300 bytes
    const std::string csv = "项目,单位,修约方式,修约位数,检出限,不确定度模型\n" + name + ",mg/kg,有效数字,2,0." + std::string(37, '0') + "1,none\n";
    BOOST_TEST(reg.importRegister(manager, "parameters", "auto", csv, "test") == 1);
    const std::string stored = f.host->db().read([&](Tx& tx) {
        std::string v;
        tx.sql() << "SELECT lod FROM acc_parameters WHERE unit = 'mg/kg' AND name_zh = :n", soci::use(name, "n"), soci::into(v);
        return v;
    });
    BOOST_TEST(stored == "0." + std::string(37, '0') + "1");  // 40 characters, digit for digit
    BOOST_CHECK_THROW(reg.importRegister(manager, "parameters", "auto", "项目,单位,修约方式,修约位数,不确定度模型\n" + name + "铅,mg/kg,有效数字,2,none\n",
                                         "test"),
                      Error);  // 101 characters: a 400, not a database error
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
// A clock the test moves: the retention period has to end inside the test.
class SettableClock final : public Clock {
public:
    explicit SettableClock(TimePoint t) : now_(t) {}
    TimePoint now() const override { return now_; }
    void advance(std::chrono::hours h) { now_ += h; }

private:
    TimePoint now_;
};

Principal demoTech(HostFixture& f) {
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    Principal tech;
    tech.userId = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::UserDirectory>().userByUsername(tx, "tech.li"); })->id;
    tech.username = "tech.li";
    tech.orgId = f.host->db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); })->id;
    tech.orgKind = "lab";
    tech.roles = {"technician"};
    return tech;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(intake)

BOOST_AUTO_TEST_CASE(sixty_four_concurrent_intakes_get_codes_without_duplicates_or_gaps_R18) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    assay::intake::SampleService samples(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), orgs, f.host->services().require<assay::accreditation::ProductCatalog>(), "{LAB}{YYYY}{SEQ:06}", 90);
    Principal tech;
    tech.userId = f.host->db().read([&](Tx& tx) { return f.host->services().require<identity::UserDirectory>().userByUsername(tx, "tech.li"); })->id;
    tech.username = "tech.li";
    tech.orgId = f.host->db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); })->id;
    tech.orgKind = "lab";
    tech.roles = {"technician"};
    constexpr int kClients = 64;
    std::vector<std::string> codes(kClients);
    std::vector<std::string> failures(kClients);
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i)
        threads.emplace_back([&, i] {
            try {
                assay::intake::SampleInput in;
                in.name = "大米 " + std::to_string(i);
                in.productCategory = "粮食及其制品";
                codes[i] = samples.registerSample(tech, in, "test-" + std::to_string(i)).code;
            } catch (const std::exception& e) {
                failures[i] = e.what();
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& failure : failures) BOOST_TEST(failure.empty(), failure);
    const std::string prefix = "GDQT" + isoDateInLab(f.host->clock().now()).substr(0, 4);
    std::set<std::string> expected, got(codes.begin(), codes.end());
    for (int n = 1; n <= kClients; ++n) {
        std::string seq = std::to_string(n);
        expected.insert(prefix + std::string(6 - seq.size(), '0') + seq);
    }
    BOOST_TEST(got.size() == static_cast<std::size_t>(kClients));  // no duplicates
    BOOST_TEST((got == expected));                                // and no gaps
    BOOST_TEST(f.count("int_samples") == kClients);
    BOOST_TEST(f.count("int_custody_events") == kClients);
    BOOST_TEST(f.verify().ok());
}


BOOST_AUTO_TEST_CASE(a_retained_sample_is_disposed_of_only_once_its_period_has_ended_and_the_record_stays_R22) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    SettableClock clock(f.host->clock().now());
    assay::intake::SampleService samples(f.host->db(), clock, f.host->ids(), f.host->audit(), orgs, f.host->services().require<assay::accreditation::ProductCatalog>(), "{LAB}{YYYY}{SEQ:06}", 90);
    Principal tech = demoTech(f);
    Principal manager = tech;
    manager.roles = {"manager"};
    samples.setRetentionPeriod(manager, {"茶叶及相关制品", 7}, "test");
    assay::intake::SampleInput in;
    in.name = "西湖龙井";
    in.productCategory = "茶叶及相关制品";
    auto s = samples.registerSample(tech, in, "test");
    s = samples.receive(tech, s.code, s.version, {"完好", std::nullopt, std::nullopt}, "test");
    for (const char* to : {"in_testing", "tested", "reported", "retained"})
        s = samples.transition(tech, s.code, s.version, to, "", std::nullopt, "test");
    const std::string until = formatIsoDate(*parseIsoDate(isoDateInLab(clock.now())) + std::chrono::days(7));
    BOOST_TEST(*s.retainUntil == until);
    clock.advance(std::chrono::hours(24 * 6));
    try {
        samples.transition(tech, s.code, s.version, "disposed", "留样期满", std::string("焚烧"), "test");
        BOOST_FAIL("disposed a day before the retention period ended");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::RuleViolation));
        BOOST_TEST(e.ruleFailures().at(0).id == "R22");
    }
    clock.advance(std::chrono::hours(24));
    s = samples.transition(tech, s.code, s.version, "disposed", "留样期满", std::string("焚烧"), "test");
    BOOST_TEST(s.status == assay::intake::SampleStatus::Disposed);
    BOOST_TEST(*s.disposalMethod == "焚烧");
    // The record stays, with its whole custody and status history in the audit trail.
    BOOST_TEST(samples.get(tech, s.code).status == assay::intake::SampleStatus::Disposed);
    BOOST_TEST(f.count("int_samples") == 1);
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(the_sample_register_filters_and_pages_the_same_on_every_backend) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    assay::intake::SampleService samples(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), orgs, f.host->services().require<assay::accreditation::ProductCatalog>(), "{LAB}{YYYY}{SEQ:06}", 90);
    Principal tech = demoTech(f);
    std::vector<assay::intake::SampleInput> batch;
    for (int i = 0; i < 25; ++i) {
        assay::intake::SampleInput in;
        in.name = i % 5 == 0 ? "西湖龙井 " + std::to_string(i) : "大米 " + std::to_string(i);
        in.productCategory = i % 5 == 0 ? "茶叶及相关制品" : "粮食及其制品";
        in.batchNo = "B_" + std::to_string(i);
        batch.push_back(in);
    }
    auto stored = samples.registerBatch(tech, batch, "test");
    BOOST_REQUIRE(stored.size() == 25u);
    assay::intake::SampleFilter tea;
    tea.text = "龙井";
    BOOST_TEST(samples.search(tech, tea, 0, 100).size() == 5u);
    assay::intake::SampleFilter underscore;  // '_' is a character here, not LIKE's wildcard
    underscore.text = "B_1";
    BOOST_TEST(samples.search(tech, underscore, 0, 100).size() == 11u);  // B_1, B_10..B_19
    underscore.text = "B%";
    BOOST_TEST(samples.search(tech, underscore, 0, 100).empty());
    assay::intake::SampleFilter grain;
    grain.productCategory = "粮食及其制品";
    std::vector<std::string> paged;
    std::int64_t before = 0;
    for (;;) {
        auto page = samples.search(tech, grain, before, 7);
        for (const auto& s : page) paged.push_back(s.code);
        if (page.size() < 7) break;
        before = page.back().id;
    }
    BOOST_TEST(paged.size() == 20u);
    BOOST_TEST(std::is_sorted(paged.rbegin(), paged.rend()));  // newest (highest code) first
    assay::intake::SampleFilter exact;
    exact.code = stored[3].code;
    BOOST_TEST(samples.search(tech, exact, 0, 10).size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_order_and_its_contract_review_round_trip_through_the_database) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    assay::intake::SampleService samples(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), orgs, f.host->services().require<assay::accreditation::ProductCatalog>(), "{LAB}{YYYY}{SEQ:06}", 90);
    assay::intake::OrderService orders(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), orgs,
                                       f.host->services().require<accreditation::Register>(),
                                       f.host->services().require<accreditation::CapabilityCheck>(), samples, "{LAB}WT{YYYY}{SEQ:05}",
                                       "天河实验室");
    Principal tech = demoTech(f);
    const std::int64_t lab = *tech.orgId;
    long long lead = 0, icpms = 0, customer = 0;
    f.host->db().read([&](Tx& tx) {
        tx.sql() << "SELECT id FROM acc_parameters WHERE lab_id = :lab AND name_zh = '铅(以Pb计)'", soci::use(static_cast<long long>(lab)),
            soci::into(lead);
        tx.sql() << "SELECT m.id FROM acc_methods m JOIN acc_standards s ON s.id = m.standard_id WHERE m.lab_id = :lab AND s.number = 'GB 5009.268'",
            soci::use(static_cast<long long>(lab)), soci::into(icpms);
        tx.sql() << "SELECT MIN(id) FROM organizations WHERE kind = 'customer'", soci::into(customer);
        return 0;
    });
    BOOST_REQUIRE(lead > 0 && icpms > 0 && customer > 0);
    assay::intake::OrderTerms terms;
    terms.customerOrgId = customer;
    terms.contactName = "何丽";
    terms.dueDate = formatIsoDate(*parseIsoDate(isoDateInLab(f.host->clock().now())) + std::chrono::days(7));
    terms.wantCma = true;
    assay::intake::OrderSampleInput rice;
    rice.sample.name = "大米";
    rice.sample.productCategory = "粮食及其制品";
    rice.items = {{lead, icpms, std::string("重金属")}};
    auto created = orders.create(tech, terms, {rice, rice}, "test");
    BOOST_TEST(created.items.size() == 2u);
    auto reviewed = orders.review(tech, created.code, created.version, std::nullopt, "test");
    auto stored = orders.get(tech, created.code);
    BOOST_TEST(stored.status == assay::intake::OrderStatus::Reviewed);
    BOOST_TEST(stored.version == reviewed.version);
    BOOST_TEST((stored.reviewedOn == reviewed.reviewedOn));
    BOOST_TEST((stored.quoteTotal.has_value() == reviewed.quoteTotal.has_value()));
    if (stored.quoteTotal) BOOST_TEST(stored.quoteTotal->toString() == reviewed.quoteTotal->toString());
    BOOST_REQUIRE(stored.items.size() == 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        BOOST_TEST(stored.items[i].reviewed);
        BOOST_TEST(stored.items[i].canPerform == reviewed.items[i].canPerform);
        BOOST_TEST(stored.items[i].cmaInScope == reviewed.items[i].cmaInScope);
        BOOST_TEST((stored.items[i].blockers == reviewed.items[i].blockers));
        BOOST_TEST(*stored.items[i].package == "重金属");
        BOOST_TEST(stored.items[i].methodCitation == "GB 5009.268-2016 第一法");
    }
    BOOST_TEST((samples.search(tech, {}, 0, 10).at(0).orderCode == created.code));
    BOOST_TEST(f.count("int_order_items") == 2);
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(testing_storage)

BOOST_AUTO_TEST_CASE(results_their_versions_and_entry_records_round_trip_and_nothing_is_lost) {
    HostFixture f;
    f.host->seedDemo();
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    assay::intake::SampleService samples(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit(), orgs, f.host->services().require<assay::accreditation::ProductCatalog>(), "{LAB}{YYYY}{SEQ:06}", 90);
    Principal tech = demoTech(f);
    assay::intake::SampleInput in;
    in.name = "大米";
    in.productCategory = "粮食及其制品";
    const auto sample = samples.registerSample(tech, in, "test");
    assay::testing::ResultRepository repo;
    assay::testing::TestItem item;
    item.id = f.host->ids().next();
    item.labId = *tech.orgId;
    item.orderItemId = 42;
    item.orderCode = "GDQTWT202600001";
    item.sampleId = sample.id;
    item.sampleCode = sample.code;
    item.product = "大米";
    item.productCategory = "粮食及其制品";
    item.parameterId = 7;
    item.methodId = 8;
    item.createdAtMs = item.updatedAtMs = 1000;
    assay::testing::Result r;
    r.id = f.host->ids().next();
    r.labId = item.labId;
    r.testItemId = item.id;
    r.valueText = "ND";
    r.belowLod = true;
    r.lod = Decimal::parse("0.005");
    r.reported = "<0.005";
    r.unit = "mg/kg";
    r.limitText = "≤0.2";
    r.conformity = "pass";
    r.rawRef = 99;
    r.performerUserId = tech.userId;
    r.performerName = "李明";
    r.createdAtMs = r.updatedAtMs = 2000;
    f.host->db().write([&](Tx& tx) {
        BOOST_TEST(repo.insertItem(tx, item));
        BOOST_TEST(!repo.insertItem(tx, item));  // one test item per ordered item
        item.assigneeUserId = tech.userId;
        item.assigneeName = "李明";
        item.testDate = "2026-11-29";
        BOOST_TEST(repo.updateItem(tx, item, 1));
        BOOST_TEST(!repo.updateItem(tx, item, 1));  // stale
        repo.insertEntry(tx, item.labId, {99, item.id, "ND", tech.userId, "李明", 2000, std::string(64, 'a')});
        assay::testing::Formula v1;
        v1.id = f.host->ids().next();
        v1.labId = item.labId;
        v1.parameterId = 7;
        v1.methodId = 8;
        v1.expression = "c = (A - A0) * V / m; X = c / 1000";
        v1.inputs = {"A", "A0", "V", "m"};
        v1.createdBy = tech.userId;
        v1.createdName = "刘洋";
        repo.insertFormula(tx, v1);
        assay::testing::Formula v2 = v1;
        v2.id = f.host->ids().next();
        v2.version = 2;
        repo.insertFormula(tx, v2);
        r.formulaId = v1.id;
        r.formulaVersion = 1;
        r.interim = "c=25.5; X=0.0255";
        repo.insertResult(tx, r);
        repo.insertVersion(tx, r, tech.userId, "李明", std::nullopt);
        assay::testing::Result next = r;
        next.valueText = "0.2001";
        next.value = Decimal::parse("0.2001");
        next.belowLod = false;
        next.lod.reset();
        next.reported = "0.20";
        next.conformity = "fail";
        next.updatedAtMs = 3000;
        BOOST_TEST(repo.updateResult(tx, next, 1));
        next.version = 2;
        repo.insertVersion(tx, next, tech.userId, "李明", std::string("读数抄错"));
        return 0;
    });
    f.host->db().read([&](Tx& tx) {
        auto stored = repo.resultsOf(tx, item.labId, item.id);
        BOOST_REQUIRE(stored.size() == 1u);
        BOOST_TEST(stored[0].value->toString() == "0.2001");  // digit for digit
        BOOST_TEST(!stored[0].belowLod);
        BOOST_TEST(*stored[0].conformity == "fail");
        auto history = repo.versions(tx, item.labId, r.id);
        BOOST_REQUIRE(history.size() == 2u);
        BOOST_TEST(history[0].valueText == "ND");
        BOOST_TEST(history[0].reported == "<0.005");
        BOOST_TEST(history[1].valueText == "0.2001");
        BOOST_TEST(*history[1].reason == "读数抄错");
        BOOST_TEST(repo.findEntry(tx, item.labId, 99)->typed == "ND");
        BOOST_TEST(repo.items(tx, item.labId, tech.userId, 0, 10).size() == 1u);
        BOOST_TEST(*repo.findItem(tx, item.labId, item.id)->testDate == "2026-11-29");
        BOOST_TEST(*stored[0].formulaVersion == 1);  // R39: the version it used, after version 2 arrived
        BOOST_TEST(*stored[0].interim == "c=25.5; X=0.0255");
        auto formulas = repo.formulas(tx, item.labId, 7, 8);
        BOOST_REQUIRE(formulas.size() == 2u);
        BOOST_TEST(formulas[0].status == "superseded");
        BOOST_TEST(formulas[1].status == "current");
        BOOST_TEST((formulas[1].inputs == std::vector<std::string>{"A", "A0", "V", "m"}));
        return 0;
    });
    BOOST_TEST(f.verify().ok());
}

BOOST_AUTO_TEST_CASE(qc_batches_and_their_series_round_trip) {
    HostFixture f;
    f.host->seedDemo();
    Principal tech = demoTech(f);
    assay::testing::QcRepository repo;
    assay::testing::Batch b;
    b.id = f.host->ids().next();
    b.labId = *tech.orgId;
    b.name = "ICP-MS 第1批";
    b.parameterId = 7;
    b.methodId = 8;
    b.createdBy = tech.userId;
    f.host->db().write([&](Tx& tx) {
        repo.insertBatch(tx, b);
        for (const char* v : {"0.29", "0.345", "0.36"}) {
            assay::testing::QcInput in;
            in.kind = "reference";
            in.material = "GBW10045a";
            in.value = Decimal::parse(v);
            in.certified = Decimal::parse("0.29");
            in.tolerance = Decimal::parse("0.05");
            in.sd = Decimal::parse("0.02");
            in.expiresOn = "2027-12-31";
            auto q = assay::testing::evaluateQc(in, "2026-11-29");
            q.id = f.host->ids().next();
            q.batchId = b.id;
            q.measuredBy = tech.userId;
            q.measuredName = "李明";
            q.measuredAtMs = 1000 + q.id % 1000;
            repo.insertQc(tx, b.labId, 7, 8, q);
        }
        assay::testing::Batch held = b;
        held.status = testing::BatchStatus::Held;
        BOOST_TEST(repo.updateBatch(tx, held, 1));
        BOOST_TEST(!repo.updateBatch(tx, held, 1));  // stale
        return 0;
    });
    f.host->db().read([&](Tx& tx) {
        BOOST_TEST(repo.findBatch(tx, b.labId, b.id)->status == testing::BatchStatus::Held);
        auto qc = repo.qcOf(tx, b.labId, b.id);
        BOOST_REQUIRE(qc.size() == 3u);
        BOOST_TEST(qc[0].pass);
        BOOST_TEST(!qc[2].pass);  // 0.36 is 0.07 from 0.29
        BOOST_TEST(qc[2].target->toString() == "0.29");
        BOOST_TEST(repo.series(tx, b.labId, 7, 8, "GBW10045a", 10).size() == 3u);
        BOOST_TEST(repo.series(tx, b.labId, 7, 8, "other", 10).empty());
        return 0;
    });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(capture_storage)

BOOST_AUTO_TEST_CASE(runs_and_staged_readings_round_trip_and_the_same_content_is_one_run) {
    HostFixture f;
    f.host->seedDemo();
    Principal tech = demoTech(f);
    assay::capture::CaptureRepository repo;
    assay::capture::Instrument i;
    i.id = f.host->ids().next();
    i.labId = *tech.orgId;
    i.name = "ICP-OES 1";
    i.equipmentId = 42;
    i.driver = "delimited";
    i.profileJson = R"({"delimiter":";"})";
    assay::capture::Run r;
    r.id = f.host->ids().next();
    r.labId = i.labId;
    r.instrumentId = i.id;
    r.source = "upload";
    r.origin = "export.csv";
    r.sha256 = std::string(64, 'a');
    r.contentSha256 = std::string(64, 'c');  // what the bytes say (for framed ASTM: the frame texts)
    r.size = 120;
    r.receivedAtMs = 1000;
    r.receivedBy = tech.userId;
    r.readings = 1;
    assay::capture::Staged s;
    s.id = f.host->ids().next();
    s.labId = i.labId;
    s.runId = r.id;
    s.line = 3;
    s.sampleCode = "GDQT2026000001";
    s.analyte = "Pb";
    s.valueText = "<0.005";
    s.status = capture::ReadingStatus::Unmatched;
    f.host->db().write([&](Tx& tx) {
        repo.insertInstrument(tx, i, "Pb=7\nCd=8");
        repo.insertRun(tx, r);
        // The multi-row insert a run uses, across its 50-row chunks: 120 readings.
        std::vector<assay::capture::Staged> rows{s};
        for (int k = 1; k < 120; ++k) {
            assay::capture::Staged more = s;
            more.id = f.host->ids().next();
            more.line = 3 + k;
            more.unit = k % 2 ? std::optional<std::string>("mg/kg") : std::nullopt;
            more.parameterId = k % 3 ? std::optional<std::int64_t>(7) : std::nullopt;
            rows.push_back(more);
        }
        repo.insertStaged(tx, rows);
        assay::capture::Staged next = s;
        next.status = capture::ReadingStatus::Rejected;
        next.reason = "no such sample";
        BOOST_TEST(repo.updateStaged(tx, next, 1));
        BOOST_TEST(!repo.updateStaged(tx, next, 1));  // stale
        return 0;
    });
    BOOST_CHECK_THROW(f.host->db().write([&](Tx& tx) {
        assay::capture::Run again = r;
        again.id = f.host->ids().next();
        repo.insertRun(tx, again);  // the same bytes for the same instrument: refused by the key
        return 0;
    }),
                      std::exception);
    BOOST_CHECK_THROW(f.host->db().write([&](Tx& tx) {
        assay::capture::Run resent = r;  // other wire bytes (frame numbers), the same content
        resent.id = f.host->ids().next();
        resent.sha256 = std::string(64, 'b');
        repo.insertRun(tx, resent);
        return 0;
    }),
                      std::exception);
    f.host->db().read([&](Tx& tx) {
        BOOST_REQUIRE(repo.runWithContent(tx, i.labId, i.id, std::string(64, 'c')));
        BOOST_TEST(repo.runWithContent(tx, i.labId, i.id, std::string(64, 'c'))->origin == "export.csv");
        BOOST_TEST(!repo.runWithContent(tx, i.labId, i.id, std::string(64, 'a')));  // by content, not by wire bytes
        auto staged = repo.stagedOfRun(tx, i.labId, r.id);
        BOOST_REQUIRE(staged.size() == 120u);
        std::sort(staged.begin(), staged.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
        BOOST_TEST(staged[0].valueText == "<0.005");  // as sent
        BOOST_TEST(staged[0].status == capture::ReadingStatus::Rejected);
        BOOST_TEST(staged[119].line == 122);  // the last chunk's last row
        BOOST_TEST(staged[119].unit.value_or("") == "mg/kg");
        BOOST_TEST(!staged[3].parameterId.has_value());
        BOOST_TEST(staged[4].parameterId.value_or(0) == 7);
        BOOST_TEST(repo.stagedByStatus(tx, i.labId, capture::ReadingStatus::Rejected, 10).size() == 1u);
        BOOST_TEST(repo.findInstrument(tx, i.labId, i.id)->analytesText == "Pb=7\nCd=8");
        return 0;
    });
}

BOOST_AUTO_TEST_CASE(an_instrument_may_have_a_plugin_s_driver_id_and_never_an_empty_one) {
    // 0004_driver_registry: the ids come from the driver registry (built-ins and plugins), so the
    // table no longer lists them; an empty id is still refused by the database.
    HostFixture f;
    f.host->seedDemo();
    Principal tech = demoTech(f);
    assay::capture::CaptureRepository repo;
    assay::capture::Instrument i;
    i.id = f.host->ids().next();
    i.labId = *tech.orgId;
    i.name = "GCMS-QP2010";
    i.equipmentId = 42;
    i.driver = "gcmssolution";
    i.profileJson = "{}";
    f.host->db().write([&](Tx& tx) {
        repo.insertInstrument(tx, i, "Chlorpyrifos=7");
        return 0;
    });
    f.host->db().read([&](Tx& tx) {
        auto row = repo.findInstrument(tx, i.labId, i.id);
        BOOST_REQUIRE(row);
        BOOST_TEST(row->instrument.driver == "gcmssolution");
        return 0;
    });
    BOOST_CHECK_THROW(f.host->db().write([&](Tx& tx) {
        assay::capture::Instrument empty = i;
        empty.id = f.host->ids().next();
        empty.name = "no driver";
        empty.driver = "";
        repo.insertInstrument(tx, empty, "Pb=7");
        return 0;
    }),
                      std::exception);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(backup)

BOOST_AUTO_TEST_CASE(assayctl_backup_writes_a_restorable_copy) {
    HostFixture f;
    f.appendEvents(3);
    const long long events = f.count("audit_events");
    const std::string out = f.db.dir.file(g_backend == "sqlite" ? "backup.db" : "backup.sql");
    auto r = test::runProcess(ASSAYCTL_BIN, {"backup", "--out", out}, f.db.env());
    BOOST_TEST(r.exitCode == 0, r.out);
    if (g_backend == "sqlite") {
        Db copy(DbUrl::parse("sqlite:" + out), DbOptions{1});
        const long long copied = copy.read([](Tx& tx) {
            long long n = 0;
            tx.sql() << "SELECT COUNT(*) FROM audit_events", soci::into(n);
            return n;
        });
        BOOST_TEST(copied == events);
    } else {
        const std::string dump = test::readFile(out);
        BOOST_TEST(dump.find("CREATE TABLE `audit_events`") != std::string::npos);
        BOOST_TEST(dump.find("INSERT INTO `audit_events`") != std::string::npos);
        BOOST_TEST(dump.find("assay-test-pw") == std::string::npos);  // no password in the dump
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_storage)

BOOST_AUTO_TEST_CASE(the_report_register_lists_without_the_pdf_and_an_original_is_superseded_once_R35) {
    HostFixture f;
    f.host->seedDemo();
    Principal tech = demoTech(f);
    assay::reports::ReportRepository repo;
    auto report = [&](const std::string& number) {
        assay::reports::Report r;
        r.id = f.host->ids().next();
        r.labId = *tech.orgId;
        r.orderCode = "GDQTWT202600001";
        r.sampleCodes = {"GDQT2026000001", "GDQT2026000002"};
        r.createdBy = tech.userId;
        r.createdAtMs = r.updatedAtMs = 1000;
        f.host->db().write([&](Tx& tx) {
            repo.insert(tx, r);
            assay::reports::Report issued = r;
            issued.status = reports::ReportStatus::Issued;
            issued.number = number;
            issued.issueDate = "2026-11-29";
            issued.pdf = std::string(40000, 'P');  // base64 of the PDF: never loaded by the register
            issued.pdfSha256 = std::string(64, 'a');
            issued.canonical = R"({"marks":{"cma":true}})";
            issued.verifyCode = "V" + number.substr(number.size() - 6) + "AAAAAAAAA";
            BOOST_TEST(repo.update(tx, issued, 1));
            return 0;
        });
        return r.id;
    };
    const auto original = report("GDQT-R2026000001");
    const auto amendment = report("GDQT-R2026000001-A1");
    f.host->db().write([&](Tx& tx) {
        BOOST_TEST(repo.markSuperseded(tx, *tech.orgId, original, amendment, 2000));
        BOOST_TEST(!repo.markSuperseded(tx, *tech.orgId, original, amendment, 2000));  // only an issued report is superseded
        return 0;
    });
    f.host->db().read([&](Tx& tx) {
        auto rows = repo.list(tx, *tech.orgId, 0, 50);
        BOOST_REQUIRE(rows.size() == 2u);
        BOOST_TEST(!rows[0].pdf.has_value());
        BOOST_TEST(!rows[0].canonical.has_value());
        BOOST_TEST(rows[1].status == reports::ReportStatus::Superseded);
        BOOST_TEST(rows[1].sampleCodes.size() == 2u);
        BOOST_TEST(*rows[1].supersededById == amendment);
        BOOST_TEST(repo.numberOf(tx, *tech.orgId, amendment).value_or("") == "GDQT-R2026000001-A1");
        auto verified = repo.byVerifyCode(tx, "V000001AAAAAAAAA");
        BOOST_REQUIRE(verified.has_value());
        BOOST_TEST(verified->canonical.has_value());  // the marks are read from it
        BOOST_TEST(!verified->pdf.has_value());
        return 0;
    });
}

BOOST_AUTO_TEST_SUITE_END()

// Evidence rows against the audit trail (issue 11, item 3): each tampering is made directly in
// the database with SQL, as someone with write access would, on a real assayd running on this
// test's own database (a SQLite file, or a MariaDB database), and must be detected by the public
// verification, the results page and `assayctl audit verify`.
BOOST_AUTO_TEST_SUITE(evidence)

namespace {

// A real assayd on the test's database, set up as the report tests set it up, with one report
// (lead 0.12 mg/kg, pass) issued and signed by the signatory.
struct IssuedReport {
    FreshDb db;
    test::ReportFixture f;
    std::string signer, order, reportId, number, verifyCode, itemId, resultId, entryId;
    IssuedReport() : f({{"ASSAY_DB_URL", db.url}}) {
        f.authorizeSigner(-1);
        signer = f.http.login("signer", "Signer-pw-12345");
        order = f.approvedOrder("0.12", false);
        auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
        test::ResultFixture::expect(201, created);
        reportId = test::parse(created.body)->getValue<std::string>("id");
        auto chosen = f.http.request("PATCH", "/api/reports/" + reportId, R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                     test::ResultFixture::headers(f.manager, created.header("ETag")));
        test::ResultFixture::expect(200, chosen);
        test::ResultFixture::expect(201, f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
        auto issued = issue(reportId, chosen.header("ETag"));
        number = issued->getValue<std::string>("number");
        verifyCode = issued->getValue<std::string>("verify_code");
        auto items = test::parse(f.http.get("/api/testing/items?limit=50", f.tech).body)->getArray("items");
        for (std::size_t k = 0; k < items->size(); ++k)
            if (items->getObject(static_cast<unsigned>(k))->getValue<std::string>("order_code") == order)
                itemId = items->getObject(static_cast<unsigned>(k))->getValue<std::string>("id");
        auto result = item()->getArray("results")->getObject(0);
        resultId = result->getValue<std::string>("id");
        entryId = result->getObject("raw")->getValue<std::string>("ref");
    }
    Poco::JSON::Object::Ptr issue(const std::string& id, const std::string& etag) {
        auto issued = f.http.request("POST", "/api/reports/" + id + "/issue", R"({"password":"Signer-pw-12345"})",
                                     test::ResultFixture::headers(signer, etag));
        test::ResultFixture::expect(200, issued);
        return test::parse(issued.body);
    }
    Poco::JSON::Object::Ptr item() { return test::parse(f.http.get("/api/testing/items/" + itemId, f.tech).body); }
    Poco::JSON::Object::Ptr publicVerification(const std::string& code) { return test::parse(f.http.get("/api/verify/" + code, "").body); }
    // assayctl on the same database and data directory as the server.
    test::ProcessResult auditVerify() {
        auto r = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, {{"ASSAY_DB_URL", db.url}, {"ASSAY_DATA_DIR", f.server.dir().path()}});
        BOOST_TEST_MESSAGE("assayctl audit verify: " << r.exitCode << "\n" << r.out);
        return r;
    }
    // A change straight in the database, bypassing Assay.
    void tamper(const std::string& sql) {
        Db raw(DbUrl::parse(db.url), DbOptions{1});
        raw.write([&](Tx& tx) { tx.sql() << sql; });
    }
    std::string column(const std::string& sql) {
        Db raw(DbUrl::parse(db.url), DbOptions{1});
        return raw.read([&](Tx& tx) {
            std::string v;
            tx.sql() << sql, soci::into(v);
            return v;
        });
    }
};

bool says(const test::ProcessResult& r, const std::string& text) { return r.out.find(text) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_digit_changed_in_an_issued_reports_canonical_json_makes_the_public_verification_answer_damaged_R37_R38) {
    IssuedReport r;
    BOOST_TEST(r.publicVerification(r.verifyCode)->getValue<std::string>("status") == "valid");
    auto ok = r.auditVerify();
    BOOST_TEST(ok.exitCode == 0, ok.out);
    BOOST_TEST(says(ok, "evidence OK"), ok.out);

    // One digit of the signed content: 0.12 becomes 0.13.
    r.tamper("UPDATE rep_reports SET canonical = REPLACE(canonical, '\"reported\":\"0.12\"', '\"reported\":\"0.13\"') WHERE id = " + r.reportId);
    BOOST_REQUIRE(r.column("SELECT canonical FROM rep_reports WHERE id = " + r.reportId).find("\"reported\":\"0.13\"") != std::string::npos);
    auto v = r.publicVerification(r.verifyCode);
    BOOST_TEST(v->getValue<std::string>("status") == "damaged");
    BOOST_TEST(v->isNull("results"));  // nothing of a damaged record is vouched for
    auto bad = r.auditVerify();
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "audit chain OK"), bad.out);  // the chain itself is untouched
    BOOST_TEST(says(bad, "report " + r.reportId + " (" + r.number + "): the canonical JSON no longer matches its SHA-256"), bad.out);

    // With its SHA-256 recomputed the signature still fails, and the hash is not the one audited at signing.
    const std::string forged = r.column("SELECT canonical FROM rep_reports WHERE id = " + r.reportId);
    r.tamper("UPDATE rep_reports SET canonical_sha256 = '" + assay::reports::sha256Hex(forged) + "' WHERE id = " + r.reportId);
    BOOST_TEST(r.publicVerification(r.verifyCode)->getValue<std::string>("status") == "damaged");
    bad = r.auditVerify();
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "the signature does not verify"), bad.out);
    BOOST_TEST(says(bad, "but the audit trail recorded"), bad.out);
    // The PDF itself still verifies, but its record cannot vouch for it any more.
    const std::string pdf = r.f.http.get("/api/reports/" + r.reportId + "/pdf", r.f.manager).body;
    auto upload = test::parse(r.f.http.request("POST", "/api/verify/pdf", pdf, {{"Content-Type", "application/pdf"}}).body);
    BOOST_TEST(upload->getValue<std::string>("verdict") == "record damaged");
    BOOST_TEST(upload->getValue<std::string>("status") == "damaged");
}

BOOST_AUTO_TEST_CASE(a_digit_changed_in_a_result_behind_an_issued_report_is_flagged_on_the_results_page_and_named_by_assayctl_R20) {
    IssuedReport r;
    auto before = r.item()->getArray("results")->getObject(0);
    BOOST_TEST(!before->getValue<bool>("tampered"));

    r.tamper("UPDATE tst_results SET value_text = '0.13', value = '0.13', reported = '0.13' WHERE id = " + r.resultId);
    auto forged = r.item()->getArray("results")->getObject(0);
    BOOST_TEST(forged->getValue<std::string>("reported") == "0.13");  // the page shows the forged value ...
    BOOST_TEST(forged->getValue<bool>("tampered"));                    // ... flagged
    BOOST_TEST(forged->getValue<std::string>("tamper_reason").find("no longer matches") != std::string::npos,
               forged->getValue<std::string>("tamper_reason"));
    auto bad = r.auditVerify();
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "result " + r.resultId + ": "), bad.out);
    // The issued report is what was signed: its public verification stays valid.
    BOOST_TEST(r.publicVerification(r.verifyCode)->getValue<std::string>("status") == "valid");
    // The forged value cannot be reported: an amendment that would print it is blocked (R20).
    auto amendment = r.f.http.postJson("/api/reports/" + r.reportId + "/amendments", R"({"reason":"更正","cause":"error"})", r.f.reviewer);
    test::ResultFixture::expect(201, amendment);
    auto checks = r.f.checks(test::parse(amendment.body)->getValue<std::string>("id"));
    BOOST_TEST(!checks->getValue<bool>("issuable"));
    BOOST_TEST(test::ReportFixture::rule(checks, "R20")->getValue<std::string>("status") == "fail");

    // The result's raw data (its entry record) changed too: named on its own.
    r.tamper("UPDATE tst_entry_records SET typed = '0.13' WHERE id = " + r.entryId);
    bad = r.auditVerify();
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "entry_record " + r.entryId + ": its typed text, user or time no longer match its SHA-256"), bad.out);
}

BOOST_AUTO_TEST_CASE(a_superseded_report_set_back_to_issued_makes_the_public_verification_answer_damaged_R35_R38) {
    IssuedReport r;
    auto amendment = r.f.http.postJson("/api/reports/" + r.reportId + "/amendments", R"({"reason":"委托单位名称更正","cause":"omission"})", r.f.reviewer);
    test::ResultFixture::expect(201, amendment);
    const std::string a1 = test::parse(amendment.body)->getValue<std::string>("id");
    r.issue(a1, amendment.header("ETag"));
    BOOST_TEST(r.publicVerification(r.verifyCode)->getValue<std::string>("status") == "superseded");
    auto ok = r.auditVerify();  // issue, supersede and their seals agree with the rows
    BOOST_TEST(ok.exitCode == 0, ok.out);

    r.tamper("UPDATE rep_reports SET status = 'issued' WHERE id = " + r.reportId);
    BOOST_TEST(r.publicVerification(r.verifyCode)->getValue<std::string>("status") == "damaged");
    auto bad = r.auditVerify();
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "report " + r.reportId + " (" + r.number + "): the status is issued but the audit trail says superseded"), bad.out);
    // The link to the amendment removed as well: still damaged, and named.
    r.tamper("UPDATE rep_reports SET superseded_by_id = NULL WHERE id = " + r.reportId);
    BOOST_TEST(r.publicVerification(r.verifyCode)->getValue<std::string>("status") == "damaged");
    bad = r.auditVerify();
    BOOST_TEST(says(bad, "reads as superseded by nothing but the audit trail says " + r.number + "-A1"), bad.out);
}

BOOST_AUTO_TEST_CASE(a_changed_raw_instrument_file_or_its_recorded_hash_is_named_by_assayctl_R20) {
    FreshDb db;
    test::ResultFixture f({{"ASSAY_DB_URL", db.url}});
    auto instrument = f.http.postJson("/api/capture/instruments",
                                      R"({"name":"ICP-OES 1","equipment_id":")" + f.equipmentId +
                                          R"(","driver":"delimited","profile":{"delimiter":";","decimal_comma":true,"skip_rows":1,"sample_column":"样品编号",
                                          "analyte_column":"元素","value_column":"浓度","unit_column":"单位"},"analytes":{"Pb":")" + f.lead + R"("}})",
                                      f.manager);
    test::ResultFixture::expect(201, instrument);
    const std::string item = f.assignedItem(f.specFull);
    const std::string sample = test::parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getValue<std::string>("sample_code");
    const std::string bytes = "ICP-OES export\r\n样品编号;元素;浓度;单位\r\n" + sample + ";Pb;0,0123;mg/kg\r\n";
    auto run = f.http.request("POST", "/api/capture/instruments/" + test::parse(instrument.body)->getValue<std::string>("id") + "/import?name=e.csv",
                              bytes, {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    test::ResultFixture::expect(201, run);
    const std::string runId = test::parse(run.body)->getValue<std::string>("id");
    const std::string sha = test::parse(run.body)->getValue<std::string>("sha256");
    const std::map<std::string, std::string> env{{"ASSAY_DB_URL", db.url}, {"ASSAY_DATA_DIR", f.server.dir().path()}};
    auto ok = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, env);
    BOOST_TEST(ok.exitCode == 0, ok.out);

    // The stored file's bytes: one digit.
    const std::string file = f.server.dir().path() + "/raw/" + sha.substr(0, 2) + "/" + sha;
    BOOST_REQUIRE(test::readFile(file) == bytes);
    std::string changed = bytes;
    changed[changed.find("0123")] = '9';
    test::writeFile(file, changed);
    auto bad = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, env);
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "capture_run " + runId + ": its raw file no longer hashes to " + sha), bad.out);
    // The row pointed at another hash instead: named too.
    test::writeFile(file, bytes);
    Db raw(DbUrl::parse(db.url), DbOptions{1});
    raw.write([&](Tx& tx) { tx.sql() << "UPDATE cap_runs SET sha256 = '" + std::string(64, 'e') + "' WHERE id = " + runId; });
    bad = test::runProcess(ASSAYCTL_BIN, {"audit", "verify"}, env);
    BOOST_TEST(bad.exitCode == 1, bad.out);
    BOOST_TEST(says(bad, "capture_run " + runId + ": its SHA-256 " + std::string(64, 'e') + " is not the " + sha), bad.out);
}

BOOST_AUTO_TEST_SUITE_END()

// The audit trail as an assessor reads it (AuditQuery, behind GET /api/audit and its export):
// the same filters, time order and keyset pages on both backends.
BOOST_AUTO_TEST_SUITE(audit_query)

namespace {
struct SetClock : Clock {
    TimePoint t;
    TimePoint now() const override { return t; }
};
// An instant given as the lab's wall-clock time (UTC+08:00).
TimePoint labTime(const std::string& date, int h, int m, int s, int ms = 0) {
    return TimePoint(std::chrono::sys_days(*parseIsoDate(date)) + std::chrono::hours(h - 8) + std::chrono::minutes(m) +
                     std::chrono::seconds(s) + std::chrono::milliseconds(ms));
}
Principal person(std::int64_t id, const std::string& name, std::int64_t org) {
    Principal p;
    p.userId = id;
    p.username = name;
    p.orgId = org;
    return p;
}
std::vector<std::int64_t> seqs(const std::vector<AuditRecord>& rs) {
    std::vector<std::int64_t> out;
    for (const auto& r : rs) out.push_back(r.seq);
    return out;
}
}  // namespace

struct AuditQueryFixture : HostFixture {
    SetClock clock;
    std::unique_ptr<AuditLog> log;
    const Principal wang = person(11, "tech.wang", 101), liu = person(12, "manager.liu", 101), other = person(21, "tech.zhou", 202);
    AuditQueryFixture() : log(std::make_unique<AuditLog>(clock, host->ids())) {}
    void at(TimePoint t, const Principal& p, const std::string& entity, const std::string& id, const std::string& action,
            const std::string& fieldName = "") {
        clock.t = t;
        host->db().write([&](Tx& tx) { log->record(tx, &p, "req", {entity, id, action, fieldName, std::nullopt, "v", std::nullopt}); });
    }
    std::vector<AuditRecord> find(const AuditFilter& f, std::int64_t after = 0, int limit = 500) {
        return host->db().read([&](Tx& tx) { return AuditQuery::find(tx, f, after, limit); });
    }
    // Every page of f at this size, followed through the last seq of each page.
    std::vector<std::int64_t> walk(const AuditFilter& f, int limit) {
        std::vector<std::int64_t> out;
        std::int64_t after = 0;
        for (int pages = 0; pages < 1000; ++pages) {
            auto page = find(f, after, limit);
            for (const auto& r : page) out.push_back(r.seq);
            if (static_cast<int>(page.size()) < limit) break;
            after = page.back().seq;
        }
        return out;
    }
};

BOOST_AUTO_TEST_CASE(the_trail_is_read_by_period_actor_entity_type_and_action_within_the_tenant) {
    AuditQueryFixture f;
    f.at(labTime("2026-10-31", 23, 59, 59, 999), f.wang, "result", "1", "update", "value");  // the last instant of October
    f.at(labTime("2026-11-01", 0, 0, 0), f.wang, "result", "1", "update", "value");          // the first of November
    f.at(labTime("2026-11-05", 9, 30, 0), f.liu, "result", "2", "approve");
    f.at(labTime("2026-11-12", 14, 0, 0), f.wang, "sample", "GDQT2026000001", "transfer", "holder");
    f.at(labTime("2026-11-20", 10, 0, 0), f.other, "result", "9", "update", "value");  // another lab
    f.at(labTime("2026-11-30", 23, 59, 59, 999), f.wang, "result", "2", "update", "value");  // the last of November
    f.at(labTime("2026-12-01", 0, 0, 0), f.wang, "result", "2", "update", "value");

    AuditFilter lab;
    lab.orgId = 101;
    BOOST_TEST(f.find(lab).size() == 6u);
    // "Every result changed in November": the lab's day runs 00:00-24:00 UTC+08:00, both ends kept.
    AuditFilter november = lab;
    november.entity = "result";
    november.action = "update";
    november.fromMs = toEpochMillis(labTime("2026-11-01", 0, 0, 0));
    november.toMs = toEpochMillis(labTime("2026-12-01", 0, 0, 0));
    auto changed = f.find(november);
    BOOST_REQUIRE(changed.size() == 2u);
    BOOST_TEST(changed[0].atMillis == toEpochMillis(labTime("2026-11-01", 0, 0, 0)));
    BOOST_TEST(changed[1].atMillis == toEpochMillis(labTime("2026-11-30", 23, 59, 59, 999)));
    BOOST_TEST(changed[1].event.entityId == "2");
    // "Everything tech.wang did", in time order and newest first.
    AuditFilter wang = lab;
    wang.actor = "tech.wang";
    auto did = f.find(wang);
    BOOST_REQUIRE(did.size() == 5u);
    for (const auto& r : did) BOOST_TEST(r.actorName == "tech.wang");
    BOOST_TEST(did[2].event.action == "transfer");
    wang.newestFirst = true;
    auto newest = f.find(wang);
    BOOST_TEST(newest.front().atMillis == toEpochMillis(labTime("2026-12-01", 0, 0, 0)));
    std::reverse(newest.begin(), newest.end());
    BOOST_TEST(seqs(newest) == seqs(did));
    // One entity, by type and id; an action alone.
    AuditFilter one = lab;
    one.entity = "sample";
    one.entityId = "GDQT2026000001";
    BOOST_TEST(f.find(one).size() == 1u);
    AuditFilter approvals = lab;
    approvals.action = "approve";
    BOOST_TEST(f.find(approvals).size() == 1u);
    // The tenant: the other lab's change is not in this lab's trail; without a tenant (admins) it is.
    AuditFilter everyLab;
    everyLab.entity = "result";
    everyLab.fromMs = november.fromMs;
    everyLab.toMs = november.toMs;
    BOOST_TEST(f.find(everyLab).size() == 4u);
    AuditFilter nobody;
    nobody.orgId = -1;
    BOOST_TEST(f.find(nobody).empty());
    // A cursor that names no event.
    BOOST_CHECK_THROW(f.find(lab, 999999999), Error);
}

BOOST_AUTO_TEST_CASE(keyset_pages_in_time_order_repeat_and_skip_nothing_even_within_one_millisecond) {
    AuditQueryFixture f;
    // Three bursts of events in the same millisecond, and one recorded late with an earlier time.
    for (int burst = 0; burst < 3; ++burst)
        for (int i = 0; i < 7; ++i)
            f.at(labTime("2026-11-0" + std::to_string(burst + 2), 9, 0, 0), i % 2 ? f.wang : f.liu, "sample", std::to_string(burst * 10 + i),
                 "create");
    f.at(labTime("2026-11-01", 8, 0, 0), f.wang, "sample", "early", "create");
    AuditFilter lab;
    lab.orgId = 101;
    const auto whole = seqs(f.find(lab));
    BOOST_REQUIRE(whole.size() == 22u);
    BOOST_TEST(f.find(lab).front().event.entityId == "early");  // by time first, then by seq
    for (int limit : {1, 2, 3, 7, 22, 50}) {
        BOOST_TEST_CONTEXT("limit " << limit) {
            BOOST_TEST(f.walk(lab, limit) == whole);
            AuditFilter desc = lab;
            desc.newestFirst = true;
            auto back = f.walk(desc, limit);
            std::reverse(back.begin(), back.end());
            BOOST_TEST(back == whole);
        }
    }
    AuditFilter wang = lab;
    wang.actor = "tech.wang";
    const auto hisAll = seqs(f.find(wang));
    BOOST_TEST(hisAll.size() == 10u);  // 3 x 3 in the bursts and the early one
    BOOST_TEST(f.walk(wang, 4) == hisAll);
}

BOOST_AUTO_TEST_CASE(the_review_indexes_exist_and_replace_the_older_ones) {
    HostFixture f;
    std::set<std::string> names;
    f.host->db().read([&](Tx& tx) {
        const std::string sql = g_backend == "sqlite" ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events'"
                                                      : "SELECT DISTINCT index_name FROM information_schema.statistics "
                                                        "WHERE table_schema = DATABASE() AND table_name = 'audit_events'";
        soci::rowset<soci::row> rs = (tx.sql().prepare << sql);
        for (const auto& r : rs) names.insert(rows::str(r, 0));
    });
    for (const char* name : {"audit_events_by_org_time", "audit_events_by_org_actor", "audit_events_by_org_entity", "audit_events_by_org_action",
                             "audit_events_by_time", "audit_events_by_entity_time"})
        BOOST_TEST(names.count(name) == 1u, name);
    BOOST_TEST(names.count("audit_events_by_org") == 0u);
    BOOST_TEST(names.count("audit_events_by_entity") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

// Column maps (assay/Columns.hpp) read each backend's types as assay::rows does: MariaDB's
// TINYINT/INT as int, BIGINT as long long and DECIMAL as a double (SOCI 4.0), SQLite's INTEGER,
// NULL everywhere. (A DECIMAL column loses the value's digits, "0.0850" comes back as
// 0.085000000000000006: the schemas keep decimal values as VARCHAR text, as SQLite does here.)
namespace {
struct MappedThing {
    std::int64_t id = 0;
    int small = 0;
    bool flag = false;
    std::optional<Decimal> amount;
    std::string name;
    std::optional<std::string> note;
    std::optional<std::int64_t> parent;
};
const columns::ColumnMap<MappedThing> kMappedThings{{
    {"id", columns::field<&MappedThing::id>},
    {"small", columns::field<&MappedThing::small>},
    {"flag", columns::field<&MappedThing::flag>},
    {"amount", columns::field<&MappedThing::amount>},
    {"name", columns::field<&MappedThing::name>},
    {"note", columns::field<&MappedThing::note>},
    {"parent", columns::field<&MappedThing::parent>},
}};
}  // namespace

BOOST_AUTO_TEST_SUITE(column_maps)

BOOST_AUTO_TEST_CASE(a_column_map_reads_each_backends_types_as_the_rows_helpers_do) {
    FreshDb fresh;
    Db db(DbUrl::parse(fresh.url), DbOptions{1});
    const bool sqlite = g_backend == "sqlite";
    db.write([&](Tx& tx) {
        tx.sql() << std::string("CREATE TABLE cm_things (id BIGINT NOT NULL PRIMARY KEY, small INT NOT NULL, flag ") +
                        (sqlite ? "INTEGER" : "TINYINT") + " NOT NULL, amount " + (sqlite ? "VARCHAR(24)" : "DECIMAL(18,4)") +
                        ", name VARCHAR(40), note TEXT, parent BIGINT)";
        tx.sql() << "INSERT INTO cm_things VALUES (9007199254740993, 7, 1, '0.0850', '样品', 'n', 5)";
        tx.sql() << "INSERT INTO cm_things VALUES (2, 0, 0, NULL, NULL, NULL, NULL)";
    });
    std::vector<MappedThing> byMap;
    std::vector<MappedThing> byRows;
    db.read([&](Tx& tx) {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kMappedThings.select("FROM cm_things ORDER BY id DESC"));
        byMap = kMappedThings.all(rs);
    });
    db.read([&](Tx& tx) {
        soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id, small, flag, amount, name, note, parent FROM cm_things ORDER BY id DESC");
        for (const auto& r : rs) {
            auto amount = rows::optStr(r, 3);
            byRows.push_back({rows::i64(r, 0), static_cast<int>(rows::i64(r, 1)), rows::i64(r, 2) != 0,
                              amount ? Decimal::parse(*amount) : std::nullopt, rows::str(r, 4), rows::optStr(r, 5), rows::optI64(r, 6)});
        }
    });
    BOOST_TEST_REQUIRE(byMap.size() == 2u);
    BOOST_TEST_REQUIRE(byRows.size() == 2u);
    BOOST_TEST(byMap[0].id == 9007199254740993LL);
    BOOST_TEST(byMap[0].small == 7);
    BOOST_TEST(byMap[0].flag);
    BOOST_TEST(byMap[0].amount.value().toString() == (sqlite ? "0.0850" : "0.085000000000000006"));
    BOOST_TEST(byMap[0].name == "样品");
    BOOST_TEST(byMap[0].note.value() == "n");
    BOOST_TEST(byMap[0].parent.value() == 5);
    BOOST_TEST(!byMap[1].amount);
    BOOST_TEST(byMap[1].name == "");
    BOOST_TEST(!byMap[1].note);
    BOOST_TEST(!byMap[1].parent);
    for (std::size_t k = 0; k < 2; ++k) {
        BOOST_TEST(byMap[k].id == byRows[k].id);
        BOOST_TEST(byMap[k].small == byRows[k].small);
        BOOST_TEST(byMap[k].flag == byRows[k].flag);
        BOOST_TEST((byMap[k].amount == byRows[k].amount));
        BOOST_TEST(byMap[k].name == byRows[k].name);
        BOOST_TEST((byMap[k].note == byRows[k].note));
        BOOST_TEST((byMap[k].parent == byRows[k].parent));
    }
}

BOOST_AUTO_TEST_SUITE_END()

// The platform's storage on both backends (modules/platform): a lab's signed catalogue applied
// through the feed, searched with one- and two-character Chinese words and a standard number
// (FTS5 on SQLite, Mroonga on MariaDB), a suspension taking rows away in its own message, and a
// catalogue that fails half-way leaving the previous rows searchable.
BOOST_AUTO_TEST_SUITE(platform_storage)

namespace {
std::string catalogueBody(const std::string& cnas, const std::string& product, bool broken = false) {
    return std::string(R"J({"date":"2026-12-07","standings":[{"scheme":"CMA","number":"202619000777","status":"valid","valid_to":"2099-12-31"},)J") +
           R"J({"scheme":"CNAS","number":"CNAS L7777","status":")J" + cnas + R"J("}],"rows":[)J" +
           R"J({"row_key":"1","scheme":"CMA","site":"南京","category":"粮食及其制品","product":")J" + product +
           R"J(","parameter":"铅(以Pb计)","standard":"GB 5009.12-2017","price":"150.00"},)J" +
           R"J({"row_key":"2","scheme":"CNAS","site":"南京","category":"粮食及其制品","product":")J" + product +
           (broken ? R"J("}]})J" : R"J(","parameter":"镉(以Cd计)","standard":"GB 5009.15-2023","price":"99.50"}]})J");
}
}  // namespace

namespace {
// 南京示例检测所 enrolled on the platform with its instance key (approved unless told not to).
std::pair<platform::Enrolment, platform::NewInstanceKey> enrolledLab(HostFixture& f, bool approve = true) {
    platform::PlatformService svc(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit());
    const auto key = platform::generateInstanceKey("pass-1234567890");
    auto req = makeObject();
    req->set("name", std::string("南京示例检测所"));
    req->set("uscc", std::string("12320000466009876") + *usccCheckCharacter("12320000466009876"));
    req->set("region", std::string("320106"));
    req->set("key_id", key.keyId);
    req->set("public_key", key.publicPem);
    req->set("signature", platform::signBase64(key.encryptedPrivatePem, "pass-1234567890", platform::canonicalJson(req)));
    auto e = svc.requestEnrolment(req, "test");
    if (approve) {
        Principal op;
        op.username = "op";
        op.roles = {"platform_operator"};
        e = svc.decide(op, e.id, true, "", "test");
    }
    return {e, key};
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_catalogue_arrives_through_the_feed_and_chinese_words_and_standards_find_it_on_this_backend) {
    HostFixture f;
    platform::PlatformService svc(f.host->db(), f.host->clock(), f.host->ids(), f.host->audit());
    platform::FeedIngest feed(f.host->db(), f.host->clock(), f.host->ids());
    const auto [e, key] = enrolledLab(f);
    std::int64_t seq = 0;
    auto send = [&](const std::string& body) {
        platform::Envelope env;
        env.lab = e.id;
        env.seq = ++seq;
        env.type = platform::kTypeCatalogue;
        env.occurredAt = "2026-12-07T10:00:00+08:00";
        env.keyId = key.keyId;
        env.body = parseObject(body);
        env.signature = platform::signBase64(key.encryptedPrivatePem, "pass-1234567890", platform::signedText(env));
        return feed.receive(platform::wireJson(env));
    };
    auto found = [&](const std::string& q, const std::string& scheme = "") {
        platform::CatalogueQuery query;
        query.q = q;
        query.scheme = scheme;
        std::vector<std::string> out;
        for (const auto& c : svc.search(query)) out.push_back(c.product + "|" + c.parameter + "|" + c.scheme);
        std::sort(out.begin(), out.end());
        return out;
    };
    BOOST_TEST(send(catalogueBody("valid", "大米")).status == "applied");
    BOOST_TEST(found("铅").size() == 1u);
    BOOST_TEST(found("镉").size() == 1u);
    BOOST_TEST(found("大米").size() == 2u);
    BOOST_TEST(found("米").size() == 2u);
    BOOST_TEST(found("铅 大米").size() == 1u);
    BOOST_TEST(found("小麦").empty());
    BOOST_TEST(found("GB 5009.12").size() == 1u);
    BOOST_TEST(found("GB 5009.12-2017").size() == 1u);
    BOOST_TEST(found("gb 5009.15").size() == 1u);
    BOOST_TEST(found("GB 5009.1").empty());
    BOOST_TEST(found("", "CNAS").size() == 1u);
    // A catalogue message whose body is broken changes nothing, not even the index (Mroonga is
    // not transactional: nothing is written before the whole body was read).
    BOOST_CHECK_THROW(send(catalogueBody("valid", "小麦粉", true)), Error);
    --seq;
    BOOST_TEST(found("大米").size() == 2u);
    BOOST_TEST(found("小麦粉").empty());
    // A CNAS suspension: the CNAS row leaves in the same message; the CMA row stays.
    BOOST_TEST(send(catalogueBody("suspended", "小麦粉")).status == "applied");
    BOOST_TEST((found("小麦粉") == std::vector<std::string>{"小麦粉|铅(以Pb计)|CMA"}));
    BOOST_TEST(found("", "CNAS").empty());
    BOOST_TEST(found("大米").empty());  // the old rows were replaced
}

BOOST_AUTO_TEST_CASE(an_smes_account_booking_thread_and_report_are_stored_whole_on_this_backend_and_each_message_once) {
    HostFixture f;
    const auto lab = enrolledLab(f, false).first;
    platform::PortalStore store;
    const std::string pdf(3 * 1024 * 1024, 'A');  // a signed PDF's base64 of 3 MiB
    f.host->db().write([&](Tx& tx) {
        store.insertAccount(tx, {11, 21, "91440604MA4WAB123X", "佛山市示例粮油有限公司", "何丽", "0757-12345678", 1000});
        store.insertUser(tx, {31, 11, "he.li@example.com", "何丽", true, std::nullopt, 1000});
        store.putCode(tx, {"he.li@example.com", "verify", std::string(64, 'a'), 11, std::nullopt, 1000, 2000, 0});
        store.countAttempt(tx, "he.li@example.com", "verify");
        platform::Booking b;
        b.id = 41;
        b.accountId = 11;
        b.labRef = lab.id;
        b.createdBy = 31;
        b.status = "submitted";
        b.requestJson = R"({"samples":[{"name":"东北大米（珍珠米）","items":["7"]}]})";
        b.quoteJson = R"({"total":"150.00"})";
        b.createdAtMs = b.updatedAtMs = 1000;
        store.insertBooking(tx, b);
        b.status = "offered";
        b.offerJson = R"({"total":"180.00","due_date":"2026-12-30"})";
        b.orderCode = "GDQTWT202600001";
        b.disclosure = true;
        store.updateBooking(tx, b);
        store.addEvent(tx, 41, 1001, "submitted", std::nullopt);
        store.addEvent(tx, 41, 1002, "offered", std::string("180.00 CNY; 2026-12-30"));
        store.putQuestion(tx, 41, {51, "GDQT2026000001", "包装轻微破损", std::nullopt, 1003, std::nullopt, std::nullopt, std::nullopt});
        store.putQuestion(tx, 41, {51, "GDQT2026000001", "包装轻微破损", std::nullopt, 1003, std::string("proceed"), std::string("何丽"), 1004});
        platform::ThreadMessage m{"sme", 61, "何丽", "请冷藏", std::string("说明.pdf"), std::string("application/pdf"), 3145728, pdf, 1005};
        BOOST_TEST(store.insertMessage(tx, 41, m));
        BOOST_TEST(!store.insertMessage(tx, 41, m));  // a message applied twice is stored once
        store.putReport(tx, 41, {"GDQT-R2026000001", "issued", std::string("2026-12-07"), std::string("ABCD1234"), std::nullopt, std::string(64, 'f'), pdf, 1006});
        store.putReport(tx, 41, {"GDQT-R2026000001", "superseded", std::nullopt, std::nullopt, std::nullopt, std::string(64, 'f'), std::nullopt, 1007});
        platform::LabBooking lb;
        lb.labId = 71;
        lb.bookingId = 41;
        lb.bookingJson = R"({"account":{"company_name":"佛山市示例粮油有限公司"}})";
        lb.createdAtMs = 1000;
        BOOST_TEST(store.insertLabBooking(tx, lb));
        BOOST_TEST(!store.insertLabBooking(tx, lb));
        lb.orderCode = "GDQTWT202600001";
        lb.publishedReports = "GDQT-R2026000001:issued;";
        lb.open = false;
        store.updateLabBooking(tx, lb);
        BOOST_TEST(store.insertLabMessage(tx, 71, 41, m));
        store.putLabQuestion(tx, 71, 41, {51, "GDQT2026000001", "包装轻微破损", std::string("刘洋"), 1003, std::nullopt, std::nullopt, std::nullopt});
    });
    f.host->db().read([&](Tx& tx) {
        BOOST_TEST(store.usccHeld(tx, "91440604MA4WAB123X"));
        BOOST_TEST(store.userByEmail(tx, "he.li@example.com")->accountId == 11);
        BOOST_TEST(store.code(tx, "he.li@example.com", "verify")->attempts == 1);
        const auto b = store.booking(tx, 41);
        BOOST_REQUIRE(b);
        BOOST_TEST(b->labName == "南京示例检测所");
        BOOST_TEST(b->status == "offered");
        BOOST_TEST(*b->orderCode == "GDQTWT202600001");
        BOOST_TEST(b->disclosure);
        BOOST_TEST(b->requestJson.find("东北大米（珍珠米）") != std::string::npos);
        BOOST_TEST(store.bookingsOf(tx, 11, 0, 10).size() == 1u);
        BOOST_TEST(store.bookingsOf(tx, 12, 0, 10).empty());
        BOOST_TEST(store.events(tx, 41).size() == 2u);
        const auto q = store.questions(tx, 41);
        BOOST_REQUIRE_EQUAL(q.size(), 1u);
        BOOST_TEST(*q[0].answer == "proceed");
        BOOST_TEST(store.message(tx, 41, "sme", 61)->attachment->size() == pdf.size());
        BOOST_TEST(!store.messages(tx, 41)[0].attachment);  // the list leaves the bytes out
        const auto r = store.report(tx, 41, "GDQT-R2026000001");
        BOOST_TEST(r->status == "superseded");
        BOOST_TEST(r->pdf->size() == pdf.size());  // the status changed, the PDF kept
        BOOST_TEST(*store.disclosedCustomer(tx, lab.id, "GDQT-R2026000001") == "佛山市示例粮油有限公司");
        const auto l = store.labBookingOfOrder(tx, 71, "GDQTWT202600001");
        BOOST_REQUIRE(l);
        BOOST_TEST(!l->open);
        BOOST_TEST(store.openLabBookings(tx, 10).empty());
        BOOST_TEST(store.labMessages(tx, 71, 41).size() == 1u);
        BOOST_TEST(*store.labQuestions(tx, 71, 41)[0].askedBy == "刘洋");
    });
}

namespace {
// A clock the instrument tests move by hand (no-shows lapse by it).
class InstrumentClock final : public Clock {
public:
    explicit InstrumentClock(std::int64_t ms) : ms_(ms) {}
    TimePoint now() const override { return fromEpochMillis(ms_.load()); }
    void set(std::int64_t ms) { ms_ = ms; }

private:
    std::atomic<std::int64_t> ms_;
};

// A lab approved on the platform with one shared instrument (key 5): bookable 08:00-20:00 every
// day, 100.00 an hour (members 80.00), its calibration valid through usableThrough.
std::int64_t sharedInstrumentLab(HostFixture& f, const std::string& usableThrough) {
    const auto lab = enrolledLab(f).first;
    std::string weekly;
    for (int d = 1; d <= 7; ++d) weekly += std::string(d > 1 ? "," : "") + R"({"weekday":)" + std::to_string(d) + R"(,"from":"08:00","to":"20:00"})";
    const std::string data = R"({"key":"5","name":"电感耦合等离子体质谱仪","usable_today":true,"usable_through":")" + usableThrough +
                             R"(","terms":{"description":"ICP-MS","fees":{"per_hour":{"member":"80.00","non_member":"100.00"}},"weekly":[)" + weekly +
                             R"(],"exceptions":[],"operated_by":"staff","approval_required":false}})";
    f.host->db().write([&](Tx& tx) {
        platform::InstrumentStore().replaceInstruments(tx, lab.id, {{lab.id, 5, "", "电感耦合等离子体质谱仪", data, true, false, usableThrough}});
        platform::PortalStore store;
        store.insertAccount(tx, {11, 21, "91440604MA4WAB123X", "佛山市示例粮油有限公司", "何丽", "0757-12345678", 1000});
        store.insertUser(tx, {31, 11, "he.li@example.com", "何丽", true, 1000, 1000});
    });
    return lab.id;
}

Principal smeUser() {
    Principal p;
    p.userId = 31;
    p.username = "he.li@example.com";
    p.roles = {"sme"};
    return p;
}

platform::BookingRequest slot(std::int64_t lab, const std::string& date, const std::string& from, const std::string& to) {
    return {lab, 5, date, *platform::minutesOf(from), *platform::minutesOf(to), 0, "合同 HT-2026-001", std::nullopt};
}
}  // namespace

BOOST_AUTO_TEST_CASE(one_slot_booked_by_32_at_once_is_booked_once_and_a_window_past_the_calibration_is_refused_naming_the_day_R40) {
    HostFixture f;
    InstrumentClock clock(platform::labMillis("2026-12-07", 8 * 60));
    const std::int64_t lab = sharedInstrumentLab(f, "2026-12-31");
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    platform::InstrumentBookings bookings(f.host->db(), clock, f.host->ids(), f.host->audit(), orgs, {60, 24});
    std::atomic<int> booked{0}, refused{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 32; ++i)
        threads.emplace_back([&] {
            try {
                bookings.book(smeUser(), slot(lab, "2026-12-10", "09:00", "11:00"), "test");
                ++booked;
            } catch (const Error& e) {
                (e.code() == ErrorCode::Conflict ? refused : other)++;
            }
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(booked.load() == 1);
    BOOST_TEST(refused.load() == 31);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(f.count("plat_instrument_bookings") == 1);
    BOOST_TEST(f.count("plat_instrument_slots") == 4);  // four half hours, once
    // An overlap is refused, already by the quote; the hour after is free; the fee is the published non-member rate.
    BOOST_CHECK_THROW(bookings.book(smeUser(), slot(lab, "2026-12-10", "10:30", "12:00"), "test"), Error);
    BOOST_CHECK_THROW(bookings.quote(smeUser(), slot(lab, "2026-12-10", "10:30", "12:00")), Error);
    const auto next = bookings.book(smeUser(), slot(lab, "2026-12-10", "11:00", "12:30"), "test");
    BOOST_TEST(next.fee == "150.00");
    // R40: a window on a day the calibration no longer covers is refused, naming its last day.
    try {
        bookings.book(smeUser(), slot(lab, "2027-01-02", "09:00", "10:00"), "test");
        BOOST_FAIL("a booking past the calibration was accepted");
    } catch (const Error& e) {
        BOOST_TEST(e.ruleFailures().size() == 1u);
        BOOST_TEST(e.ruleFailures()[0].id == "R40");
        BOOST_TEST(e.ruleFailures()[0].message.render(Lang::zhCN).find("2026-12-31") != std::string::npos);
    }
    // Outside the bookable windows, or in the past: refused, nothing stored.
    BOOST_CHECK_THROW(bookings.book(smeUser(), slot(lab, "2026-12-10", "06:00", "07:00"), "test"), Error);
    BOOST_CHECK_THROW(bookings.book(smeUser(), slot(lab, "2026-12-06", "09:00", "10:00"), "test"), Error);
    BOOST_TEST(f.count("plat_instrument_bookings") == 2);
}

BOOST_AUTO_TEST_CASE(a_booking_not_started_within_the_grace_period_lapses_and_the_third_no_show_of_a_quarter_suspends_the_user) {
    HostFixture f;
    InstrumentClock clock(platform::labMillis("2026-12-07", 8 * 60));
    const std::int64_t lab = sharedInstrumentLab(f, "2026-12-31");
    auto& orgs = f.host->services().require<identity::OrganizationDirectory>();
    platform::InstrumentBookings bookings(f.host->db(), clock, f.host->ids(), f.host->audit(), orgs, {60, 24});
    std::vector<std::int64_t> ids;
    for (const char* day : {"2026-12-08", "2026-12-09", "2026-12-10"}) ids.push_back(bookings.book(smeUser(), slot(lab, day, "09:00", "10:00"), "test").id);
    // 59 minutes after the start nothing lapses; at 60 the first one does.
    clock.set(platform::labMillis("2026-12-08", 9 * 60 + 59));
    BOOST_TEST(bookings.sweep() == 0);
    clock.set(platform::labMillis("2026-12-08", 10 * 60 + 1));
    BOOST_TEST(bookings.sweep() == 1);
    BOOST_TEST(bookings.get(smeUser(), ids[0]).status == "no_show");
    BOOST_TEST(bookings.sweep() == 0);  // once
    // A booking the lab marks started does not lapse.
    f.host->db().write([&](Tx& tx) {
        auto body = makeObject();
        body->set("booking_id", std::to_string(ids[1]));
        bookings.applyLabMessage(tx, lab, "instrument_booking.started", body);
    });
    clock.set(platform::labMillis("2026-12-10", 11 * 60));
    BOOST_TEST(bookings.sweep() == 1);
    BOOST_TEST(bookings.get(smeUser(), ids[1]).status == "in_use");
    // Two no-shows: still free to book; the third suspends the user at this lab.
    const auto third = bookings.book(smeUser(), slot(lab, "2026-12-11", "09:00", "10:00"), "test");
    clock.set(platform::labMillis("2026-12-11", 10 * 60 + 30));
    BOOST_TEST(bookings.sweep() == 1);
    BOOST_TEST(bookings.get(smeUser(), third.id).status == "no_show");
    try {
        bookings.book(smeUser(), slot(lab, "2026-12-14", "09:00", "10:00"), "test");
        BOOST_FAIL("a suspended user booked");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::PermissionDenied));
    }
    // The lab lifts it.
    f.host->db().write([&](Tx& tx) {
        auto body = makeObject();
        body->set("user_id", std::string("31"));
        bookings.applyLabMessage(tx, lab, "instrument_suspension.lifted", body);
    });
    BOOST_TEST(bookings.book(smeUser(), slot(lab, "2026-12-14", "09:00", "10:00"), "test").status == "confirmed");
    // The quarter's report: three no-shows, 12 bookable hours a day for the 92 days of Q4.
    const auto rows = bookings.report(lab, "2026Q4");
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_TEST(rows[0].noShows == 3);
    BOOST_TEST(rows[0].bookings == 5);
    BOOST_TEST(rows[0].bookableHours == 92 * 12.0);
    BOOST_TEST(platform::InstrumentBookings::reportXlsx(rows, "2026Q4").rfind("PK", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
