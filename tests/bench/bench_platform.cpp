// bench_platform: the platform at scale (issue 14, item 9), in process on SQLite.
//
// Builds a platform database (role platform, WAL, synchronous FULL unless --sync says otherwise)
// with --labs approved labs of --rows catalogue rows each (deterministic: 40 products x 30
// parameters x standards, regions spread over the provinces), then measures:
//   search   --threads searchers for --seconds each run one query after another through
//            PlatformService::search (the public route's use case): one- and two-character
//            Chinese words, pairs, standard numbers, with a region or scheme filter on some;
//            p50 / p99 / p99.9 and queries/s
//   ingest   --messages signed report messages of --ingest-labs labs (signed beforehand, as the
//            labs would) through FeedIngest::receive (parse, verify the ECDSA signature, apply
//            once in order, one transaction each) on --ingest-threads threads, each thread owning
//            whole labs; messages/s
// Usage: bench_platform --dir DIR [--labs N] [--rows N] [--threads N] [--seconds S] [--messages N]
//                       [--ingest-labs N] [--ingest-threads N]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <thread>

#include <Poco/File.h>

#include "Host.hpp"
#include "assay/Json.hpp"
#include "domain/Envelope.hpp"
#include "domain/FeedIngest.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformService.hpp"
#include "domain/SearchTerms.hpp"
#include "storage/PlatformStore.hpp"

using namespace assay;
using namespace assay::platform;
using Clock_ = std::chrono::steady_clock;

namespace {
struct Options {
    std::string dir;
    int labs = 2000, rows = 500, threads = 16, messages = 20000, ingestLabs = 100, ingestThreads = 2;
    double seconds = 5;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--dir") o.dir = v;
        else if (k == "--labs") o.labs = std::stoi(v);
        else if (k == "--rows") o.rows = std::stoi(v);
        else if (k == "--threads") o.threads = std::stoi(v);
        else if (k == "--seconds") o.seconds = std::stod(v);
        else if (k == "--messages") o.messages = std::stoi(v);
        else if (k == "--ingest-labs") o.ingestLabs = std::stoi(v);
        else if (k == "--ingest-threads") o.ingestThreads = std::stoi(v);
        else throw std::runtime_error("unknown option " + k);
    }
    if (o.dir.empty()) throw std::runtime_error("usage: bench_platform --dir DIR [--labs N] [--rows N] ...");
    return o;
}

std::string percentiles(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us.empty() ? 0.0 : us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))] / 1000.0; };
    char buf[160];
    std::snprintf(buf, sizeof buf, "p50=%.2fms  p99=%.2fms  p99.9=%.2fms  n=%zu", at(0.5), at(0.99), at(0.999), us.size());
    return buf;
}

const char* kProducts[] = {"大米", "小麦粉", "玉米", "茶叶", "食用植物油", "花生油", "菠菜", "白菜", "苹果", "柑橘", "猪肉", "牛肉",
                           "鸡蛋", "纯牛奶", "酸奶", "饮用水", "矿泉水", "白酒", "啤酒", "酱油", "食醋", "味精", "食盐", "白砂糖",
                           "蜂蜜", "饼干", "面包", "方便面", "挂面", "豆腐", "腐竹", "鱼", "虾", "海带", "紫菜", "木耳", "香菇",
                           "婴幼儿配方奶粉", "儿童玩具", "电线电缆"};
const char* kParameters[][2] = {{"铅(以Pb计)", "Lead (as Pb)"}, {"镉(以Cd计)", "Cadmium (as Cd)"}, {"总汞(以Hg计)", "Total mercury"},
                                {"无机砷(以As计)", "Inorganic arsenic"}, {"铬(以Cr计)", "Chromium"}, {"苯并[a]芘", "Benzo[a]pyrene"},
                                {"黄曲霉毒素B1", "Aflatoxin B1"}, {"酸价", "Acid value"}, {"过氧化值", "Peroxide value"},
                                {"菌落总数", "Aerobic plate count"}, {"大肠菌群", "Coliforms"}, {"沙门氏菌", "Salmonella"},
                                {"水分", "Moisture"}, {"灰分", "Ash"}, {"蛋白质", "Protein"}, {"脂肪", "Fat"}, {"亚硝酸盐", "Nitrite"},
                                {"二氧化硫", "Sulfur dioxide"}, {"苯甲酸", "Benzoic acid"}, {"山梨酸", "Sorbic acid"},
                                {"糖精钠", "Saccharin sodium"}, {"甜蜜素", "Cyclamate"}, {"毒死蜱", "Chlorpyrifos"},
                                {"氧乐果", "Omethoate"}, {"克百威", "Carbofuran"}, {"氯霉素", "Chloramphenicol"},
                                {"孔雀石绿", "Malachite green"}, {"三聚氰胺", "Melamine"}, {"邻苯二甲酸酯", "Phthalates"},
                                {"导体电阻", "Conductor resistance"}};
const char* kStandards[] = {"GB 5009.12-2023", "GB 5009.15-2023", "GB 5009.17-2021", "GB 5009.11-2024", "GB 5009.123-2023",
                            "GB 5009.27-2016", "GB 5009.22-2016", "GB 5009.229-2016", "GB 5009.227-2023", "GB 4789.2-2022",
                            "GB 4789.3-2016", "GB 4789.4-2024", "GB 5009.3-2016", "GB 5009.4-2016", "GB 5009.5-2016",
                            "GB 5009.6-2016", "GB 5009.33-2016", "GB 5009.34-2022", "GB 5009.28-2016", "GB 5009.28-2016",
                            "GB 5009.28-2016", "GB 5009.97-2023", "GB 23200.113-2018", "GB 23200.113-2018", "GB 23200.113-2018",
                            "GB/T 22338-2008", "GB/T 19857-2005", "GB/T 22388-2008", "GB/T 21911-2008", "GB/T 3048.4-2007"};
const char* kProvinces[] = {"110000", "120000", "310000", "320100", "320500", "330100", "340100", "350100", "370100", "410100",
                            "420100", "430100", "440100", "440300", "440600", "450100", "500000", "510100", "610100", "210100"};

void loadCatalogue(Host& host, const Options& o) {
    PlatformStore store;
    std::mt19937 rng(42);
    const auto t0 = Clock_::now();
    for (int lab = 0; lab < o.labs; ++lab) {
        host.db().write([&](Tx& tx) {
            Enrolment e;
            e.id = host.ids().next();
            e.name = "示例检测机构" + std::to_string(lab + 1);
            e.uscc = "12440000455801234X";
            e.region = kProvinces[lab % 20];
            e.turnaroundDays = 3 + lab % 10;
            e.keyId = "bench" + std::to_string(lab);
            e.requestedAtMs = 1;
            store.insertEnrolment(tx, e, "-");
            store.decide(tx, e.id, "approved", 0, 1, std::nullopt);
            store.replaceStandings(tx, e.id, {{"CMA", "2026190001", "valid", "2099-12-31"},
                                              {"CNAS", "CNAS L1", lab % 7 == 0 ? "suspended" : "valid", "2099-12-31"}});
            std::vector<CatalogueEntry> rows;
            for (int r = 0; r < o.rows; ++r) {
                CatalogueEntry c;
                c.id = host.ids().next();
                c.labRef = e.id;
                c.labName = e.name;
                c.rowKey = r + 1;
                c.scheme = r % 3 == 0 ? "CNAS" : "CMA";
                c.region = e.region;
                c.site = "实验室";
                c.category = "食品";
                const int pr = static_cast<int>(rng() % 40), pa = static_cast<int>(rng() % 30);
                c.product = kProducts[pr];
                c.parameter = kParameters[pa][0];
                c.parameterEn = kParameters[pa][1];
                c.standard = kStandards[pa];
                c.price = std::to_string(50 + rng() % 400) + ".00";
                c.turnaroundDays = e.turnaroundDays;
                c.terms = indexTerms({c.product, c.category, c.parameter, *c.parameterEn, c.standard});
                rows.push_back(std::move(c));
            }
            store.replaceCatalogue(tx, e.id, rows);
        });
    }
    const double s = std::chrono::duration<double>(Clock_::now() - t0).count();
    std::printf("platform load  labs=%d rows/lab=%d rows=%ld in %.1fs\n", o.labs, o.rows, static_cast<long>(o.labs) * o.rows, s);
}

void benchSearch(Host& host, const Options& o) {
    PlatformService svc(host.db(), host.clock(), host.ids(), host.audit());
    const std::vector<std::pair<std::string, std::string>> queries = {
        {"铅", ""}, {"镉", ""}, {"大米", ""}, {"铅 大米", ""}, {"镉 茶叶", ""}, {"GB 5009.12", ""}, {"GB 5009.12-2023", ""},
        {"苯并芘", ""}, {"菌落总数 饮用水", ""}, {"lead", ""}, {"铅 大米", "440000"}, {"大米", "320100"}, {"汞", ""},
        {"三聚氰胺 婴幼儿配方奶粉", ""}, {"铅", "CNAS"}};
    std::atomic<bool> stop{false};
    std::vector<std::vector<double>> lat(static_cast<std::size_t>(o.threads));
    std::vector<std::thread> ts;
    std::atomic<long> rowsReturned{0};
    for (int t = 0; t < o.threads; ++t) {
        ts.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t + 1));
            while (!stop) {
                const auto& [q, filter] = queries[rng() % queries.size()];
                CatalogueQuery cq;
                cq.q = q;
                if (filter == "CNAS") cq.scheme = filter;
                else cq.region = filter;
                cq.limit = 20;
                const auto t0 = Clock_::now();
                rowsReturned += static_cast<long>(svc.search(cq).size());
                lat[static_cast<std::size_t>(t)].push_back(std::chrono::duration<double, std::micro>(Clock_::now() - t0).count());
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
    stop = true;
    for (auto& t : ts) t.join();
    std::vector<double> all;
    for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
    std::printf("platform search  threads=%d  %s  %.0f queries/s  rows/query=%.1f  (target p99 < 50 ms at 1M rows)\n", o.threads,
                percentiles(all).c_str(), all.size() / o.seconds, all.empty() ? 0.0 : static_cast<double>(rowsReturned) / all.size());
}

// An approved lab enrolled with key (straight through the store, as the operator's approval would).
std::int64_t enrolApproved(Host& host, PlatformStore& store, const std::string& name, const NewInstanceKey& key) {
    Enrolment e;
    e.id = host.ids().next();
    e.name = name;
    e.uscc = "12440000455801234X";
    e.region = "440100";
    e.keyId = key.keyId;
    e.requestedAtMs = 1;
    host.db().write([&](Tx& tx) {
        store.insertEnrolment(tx, e, key.publicPem);
        store.decide(tx, e.id, "approved", 0, 1, std::nullopt);
    });
    return e.id;
}

void benchIngest(Host& host, const Options& o) {
    PlatformStore store;
    FeedIngest feed(host.db(), host.clock(), host.ids());
    const std::string pass = "bench-pass";
    std::vector<std::vector<std::string>> wires(static_cast<std::size_t>(o.ingestLabs));
    std::vector<std::vector<Envelope>> envelopes(static_cast<std::size_t>(o.ingestLabs));
    const int perLab = std::max(1, o.messages / o.ingestLabs);
    for (int l = 0; l < o.ingestLabs; ++l) {
        const auto key = generateInstanceKey(pass);
        const std::int64_t lab = enrolApproved(host, store, "上报机构" + std::to_string(l + 1), key);
        for (int s = 1; s <= perLab; ++s) {
            Envelope env;
            env.lab = lab;
            env.seq = s;
            env.type = kTypeReport;
            env.occurredAt = "2026-12-07T10:00:00+08:00";
            env.keyId = key.keyId;
            env.body = parseObject(R"({"number":"L)" + std::to_string(l) + "-R2026" + std::to_string(1000000 + s) +
                                   R"(","verification_code":"ABCDEFGH)" + std::to_string(10000000 + s) + R"(","status":"issued","issue_date":"2026-12-07","pdf_sha256":")" +
                                   sha256Hex(std::to_string(l) + "/" + std::to_string(s)) + "\"}");
            env.signature = signBase64(key.encryptedPrivatePem, pass, signedText(env));
            wires[static_cast<std::size_t>(l)].push_back(wireJson(env));
            envelopes[static_cast<std::size_t>(l)].push_back(env);
        }
    }
    std::atomic<long> applied{0};
    const auto t0 = Clock_::now();
    std::vector<std::thread> ts;
    for (int t = 0; t < o.ingestThreads; ++t) {
        ts.emplace_back([&, t] {
            for (int l = t; l < o.ingestLabs; l += o.ingestThreads)
                for (const auto& w : wires[static_cast<std::size_t>(l)])
                    if (feed.receive(w).status == "applied") ++applied;
        });
    }
    for (auto& t : ts) t.join();
    const double s = std::chrono::duration<double>(Clock_::now() - t0).count();
    std::printf("platform ingest  messages=%ld labs=%d threads=%d  %.0f messages/s  one message per request and transaction\n",
                applied.load(), o.ingestLabs, o.ingestThreads, applied / s);
    if (applied != static_cast<long>(perLab) * o.ingestLabs) throw std::runtime_error("not every message was applied once");
    // The same messages again as batches of 100 ({"envelopes": [...]}, one transaction each):
    // every one is a duplicate now, so a fresh set of labs is fed the same way.
    std::vector<std::vector<Envelope>> fresh;
    for (int l = 0; l < o.ingestLabs; ++l) {
        const auto key = generateInstanceKey(pass);
        const std::int64_t lab = enrolApproved(host, store, "批量上报机构" + std::to_string(l + 1), key);
        std::vector<Envelope> mine;
        for (auto env : envelopes[static_cast<std::size_t>(l)]) {
            env.lab = lab;
            env.keyId = key.keyId;
            env.signature = signBase64(key.encryptedPrivatePem, pass, signedText(env));
            mine.push_back(std::move(env));
        }
        fresh.push_back(std::move(mine));
    }
    std::atomic<long> batched{0};
    const auto t1 = Clock_::now();
    std::vector<std::thread> bs;
    for (int t = 0; t < o.ingestThreads; ++t) {
        bs.emplace_back([&, t] {
            for (int l = t; l < o.ingestLabs; l += o.ingestThreads) {
                const auto& all = fresh[static_cast<std::size_t>(l)];
                for (std::size_t i = 0; i < all.size(); i += 100) {
                    const std::vector<Envelope> batch(all.begin() + static_cast<long>(i), all.begin() + static_cast<long>(std::min(all.size(), i + 100)));
                    for (const auto& r : feed.receiveBatch(batch)) batched += r.status == "applied";
                }
            }
        });
    }
    for (auto& t : bs) t.join();
    const double s2 = std::chrono::duration<double>(Clock_::now() - t1).count();
    std::printf("platform ingest  messages=%ld labs=%d threads=%d  %.0f messages/s  in batches of 100 per request and transaction "
                "(target >= 5000/s)\n", batched.load(), o.ingestLabs, o.ingestThreads, batched / s2);
    if (batched != static_cast<long>(perLab) * o.ingestLabs) throw std::runtime_error("not every batched message was applied once");
}
}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        Poco::File(o.dir).createDirectories();
        const std::string url = "sqlite:" + o.dir + "/platform.db";
        setenv("ASSAY_DB_URL", url.c_str(), 1);
        setenv("ASSAY_DATA_DIR", o.dir.c_str(), 1);
        setenv("ASSAY_ADMIN_PASSWORD", "Bench-admin-pw-1", 1);
        setenv("ASSAY_LOG_LEVEL", "warn", 1);
        setenv("ASSAY_INSTANCE_ROLE", "platform", 1);
        setenv("ASSAY_DB_POOL_SIZE", std::to_string(std::max(16, o.threads + 2)).c_str(), 1);
        auto host = Host::create("", builtinModules());
        host->start();
        loadCatalogue(*host, o);
        benchSearch(*host, o);
        benchIngest(*host, o);
        host->stop();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_platform: " << e.what() << "\n";
        return 1;
    }
}
