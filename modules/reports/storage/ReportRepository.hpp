// ReportRepository: rep_reports with named queries, portable to SQLite and MariaDB.
// Thread-safety: stateless; use inside one transaction.
#pragma once

#include <optional>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Report.hpp"

namespace assay::reports {

class ReportRepository {
public:
    void insert(Tx& tx, const Report& r);
    std::optional<Report> find(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<Report> list(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit);
    // Optimistic: false when the version moved. Writes the issue fields too.
    bool update(Tx& tx, const Report& r, int expectedVersion);
    std::optional<Report> byVerifyCode(Tx& tx, const std::string& code);  // any lab (public verification)
    std::optional<Report> byPdfSha256(Tx& tx, const std::string& sha);    // any lab (an uploaded PDF)

    void insertKey(Tx& tx, const SigningKey& k);
    void retireKeys(Tx& tx, std::int64_t labId, std::int64_t userId);
    std::optional<SigningKey> activeKey(Tx& tx, std::int64_t labId, std::int64_t userId);
    std::optional<SigningKey> keyByFingerprint(Tx& tx, const std::string& fingerprint);
    std::vector<SigningKey> keys(Tx& tx, std::int64_t labId);
};

}  // namespace assay::reports
