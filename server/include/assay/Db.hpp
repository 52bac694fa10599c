// Db: the SOCI connection pool and the transaction retry loop.
//
// Purpose: one soci::session is leased per unit of work and returned when it ends. Every unit
// of work runs inside a transaction: Db::write() (SQLite: BEGIN IMMEDIATE, so writers never
// deadlock on a lock upgrade; MariaDB: START TRANSACTION) or Db::read(). The body is retried on
// SQLite BUSY/LOCKED, MariaDB deadlock (1213) or lock wait timeout (1205), and after a lost
// MariaDB connection (the session is reconnected; a session whose reconnect failed while the
// server was down is repaired on its next lease). While the database cannot be reached every
// unit of work fails with Error(Unavailable) (503 + Retry-After), never Error(Internal).
// The transaction is passed down explicitly as Tx&; storage code writes SQL with bound
// parameters only (soci::use), never by concatenating values.
// Joined units of work: Db::unitOfWork() opens a write transaction that the same thread's
// nested write()/read() calls join (each as a SAVEPOINT, rolled back alone when it throws)
// instead of leasing a session of their own, so everything a request does commits or rolls
// back as one (the dispatcher runs keyed POSTs so, with their Idempotency-Key outcome).
// Ownership: Db owns the pool; Tx borrows one session for the duration of the body.
// Thread-safety: Db is shared by all request threads; a Tx belongs to one thread.
// One session per thread: a use case holds exactly one transaction. A thread that already holds
// a session of this Db and asks for another (a write() inside a read() that is not a joined unit
// of work, or a withSession() inside either) is a bug that would split the use case in two and
// can starve the pool: debug builds abort naming both call sites, release builds throw
// Error(Internal). Methods one module publishes to another take the caller's Tx& instead.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>

#include <soci/soci.h>

#include "assay/Error.hpp"

namespace assay {

enum class DbKind { Sqlite, Mysql };

// A parsed ASSAY_DB_URL: "sqlite:var/assay.db", "sqlite::memory:" or
// "mysql://user:pass@127.0.0.1:3306/assay" (user and password percent-decoded).
struct DbUrl {
    DbKind kind = DbKind::Sqlite;
    std::string sqlitePath;  // Sqlite only
    std::string user, password, host, database;
    int port = 3306;

    // Throws Error(InvalidArgument, field "db.url") naming what is wrong.
    static DbUrl parse(const std::string& url);
    // The same URL with the password masked, for logs.
    std::string redacted() const;
    const char* kindName() const { return kind == DbKind::Sqlite ? "sqlite" : "mysql"; }
};

struct DbOptions {
    std::size_t poolSize = 8;
    int busyTimeoutMs = 5000;        // SQLite busy_timeout, and how long a lease may wait
    int maxAttempts = 8;             // transaction retries on deadlock / BUSY
    std::string sqliteSynchronous = "FULL";
};

class Tx {
public:
    Tx(soci::session& s, DbKind kind) : sql_(s), kind_(kind) {}
    soci::session& sql() { return sql_; }
    DbKind kind() const { return kind_; }
    bool isSqlite() const { return kind_ == DbKind::Sqlite; }

private:
    soci::session& sql_;
    DbKind kind_;
};

class Db {
public:
    // Opens poolSize sessions and configures each (WAL + foreign keys on SQLite; strict mode,
    // utf8mb4 and UTC on MariaDB). Throws Error(Unavailable) if the database cannot be reached.
    Db(const DbUrl& url, DbOptions options);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    DbKind kind() const { return url_.kind; }
    const DbUrl& url() const { return url_; }
    std::size_t poolSize() const { return options_.poolSize; }
    std::size_t inUse() const { return in_use_.load(); }
    std::uint64_t retries() const { return retries_.load(); }

    // Runs body(Tx&) in a write transaction with the retry loop; returns what body returns.
    // Errors: Error(Unavailable) when no session frees up within busyTimeoutMs or the retries run
    // out; Error(Internal) for other database errors; exceptions from body propagate.
    template <class F>
    auto write(F&& body, std::source_location at = std::source_location::current()) {
        return run(true, std::forward<F>(body), false, at);
    }
    // Same for a read-only unit of work.
    template <class F>
    auto read(F&& body, std::source_location at = std::source_location::current()) {
        return run(false, std::forward<F>(body), false, at);
    }
    // A write transaction that nested write()/read() calls on this thread join (as savepoints)
    // until it ends; retried as a whole on deadlock, BUSY or a lost connection.
    template <class F>
    auto unitOfWork(F&& body, std::source_location at = std::source_location::current()) {
        return run(true, std::forward<F>(body), true, at);
    }
    // True while this thread is inside a unitOfWork() of this Db.
    bool inUnitOfWork() const;

    // Leases a session for fn(soci::session&) outside any transaction (session-level locks such
    // as MariaDB's GET_LOCK). The write()/read() calls fn makes on this thread run their
    // transactions on that same session (so the lock covers them), never on a second one.
    // Errors: Error(Unavailable) when no session frees up.
    template <class F>
    void withSession(F&& fn, std::source_location at = std::source_location::current()) {
        const std::size_t pos = lease(at);
        try {
            ensureConnected(pool_->at(pos));
            PinScope pin(this, &pool_->at(pos));
            fn(pool_->at(pos));
        } catch (...) {
            giveBack(pos);
            throw;
        }
        giveBack(pos);
    }

    // What a second lease on one thread does (see the top of this file). Abort is the default of
    // debug builds, Throw of release builds; tests of the rule set Throw.
    enum class SecondLease { Abort, Throw };
    static void setSecondLeasePolicy(SecondLease policy);
    // True while this thread holds a session of this Db (inside write(), read(), withSession()).
    bool heldByThisThread() const;

    // Classification of a database error, by the backend's error number (MariaDB: 1213 deadlock,
    // 1205 lock wait timeout; 2002/2003/2006/2013/2055/1047/1053/1927/4031 connection gone;
    // 1062/1586/1022 duplicate key) or result code (SQLite: 5 BUSY, 6 LOCKED; 19 with a UNIQUE
    // message), never by text a user could have put into a bound value. Other exceptions are none
    // of these. isRetryable also holds for a unit of work aborted by an earlier such error.
    static bool isRetryable(const std::exception& e);
    static bool isConnectionLost(const std::exception& e);
    static bool isDuplicateKey(const std::exception& e);
    static bool isLockWaitTimeout(const std::exception& e);
    // Thrown into (and out of) a unit of work that a deadlock or a lost connection ended.
    struct UnitAborted : std::runtime_error {
        UnitAborted() : std::runtime_error("the transaction was ended by a deadlock or a lost connection") {}
    };
    // SOCI appends the bound values to its messages ("... with :password=..."): cut them off
    // before a message can reach a log.
    static std::string withoutBoundValues(const std::string& message);

private:
    std::size_t lease(const std::source_location& at);
    void giveBack(std::size_t pos);
    void begin(soci::session& s, bool write);
    void commit(soci::session& s);
    void rollback(soci::session& s) noexcept;
    void configure(soci::session& s);
    void reconnect(soci::session& s);
    void backoff(int attempt);
    // Makes sure a leased session has a live backend (a reconnect that failed while the server
    // was down leaves none). Throws Error(Unavailable) when it cannot.
    void ensureConnected(soci::session& s);
    static void closeQuietly(soci::session& s) noexcept;

    // The unit of work this thread is in (unitOfWork), if any: nested calls join it.
    struct Joined {
        const Db* db = nullptr;
        soci::session* session = nullptr;
        int savepoints = 0;
        // Set when a joined call met a deadlock or a lost connection: the server has ended the
        // whole transaction (InnoDB rolls back to the start, savepoints included), so nothing
        // more may run in it and the unit must not commit, whatever the code between made of
        // the error. The outermost run() retries the unit or gives 503.
        bool aborted = false;
    };
    static Joined*& joined();
    // The session withSession() holds on this thread, if any: write()/read() run on it.
    struct Pinned {
        const Db* db = nullptr;
        soci::session* session = nullptr;
    };
    static Pinned& pinned();
    struct PinScope {
        Pinned previous;
        PinScope(const Db* db, soci::session* s) : previous(pinned()) { pinned() = {db, s}; }
        ~PinScope() { pinned() = previous; }
    };
    struct JoinScope {
        Joined frame;
        Joined* previous;
        JoinScope(const Db* db, soci::session* s) : frame{db, s, 0, false}, previous(joined()) { joined() = &frame; }
        ~JoinScope() { joined() = previous; }
    };

    template <class F>
    auto runJoined(Joined& j, F&& body) {
        using R = std::invoke_result_t<F&, Tx&>;
        soci::session& s = *j.session;
        if (j.aborted) throw UnitAborted();
        const std::string sp = "assay_sp" + std::to_string(++j.savepoints);
        s << "SAVEPOINT " + sp;
        Tx tx(s, url_.kind);
        try {
            if constexpr (std::is_void_v<R>) {
                body(tx);
                s << "RELEASE SAVEPOINT " + sp;
                return;
            } else {
                R result = body(tx);
                s << "RELEASE SAVEPOINT " + sp;
                return result;
            }
        } catch (const assay::Error&) {
            rollbackTo(s, sp);
            throw;
        } catch (const std::exception& e) {
            // A deadlock or a lost connection ends the whole transaction: the outermost unit of
            // work retries it from the start.
            if (isRetryable(e) || isConnectionLost(e)) {
                j.aborted = true;
                throw;
            }
            rollbackTo(s, sp);
            const std::string msg = withoutBoundValues(e.what());
            if (isDuplicateKey(e))
                throw Error(ErrorCode::Conflict, "a record with the same unique value already exists", msg);
            throw Error::internal(msg);
        } catch (...) {
            rollbackTo(s, sp);
            throw;
        }
    }
    void rollbackTo(soci::session& s, const std::string& savepoint) noexcept;

    template <class F>
    auto run(bool write, F&& body, bool joinable, const std::source_location& at) {
        using R = std::invoke_result_t<F&, Tx&>;
        if (Joined* j = joined(); j != nullptr && j->db == this) return runJoined(*j, std::forward<F>(body));
        for (int attempt = 1;; ++attempt) {
            // Inside withSession() the thread's transactions run on its session, never a second one.
            soci::session* const pin = pinned().db == this ? pinned().session : nullptr;
            const std::size_t pos = pin ? 0 : lease(at);
            soci::session& s = pin ? *pin : pool_->at(pos);
            auto giveBack = [&](std::size_t p) {
                if (!pin) this->giveBack(p);
            };
            bool begun = false, committing = false;
            std::optional<JoinScope> scope;
            auto aborted = [&] { return scope.has_value() && scope->frame.aborted; };
            try {
                ensureConnected(s);
                begin(s, write);
                begun = true;
                Tx tx(s, url_.kind);
                if (joinable) scope.emplace(this, &s);
                if constexpr (std::is_void_v<R>) {
                    body(tx);
                    if (aborted()) throw UnitAborted();
                    committing = true;
                    commit(s);
                    giveBack(pos);
                    return;
                } else {
                    R result = body(tx);
                    if (aborted()) throw UnitAborted();
                    committing = true;
                    commit(s);
                    giveBack(pos);
                    return result;
                }
            } catch (const assay::Error& e) {
                // An error made of a deadlock or a lost connection inside a joined unit: the
                // transaction is gone; retry the unit rather than commit what is left of it.
                if (aborted()) {
                    if (begun) rollback(s);
                    giveBack(pos);
                    scope.reset();
                    if (attempt < options_.maxAttempts) {
                        retries_.fetch_add(1);
                        backoff(attempt);
                        continue;
                    }
                    throw Error::unavailable("the unit of work was aborted by the database: " + e.internalMessage());
                }
                if (begun) rollback(s);
                giveBack(pos);
                throw;
            } catch (const std::exception& e) {
                const bool lost = isConnectionLost(e);
                scope.reset();
                if (begun && !lost) rollback(s);
                if (lost) reconnect(s);
                giveBack(pos);
                const std::string msg = withoutBoundValues(e.what());
                // A connection lost while COMMIT was in flight: the server may have committed.
                // Re-running the body could apply it twice, so the outcome is reported unknown.
                if (lost && committing) throw Error::unavailable("connection lost during COMMIT: " + msg);
                if ((isRetryable(e) || lost) && attempt < options_.maxAttempts) {
                    retries_.fetch_add(1);
                    backoff(attempt);
                    continue;
                }
                if (isRetryable(e) || lost) throw Error::unavailable(msg);
                if (isDuplicateKey(e))
                    throw Error(ErrorCode::Conflict, "a record with the same unique value already exists", msg);
                throw Error::internal(msg);
            } catch (...) {
                if (begun) rollback(s);
                giveBack(pos);
                throw;
            }
        }
    }

    DbUrl url_;
    DbOptions options_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::atomic<std::size_t> in_use_{0};
    std::atomic<std::uint64_t> retries_{0};
};

}  // namespace assay
