// RegisterRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/RegisterRepository.hpp"

#include <algorithm>
#include <map>

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertStandard =
    "INSERT INTO acc_standards (id, lab_id, number, year, title, status, replaced_by, created_at_ms, updated_at_ms, "
    "version) VALUES (:id, :lab_id, :number, :year, :title, :status, :replaced_by, :created, :created, 1)";
constexpr const char* kStandardColumns =
    "SELECT id, lab_id, number, year, title, status, replaced_by, created_at_ms, updated_at_ms, version "
    "FROM acc_standards ";
constexpr const char* kUpdateStatus =
    "UPDATE acc_standards SET status = :status, replaced_by = :replaced_by, updated_at_ms = :updated, "
    "version = version + 1 WHERE lab_id = :lab_id AND id = :id AND version = :expected";

constexpr const char* kInsertMethod =
    "INSERT INTO acc_methods (id, lab_id, standard_id, clause, name, principle, kind, equipment_types, status, "
    "created_at_ms, updated_at_ms, version, below_lod_style) VALUES (:id, :lab_id, :standard_id, :clause, :name, :principle, "
    ":kind, :equipment, 'current', :created, :created, 1, :below_lod)";
constexpr const char* kMethodColumns =
    "SELECT id, lab_id, standard_id, clause, name, principle, kind, equipment_types, status, created_at_ms, "
    "updated_at_ms, version, below_lod_style FROM acc_methods ";
constexpr const char* kUpdateMethodStatus =
    "UPDATE acc_methods SET status = :status, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab_id AND id = :id AND version = :expected";
constexpr const char* kInsertRecord =
    "INSERT INTO acc_method_records (id, lab_id, method_id, kind, record_date, record_no, summary, created_by, "
    "created_at_ms) VALUES (:id, :lab_id, :method_id, :kind, :record_date, :record_no, :summary, :created_by, :created)";
constexpr const char* kRecordColumns =
    "SELECT id, lab_id, method_id, kind, record_date, record_no, summary, created_by, created_at_ms "
    "FROM acc_method_records WHERE lab_id = :lab AND method_id = :method ORDER BY record_date, id";
constexpr const char* kCountRecords =
    "SELECT COUNT(*) FROM acc_method_records WHERE lab_id = :lab AND method_id = :method AND record_date <= :d "
    "AND (kind = 'validation' OR :validation_only = 0)";

std::string joinList(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
    return out;
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto j = s.find(',', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

Method methodFromRow(const soci::row& r) {
    Method m;
    m.ref.id = rows::i64(r, 0);
    m.ref.labId = rows::i64(r, 1);
    m.ref.standard.id = rows::i64(r, 2);
    m.ref.clause = rows::optStr(r, 3);
    m.ref.name = rows::str(r, 4);
    m.principle = rows::optStr(r, 5);
    m.ref.kind = rows::str(r, 6);
    m.ref.equipmentTypes = splitList(rows::str(r, 7));
    m.ref.status = rows::str(r, 8);
    m.createdAtMs = rows::i64(r, 9);
    m.updatedAtMs = rows::i64(r, 10);
    m.version = static_cast<int>(rows::i64(r, 11));
    m.ref.belowLodStyle = rows::optStr(r, 12);
    return m;
}

MethodRecord recordFromRow(const soci::row& r) {
    MethodRecord x;
    x.id = rows::i64(r, 0);
    x.labId = rows::i64(r, 1);
    x.methodId = rows::i64(r, 2);
    x.kind = rows::str(r, 3);
    x.recordDate = rows::str(r, 4);
    x.recordNo = rows::str(r, 5);
    x.summary = rows::optStr(r, 6);
    x.createdBy = rows::i64(r, 7);
    x.createdAtMs = rows::i64(r, 8);
    return x;
}

constexpr const char* kInsertParameter =
    "INSERT INTO acc_parameters (id, lab_id, name_zh, name_en, unit, precision_kind, precision_digits, rounding_unit, "
    "lod, loq, mu_model, mu_value, mu_ranges, created_at_ms, version) VALUES (:id, :lab_id, :name_zh, :name_en, :unit, "
    ":precision_kind, :precision_digits, :rounding_unit, :lod, :loq, :mu_model, :mu_value, :mu_ranges, :created, 1)";
constexpr const char* kParameterColumns =
    "SELECT id, lab_id, name_zh, name_en, unit, precision_kind, precision_digits, lod, loq, mu_model, mu_value, "
    "mu_ranges, created_at_ms, version, rounding_unit FROM acc_parameters ";

std::optional<Decimal> optDecimal(const soci::row& r, std::size_t i) {
    auto s = rows::optStr(r, i);
    return s ? Decimal::parse(*s) : std::nullopt;
}

Parameter parameterFromRow(const soci::row& r) {
    Parameter p;
    p.id = rows::i64(r, 0);
    p.labId = rows::i64(r, 1);
    p.nameZh = rows::str(r, 2);
    p.nameEn = rows::optStr(r, 3);
    p.unit = rows::str(r, 4);
    p.precisionKind = rows::str(r, 5);
    p.precisionDigits = static_cast<int>(rows::i64(r, 6));
    p.lod = optDecimal(r, 7);
    p.loq = optDecimal(r, 8);
    p.muModel = rows::str(r, 9);
    p.muValue = optDecimal(r, 10);
    if (auto bands = rows::optStr(r, 11)) p.muBands = decodeMuBands(*bands).value_or(std::vector<MuBand>{});
    p.createdAtMs = rows::i64(r, 12);
    p.version = static_cast<int>(rows::i64(r, 13));
    p.roundingUnit = rows::str(r, 14);
    return p;
}

using OptText = rows::NullableText;

constexpr const char* kInsertSpec =
    "INSERT INTO acc_specifications (id, lab_id, name, version, standard_id, comparison_mode, decision_rule, status, "
    "created_at_ms) VALUES (:id, :lab_id, :name, :version, :standard_id, :mode, :rule, 'current', :created)";
constexpr const char* kInsertLimit =
    "INSERT INTO acc_spec_limits (id, lab_id, spec_id, position, parameter_id, product_category, min_op, min_value, "
    "max_op, max_value, clause) VALUES (:id, :lab_id, :spec_id, :position, :parameter_id, :category, :min_op, "
    ":min_value, :max_op, :max_value, :clause)";
constexpr const char* kSpecColumns =
    "SELECT id, lab_id, name, version, standard_id, comparison_mode, decision_rule, status, created_at_ms "
    "FROM acc_specifications ";
constexpr const char* kLimitColumns =
    "SELECT id, parameter_id, product_category, min_op, min_value, max_op, max_value, clause FROM acc_spec_limits "
    "WHERE lab_id = :lab AND spec_id = :spec ORDER BY position";
constexpr const char* kLatestSpec =
    "SELECT id, version FROM acc_specifications WHERE lab_id = :lab AND name = :name ORDER BY version DESC LIMIT 1";
constexpr const char* kSupersede =
    "UPDATE acc_specifications SET status = 'superseded' WHERE lab_id = :lab AND id = :id AND status = 'current'";

Specification specFromRow(const soci::row& r) {
    Specification s;
    s.id = rows::i64(r, 0);
    s.labId = rows::i64(r, 1);
    s.name = rows::str(r, 2);
    s.version = static_cast<int>(rows::i64(r, 3));
    s.standardId = rows::optI64(r, 4);
    s.comparisonMode = rows::str(r, 5);
    s.decisionRule = rows::str(r, 6);
    s.status = rows::str(r, 7);
    s.createdAtMs = rows::i64(r, 8);
    return s;
}

Standard fromRow(const soci::row& r) {
    Standard s;
    s.ref.id = rows::i64(r, 0);
    s.ref.labId = rows::i64(r, 1);
    s.ref.number = rows::str(r, 2);
    s.ref.year = static_cast<int>(rows::i64(r, 3));
    s.ref.title = rows::str(r, 4);
    s.ref.status = rows::str(r, 5);
    s.ref.replacedBy = rows::optI64(r, 6);
    s.createdAtMs = rows::i64(r, 7);
    s.updatedAtMs = rows::i64(r, 8);
    s.version = static_cast<int>(rows::i64(r, 9));
    return s;
}
}  // namespace

void RegisterRepository::insertStandard(Tx& tx, const Standard& s) {
    long long id = s.ref.id, lab = s.ref.labId, created = s.createdAtMs, replaced = s.ref.replacedBy.value_or(0);
    int year = s.ref.year;
    soci::indicator replacedInd = s.ref.replacedBy ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertStandard, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(s.ref.number, "number"),
        soci::use(year, "year"), soci::use(s.ref.title, "title"), soci::use(s.ref.status, "status"),
        soci::use(replaced, replacedInd, "replaced_by"), soci::use(created, "created");
}

std::optional<Standard> RegisterRepository::findStandard(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kStandardColumns) + "WHERE lab_id = :lab AND id = :id",
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

namespace {
std::vector<long long> distinctIds(const std::vector<std::int64_t>& ids) {
    std::vector<long long> keys(ids.begin(), ids.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}
}  // namespace

std::vector<Standard> RegisterRepository::findStandards(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::vector<Standard> out;
    long long lab = labId;
    rows::forEachIn(tx.sql(), std::string(kStandardColumns) + "WHERE lab_id = :lab AND id", distinctIds(ids), "ORDER BY id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); }, [&](const soci::row& r) { out.push_back(fromRow(r)); });
    return out;
}

std::vector<Method> RegisterRepository::findMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::vector<Method> out;
    long long lab = labId;
    rows::forEachIn(tx.sql(), std::string(kMethodColumns) + "WHERE lab_id = :lab AND id", distinctIds(ids), "ORDER BY id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); }, [&](const soci::row& r) { out.push_back(methodFromRow(r)); });
    withStandards(tx, labId, out);
    return out;
}

void RegisterRepository::withStandards(Tx& tx, std::int64_t labId, std::vector<Method>& methods) {
    std::vector<std::int64_t> standardIds;
    for (const auto& m : methods) standardIds.push_back(m.ref.standard.id);
    std::map<std::int64_t, StandardRef> standards;
    for (auto& s : findStandards(tx, labId, standardIds)) standards.emplace(s.ref.id, s.ref);
    for (auto& m : methods)
        if (auto it = standards.find(m.ref.standard.id); it != standards.end()) m.ref.standard = it->second;
}

std::vector<Parameter> RegisterRepository::findParameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::vector<Parameter> out;
    long long lab = labId;
    rows::forEachIn(tx.sql(), std::string(kParameterColumns) + "WHERE lab_id = :lab AND id", distinctIds(ids), "ORDER BY id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); }, [&](const soci::row& r) { out.push_back(parameterFromRow(r)); });
    return out;
}

std::vector<std::int64_t> RegisterRepository::standardsWithMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& standardIds) {
    std::vector<std::int64_t> out;
    long long lab = labId;
    rows::forEachIn(tx.sql(), "SELECT DISTINCT standard_id FROM acc_methods WHERE lab_id = :lab AND standard_id", distinctIds(standardIds),
                    "ORDER BY standard_id", [&](auto& prep) { prep, soci::use(lab, "lab"); },
                    [&](const soci::row& r) { out.push_back(rows::i64(r, 0)); });
    return out;
}

std::optional<Standard> RegisterRepository::findStandardByEdition(Tx& tx, std::int64_t labId, const std::string& number,
                                                                  int year) {
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kStandardColumns) + "WHERE lab_id = :lab AND number = :number AND year = :year",
         soci::use(lab, "lab"), soci::use(number, "number"), soci::use(year, "year"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::vector<Standard> RegisterRepository::listStandards(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit,
                                                        const std::optional<std::string>& status) {
    std::vector<Standard> out;
    long long lab = labId, after = afterId;
    const std::string st = status.value_or("");
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kStandardColumns) +
                                 "WHERE lab_id = :lab AND id > :after AND (:status = '' OR status = :status2) "
                                 "ORDER BY id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(st, "status"), soci::use(st, "status2"),
         soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(fromRow(r));
    return out;
}

bool RegisterRepository::updateStandardStatus(Tx& tx, const Standard& s, int expectedVersion) {
    long long lab = s.ref.labId, id = s.ref.id, updated = s.updatedAtMs, replaced = s.ref.replacedBy.value_or(0);
    soci::indicator replacedInd = s.ref.replacedBy ? soci::i_ok : soci::i_null;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kUpdateStatus, soci::use(s.ref.status, "status"),
                          soci::use(replaced, replacedInd, "replaced_by"), soci::use(updated, "updated"),
                          soci::use(lab, "lab_id"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void RegisterRepository::insertMethod(Tx& tx, const Method& m) {
    long long id = m.ref.id, lab = m.ref.labId, standard = m.ref.standard.id, created = m.createdAtMs;
    const std::string clause = m.ref.clause.value_or(""), principle = m.principle.value_or("");
    soci::indicator clauseInd = m.ref.clause ? soci::i_ok : soci::i_null;
    soci::indicator principleInd = m.principle ? soci::i_ok : soci::i_null;
    const std::string equipment = joinList(m.ref.equipmentTypes);
    const std::string belowLod = m.ref.belowLodStyle.value_or("");
    soci::indicator belowLodInd = m.ref.belowLodStyle ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertMethod, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(standard, "standard_id"),
        soci::use(clause, clauseInd, "clause"), soci::use(m.ref.name, "name"),
        soci::use(principle, principleInd, "principle"), soci::use(m.ref.kind, "kind"),
        soci::use(equipment, "equipment"), soci::use(created, "created"), soci::use(belowLod, belowLodInd, "below_lod");
}

std::optional<Method> RegisterRepository::findMethod(Tx& tx, std::int64_t labId, std::int64_t id) {
    std::optional<Method> m;
    long long lab = labId, v = id;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kMethodColumns) + "WHERE lab_id = :lab AND id = :id",
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        for (const auto& r : rs) m = methodFromRow(r);
    }
    if (m) {
        if (auto s = findStandard(tx, labId, m->ref.standard.id)) m->ref.standard = s->ref;
    }
    return m;
}

void RegisterRepository::lockMethod(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    tx.sql() << "UPDATE acc_methods SET updated_at_ms = updated_at_ms WHERE lab_id = :lab AND id = :id", soci::use(lab, "lab"),
        soci::use(v, "id");
}

std::vector<Method> RegisterRepository::findMethodsByName(Tx& tx, std::int64_t labId, const std::string& name) {
    std::vector<Method> out;
    long long lab = labId;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kMethodColumns) + "WHERE lab_id = :lab AND name = :name ORDER BY id",
                                      soci::use(lab, "lab"), soci::use(name, "name"));
        for (const auto& r : rs) out.push_back(methodFromRow(r));
    }
    withStandards(tx, labId, out);
    return out;
}

std::vector<Method> RegisterRepository::listMethods(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Method> out;
    long long lab = labId, after = afterId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << std::string(kMethodColumns) + "WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
             soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
        for (const auto& r : rs) out.push_back(methodFromRow(r));
    }
    withStandards(tx, labId, out);
    return out;
}

bool RegisterRepository::updateMethodStatus(Tx& tx, const Method& m, int expectedVersion) {
    long long lab = m.ref.labId, id = m.ref.id, updated = m.updatedAtMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kUpdateMethodStatus, soci::use(m.ref.status, "status"),
                          soci::use(updated, "updated"), soci::use(lab, "lab_id"), soci::use(id, "id"),
                          soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void RegisterRepository::insertParameter(Tx& tx, const Parameter& p) {
    long long id = p.id, lab = p.labId, created = p.createdAtMs;
    int digits = p.precisionDigits;
    OptText nameEn(p.nameEn), lod(p.lod), loq(p.loq), muValue(p.muValue);
    OptText bands(p.muBands.empty() ? std::optional<std::string>() : std::optional<std::string>(encodeMuBands(p.muBands)));
    tx.sql() << kInsertParameter, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(p.nameZh, "name_zh"),
        soci::use(nameEn.value, nameEn.ind, "name_en"), soci::use(p.unit, "unit"),
        soci::use(p.precisionKind, "precision_kind"), soci::use(digits, "precision_digits"),
        soci::use(p.roundingUnit, "rounding_unit"), soci::use(lod.value, lod.ind, "lod"), soci::use(loq.value, loq.ind, "loq"),
        soci::use(p.muModel, "mu_model"),
        soci::use(muValue.value, muValue.ind, "mu_value"), soci::use(bands.value, bands.ind, "mu_ranges"),
        soci::use(created, "created");
}

std::optional<Parameter> RegisterRepository::findParameter(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kParameterColumns) + "WHERE lab_id = :lab AND id = :id",
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    for (const auto& r : rs) return parameterFromRow(r);
    return std::nullopt;
}

std::optional<Parameter> RegisterRepository::findParameterByName(Tx& tx, std::int64_t labId, const std::string& nameZh,
                                                                 const std::string& unit) {
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kParameterColumns) + "WHERE lab_id = :lab AND name_zh = :name AND unit = :unit",
         soci::use(lab, "lab"), soci::use(nameZh, "name"), soci::use(unit, "unit"));
    for (const auto& r : rs) return parameterFromRow(r);
    return std::nullopt;
}

std::vector<Parameter> RegisterRepository::listParameters(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Parameter> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kParameterColumns) + "WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(parameterFromRow(r));
    return out;
}

void RegisterRepository::insertSpecification(Tx& tx, const Specification& s) {
    long long id = s.id, lab = s.labId, created = s.createdAtMs, standard = s.standardId.value_or(0);
    int version = s.version;
    soci::indicator standardInd = s.standardId ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertSpec, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(s.name, "name"),
        soci::use(version, "version"), soci::use(standard, standardInd, "standard_id"),
        soci::use(s.comparisonMode, "mode"), soci::use(s.decisionRule, "rule"), soci::use(created, "created");
    int position = 0;
    for (const auto& l : s.limits) {
        long long lid = l.id, parameter = l.parameterId;
        ++position;
        OptText minOp(l.minOp), minValue(l.minValue), maxOp(l.maxOp), maxValue(l.maxValue), clause(l.clause);
        tx.sql() << kInsertLimit, soci::use(lid, "id"), soci::use(lab, "lab_id"), soci::use(id, "spec_id"),
            soci::use(position, "position"), soci::use(parameter, "parameter_id"),
            soci::use(l.productCategory, "category"), soci::use(minOp.value, minOp.ind, "min_op"),
            soci::use(minValue.value, minValue.ind, "min_value"), soci::use(maxOp.value, maxOp.ind, "max_op"),
            soci::use(maxValue.value, maxValue.ind, "max_value"), soci::use(clause.value, clause.ind, "clause");
    }
}

std::optional<Specification> RegisterRepository::findSpecification(Tx& tx, std::int64_t labId, std::int64_t id) {
    std::optional<Specification> s;
    long long lab = labId, v = id;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kSpecColumns) + "WHERE lab_id = :lab AND id = :id",
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        for (const auto& r : rs) s = specFromRow(r);
    }
    if (!s) return s;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kLimitColumns, soci::use(lab, "lab"), soci::use(v, "spec"));
    for (const auto& r : rs) {
        SpecLimit l;
        l.id = rows::i64(r, 0);
        l.parameterId = rows::i64(r, 1);
        l.productCategory = rows::str(r, 2);
        l.minOp = rows::optStr(r, 3);
        l.minValue = optDecimal(r, 4);
        l.maxOp = rows::optStr(r, 5);
        l.maxValue = optDecimal(r, 6);
        l.clause = rows::optStr(r, 7);
        s->limits.push_back(std::move(l));
    }
    return s;
}

std::optional<std::pair<std::int64_t, int>> RegisterRepository::latestSpecification(Tx& tx, std::int64_t labId,
                                                                                    const std::string& name) {
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kLatestSpec, soci::use(lab, "lab"), soci::use(name, "name"));
    for (const auto& r : rs) return std::make_pair(rows::i64(r, 0), static_cast<int>(rows::i64(r, 1)));
    return std::nullopt;
}

void RegisterRepository::supersedeSpecification(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    tx.sql() << kSupersede, soci::use(lab, "lab"), soci::use(v, "id");
}

std::vector<Specification> RegisterRepository::listSpecifications(Tx& tx, std::int64_t labId, std::int64_t afterId,
                                                                  int limit) {
    std::vector<std::int64_t> ids;
    long long lab = labId, after = afterId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << "SELECT id FROM acc_specifications WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
             soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
        for (const auto& r : rs) ids.push_back(rows::i64(r, 0));
    }
    std::vector<Specification> out;
    for (auto id : ids)
        if (auto s = findSpecification(tx, labId, id)) out.push_back(std::move(*s));
    return out;
}

void RegisterRepository::insertMethodRecord(Tx& tx, const MethodRecord& r) {
    long long id = r.id, lab = r.labId, method = r.methodId, by = r.createdBy, created = r.createdAtMs;
    const std::string summary = r.summary.value_or("");
    soci::indicator summaryInd = r.summary ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertRecord, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(method, "method_id"),
        soci::use(r.kind, "kind"), soci::use(r.recordDate, "record_date"), soci::use(r.recordNo, "record_no"),
        soci::use(summary, summaryInd, "summary"), soci::use(by, "created_by"), soci::use(created, "created");
}

std::vector<MethodRecord> RegisterRepository::listMethodRecords(Tx& tx, std::int64_t labId, std::int64_t methodId) {
    std::vector<MethodRecord> out;
    long long lab = labId, method = methodId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kRecordColumns, soci::use(lab, "lab"), soci::use(method, "method"));
    for (const auto& r : rs) out.push_back(recordFromRow(r));
    return out;
}

long long RegisterRepository::countRecordsOnOrBefore(Tx& tx, std::int64_t labId, std::int64_t methodId,
                                                     const std::string& date, bool validationOnly) {
    long long lab = labId, method = methodId, n = 0;
    int only = validationOnly ? 1 : 0;
    tx.sql() << kCountRecords, soci::use(lab, "lab"), soci::use(method, "method"), soci::use(date, "d"),
        soci::use(only, "validation_only"), soci::into(n);
    return n;
}

long long RegisterRepository::countMethodsOfStandard(Tx& tx, std::int64_t labId, std::int64_t standardId) {
    long long lab = labId, standard = standardId, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM acc_methods WHERE lab_id = :lab AND standard_id = :standard", soci::use(lab, "lab"),
        soci::use(standard, "standard"), soci::into(n);
    return n;
}

}  // namespace assay::accreditation
