// PlatformStore: all SQL of the platform side (plat_labs, plat_lab_keys, the feed's bookkeeping,
// plat_standings, plat_catalogue and its search index, plat_inbox, plat_verifications).
//
// Purpose: every statement carries the lab (plat_labs.id) where it reads or writes a lab's rows.
// Nothing here opens a transaction or checks a rule. The search index differs by backend (FTS5
// virtual table on SQLite, a Mroonga table on MariaDB); the rest is portable SQL.
// Thread-safety: stateless; works on the caller's Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "domain/Platform.hpp"

namespace assay::platform {

class PlatformStore {
public:
    void insertEnrolment(Tx& tx, const Enrolment& e, const std::string& publicPem);
    std::optional<Enrolment> enrolment(Tx& tx, std::int64_t id);
    std::vector<Enrolment> enrolments(Tx& tx, const std::string& state, std::int64_t afterId, int limit);
    bool decide(Tx& tx, std::int64_t id, const std::string& state, std::int64_t by, std::int64_t atMs,
                const std::optional<std::string>& reason);
    // Takes the lab's row lock for the rest of the transaction (the feed of one lab applies in turn).
    void lockLab(Tx& tx, std::int64_t id);
    void setAppliedSeq(Tx& tx, std::int64_t id, std::int64_t seq);
    void setTurnaround(Tx& tx, std::int64_t id, std::optional<int> days);

    std::optional<std::string> labKey(Tx& tx, std::int64_t labRef, const std::string& keyId);
    void insertLabKey(Tx& tx, std::int64_t labRef, const std::string& keyId, const std::string& publicPem, std::int64_t atMs);

    std::optional<std::string> appliedHash(Tx& tx, std::int64_t labRef, std::int64_t seq);
    void insertApplied(Tx& tx, std::int64_t labRef, std::int64_t seq, const std::string& sha, const std::string& type, std::int64_t atMs);
    void hold(Tx& tx, std::int64_t labRef, std::int64_t seq, const std::string& envelope, std::int64_t atMs);
    std::optional<std::string> held(Tx& tx, std::int64_t labRef, std::int64_t seq);
    void dropHeld(Tx& tx, std::int64_t labRef, std::int64_t seq);
    void insertRefusal(Tx& tx, std::int64_t id, std::optional<std::int64_t> labRef, std::optional<std::int64_t> seq,
                       const std::string& reason, const std::string& detail, std::int64_t atMs);

    void replaceStandings(Tx& tx, std::int64_t labRef, const std::vector<Standing>& standings);
    std::vector<Standing> standings(Tx& tx, std::int64_t labRef);
    // Replaces the lab's catalogue rows (and their index entries) with rows (their ids set).
    void replaceCatalogue(Tx& tx, std::int64_t labRef, const std::vector<CatalogueEntry>& rows);
    // Rows of approved labs whose standing in the row's scheme is valid on today.
    std::vector<CatalogueEntry> search(Tx& tx, const CatalogueQuery& q, const std::string& today);
    // A row the public sees today (the search's rule), by lab and row key.
    std::optional<CatalogueEntry> visibleRow(Tx& tx, std::int64_t labRef, std::int64_t rowKey, const std::string& today);

    void upsertVerification(Tx& tx, const VerificationRecord& v, std::int64_t atMs);
    bool markSuperseded(Tx& tx, std::int64_t labRef, const std::string& number, const std::string& by, std::int64_t atMs);
    std::vector<VerificationRecord> verificationsBy(Tx& tx, const std::string& column, const std::string& value);

    std::int64_t appendInbox(Tx& tx, std::int64_t labRef, const std::string& type, const std::string& bodyJson, std::int64_t atMs);
    std::vector<InboxItem> inbox(Tx& tx, std::int64_t labRef, std::int64_t after, int limit);
    void ackInbox(Tx& tx, std::int64_t labRef, std::int64_t upTo);
};

}  // namespace assay::platform
