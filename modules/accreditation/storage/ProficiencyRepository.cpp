// ProficiencyRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/ProficiencyRepository.hpp"

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_pt_rounds (id, lab_id, provider, scheme_name, round_code, parameter_id, product, sub_field, mandated, "
    "deadline, unit, assigned_value, lab_result, score_kind, score, classification, reported_on, nc_id, created_at_ms, "
    "updated_at_ms, version) VALUES (:id, :lab, :provider, :scheme, :round, :param, :product, :sub_field, :mandated, "
    ":deadline, :unit, :assigned, NULL, NULL, NULL, NULL, NULL, NULL, :created, :created2, 1)";
constexpr const char* kColumns =
    "SELECT t.id, t.lab_id, t.provider, t.scheme_name, t.round_code, t.parameter_id, p.name_zh, t.product, t.sub_field, "
    "t.mandated, t.deadline, t.unit, t.assigned_value, t.lab_result, t.score_kind, t.score, t.classification, "
    "t.reported_on, t.nc_id, t.created_at_ms, t.updated_at_ms, t.version FROM acc_pt_rounds t "
    "JOIN acc_parameters p ON p.id = t.parameter_id AND p.lab_id = t.lab_id ";
constexpr const char* kReport =
    "UPDATE acc_pt_rounds SET lab_result = :result, score_kind = :kind, score = :score, classification = :class, "
    "reported_on = :reported_on, nc_id = :nc, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";

std::optional<Decimal> dec(const soci::row& r, std::size_t i) {
    auto s = rows::optStr(r, i);
    return s ? Decimal::parse(*s) : std::nullopt;
}

PtRound fromRow(const soci::row& r) {
    PtRound x;
    x.id = rows::i64(r, 0);
    x.labId = rows::i64(r, 1);
    x.provider = rows::str(r, 2);
    x.schemeName = rows::str(r, 3);
    x.roundCode = rows::str(r, 4);
    x.parameterId = rows::i64(r, 5);
    x.parameterName = rows::str(r, 6);
    x.product = rows::optStr(r, 7);
    x.subField = rows::str(r, 8);
    x.mandated = rows::i64(r, 9) != 0;
    x.deadline = rows::optStr(r, 10);
    x.unit = rows::optStr(r, 11);
    x.assignedValue = dec(r, 12);
    x.labResult = dec(r, 13);
    x.scoreKind = rows::optStr(r, 14);
    x.score = dec(r, 15);
    x.classification = rows::optStr(r, 16);
    x.reportedOn = rows::optStr(r, 17);
    x.ncId = rows::optI64(r, 18);
    x.createdAtMs = rows::i64(r, 19);
    x.updatedAtMs = rows::i64(r, 20);
    x.version = static_cast<int>(rows::i64(r, 21));
    return x;
}

using Opt = rows::NullableText;
}  // namespace

void ProficiencyRepository::insert(Tx& tx, const PtRound& r) {
    long long id = r.id, lab = r.labId, param = r.parameterId, created = r.createdAtMs;
    int mandated = r.mandated ? 1 : 0;
    Opt product(r.product), deadline(r.deadline), unit(r.unit), assigned(r.assignedValue);
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(r.provider, "provider"),
        soci::use(r.schemeName, "scheme"), soci::use(r.roundCode, "round"), soci::use(param, "param"),
        soci::use(product.value, product.ind, "product"), soci::use(r.subField, "sub_field"), soci::use(mandated, "mandated"),
        soci::use(deadline.value, deadline.ind, "deadline"), soci::use(unit.value, unit.ind, "unit"),
        soci::use(assigned.value, assigned.ind, "assigned"), soci::use(created, "created"), soci::use(created, "created2");
}

std::optional<PtRound> ProficiencyRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE t.lab_id = :lab AND t.id = :id",
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::vector<PtRound> ProficiencyRepository::list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<PtRound> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kColumns) + "WHERE t.lab_id = :lab AND t.id > :after ORDER BY t.id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(fromRow(r));
    return out;
}

std::vector<PtRound> ProficiencyRepository::all(Tx& tx, std::int64_t labId) {
    std::vector<PtRound> out;
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE t.lab_id = :lab ORDER BY t.id",
                                  soci::use(lab, "lab"));
    for (const auto& r : rs) out.push_back(fromRow(r));
    return out;
}

bool ProficiencyRepository::report(Tx& tx, const PtRound& r, int expectedVersion) {
    long long lab = r.labId, id = r.id, nc = r.ncId.value_or(0), updated = r.updatedAtMs;
    int expected = expectedVersion;
    soci::indicator ncInd = r.ncId ? soci::i_ok : soci::i_null;
    Opt result(r.labResult), kind(r.scoreKind), score(r.score), cls(r.classification), reported(r.reportedOn);
    soci::statement st =
        (tx.sql().prepare << kReport, soci::use(result.value, result.ind, "result"), soci::use(kind.value, kind.ind, "kind"),
         soci::use(score.value, score.ind, "score"), soci::use(cls.value, cls.ind, "class"),
         soci::use(reported.value, reported.ind, "reported_on"), soci::use(nc, ncInd, "nc"), soci::use(updated, "updated"),
         soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace assay::accreditation
