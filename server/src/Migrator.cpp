// Migrator: file discovery, checksum guard, statement splitting, application.
#include "Migrator.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <Poco/DigestEngine.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/SHA2Engine.h>

#include "assay/Error.hpp"
#include "assay/Log.hpp"
#include "assay/Columns.hpp"

namespace assay {

namespace {
constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (module VARCHAR(64) NOT NULL, version INTEGER NOT NULL, "
    "name VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL, applied_at_ms BIGINT NOT NULL, "
    "PRIMARY KEY (module, version))";
// An applied migration as schema_migrations records it.
struct AppliedRow {
    std::string module;
    int version = 0;
    std::string name, checksum;
};
const columns::ColumnMap<AppliedRow> kApplied{{
    {"module", columns::field<&AppliedRow::module>},
    {"version", columns::field<&AppliedRow::version>},
    {"name", columns::field<&AppliedRow::name>},
    {"checksum", columns::field<&AppliedRow::checksum>},
}};
constexpr const char* kCountApplied =
    "SELECT COUNT(*) FROM schema_migrations WHERE module = :module AND version = :version";
constexpr const char* kInsertApplied =
    "INSERT INTO schema_migrations (module, version, name, checksum, applied_at_ms) "
    "VALUES (:module, :version, :name, :checksum, :at)";

Error migrationError(const std::string& msg) { return Error(ErrorCode::FailedPrecondition, msg); }

std::string sha256(const std::string& s) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(s);
    return Poco::DigestEngine::digestToHex(sha.digest());
}
}  // namespace

Migrator::Migrator(Db& db, std::string schemaDir, const Clock& clock)
    : db_(db), dir_(std::move(schemaDir)), clock_(clock) {}

std::vector<MigrationFile> Migrator::files(const std::string& module) const {
    std::vector<MigrationFile> out;
    Poco::Path dir(dir_);
    dir.makeDirectory();
    dir.pushDirectory(module);
    Poco::File d(dir);
    if (!d.exists()) return out;
    static const std::regex kName(R"(^(\d{4})_([a-z0-9_]+)\.(sqlite|mysql)\.sql$)");
    const std::string mine = db_.kind() == DbKind::Sqlite ? "sqlite" : "mysql";
    std::map<int, std::set<std::string>> backends;
    std::map<int, std::string> names;
    for (Poco::DirectoryIterator it(d), end; it != end; ++it) {
        const std::string fname = it.name();
        if (fname == "README.md") continue;
        std::smatch m;
        if (!std::regex_match(fname, m, kName))
            throw migrationError("malformed migration file name " + it->path() +
                                 " (expected NNNN_name.sqlite.sql / NNNN_name.mysql.sql)");
        const int version = std::stoi(m[1]);
        if (names.count(version) && names[version] != m[2].str())
            throw migrationError("two migrations numbered " + m[1].str() + " in " + d.path());
        names[version] = m[2];
        backends[version].insert(m[3]);
        if (m[3] != mine) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        MigrationFile f{module, version, m[2], it->path(), ss.str(), {}};
        f.checksum = sha256(f.sql);
        out.push_back(std::move(f));
    }
    for (const auto& [v, b] : backends) {
        if (b.size() != 2)
            throw migrationError("migration " + module + "/" + std::to_string(v) + "_" + names[v] +
                                 " exists for " + *b.begin() + " only; both .sqlite.sql and .mysql.sql are required");
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

std::vector<std::string> Migrator::splitStatements(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            cur += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {  // line comment
            while (i < s.size() && s[i] != '\n') ++i;
            cur += '\n';
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') quote = c;
        if (c == ';') {
            if (cur.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(cur);
            cur.clear();
            continue;
        }
        cur += c;
    }
    if (cur.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(cur);
    return out;
}

std::vector<std::string> Migrator::migrate(const std::vector<std::string>& modules) {
    if (db_.kind() == DbKind::Mysql && db_.poolSize() > 1) {
        // Several assayd nodes may start at once against one MariaDB: one migrates at a time,
        // holding a named lock on a session of its own; the others wait, then find nothing to do.
        std::vector<std::string> done;
        db_.withSession([&](soci::session& s) {
            int got = 0;
            s << "SELECT GET_LOCK('assay_migrate', 120)", soci::into(got);
            if (got != 1) throw migrationError("another node has been migrating for 120 s; try again");
            try {
                done = migrateLocked(modules);
            } catch (...) {
                s << "DO RELEASE_LOCK('assay_migrate')";
                throw;
            }
            s << "DO RELEASE_LOCK('assay_migrate')";
        });
        return done;
    }
    return migrateLocked(modules);
}

std::vector<std::string> Migrator::migrateLocked(const std::vector<std::string>& modules) {
    db_.write([&](Tx& tx) { tx.sql() << kCreateTable; });
    struct Applied { std::string name, checksum; };
    std::map<std::pair<std::string, int>, Applied> applied;
    db_.read([&](Tx& tx) {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kApplied.select("FROM schema_migrations"));
        for (auto& a : kApplied.all(rs)) applied[{a.module, a.version}] = {std::move(a.name), std::move(a.checksum)};
    });

    std::vector<std::string> done;
    for (const auto& module : modules) {
        const auto fs = files(module);
        std::set<int> present;
        for (const auto& f : fs) present.insert(f.version);
        for (const auto& [key, a] : applied) {
            if (key.first == module && !present.count(key.second))
                throw migrationError("migration " + module + "/" + std::to_string(key.second) + "_" + a.name +
                                     " was applied but its file is missing from " + dir_);
        }
        for (const auto& f : fs) {
            auto it = applied.find({module, f.version});
            if (it != applied.end()) {
                if (it->second.checksum != f.checksum)
                    throw migrationError("migration " + f.path + " was edited after it was applied (recorded sha256 " +
                                         it->second.checksum.substr(0, 12) + "..., file " + f.checksum.substr(0, 12) +
                                         "...); add a new migration instead");
                continue;
            }
            const auto statements = splitStatements(f.sql);
            try {
                db_.write([&](Tx& tx) {
                    // Another process may have applied it since we looked: check again under the lock.
                    int already = 0;
                    int v = f.version;
                    tx.sql() << kCountApplied, soci::use(f.module, "module"), soci::use(v, "version"), soci::into(already);
                    if (already > 0) return;
                    for (const auto& st : statements) tx.sql() << st;
                    long long at = toEpochMillis(clock_.now());
                    int version = f.version;
                    tx.sql() << kInsertApplied, soci::use(f.module, "module"), soci::use(version, "version"),
                        soci::use(f.name, "name"), soci::use(f.checksum, "checksum"), soci::use(at, "at");
                });
            } catch (const Error& e) {
                throw migrationError("migration " + f.path + " failed: " + e.internalMessage());
            }
            Log::info("migration.applied", {{"file", f.path}});
            done.push_back(module + "/" + f.name);
        }
    }
    return done;
}

}  // namespace assay
