// RegisterRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/RegisterRepository.hpp"

#include <algorithm>
#include <map>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertStandard =
    "INSERT INTO acc_standards (id, lab_id, number, year, title, status, replaced_by, created_at_ms, updated_at_ms, "
    "version) VALUES (:id, :lab_id, :number, :year, :title, :status, :replaced_by, :created, :created, 1)";
constexpr const char* kUpdateStatus =
    "UPDATE acc_standards SET status = :status, replaced_by = :replaced_by, updated_at_ms = :updated, "
    "version = version + 1 WHERE lab_id = :lab_id AND id = :id AND version = :expected";

constexpr const char* kInsertMethod =
    "INSERT INTO acc_methods (id, lab_id, standard_id, clause, name, principle, kind, equipment_types, status, "
    "created_at_ms, updated_at_ms, version, below_lod_style) VALUES (:id, :lab_id, :standard_id, :clause, :name, :principle, "
    ":kind, :equipment, 'current', :created, :created, 1, :below_lod)";
constexpr const char* kUpdateMethodStatus =
    "UPDATE acc_methods SET status = :status, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab_id AND id = :id AND version = :expected";
constexpr const char* kInsertRecord =
    "INSERT INTO acc_method_records (id, lab_id, method_id, kind, record_date, record_no, summary, created_by, "
    "created_at_ms) VALUES (:id, :lab_id, :method_id, :kind, :record_date, :record_no, :summary, :created_by, :created)";
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

using columns::field;

const columns::ColumnMap<Method> kMethods{{
    {"id", field<&Method::ref, &MethodRef::id>},
    {"lab_id", field<&Method::ref, &MethodRef::labId>},
    {"standard_id", field<&Method::ref, &MethodRef::standard, &StandardRef::id>},
    {"clause", field<&Method::ref, &MethodRef::clause>},
    {"name", field<&Method::ref, &MethodRef::name>},
    {"principle", field<&Method::principle>},
    {"kind", field<&Method::ref, &MethodRef::kind>},
    {"equipment_types", [](Method& m, const columns::Cell& c) { m.ref.equipmentTypes = splitList(c.str()); }},
    {"status", field<&Method::ref, &MethodRef::status>},
    {"created_at_ms", field<&Method::createdAtMs>},
    {"updated_at_ms", field<&Method::updatedAtMs>},
    {"version", field<&Method::version>},
    {"below_lod_style", field<&Method::ref, &MethodRef::belowLodStyle>},
}};

const columns::ColumnMap<MethodRecord> kMethodRecords{{
    {"id", field<&MethodRecord::id>},
    {"lab_id", field<&MethodRecord::labId>},
    {"method_id", field<&MethodRecord::methodId>},
    {"kind", field<&MethodRecord::kind>},
    {"record_date", field<&MethodRecord::recordDate>},
    {"record_no", field<&MethodRecord::recordNo>},
    {"summary", field<&MethodRecord::summary>},
    {"created_by", field<&MethodRecord::createdBy>},
    {"created_at_ms", field<&MethodRecord::createdAtMs>},
}};

constexpr const char* kInsertParameter =
    "INSERT INTO acc_parameters (id, lab_id, name_zh, name_en, unit, precision_kind, precision_digits, rounding_unit, "
    "lod, loq, mu_model, mu_value, mu_ranges, created_at_ms, version) VALUES (:id, :lab_id, :name_zh, :name_en, :unit, "
    ":precision_kind, :precision_digits, :rounding_unit, :lod, :loq, :mu_model, :mu_value, :mu_ranges, :created, 1)";

const columns::ColumnMap<Parameter> kParameters{{
    {"id", field<&Parameter::id>},
    {"lab_id", field<&Parameter::labId>},
    {"name_zh", field<&Parameter::nameZh>},
    {"name_en", field<&Parameter::nameEn>},
    {"unit", field<&Parameter::unit>},
    {"precision_kind", field<&Parameter::precisionKind>},
    {"precision_digits", field<&Parameter::precisionDigits>},
    {"lod", field<&Parameter::lod>},
    {"loq", field<&Parameter::loq>},
    {"mu_model", field<&Parameter::muModel>},
    {"mu_value", field<&Parameter::muValue>},
    {"mu_ranges", [](Parameter& p, const columns::Cell& c) {
         if (auto bands = c.optStr()) p.muBands = decodeMuBands(*bands).value_or(std::vector<MuBand>{});
     }},
    {"created_at_ms", field<&Parameter::createdAtMs>},
    {"version", field<&Parameter::version>},
    {"rounding_unit", field<&Parameter::roundingUnit>},
}};

using OptText = rows::NullableText;

constexpr const char* kInsertSpec =
    "INSERT INTO acc_specifications (id, lab_id, name, version, standard_id, comparison_mode, decision_rule, status, "
    "created_at_ms) VALUES (:id, :lab_id, :name, :version, :standard_id, :mode, :rule, 'current', :created)";
constexpr const char* kInsertLimit =
    "INSERT INTO acc_spec_limits (id, lab_id, spec_id, position, parameter_id, product_category, min_op, min_value, "
    "max_op, max_value, clause) VALUES (:id, :lab_id, :spec_id, :position, :parameter_id, :category, :min_op, "
    ":min_value, :max_op, :max_value, :clause)";
constexpr const char* kLatestSpec =
    "SELECT id, version FROM acc_specifications WHERE lab_id = :lab AND name = :name ORDER BY version DESC LIMIT 1";
constexpr const char* kSupersede =
    "UPDATE acc_specifications SET status = 'superseded' WHERE lab_id = :lab AND id = :id AND status = 'current'";

const columns::ColumnMap<Specification> kSpecifications{{
    {"id", field<&Specification::id>},
    {"lab_id", field<&Specification::labId>},
    {"name", field<&Specification::name>},
    {"version", field<&Specification::version>},
    {"standard_id", field<&Specification::standardId>},
    {"comparison_mode", field<&Specification::comparisonMode>},
    {"decision_rule", field<&Specification::decisionRule>},
    {"status", field<&Specification::status>},
    {"created_at_ms", field<&Specification::createdAtMs>},
}};

const columns::ColumnMap<SpecLimit> kSpecLimits{{
    {"id", field<&SpecLimit::id>},
    {"parameter_id", field<&SpecLimit::parameterId>},
    {"product_category", field<&SpecLimit::productCategory>},
    {"min_op", field<&SpecLimit::minOp>},
    {"min_value", field<&SpecLimit::minValue>},
    {"max_op", field<&SpecLimit::maxOp>},
    {"max_value", field<&SpecLimit::maxValue>},
    {"clause", field<&SpecLimit::clause>},
}};

const columns::ColumnMap<Standard> kStandards{{
    {"id", field<&Standard::ref, &StandardRef::id>},
    {"lab_id", field<&Standard::ref, &StandardRef::labId>},
    {"number", field<&Standard::ref, &StandardRef::number>},
    {"year", field<&Standard::ref, &StandardRef::year>},
    {"title", field<&Standard::ref, &StandardRef::title>},
    {"status", field<&Standard::ref, &StandardRef::status>},
    {"replaced_by", field<&Standard::ref, &StandardRef::replacedBy>},
    {"created_at_ms", field<&Standard::createdAtMs>},
    {"updated_at_ms", field<&Standard::updatedAtMs>},
    {"version", field<&Standard::version>},
}};
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
    soci::rowset<soci::row> rs = (tx.sql().prepare << kStandards.select("FROM acc_standards WHERE lab_id = :lab AND id = :id"),
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    return kStandards.first(rs);
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
    rows::forEachIn(tx.sql(), kStandards.select("FROM acc_standards WHERE lab_id = :lab AND id"), distinctIds(ids), "ORDER BY id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); },
                    [&, read = kStandards.reader()](const soci::row& r) mutable { out.push_back(read(r)); });
    return out;
}

std::vector<Method> RegisterRepository::findMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::vector<Method> out;
    long long lab = labId;
    rows::forEachIn(tx.sql(), kMethods.select("FROM acc_methods WHERE lab_id = :lab AND id"), distinctIds(ids), "ORDER BY id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); },
                    [&, read = kMethods.reader()](const soci::row& r) mutable { out.push_back(read(r)); });
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
    rows::forEachIn(tx.sql(), kParameters.select("FROM acc_parameters WHERE lab_id = :lab AND id"), distinctIds(ids), "ORDER BY id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); },
                    [&, read = kParameters.reader()](const soci::row& r) mutable { out.push_back(read(r)); });
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
        (tx.sql().prepare << kStandards.select("FROM acc_standards WHERE lab_id = :lab AND number = :number AND year = :year"),
         soci::use(lab, "lab"), soci::use(number, "number"), soci::use(year, "year"));
    return kStandards.first(rs);
}

std::vector<Standard> RegisterRepository::listStandards(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit,
                                                        std::optional<StandardStatus> status) {
    std::vector<Standard> out;
    long long lab = labId, after = afterId;
    const std::string st = status ? toString(*status) : "";  // "" = any
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kStandards.select("FROM acc_standards WHERE lab_id = :lab AND id > :after AND (:status = '' "
                                               "OR status = :status2) "
                                 "ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(st, "status"), soci::use(st, "status2"),
         soci::use(limit, "lim"));
    out = kStandards.all(rs);
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

std::optional<std::int64_t> RegisterRepository::currentMethodFor(Tx& tx, std::int64_t labId, std::int64_t standardId,
                                                                 const std::optional<std::string>& clause) {
    long long lab = labId, standard = standardId, id = 0;
    const std::string wanted = clause.value_or("");
    const int any = clause ? 0 : 1;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT MIN(id) FROM acc_methods WHERE lab_id = :lab AND standard_id = :standard AND status = 'current' "
                "AND (clause = :clause OR :any = 1)",
        soci::into(id, ind), soci::use(lab, "lab"), soci::use(standard, "standard"), soci::use(wanted, "clause"), soci::use(any, "any");
    if (ind != soci::i_ok) return std::nullopt;
    return id;
}

std::optional<Method> RegisterRepository::findMethod(Tx& tx, std::int64_t labId, std::int64_t id) {
    std::optional<Method> m;
    long long lab = labId, v = id;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kMethods.select("FROM acc_methods WHERE lab_id = :lab AND id = :id"),
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        m = kMethods.first(rs);
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
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kMethods.select("FROM acc_methods WHERE lab_id = :lab AND name = :name ORDER BY id"),
             soci::use(lab, "lab"), soci::use(name, "name"));
        out = kMethods.all(rs);
    }
    withStandards(tx, labId, out);
    return out;
}

std::vector<Method> RegisterRepository::listMethods(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Method> out;
    long long lab = labId, after = afterId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kMethods.select("FROM acc_methods WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim"),
             soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
        out = kMethods.all(rs);
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
    soci::rowset<soci::row> rs = (tx.sql().prepare << kParameters.select("FROM acc_parameters WHERE lab_id = :lab AND id = :id"),
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    return kParameters.first(rs);
}

std::optional<Parameter> RegisterRepository::findParameterByName(Tx& tx, std::int64_t labId, const std::string& nameZh,
                                                                 const std::string& unit) {
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kParameters.select("FROM acc_parameters WHERE lab_id = :lab AND name_zh = :name AND unit = :unit"),
         soci::use(lab, "lab"), soci::use(nameZh, "name"), soci::use(unit, "unit"));
    return kParameters.first(rs);
}

std::vector<Parameter> RegisterRepository::listParameters(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Parameter> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kParameters.select("FROM acc_parameters WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    out = kParameters.all(rs);
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
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kSpecifications.select("FROM acc_specifications WHERE lab_id = :lab AND id = :id"),
             soci::use(lab, "lab"), soci::use(v, "id"));
        s = kSpecifications.first(rs);
    }
    if (!s) return s;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kSpecLimits.select("FROM acc_spec_limits WHERE lab_id = :lab AND spec_id = :spec ORDER BY position"),
         soci::use(lab, "lab"), soci::use(v, "spec"));
    s->limits = kSpecLimits.all(rs);
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
    return kMethodRecords.allOf(tx.sql(), "FROM acc_method_records WHERE lab_id = :lab AND method_id = :key "
                                                   "ORDER BY record_date, id", labId, methodId);
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
