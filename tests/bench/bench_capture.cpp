// bench_capture: instrument result ingestion (BENCHMARKS.md B4) through CaptureService::import,
// in process: each run's bytes stored (SHA-256, fsync, rename), parsed (ASTM E1394), staged in
// one transaction. Batches of 96 results per message, then one result per message.
// Usage: bench_capture --dir DIR [--batches N] [--singles N]
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "Host.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "domain/CaptureService.hpp"

using namespace assay;

namespace {
std::string message(int run, int results) {
    std::string m = "H|\\^&|||ICP-MS^bench\rP|1\r";
    for (int i = 0; i < results; ++i) {
        char sample[40];
        std::snprintf(sample, sizeof sample, "GDQT2025%07d", run * 97 + i);
        m += "O|" + std::to_string(i + 1) + "|" + sample + "||^^^Pb|R\rR|1|^^^Pb|0.0" + std::to_string(100 + (run + i) % 900) +
             "|mg/kg||N||F||||20261129101200|ICPMS-01\r";
    }
    return m + "L|1|N\r";
}
}  // namespace

int main(int argc, char** argv) {
    std::string dir;
    int batches = 200, singles = 500, streams = 4;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--dir") dir = v;
        else if (k == "--batches") batches = std::stoi(v);
        else if (k == "--singles") singles = std::stoi(v);
        else if (k == "--streams") streams = std::max(1, std::stoi(v));
    }
    if (dir.empty()) {
        std::fprintf(stderr, "usage: bench_capture --dir DIR [--batches N] [--singles N] [--streams N]\n");
        return 2;
    }
    try {
        std::filesystem::create_directories(dir);
        const std::string url = "sqlite:" + dir + "/bench.db";
        setenv("ASSAY_DB_URL", url.c_str(), 1);
        setenv("ASSAY_DATA_DIR", dir.c_str(), 1);
        setenv("ASSAY_ADMIN_PASSWORD", "Bench-admin-pw-1", 1);
        setenv("ASSAY_LOG_LEVEL", "warn", 1);
        auto host = Host::create("", builtinModules());
        host->start();
        host->seedDemo();
        auto& orgs = host->services().require<identity::OrganizationDirectory>();
        Principal manager;
        manager.userId = host->db().read([&](Tx& tx) { return host->services().require<identity::UserDirectory>().userByUsername(tx, "manager.liu"); })->id;
        manager.username = "manager.liu";
        manager.orgId = host->db().read([&](Tx& tx) { return orgs.organizationByCode(tx, "GDQT"); })->id;
        manager.orgKind = "lab";
        manager.roles = {"manager"};
        long long equipment = 0, lead = 0;
        host->db().read([&](Tx& tx) {
            tx.sql() << "SELECT MIN(id) FROM acc_equipment WHERE lab_id = :lab", soci::use(static_cast<long long>(*manager.orgId)), soci::into(equipment);
            tx.sql() << "SELECT MIN(id) FROM acc_parameters WHERE lab_id = :lab", soci::use(static_cast<long long>(*manager.orgId)), soci::into(lead);
            return 0;
        });
        capture::RawStore raw(dir + "/raw");
        capture::CaptureService svc(host->db(), host->clock(), host->ids(), host->audit(), orgs,
                                    host->services().require<accreditation::EquipmentStatus>(),
                                    host->services().require<accreditation::Register>(),
                                    host->services().require<testing::CapturedResults>(), raw,
                                    host->services().require<accreditation::Nonconformities>(),
                                    host->services().require<InstrumentDrivers>());
        auto instrument = svc.addInstrument(manager, "ICP-MS bench", equipment, "astm", "{}", {{"Pb", lead}}, "bench");
        auto measure = [&](int runs, int per, int offset) {
            const auto t0 = std::chrono::steady_clock::now();
            long results = 0;
            for (int r = 0; r < runs; ++r) results += svc.import(manager, instrument.id, "upload", "run", message(offset + r, per), "bench").staged.size();
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return std::make_pair(results, s);
        };
        auto [batched, bs] = measure(batches, 96, 0);
        std::printf("B4 ingest_batches_of_96  %.0f results/s  (%ld results in %d runs, %.2fs; store+fsync, parse, stage)\n",
                    batched / bs, batched, batches, bs);
        auto [single, ss] = measure(singles, 1, 1000000);
        std::printf("B4 ingest_one_at_a_time  %.0f results/s  (%ld runs, %.2fs)\n", single / ss, single, ss);
        // Several instruments sending one result each at the same time (one thread per
        // connection, as the listeners run): their fsyncs overlap.
        {
            std::atomic<long> done{0};
            const auto t0 = std::chrono::steady_clock::now();
            std::vector<std::thread> threads;
            for (int t = 0; t < streams; ++t)
                threads.emplace_back([&, t] {
                    for (int r = 0; r < singles / streams; ++r)
                        done += static_cast<long>(
                            svc.import(manager, instrument.id, "tcp", "stream", message(2000000 + t * 100000 + r, 1), "bench").staged.size());
                });
            for (auto& th : threads) th.join();
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::printf("B4 ingest_one_at_a_time_%d_streams  %.0f results/s  (%ld runs, %.2fs)\n", streams, done / s, done.load(), s);
        }
        // The floor: what the raw store must do per run on this disk: a new small file written and
        // synced, renamed, its directory synced.
        {
            const std::string probeDir = dir + "/fsync-probe";
            std::filesystem::create_directories(probeDir);
            const auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < 100; ++i) {
                const std::string tmp = probeDir + "/p" + std::to_string(i) + ".tmp", final = probeDir + "/p" + std::to_string(i);
                const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
                if (fd < 0 || ::write(fd, "x", 1) != 1 || ::fsync(fd) != 0) throw std::runtime_error("fsync probe failed");
                ::close(fd);
                std::filesystem::rename(tmp, final);
                const int dfd = ::open(probeDir.c_str(), O_RDONLY | O_DIRECTORY);
                if (dfd < 0 || ::fsync(dfd) != 0) throw std::runtime_error("fsync probe failed");
                ::close(dfd);
            }
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / 100;
            std::printf("B4 floor durable_new_file  %.3f ms  (at most %.0f raw files/s per stream, before the database commit)\n", ms,
                        1000 / ms);
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_capture: %s\n", e.what());
        return 1;
    }
}
