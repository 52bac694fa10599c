// The audit trail's column map (assay/Columns.hpp), shared by AuditLog and AuditQuery: one
// SELECT list and one reader of audit_events rows. Internal to the host.
#pragma once

#include "assay/Audit.hpp"
#include "assay/Columns.hpp"

namespace assay {

const columns::ColumnMap<AuditRecord>& auditColumns();

}  // namespace assay
