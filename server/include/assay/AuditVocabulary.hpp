// AuditVocabulary: the entity types and actions that the audit trail records, with their names.
//
// Purpose: an assessor filters the trail by entity type and action (GET /api/audit), picks them
// from lists in the UI (GET /api/audit/vocabulary) and reads them in Chinese in the Excel export.
// This is the one list of the codes the built-in modules pass to AuditLog::record; a filter naming
// a code outside it is refused (400) rather than silently matching nothing.
// tests/unit/AuditVocabularyTest.cpp fails when a module records a literal entity type or action
// that is missing here, or when the UI's strings (server/web/i18n) lack one.
// Thread-safety: immutable data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

struct AuditTerm {
    std::string_view code;  // as recorded: "result", "update", "add item"
    std::string_view zh;    // its Chinese name: "检测结果", "修改"
};

// Sorted by code.
const std::vector<AuditTerm>& auditEntityTypes();
const std::vector<AuditTerm>& auditActions();

// The Chinese name of a code; empty when the code is not in the list.
std::optional<std::string> auditEntityTypeName(std::string_view code);
std::optional<std::string> auditActionName(std::string_view code);

}  // namespace assay
