// Db: URL parsing, pool set-up, transaction boundaries and retry classification.
#include "assay/Db.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <vector>
#include <random>

#include <soci/sqlite3/soci-sqlite3.h>
#ifdef ASSAY_WITH_MYSQL
#include <soci/mysql/soci-mysql.h>
#endif

#include "assay/Log.hpp"

namespace assay {

namespace {
std::string percentDecode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}
// SOCI connect-string values: quote when they hold spaces or quotes.
std::string quoted(const std::string& v) {
    if (v.find_first_of(" '\"\\") == std::string::npos && !v.empty()) return v;
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}
}  // namespace

DbUrl DbUrl::parse(const std::string& url) {
    DbUrl u;
    if (url.rfind("sqlite:", 0) == 0) {
        u.kind = DbKind::Sqlite;
        u.sqlitePath = url.substr(7);
        if (u.sqlitePath.rfind("//", 0) == 0) u.sqlitePath = u.sqlitePath.substr(2);
        if (u.sqlitePath.empty()) throw Error::invalidField("db.url", "sqlite URL needs a path: sqlite:var/assay.db");
        return u;
    }
    if (url.rfind("mysql://", 0) == 0 || url.rfind("mariadb://", 0) == 0) {
        u.kind = DbKind::Mysql;
        std::string rest = url.substr(url.find("://") + 3);
        const auto at = rest.rfind('@');
        if (at == std::string::npos)
            throw Error::invalidField("db.url", "mysql URL needs user@host: mysql://user:pass@127.0.0.1:3306/assay");
        const std::string cred = rest.substr(0, at);
        std::string hostPart = rest.substr(at + 1);
        const auto colon = cred.find(':');
        u.user = percentDecode(cred.substr(0, colon));
        if (colon != std::string::npos) u.password = percentDecode(cred.substr(colon + 1));
        const auto slash = hostPart.find('/');
        if (slash == std::string::npos || slash + 1 == hostPart.size())
            throw Error::invalidField("db.url", "mysql URL needs a database name after the host: .../assay");
        u.database = hostPart.substr(slash + 1);
        hostPart = hostPart.substr(0, slash);
        const auto pc = hostPart.rfind(':');
        u.host = hostPart.substr(0, pc);
        if (pc != std::string::npos) {
            try {
                u.port = std::stoi(hostPart.substr(pc + 1));
            } catch (const std::exception&) {
                throw Error::invalidField("db.url", "port is not a number");
            }
            if (u.port <= 0 || u.port > 65535) throw Error::invalidField("db.url", "port out of range");
        }
        if (u.user.empty() || u.host.empty()) throw Error::invalidField("db.url", "mysql URL needs a user and a host");
        return u;
    }
    throw Error::invalidField("db.url", "must start with sqlite: or mysql:// (got '" + url.substr(0, 12) + "...')");
}

std::string DbUrl::redacted() const {
    if (kind == DbKind::Sqlite) return "sqlite:" + sqlitePath;
    return "mysql://" + user + ":***@" + host + ":" + std::to_string(port) + "/" + database;
}


Db::Db(const DbUrl& url, DbOptions options) : url_(url), options_(std::move(options)) {
#ifndef ASSAY_WITH_MYSQL
    if (url_.kind == DbKind::Mysql) throw Error::invalidField("db.url", "this build has no MariaDB/MySQL backend");
#endif
    // Every session of ":memory:" would be a separate empty database: use exactly one.
    if (url_.kind == DbKind::Sqlite && url_.sqlitePath == ":memory:") options_.poolSize = 1;
    pool_ = std::make_unique<soci::connection_pool>(options_.poolSize);
    for (std::size_t i = 0; i < options_.poolSize; ++i) {
        soci::session& s = pool_->at(i);
        try {
            if (url_.kind == DbKind::Sqlite) {
                const int timeoutS = std::max(1, options_.busyTimeoutMs / 1000);
                s.open(soci::sqlite3, "db=" + quoted(url_.sqlitePath) + " timeout=" + std::to_string(timeoutS));
            } else {
#ifdef ASSAY_WITH_MYSQL
                s.open(soci::mysql, "db=" + quoted(url_.database) + " user=" + quoted(url_.user) +
                                        " password=" + quoted(url_.password) + " host=" + quoted(url_.host) +
                                        " port=" + std::to_string(url_.port) + " charset=utf8mb4" +
                                        // An unreachable host must give a quick 503, not a hang of minutes.
                                        " connect_timeout=5 read_timeout=120 write_timeout=120");
#endif
            }
            configure(s);
        } catch (const assay::Error&) {
            throw;
        } catch (const std::exception& e) {
            throw Error(ErrorCode::Unavailable, "cannot open the database " + url_.redacted(), e.what());
        }
    }
}

Db::~Db() = default;

void Db::configure(soci::session& s) {
    if (url_.kind == DbKind::Sqlite) {
        s << "PRAGMA busy_timeout = " + std::to_string(options_.busyTimeoutMs);
        std::string mode;
        s << "PRAGMA journal_mode = WAL", soci::into(mode);
        s << "PRAGMA foreign_keys = ON";
        const std::string sync = options_.sqliteSynchronous == "NORMAL" ? "NORMAL" : "FULL";
        s << "PRAGMA synchronous = " + sync;
    } else {
        s << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
             "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
        s << "SET SESSION time_zone = '+00:00'";
        s << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
        s << "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci";
    }
}

namespace {
// The sessions this thread holds, one entry per Db, with where each was taken.
struct Held {
    const Db* db;
    std::source_location at;
};
thread_local std::vector<Held> heldSessions;
std::atomic<Db::SecondLease> secondLeasePolicy{
#ifdef NDEBUG
    Db::SecondLease::Throw
#else
    Db::SecondLease::Abort
#endif
};
std::string where(const std::source_location& at) {
    return std::string(at.file_name()) + ":" + std::to_string(at.line());
}
}  // namespace

void Db::setSecondLeasePolicy(SecondLease policy) { secondLeasePolicy.store(policy); }

bool Db::heldByThisThread() const {
    for (const auto& h : heldSessions)
        if (h.db == this) return true;
    return false;
}

std::size_t Db::lease(const std::source_location& at) {
    for (const auto& h : heldSessions) {
        if (h.db != this) continue;
        const std::string msg = "a second database session was asked for at " + where(at) +
                                " while this thread holds one taken at " + where(h.at) +
                                ": a use case runs in one transaction (pass the caller's Tx&)";
        if (secondLeasePolicy.load() == SecondLease::Abort) {
            std::fprintf(stderr, "assay: %s\n", msg.c_str());
            std::fflush(stderr);
            std::abort();
        }
        throw Error::internal(msg);
    }
    std::size_t pos = 0;
    if (!pool_->try_lease(pos, options_.busyTimeoutMs))
        throw Error::unavailable("no database session free within " + std::to_string(options_.busyTimeoutMs) + " ms");
    in_use_.fetch_add(1);
    heldSessions.push_back({this, at});
    return pos;
}

void Db::giveBack(std::size_t pos) {
    for (auto it = heldSessions.rbegin(); it != heldSessions.rend(); ++it) {
        if (it->db == this) {
            heldSessions.erase(std::next(it).base());
            break;
        }
    }
    in_use_.fetch_sub(1);
    pool_->give_back(pos);
}

void Db::begin(soci::session& s, bool write) {
    if (url_.kind == DbKind::Sqlite) {
        s << (write ? "BEGIN IMMEDIATE" : "BEGIN");
    } else {
        s << (write ? "START TRANSACTION" : "START TRANSACTION READ ONLY");
    }
}

void Db::commit(soci::session& s) { s << "COMMIT"; }

void Db::rollback(soci::session& s) noexcept {
    try {
        s << "ROLLBACK";
    } catch (const std::exception& e) {
        Log::warn("db.rollback_failed", {{"error", e.what()}});
    }
}

Db::Joined*& Db::joined() {
    thread_local Joined* current = nullptr;
    return current;
}

Db::Pinned& Db::pinned() {
    thread_local Pinned current;
    return current;
}

bool Db::inUnitOfWork() const {
    const Joined* j = joined();
    return j != nullptr && j->db == this;
}

void Db::rollbackTo(soci::session& s, const std::string& savepoint) noexcept {
    try {
        s << "ROLLBACK TO SAVEPOINT " + savepoint;
        s << "RELEASE SAVEPOINT " + savepoint;
    } catch (const std::exception& e) {
        Log::warn("db.rollback_to_savepoint_failed", {{"error", withoutBoundValues(e.what())}});
    }
}

void Db::closeQuietly(soci::session& s) noexcept {
    try {
        s.close();
    } catch (...) {
    }
}

void Db::ensureConnected(soci::session& s) {
    if (s.get_backend() != nullptr) return;
    // A reconnect attempted while the server was down left this session without a backend.
    try {
        s.reconnect();
        configure(s);
        Log::warn("db.reconnected", {{"db", url_.redacted()}});
    } catch (const std::exception& e) {
        closeQuietly(s);  // never leave a connected but unconfigured session in the pool
        throw Error::unavailable("the database cannot be reached: " + withoutBoundValues(e.what()));
    }
}

void Db::reconnect(soci::session& s) {
    try {
        s.reconnect();
        configure(s);
        Log::warn("db.reconnected", {{"db", url_.redacted()}});
    } catch (const std::exception& e) {
        closeQuietly(s);  // repaired (reconnected and configured) on its next lease
        Log::error("db.reconnect_failed", {{"error", withoutBoundValues(e.what())}});
    }
}

void Db::backoff(int attempt) {
    thread_local std::mt19937 rng{std::random_device{}()};
    const int capMs = std::min(200, 2 << std::min(attempt, 7));
    std::uniform_int_distribution<int> d(1, capMs);
    std::this_thread::sleep_for(std::chrono::milliseconds(d(rng)));
}

namespace {
// The primary SQLite result code of a SOCI SQLite error, or -1.
int sqliteCode(const std::exception& e) {
    if (const auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) return se->result() & 0xff;
    return -1;
}
#ifdef ASSAY_WITH_MYSQL
// The MariaDB/MySQL error number of a SOCI MySQL error, or 0.
unsigned mysqlCode(const std::exception& e) {
    if (const auto* me = dynamic_cast<const soci::mysql_soci_error*>(&e)) return me->err_num_;
    return 0;
}
#else
unsigned mysqlCode(const std::exception&) { return 0; }
#endif
// SOCI's own message, without the statement and bound values it appends.
std::string sociMessage(const std::exception& e) {
    if (const auto* se = dynamic_cast<const soci::soci_error*>(&e)) return se->get_error_message();
    return {};
}
}  // namespace

bool Db::isRetryable(const std::exception& e) {
    if (dynamic_cast<const UnitAborted*>(&e) != nullptr) return true;
    const unsigned my = mysqlCode(e);
    if (my == 1213 || my == 1205) return true;  // deadlock (also Galera's certification conflict), lock wait timeout
    const int lite = sqliteCode(e);
    if (lite == 5 || lite == 6) return true;  // SQLITE_BUSY, SQLITE_LOCKED
    if (my == 0 && lite == -1) {  // a SOCI error of no backend (e.g. raised while preparing)
        const std::string m = sociMessage(e);
        return m.find("database is locked") != std::string::npos || m.find("database table is locked") != std::string::npos;
    }
    return false;
}

bool Db::isLockWaitTimeout(const std::exception& e) { return mysqlCode(e) == 1205; }

bool Db::isDuplicateKey(const std::exception& e) {
    const unsigned my = mysqlCode(e);
    if (my == 1062 || my == 1586 || my == 1022) return true;
    if (sqliteCode(e) == 19) {  // SQLITE_CONSTRAINT: UNIQUE or PRIMARY KEY, not NOT NULL or a foreign key
        const std::string m = sociMessage(e);
        return m.find("UNIQUE constraint failed") != std::string::npos || m.find("PRIMARY KEY") != std::string::npos;
    }
    return false;
}

std::string Db::withoutBoundValues(const std::string& message) {
    const auto cut = message.find(" with :");
    return cut == std::string::npos ? message : message.substr(0, cut) + " (bound values omitted)";
}

// MariaDB/MySQL: 2002/2003 can't connect, 2006 gone away, 2013/2055 lost during a query, 1053
// shutdown in progress, 1927 connection killed, 1047 Galera node not ready, 4031 disconnected for
// inactivity; and SOCI's own "Session is not connected.", which a session keeps after a
// reconnect attempted while the server was down (SOCI 4.0 then leaves it without a backend).
bool Db::isConnectionLost(const std::exception& e) {
    switch (mysqlCode(e)) {
        case 2002: case 2003: case 2006: case 2013: case 2055: case 1053: case 1927: case 1047: case 4031:
            return true;
        default:
            break;
    }
    return sociMessage(e).rfind("Session is not connected", 0) == 0;
}

}  // namespace assay
