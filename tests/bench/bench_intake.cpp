// bench_intake: the sample register at scale (BENCHMARKS.md B3, B7 at 1M, B8).
//
// Loads the demo lab into a fresh database (a SQLite file in --dir, or --db-url), generates
// --samples historical samples deterministically (codes GDQT2025000001..., eight product
// categories, a status mix, registration times spread over the year before today, one custody
// event each) straight through SQL in transactions of 10,000 rows, then measures through
// SampleService, in process:
//   B3  intake: samples registered one per transaction (code from the sequence, custody, audit)
//   B7  code lookup (SampleService::get of random codes), filtered pages (status + the last 30
//       days, newest first, 50 rows, keyset), category pages, and Chinese substring search
//   B8  bytes on disk per sample (SQLite file size / samples)
// Prints one line per measure with p50 / p99 / p99.9 and the count. Bounded in count and time.
// Usage: bench_intake --dir DIR [--samples N] [--lookups N] [--intake-seconds S] [--db-url URL]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "Host.hpp"
#include "assay/Clock.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "domain/SampleService.hpp"

using namespace assay;
using Clock_ = std::chrono::steady_clock;

namespace {
struct Options {
    std::string dir, dbUrl;
    long samples = 1000000;
    int lookups = 20000;
    double intakeSeconds = 5;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--dir") o.dir = v;
        else if (k == "--db-url") o.dbUrl = v;
        else if (k == "--samples") o.samples = std::stol(v);
        else if (k == "--lookups") o.lookups = std::stoi(v);
        else if (k == "--intake-seconds") o.intakeSeconds = std::stod(v);
        else throw std::runtime_error("unknown option " + k);
    }
    if (o.dir.empty()) throw std::runtime_error("usage: bench_intake --dir DIR [--samples N] [--lookups N] [--intake-seconds S] [--db-url URL]");
    return o;
}

// "p50=…ms p99=…ms p99.9=…ms n=…" of durations in microseconds.
std::string percentiles(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us.empty() ? 0.0 : us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))] / 1000.0; };
    char buf[160];
    std::snprintf(buf, sizeof buf, "p50=%.3fms  p99=%.3fms  p99.9=%.3fms  n=%zu", at(0.5), at(0.99), at(0.999), us.size());
    return buf;
}

template <class F>
double micros(F&& f) {
    const auto t0 = Clock_::now();
    f();
    return std::chrono::duration<double, std::micro>(Clock_::now() - t0).count();
}

const char* kCategories[] = {"粮食及其制品", "茶叶及相关制品", "食用油、油脂及其制品", "蔬菜及其制品",
                             "水果及其制品", "肉及肉制品", "乳制品", "饮料"};
const char* kNames[] = {"大米", "西湖龙井", "花生油", "菠菜", "苹果", "猪肉", "纯牛奶", "矿泉水"};
const char* kStatuses[] = {"registered", "received", "received", "in_testing", "in_testing", "tested", "reported",
                           "reported", "reported", "retained"};

// Writes n historical samples and their first custody event, 10,000 rows per transaction.
void generate(Host& host, std::int64_t lab, long n) {
    const std::int64_t nowMs = toEpochMillis(host.clock().now());
    const std::int64_t yearMs = 365LL * 86400 * 1000;
    constexpr long long kIdBase = 1000000000000LL;  // below every id the generator hands out
    long done = 0;
    while (done < n) {
        const long batch = std::min(10000L, n - done);
        host.db().write([&](Tx& tx) {
            long long id = 0, custodyId = 0, labId = lab, created = 0;
            std::string code, name, category, status, batchNo;
            soci::statement sample = (tx.sql().prepare <<
                "INSERT INTO int_samples (id, lab_id, code, name, product_category, batch_no, status, holder, created_at_ms, "
                "updated_at_ms, version) VALUES (:id, :lab, :code, :name, :category, :batch, :status, '收样室', :created, :created2, 1)",
                soci::use(id, "id"), soci::use(labId, "lab"), soci::use(code, "code"), soci::use(name, "name"),
                soci::use(category, "category"), soci::use(batchNo, "batch"), soci::use(status, "status"),
                soci::use(created, "created"), soci::use(created, "created2"));
            soci::statement custody = (tx.sql().prepare <<
                "INSERT INTO int_custody_events (id, lab_id, sample_id, at_ms, by_user, by_name, from_holder, to_holder, reason) "
                "VALUES (:cid, :lab, :sid, :at, 0, 'bench', '委托方', '收样室', '登记 / registered')",
                soci::use(custodyId, "cid"), soci::use(labId, "lab"), soci::use(id, "sid"), soci::use(created, "at"));
            for (long i = done; i < done + batch; ++i) {
                id = kIdBase + 2 * i;
                custodyId = id + 1;
                char buf[32];
                std::snprintf(buf, sizeof buf, "GDQT2025%07ld", i + 1);
                code = buf;
                name = std::string(kNames[i % 8]) + " " + std::to_string(i % 997);
                category = kCategories[i % 8];
                status = kStatuses[(i * 7) % 10];
                batchNo = "B" + std::to_string(i % 100000);
                created = nowMs - yearMs + (yearMs * i) / n;  // registered in id order over the last year
                sample.execute(true);
                custody.execute(true);
            }
            return 0;
        });
        done += batch;
    }
}
}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        std::filesystem::create_directories(o.dir);
        const std::string url = o.dbUrl.empty() ? "sqlite:" + o.dir + "/bench.db" : o.dbUrl;
        setenv("ASSAY_DB_URL", url.c_str(), 1);
        setenv("ASSAY_DATA_DIR", o.dir.c_str(), 1);
        setenv("ASSAY_ADMIN_PASSWORD", "Bench-admin-pw-1", 1);
        setenv("ASSAY_LOG_LEVEL", "warn", 1);
        auto host = Host::create("", builtinModules());
        host->start();
        host->seedDemo();
        auto& orgs = host->services().require<identity::OrganizationDirectory>();
        intake::SampleService samples(host->db(), host->clock(), host->ids(), host->audit(), orgs,
                                      host->services().require<accreditation::ProductCatalog>(), "{LAB}{YYYY}{SEQ:06}", 90);
        Principal tech;
        tech.userId = host->db().read([&](Tx& tx) { return host->services().require<identity::UserDirectory>().userByUsername(tx, "tech.li"); })->id;
        tech.username = "tech.li";
        tech.orgId = host->db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); })->id;
        tech.orgKind = "lab";
        tech.roles = {"technician"};

        const double genUs = micros([&] { generate(*host, *tech.orgId, o.samples); });
        std::printf("GEN samples=%ld  %.1fs  %.0f rows/s (sample + custody)\n", o.samples, genUs / 1e6, o.samples / (genUs / 1e6));

        // B3: one sample per transaction through the service, for a bounded time.
        std::vector<double> intake;
        const auto until = Clock_::now() + std::chrono::duration<double>(o.intakeSeconds);
        while (Clock_::now() < until && intake.size() < 200000) {
            intake::SampleInput in;
            in.name = "大米";
            in.productCategory = "粮食及其制品";
            intake.push_back(micros([&] { samples.registerSample(tech, in, "bench"); }));
        }
        double total = 0;
        for (double d : intake) total += d;
        std::printf("B3 intake_one_per_tx  %.0f/s  %s\n", intake.size() / (total / 1e6), percentiles(intake).c_str());

        std::mt19937_64 rng(20261129);
        std::vector<double> lookups;
        for (int i = 0; i < o.lookups; ++i) {
            char code[32];
            std::snprintf(code, sizeof code, "GDQT2025%07ld", static_cast<long>(rng() % o.samples) + 1);
            lookups.push_back(micros([&] { samples.get(tech, code); }));
        }
        std::printf("B7 code_lookup  %s\n", percentiles(lookups).c_str());

        // Filtered pages: status + the last 30 days, newest first, 50 rows; each measure walks
        // up to 5 pages by keyset, as a user paging would.
        const std::int64_t nowMs = toEpochMillis(host->clock().now());
        auto pages = [&](intake::SampleFilter f, int queries) {
            std::vector<double> out;
            for (int q = 0; q < queries; ++q) {
                std::int64_t before = 0;
                for (int p = 0; p < 5; ++p) {
                    std::vector<intake::Sample> page;
                    out.push_back(micros([&] { page = samples.search(tech, f, before, 50); }));
                    if (page.size() < 50) break;
                    before = page.back().id;
                }
            }
            return out;
        };
        const int queries = std::max(20, o.lookups / 100);
        for (const char* status : {"received", "reported", "retained"}) {
            intake::SampleFilter f;
            f.status = parseEnum<intake::SampleStatus>(status);
            f.fromMs = nowMs - 30LL * 86400 * 1000;
            std::printf("B7 page_status_30d(%s)  %s\n", status, percentiles(pages(f, queries)).c_str());
        }
        intake::SampleFilter older;  // a month, two months back: the keyset scan starts above it
        older.status = intake::SampleStatus::Received;
        older.fromMs = nowMs - 90LL * 86400 * 1000;
        older.toMs = nowMs - 60LL * 86400 * 1000;
        std::printf("B7 page_status_month_60d_ago  %s\n", percentiles(pages(older, queries)).c_str());
        intake::SampleFilter category;
        category.productCategory = kCategories[1];
        std::printf("B7 page_category  %s\n", percentiles(pages(category, queries)).c_str());
        intake::SampleFilter text;
        text.text = "龙井 99";
        std::printf("B7 search_chinese_substring  %s\n", percentiles(pages(text, std::max(5, queries / 4))).c_str());

        if (o.dbUrl.empty()) {
            host.reset();  // closes the pool; the WAL is checkpointed into the file
            const auto bytes = std::filesystem::file_size(o.dir + "/bench.db");
            std::printf("B8 footprint  %.0f bytes per sample (sample + custody + indexes; no results yet)\n",
                        static_cast<double>(bytes) / static_cast<double>(o.samples + static_cast<long>(intake.size())));
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_intake: %s\n", e.what());
        return 1;
    }
}
