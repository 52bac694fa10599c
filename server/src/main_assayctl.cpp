// assayctl: administration commands that run against the same database and modules as assayd.
//
//   assayctl [--config FILE] migrate
//   assayctl [--config FILE] demo
//   assayctl [--config FILE] create-user --username U --display-name N --roles r1,r2 [--org-id ID]
//   assayctl [--config FILE] reset-password --username U
//   assayctl [--config FILE] audit verify
//   assayctl [--config FILE] backup --out FILE
//   assayctl [--config FILE] routes
// Passwords are read from ASSAY_NEW_PASSWORD, or from the first line of standard input.
// Exit codes: 0 ok, 1 a check failed (audit verify), 2 usage or configuration error, 3 failure.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <sqlite3.h>

#include "Host.hpp"
#include "assay/Evidence.hpp"
#include "assay/identity/UserAdmin.hpp"

namespace {

int usage() {
    std::cerr << "usage: assayctl [--config FILE] <command> [options]\n"
                 "commands:\n"
                 "  migrate                       apply pending migrations (creates the bootstrap admin)\n"
                 "  demo                          load the demo lab (idempotent)\n"
                 "  create-user --username U --display-name N --roles r1,r2 [--org-id ID] [--reason R]\n"
                 "  reset-password --username U [--reason R]\n"
                 "  audit verify                  check the audit hash chain and the evidence rows it records\n"
                 "                                (reports, results, entry records, raw files); exit 1 on any problem\n"
                 "  backup --out FILE             online backup (SQLite) or mysqldump (MariaDB)\n"
                 "  routes                        list registered routes and their permissions\n"
                 "passwords: ASSAY_NEW_PASSWORD or the first line of standard input\n";
    return 2;
}

std::string readPassword() {
    if (const char* p = std::getenv("ASSAY_NEW_PASSWORD")) return p;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i <= s.size()) {
        auto j = s.find(',', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

int backupSqlite(const std::string& src, const std::string& out) {
    sqlite3* from = nullptr;
    sqlite3* to = nullptr;
    int rc = sqlite3_open_v2(src.c_str(), &from, SQLITE_OPEN_READONLY, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_open(out.c_str(), &to);
    if (rc == SQLITE_OK) {
        sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
        if (b) {
            do {
                rc = sqlite3_backup_step(b, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
        }
        rc = sqlite3_errcode(to);
    }
    if (rc != SQLITE_OK) std::cerr << "assayctl: backup failed: " << sqlite3_errmsg(to ? to : from) << "\n";
    sqlite3_close(to);
    sqlite3_close(from);
    return rc == SQLITE_OK ? 0 : 3;
}

int backupMysql(const assay::DbUrl& u, const std::string& out) {
    Poco::Process::Env env;
    env["MYSQL_PWD"] = u.password;  // never on the command line
    Poco::Pipe outPipe, errPipe;
    std::vector<std::string> args = {"--no-defaults", "--single-transaction", "--routines", "--hex-blob",
                                     "--host=" + u.host, "--port=" + std::to_string(u.port),
                                     "--user=" + u.user, u.database};
    Poco::ProcessHandle ph = Poco::Process::launch("mysqldump", args, ".", nullptr, &outPipe, &errPipe, env);
    Poco::PipeInputStream outStream(outPipe), errStream(errPipe);
    std::ofstream file(out, std::ios::binary);
    Poco::StreamCopier::copyStream(outStream, file);
    std::string err;
    Poco::StreamCopier::copyToString(errStream, err);
    const int rc = ph.wait();
    if (rc != 0 || !file) {
        std::cerr << "assayctl: mysqldump failed (" << rc << "): " << err << "\n";
        return 3;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string config;
    if (args.size() >= 2 && args[0] == "--config") {
        config = args[1];
        args.erase(args.begin(), args.begin() + 2);
    }
    if (args.empty()) return usage();
    const std::string cmd = args[0];
    std::map<std::string, std::string> opts;
    std::vector<std::string> positional;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i].rfind("--", 0) == 0) {
            if (i + 1 >= args.size()) return usage();
            opts[args[i].substr(2)] = args[i + 1];
            ++i;
        } else {
            positional.push_back(args[i]);
        }
    }
    try {
        ::setenv("ASSAY_CAPTURE_AUTOSTART", "false", 1);  // a tool never listens for instruments
        auto host = assay::Host::create(config, assay::builtinModules());
        // Inspecting tools never migrate or create users: they must not change what they check.
        const bool readOnly = cmd == "audit" || cmd == "backup";
        if (readOnly) host->openDatabase();
        else host->start();
        if (cmd == "migrate") {
            std::cout << "migrations applied; modules: ";
            for (const auto& m : host->moduleOrder()) std::cout << m << " ";
            std::cout << "\n";
            return 0;
        }
        if (cmd == "demo") {
            host->seedDemo();
            std::cout << "demo data loaded\n";
            return 0;
        }
        if (cmd == "routes") {
            for (const auto& r : host->router().routes())
                std::cout << r.method << " " << r.pattern << " " << r.permission << "\n";
            return 0;
        }
        if (cmd == "create-user") {
            if (!opts.count("username") || !opts.count("display-name") || !opts.count("roles")) return usage();
            assay::identity::NewUser u;
            u.username = opts["username"];
            u.displayName = opts["display-name"];
            u.roles = splitList(opts["roles"]);
            if (opts.count("org-id")) {
                const std::string& v = opts["org-id"];
                if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) {
                    std::cerr << "assayctl: --org-id must be an organization id (digits), got '" << v << "'\n";
                    return 2;
                }
                u.orgId = std::stoll(v);
            }
            u.password = readPassword();
            auto& admin = host->services().require<assay::identity::UserAdmin>();
            const std::string reason = opts.count("reason") ? opts["reason"] : "created with assayctl";
            const auto id = host->db().write([&](assay::Tx& tx) { return admin.createUserAsSystem(tx, u, reason); });
            std::cout << "user " << u.username << " created with id " << id << "\n";
            return 0;
        }
        if (cmd == "reset-password") {
            if (!opts.count("username")) return usage();
            auto& admin = host->services().require<assay::identity::UserAdmin>();
            const std::string password = readPassword();
            const std::string reason = opts.count("reason") ? opts["reason"] : "reset with assayctl";
            host->db().write([&](assay::Tx& tx) { admin.resetPasswordAsSystem(tx, opts["username"], password, reason); });
            std::cout << "password of " << opts["username"] << " reset; their sessions were ended\n";
            return 0;
        }
        if (cmd == "audit") {
            if (positional.size() != 1 || positional[0] != "verify") return usage();
            // 1. The chain: no event altered, inserted or deleted.
            auto rep = host->db().read([&](assay::Tx& tx) { return host->audit().verify(tx); });
            if (rep.ok()) {
                std::cout << "audit chain OK: " << rep.checked << " events, head " << rep.headSeq << "\n";
            } else {
                std::cout << "audit chain BROKEN: " << rep.problems.size() << " problem(s) in " << rep.checked << " events\n";
                for (const auto& p : rep.problems) std::cout << "  event " << p.seq << ": " << p.problem << "\n";
            }
            // 2. The evidence rows the chain records a hash or a state for, each module's own check.
            assay::EvidenceReport ev;
            for (const auto& check : host->evidenceChecks()) {
                ev.covered.push_back(check->name());
                check->check(host->db(), host->audit(), ev);
            }
            std::string covered;
            for (const auto& c : ev.covered) covered += (covered.empty() ? "" : "; ") + c;
            if (ev.ok()) {
                std::cout << "evidence OK: " << ev.checked << " row(s) match the audit trail (" << covered << "); " << ev.unrecorded
                          << " from before the trail recorded their hash\n";
            } else {
                std::cout << "evidence TAMPERED: " << ev.problems.size() << " problem(s) in " << ev.checked << " row(s) checked (" << covered
                          << ")\n";
                for (const auto& p : ev.problems) std::cout << "  " << p.entity << " " << p.entityId << ": " << p.problem << "\n";
            }
            return rep.ok() && ev.ok() ? 0 : 1;
        }
        if (cmd == "backup") {
            if (!opts.count("out")) return usage();
            const auto& url = host->db().url();
            const int rc = url.kind == assay::DbKind::Sqlite ? backupSqlite(url.sqlitePath, opts["out"])
                                                            : backupMysql(url, opts["out"]);
            if (rc == 0) std::cout << "backup written to " << opts["out"] << "\n";
            return rc;
        }
        return usage();
    } catch (const assay::Error& e) {
        if (e.fieldErrors().size() != 1) std::cerr << "assayctl: " << e.publicMessage() << "\n";
        for (const auto& f : e.fieldErrors()) std::cerr << "  " << f.field << ": " << f.problem << "\n";
        if (!e.internalMessage().empty()) std::cerr << "  (" << e.internalMessage() << ")\n";
        return e.code() == assay::ErrorCode::InvalidArgument ? 2 : 3;
    } catch (const std::exception& e) {
        std::cerr << "assayctl: " << e.what() << "\n";
        return 3;
    }
}
