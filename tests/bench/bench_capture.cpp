// bench_capture: instrument result ingestion (BENCHMARKS.md B4) through CaptureService::import,
// in process: each run's bytes stored (SHA-256, fsync, rename), parsed (ASTM E1394), staged in
// one transaction. Batches of 96 results per message, then one result per message.
// Usage: bench_capture --dir DIR [--batches N] [--singles N]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

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
    int batches = 200, singles = 500;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--dir") dir = v;
        else if (k == "--batches") batches = std::stoi(v);
        else if (k == "--singles") singles = std::stoi(v);
    }
    if (dir.empty()) {
        std::fprintf(stderr, "usage: bench_capture --dir DIR [--batches N] [--singles N]\n");
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
        manager.userId = host->services().require<identity::UserDirectory>().userByUsername("manager.liu")->id;
        manager.username = "manager.liu";
        manager.orgId = orgs.organizationByCode("GDQT")->id;
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
                                    host->services().require<testing::CapturedResults>(), raw);
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
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_capture: %s\n", e.what());
        return 1;
    }
}
