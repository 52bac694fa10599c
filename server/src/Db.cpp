// Db: URL parsing, pool set-up, transaction boundaries and retry classification.
#include "assay/Db.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
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
bool contains(const char* haystack, const char* needle) { return std::strstr(haystack, needle) != nullptr; }
bool containsNoCase(const std::string& haystack, const char* needle) {
    std::string h(haystack);
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return h.find(needle) != std::string::npos;
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
                                        " port=" + std::to_string(url_.port) + " charset=utf8mb4");
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

std::size_t Db::lease() {
    std::size_t pos = 0;
    if (!pool_->try_lease(pos, options_.busyTimeoutMs))
        throw Error::unavailable("no database session free within " + std::to_string(options_.busyTimeoutMs) + " ms");
    in_use_.fetch_add(1);
    return pos;
}

void Db::giveBack(std::size_t pos) {
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

void Db::ensureConnected(soci::session& s) {
    if (s.get_backend() != nullptr) return;
    // A reconnect attempted while the server was down left this session without a backend.
    try {
        s.reconnect();
        configure(s);
        Log::warn("db.reconnected", {{"db", url_.redacted()}});
    } catch (const std::exception& e) {
        throw Error::unavailable("the database cannot be reached: " + withoutBoundValues(e.what()));
    }
}

void Db::reconnect(soci::session& s) {
    try {
        s.reconnect();
        configure(s);
        Log::warn("db.reconnected", {{"db", url_.redacted()}});
    } catch (const std::exception& e) {
        Log::error("db.reconnect_failed", {{"error", e.what()}});
    }
}

void Db::backoff(int attempt) {
    thread_local std::mt19937 rng{std::random_device{}()};
    const int capMs = std::min(200, 2 << std::min(attempt, 7));
    std::uniform_int_distribution<int> d(1, capMs);
    std::this_thread::sleep_for(std::chrono::milliseconds(d(rng)));
}

bool Db::isRetryable(const std::exception& e) {
    const char* m = e.what();
    return contains(m, "database is locked") || contains(m, "database is busy") ||
           contains(m, "database table is locked") || contains(m, "Deadlock found") ||
           contains(m, "Lock wait timeout") || contains(m, "try restarting transaction") ||
           contains(m, "WSREP detected deadlock");
}

bool Db::isDuplicateKey(const std::exception& e) {
    const char* m = e.what();
    return contains(m, "UNIQUE constraint failed") || contains(m, "Duplicate entry");
}

std::string Db::withoutBoundValues(const std::string& message) {
    const auto cut = message.find(" with :");
    return cut == std::string::npos ? message : message.substr(0, cut) + " (bound values omitted)";
}

bool Db::isConnectionLost(const std::exception& e) { return isConnectionLost(std::string(e.what())); }

// MariaDB/MySQL client and server texts for a connection that is gone or a server that cannot
// serve (2002/2003 can't connect, 2006 gone away, 2013 lost during query, 1053 shutdown in
// progress, 1927 connection killed, Galera's 1047 node not ready) and SOCI's own "Session is
// not connected." for a session whose reconnect failed. Matched without case: the wording's
// case differs between client library versions ("MySQL server has gone away", "Server has gone
// away").
bool Db::isConnectionLost(const std::string& message) {
    static const char* const kLost[] = {"has gone away", "lost connection", "can't connect", "session is not connected",
                                        "server shutdown in progress", "connection was killed", "connection refused",
                                        "broken pipe", "not yet prepared node", "connection reset by peer"};
    for (const char* k : kLost)
        if (containsNoCase(message, k)) return true;
    return false;
}

}  // namespace assay
