// ResultRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/ResultRepository.hpp"

#include <algorithm>
#include <map>

#include <limits>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::testing {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsertItem =
    "INSERT INTO tst_test_items (id, lab_id, order_item_id, order_code, sample_id, sample_code, product, product_category, "
    "parameter_id, method_id, specification_id, decision_rule, assignee_user_id, assignee_name, test_date, created_at_ms, "
    "updated_at_ms, version) VALUES (:id, :lab, :order_item, :order_code, :sample, :sample_code, :product, :category, "
    ":parameter, :method, :spec, :rule, NULL, NULL, NULL, :created, :created2, 1)";
constexpr const char* kUpdateItem =
    "UPDATE tst_test_items SET specification_id = :spec, assignee_user_id = :assignee, assignee_name = :assignee_name, "
    "test_date = :test_date, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertEntry =
    "INSERT INTO tst_entry_records (id, lab_id, test_item_id, typed, entered_by, entered_name, at_ms, sha256) "
    "VALUES (:id, :lab, :item, :typed, :by, :by_name, :at, :sha)";
constexpr const char* kInsertResult =
    "INSERT INTO tst_results (id, lab_id, test_item_id, attempt, status, value_text, value, below_lod, lod, reported, unit, "
    "limit_text, conformity, raw_kind, raw_ref, performer_user_id, performer_name, checker_user_id, checker_name, "
    "approver_user_id, approver_name, invalid_reason, retest_reason, created_at_ms, updated_at_ms, version, formula_id, "
    "formula_version, interim, uncertainty, mu_straddles, equipment_flag, nc_id) VALUES (:id, :lab, :item, :attempt, :status, "
    ":value_text, :value, "
    ":below_lod, :lod, :reported, "
    ":unit, :limit_text, :conformity, :raw_kind, :raw_ref, :performer, :performer_name, NULL, NULL, NULL, NULL, NULL, "
    ":retest_reason, :created, :created2, 1, :formula, :formula_version, :interim, :uncertainty, :straddles, :equipment_flag, :nc)";
constexpr const char* kUpdateResult =
    "UPDATE tst_results SET status = :status, value_text = :value_text, value = :value, below_lod = :below_lod, lod = :lod, "
    "reported = :reported, limit_text = :limit_text, conformity = :conformity, raw_ref = :raw_ref, "
    "checker_user_id = :checker, checker_name = :checker_name, approver_user_id = :approver, approver_name = :approver_name, "
    "invalid_reason = :invalid_reason, interim = :interim, uncertainty = :uncertainty, mu_straddles = :straddles, "
    "updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertVersion =
    "INSERT INTO tst_result_versions (result_id, version, lab_id, status, value_text, reported, conformity, raw_ref, "
    "changed_by, changed_name, changed_at_ms, reason) VALUES (:result, :version, :lab, :status, :value_text, :reported, "
    ":conformity, :raw_ref, :by, :by_name, :at, :reason)";

constexpr const char* kInsertFormula =
    "INSERT INTO tst_formulas (id, lab_id, parameter_id, method_id, version, expression, inputs, status, note, created_by, "
    "created_name, created_at_ms) VALUES (:id, :lab, :parameter, :method, :version, :expression, :inputs, 'current', :note, "
    ":by, :by_name, :at)";
constexpr const char* kSupersede =
    "UPDATE tst_formulas SET status = 'superseded' WHERE lab_id = :lab AND parameter_id = :parameter AND method_id = :method "
    "AND status = 'current'";

using columns::field;

const columns::ColumnMap<Formula> kFormulas{{
    {"id", field<&Formula::id>},
    {"lab_id", field<&Formula::labId>},
    {"parameter_id", field<&Formula::parameterId>},
    {"method_id", field<&Formula::methodId>},
    {"version", field<&Formula::version>},
    {"expression", field<&Formula::expression>},
    {"inputs", [](Formula& f, const columns::Cell& c) {
         const std::string inputs = c.str();
         for (std::size_t start = 0; start < inputs.size();) {
             const auto comma = inputs.find(',', start);
             f.inputs.push_back(inputs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
             if (comma == std::string::npos) break;
             start = comma + 1;
         }
     }},
    {"status", field<&Formula::status>},
    {"note", field<&Formula::note>},
    {"created_by", field<&Formula::createdBy>},
    {"created_name", field<&Formula::createdName>},
    {"created_at_ms", field<&Formula::createdAtMs>},
}};

const columns::ColumnMap<TestItem> kItems{{
    {"id", field<&TestItem::id>},
    {"lab_id", field<&TestItem::labId>},
    {"order_item_id", field<&TestItem::orderItemId>},
    {"order_code", field<&TestItem::orderCode>},
    {"sample_id", field<&TestItem::sampleId>},
    {"sample_code", field<&TestItem::sampleCode>},
    {"product", field<&TestItem::product>},
    {"product_category", field<&TestItem::productCategory>},
    {"parameter_id", field<&TestItem::parameterId>},
    {"method_id", field<&TestItem::methodId>},
    {"specification_id", field<&TestItem::specificationId>},
    {"decision_rule", field<&TestItem::decisionRule>},
    {"assignee_user_id", field<&TestItem::assigneeUserId>},
    {"assignee_name", field<&TestItem::assigneeName>},
    {"test_date", field<&TestItem::testDate>},
    {"created_at_ms", field<&TestItem::createdAtMs>},
    {"updated_at_ms", field<&TestItem::updatedAtMs>},
    {"version", field<&TestItem::version>},
    {"batch_id", field<&TestItem::batchId>},
}};

const columns::ColumnMap<Result> kResults{{
    {"id", field<&Result::id>},
    {"lab_id", field<&Result::labId>},
    {"test_item_id", field<&Result::testItemId>},
    {"attempt", field<&Result::attempt>},
    {"status", field<&Result::status>},
    {"value_text", field<&Result::valueText>},
    {"value", field<&Result::value>},
    {"below_lod", field<&Result::belowLod>},
    {"lod", field<&Result::lod>},
    {"reported", field<&Result::reported>},
    {"unit", field<&Result::unit>},
    {"limit_text", field<&Result::limitText>},
    {"conformity", field<&Result::conformity>},
    {"raw_kind", field<&Result::rawKind>},
    {"raw_ref", field<&Result::rawRef>},
    {"performer_user_id", field<&Result::performerUserId>},
    {"performer_name", field<&Result::performerName>},
    {"checker_user_id", field<&Result::checkerUserId>},
    {"checker_name", field<&Result::checkerName>},
    {"approver_user_id", field<&Result::approverUserId>},
    {"approver_name", field<&Result::approverName>},
    {"invalid_reason", field<&Result::invalidReason>},
    {"retest_reason", field<&Result::retestReason>},
    {"created_at_ms", field<&Result::createdAtMs>},
    {"updated_at_ms", field<&Result::updatedAtMs>},
    {"version", field<&Result::version>},
    {"formula_id", field<&Result::formulaId>},
    {"formula_version", field<&Result::formulaVersion>},
    {"interim", field<&Result::interim>},
    {"uncertainty", field<&Result::uncertainty>},
    {"mu_straddles", field<&Result::muStraddles>},
    {"equipment_flag", field<&Result::equipmentFlag>},
    {"nc_id", field<&Result::ncId>},
}};

const columns::ColumnMap<ResultVersion> kVersions{{
    {"version", field<&ResultVersion::version>},
    {"status", field<&ResultVersion::status>},
    {"value_text", field<&ResultVersion::valueText>},
    {"reported", field<&ResultVersion::reported>},
    {"conformity", field<&ResultVersion::conformity>},
    {"raw_ref", field<&ResultVersion::rawRef>},
    {"changed_by", field<&ResultVersion::changedBy>},
    {"changed_name", field<&ResultVersion::changedName>},
    {"changed_at_ms", field<&ResultVersion::changedAtMs>},
    {"reason", field<&ResultVersion::reason>},
}};

const columns::ColumnMap<EntryRecord> kEntries{{
    {"id", field<&EntryRecord::id>},
    {"test_item_id", field<&EntryRecord::testItemId>},
    {"typed", field<&EntryRecord::typed>},
    {"entered_by", field<&EntryRecord::enteredBy>},
    {"entered_name", field<&EntryRecord::enteredName>},
    {"at_ms", field<&EntryRecord::atMs>},
    {"sha256", field<&EntryRecord::sha256>},
}};
}  // namespace

bool ResultRepository::insertItem(Tx& tx, const TestItem& i) {
    if (itemForOrderItem(tx, i.labId, i.orderItemId)) return false;
    long long id = i.id, lab = i.labId, orderItem = i.orderItemId, sample = i.sampleId, parameter = i.parameterId,
              method = i.methodId, spec = i.specificationId.value_or(0), created = i.createdAtMs;
    soci::indicator specInd = i.specificationId ? soci::i_ok : soci::i_null;
    Opt rule(i.decisionRule);
    tx.sql() << kInsertItem, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(orderItem, "order_item"),
        soci::use(i.orderCode, "order_code"), soci::use(sample, "sample"), soci::use(i.sampleCode, "sample_code"),
        soci::use(i.product, "product"), soci::use(i.productCategory, "category"), soci::use(parameter, "parameter"),
        soci::use(method, "method"), soci::use(spec, specInd, "spec"), soci::use(rule.value, rule.ind, "rule"),
        soci::use(created, "created"), soci::use(created, "created2");
    return true;
}

std::optional<TestItem> ResultRepository::findItem(Tx& tx, std::int64_t labId, std::int64_t id) {
    return kItems.firstOf(tx.sql(), "FROM tst_test_items WHERE lab_id = :lab AND id = :key", labId, id);
}

std::optional<TestItem> ResultRepository::itemForOrderItem(Tx& tx, std::int64_t labId, std::int64_t orderItemId) {
    return kItems.firstOf(tx.sql(), "FROM tst_test_items WHERE lab_id = :lab AND order_item_id = :key", labId, orderItemId);
}

std::vector<TestItem> ResultRepository::items(Tx& tx, std::int64_t labId, std::int64_t assignee, std::int64_t beforeId, int limit) {
    std::vector<TestItem> out;
    long long lab = labId, who = assignee, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    const std::string where = assignee > 0   ? "WHERE lab_id = :lab AND assignee_user_id = :who AND id < :before "
                              : assignee < 0 ? "WHERE lab_id = :lab AND assignee_user_id IS NULL AND :who < 0 AND id < :before "
                                             : "WHERE lab_id = :lab AND :who = 0 AND id < :before ";
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kItems.select("FROM tst_test_items " + where + "ORDER BY id DESC LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(who, "who"), soci::use(before, "before"), soci::use(limit, "lim"));
    out = kItems.all(rs);
    return out;
}

std::vector<TestItem> ResultRepository::itemsOfSample(Tx& tx, std::int64_t labId, const std::string& sampleCode) {
    std::vector<TestItem> out;
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kItems.select("FROM tst_test_items WHERE lab_id = :lab AND sample_code = :code ORDER BY id"),
         soci::use(lab, "lab"), soci::use(sampleCode, "code"));
    out = kItems.all(rs);
    return out;
}

std::map<std::string, std::vector<TestItem>> ResultRepository::itemsOfSamples(Tx& tx, std::int64_t labId,
                                                                             const std::vector<std::string>& sampleCodes) {
    std::map<std::string, std::vector<TestItem>> out;
    constexpr std::size_t kChunk = 200;  // well under SQLite's and MariaDB's bind limits
    long long lab = labId;
    for (std::size_t at = 0; at < sampleCodes.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, sampleCodes.size() - at);
        std::string sql = kItems.select("FROM tst_test_items WHERE lab_id = :lab AND sample_code IN (");
        for (std::size_t k = 0; k < n; ++k) sql += (k ? ", :c" : ":c") + std::to_string(k);
        sql += ") ORDER BY id";
        auto prep = (tx.sql().prepare << sql, soci::use(lab, "lab"));
        for (std::size_t k = 0; k < n; ++k) prep, soci::use(sampleCodes[at + k], "c" + std::to_string(k));
        soci::rowset<soci::row> rs(prep);
        for (auto& item : kItems.all(rs)) out[item.sampleCode].push_back(std::move(item));
    }
    return out;
}

bool ResultRepository::updateItem(Tx& tx, const TestItem& i, int expectedVersion) {
    long long lab = i.labId, id = i.id, spec = i.specificationId.value_or(0), assignee = i.assigneeUserId.value_or(0),
              updated = i.updatedAtMs;
    int expected = expectedVersion;
    soci::indicator specInd = i.specificationId ? soci::i_ok : soci::i_null, aInd = i.assigneeUserId ? soci::i_ok : soci::i_null;
    Opt name(i.assigneeName), date(i.testDate);
    soci::statement st = (tx.sql().prepare << kUpdateItem, soci::use(spec, specInd, "spec"), soci::use(assignee, aInd, "assignee"),
                          soci::use(name.value, name.ind, "assignee_name"), soci::use(date.value, date.ind, "test_date"),
                          soci::use(updated, "updated"), soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void ResultRepository::insertEntry(Tx& tx, std::int64_t labId, const EntryRecord& e) {
    long long id = e.id, lab = labId, item = e.testItemId, by = e.enteredBy, at = e.atMs;
    tx.sql() << kInsertEntry, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(item, "item"), soci::use(e.typed, "typed"),
        soci::use(by, "by"), soci::use(e.enteredName, "by_name"), soci::use(at, "at"), soci::use(e.sha256, "sha");
}

std::optional<EntryRecord> ResultRepository::findEntry(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kEntries.select("FROM tst_entry_records WHERE lab_id = :lab AND id = :id"),
                                  soci::use(lab, "lab"), soci::use(key, "id"));
    return kEntries.first(rs);
}

void ResultRepository::insertResult(Tx& tx, const Result& r) {
    long long id = r.id, lab = r.labId, item = r.testItemId, raw = r.rawRef, performer = r.performerUserId, created = r.createdAtMs;
    int attempt = r.attempt, below = r.belowLod, formulaVersion = r.formulaVersion.value_or(0);
    long long formula = r.formulaId.value_or(0);
    soci::indicator fInd = r.formulaId ? soci::i_ok : soci::i_null, fvInd = r.formulaVersion ? soci::i_ok : soci::i_null;
    Opt value(r.value), lod(r.lod), limitText(r.limitText), conformity(r.conformity), retest(r.retestReason), interim(r.interim),
        uncertainty(r.uncertainty), flag(r.equipmentFlag);
    int straddles = r.muStraddles;
    long long nc = r.ncId.value_or(0);
    soci::indicator ncInd = r.ncId ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertResult, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(item, "item"), soci::use(attempt, "attempt"),
        soci::use(r.status, "status"), soci::use(r.valueText, "value_text"), soci::use(value.value, value.ind, "value"),
        soci::use(below, "below_lod"), soci::use(lod.value, lod.ind, "lod"), soci::use(r.reported, "reported"),
        soci::use(r.unit, "unit"), soci::use(limitText.value, limitText.ind, "limit_text"),
        soci::use(conformity.value, conformity.ind, "conformity"), soci::use(r.rawKind, "raw_kind"), soci::use(raw, "raw_ref"),
        soci::use(performer, "performer"), soci::use(r.performerName, "performer_name"),
        soci::use(retest.value, retest.ind, "retest_reason"), soci::use(created, "created"), soci::use(created, "created2"),
        soci::use(formula, fInd, "formula"), soci::use(formulaVersion, fvInd, "formula_version"),
        soci::use(interim.value, interim.ind, "interim"), soci::use(uncertainty.value, uncertainty.ind, "uncertainty"),
        soci::use(straddles, "straddles"), soci::use(flag.value, flag.ind, "equipment_flag"),
        soci::use(nc, ncInd, "nc");
}

std::optional<Result> ResultRepository::findResult(Tx& tx, std::int64_t labId, std::int64_t id) {
    return kResults.firstOf(tx.sql(), "FROM tst_results WHERE lab_id = :lab AND id = :key", labId, id);
}

std::vector<Result> ResultRepository::resultsOf(Tx& tx, std::int64_t labId, std::int64_t testItemId) {
    return kResults.allOf(tx.sql(), "FROM tst_results WHERE lab_id = :lab AND test_item_id = :key "
                                                         "ORDER BY attempt", labId, testItemId);
}

std::vector<Result> ResultRepository::resultsInStatus(Tx& tx, std::int64_t labId, ResultStatus status, int limit) {
    std::vector<Result> out;
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kResults.select("FROM tst_results WHERE lab_id = :lab AND status = :status ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(status, "status"), soci::use(limit, "lim"));
    out = kResults.all(rs);
    return out;
}

bool ResultRepository::updateResult(Tx& tx, const Result& r, int expectedVersion) {
    long long lab = r.labId, id = r.id, raw = r.rawRef, checker = r.checkerUserId.value_or(0), approver = r.approverUserId.value_or(0),
              updated = r.updatedAtMs;
    int expected = expectedVersion, below = r.belowLod;
    soci::indicator cInd = r.checkerUserId ? soci::i_ok : soci::i_null, aInd = r.approverUserId ? soci::i_ok : soci::i_null;
    Opt value(r.value), lod(r.lod), limitText(r.limitText), conformity(r.conformity), checkerName(r.checkerName),
        approverName(r.approverName), invalid(r.invalidReason), interim(r.interim), uncertainty(r.uncertainty);
    int straddles = r.muStraddles;
    soci::statement st =
        (tx.sql().prepare << kUpdateResult, soci::use(r.status, "status"), soci::use(r.valueText, "value_text"),
         soci::use(value.value, value.ind, "value"), soci::use(below, "below_lod"), soci::use(lod.value, lod.ind, "lod"),
         soci::use(r.reported, "reported"), soci::use(limitText.value, limitText.ind, "limit_text"),
         soci::use(conformity.value, conformity.ind, "conformity"), soci::use(raw, "raw_ref"), soci::use(checker, cInd, "checker"),
         soci::use(checkerName.value, checkerName.ind, "checker_name"), soci::use(approver, aInd, "approver"),
         soci::use(approverName.value, approverName.ind, "approver_name"), soci::use(invalid.value, invalid.ind, "invalid_reason"),
         soci::use(interim.value, interim.ind, "interim"), soci::use(uncertainty.value, uncertainty.ind, "uncertainty"),
         soci::use(straddles, "straddles"), soci::use(updated, "updated"), soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void ResultRepository::insertVersion(Tx& tx, const Result& r, std::int64_t by, const std::string& byName,
                                     const std::optional<std::string>& reason) {
    long long result = r.id, lab = r.labId, raw = r.rawRef, who = by, at = r.updatedAtMs;
    int version = r.version;
    Opt conformity(r.conformity), why(reason);
    tx.sql() << kInsertVersion, soci::use(result, "result"), soci::use(version, "version"), soci::use(lab, "lab"),
        soci::use(r.status, "status"), soci::use(r.valueText, "value_text"), soci::use(r.reported, "reported"),
        soci::use(conformity.value, conformity.ind, "conformity"), soci::use(raw, "raw_ref"), soci::use(who, "by"),
        soci::use(byName, "by_name"), soci::use(at, "at"), soci::use(why.value, why.ind, "reason");
}

std::vector<ResultVersion> ResultRepository::versions(Tx& tx, std::int64_t labId, std::int64_t resultId) {
    return kVersions.allOf(tx.sql(), "FROM tst_result_versions WHERE lab_id = :lab AND result_id = :key "
                                              "ORDER BY version", labId, resultId);
}

namespace {
std::vector<std::pair<std::int64_t, std::int64_t>> keysOf(Tx& tx, const std::string& sql) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << sql);
    for (const auto& r : rs) out.emplace_back(rows::i64(r, 0), rows::i64(r, 1));
    return out;
}
}  // namespace

std::vector<std::pair<std::int64_t, std::int64_t>> ResultRepository::resultKeys(Tx& tx) {
    return keysOf(tx, "SELECT lab_id, id FROM tst_results ORDER BY id");
}

std::vector<std::pair<std::int64_t, std::int64_t>> ResultRepository::entryKeys(Tx& tx) {
    return keysOf(tx, "SELECT lab_id, id FROM tst_entry_records ORDER BY id");
}

void ResultRepository::insertFormula(Tx& tx, const Formula& f) {
    long long id = f.id, lab = f.labId, parameter = f.parameterId, method = f.methodId, by = f.createdBy, at = f.createdAtMs;
    int version = f.version;
    std::string inputs;
    for (const auto& i : f.inputs) inputs += (inputs.empty() ? "" : ",") + i;
    Opt note(f.note);
    tx.sql() << kSupersede, soci::use(lab, "lab"), soci::use(parameter, "parameter"), soci::use(method, "method");
    tx.sql() << kInsertFormula, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(parameter, "parameter"),
        soci::use(method, "method"), soci::use(version, "version"), soci::use(f.expression, "expression"),
        soci::use(inputs, "inputs"), soci::use(note.value, note.ind, "note"), soci::use(by, "by"),
        soci::use(f.createdName, "by_name"), soci::use(at, "at");
}

std::vector<Formula> ResultRepository::formulas(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId) {
    std::vector<Formula> out;
    long long lab = labId, parameter = parameterId, method = methodId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kFormulas.select("FROM tst_formulas WHERE lab_id = :lab AND parameter_id = :parameter "
                                              "AND method_id = :method ORDER BY version"),
         soci::use(lab, "lab"), soci::use(parameter, "parameter"), soci::use(method, "method"));
    out = kFormulas.all(rs);
    return out;
}

std::optional<Formula> ResultRepository::findFormula(Tx& tx, std::int64_t labId, std::int64_t id) {
    return kFormulas.firstOf(tx.sql(), "FROM tst_formulas WHERE lab_id = :lab AND id = :key", labId, id);
}

}  // namespace assay::testing
