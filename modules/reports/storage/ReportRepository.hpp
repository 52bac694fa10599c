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
    // Optimistic: false when the version moved.
    bool update(Tx& tx, const Report& r, int expectedVersion);
};

}  // namespace assay::reports
