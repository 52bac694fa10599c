// ProficiencyRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/ProficiencyRepository.hpp"

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_pt_rounds (id, lab_id, provider, scheme_name, round_code, parameter_id, product, sub_field, mandated, "
    "deadline, unit, assigned_value, lab_result, score_kind, score, classification, reported_on, nc_id, created_at_ms, "
    "updated_at_ms, version) VALUES (:id, :lab, :provider, :scheme, :round, :param, :product, :sub_field, :mandated, "
    ":deadline, :unit, :assigned, NULL, NULL, NULL, NULL, NULL, NULL, :created, :created2, 1)";
constexpr const char* kFrom = "FROM acc_pt_rounds t JOIN acc_parameters p ON p.id = t.parameter_id AND p.lab_id = t.lab_id ";
constexpr const char* kReport =
    "UPDATE acc_pt_rounds SET lab_result = :result, score_kind = :kind, score = :score, classification = :class, "
    "reported_on = :reported_on, nc_id = :nc, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";

using columns::field;

// Read with the alias t (the round) and p (its parameter).
const columns::ColumnMap<PtRound> kRounds{{
    {"id", field<&PtRound::id>},
    {"lab_id", field<&PtRound::labId>},
    {"provider", field<&PtRound::provider>},
    {"scheme_name", field<&PtRound::schemeName>},
    {"round_code", field<&PtRound::roundCode>},
    {"parameter_id", field<&PtRound::parameterId>},
    {"p.name_zh", field<&PtRound::parameterName>},
    {"product", field<&PtRound::product>},
    {"sub_field", field<&PtRound::subField>},
    {"mandated", field<&PtRound::mandated>},
    {"deadline", field<&PtRound::deadline>},
    {"unit", field<&PtRound::unit>},
    {"assigned_value", field<&PtRound::assignedValue>},
    {"lab_result", field<&PtRound::labResult>},
    {"score_kind", field<&PtRound::scoreKind>},
    {"score", field<&PtRound::score>},
    {"classification", field<&PtRound::classification>},
    {"reported_on", field<&PtRound::reportedOn>},
    {"nc_id", field<&PtRound::ncId>},
    {"created_at_ms", field<&PtRound::createdAtMs>},
    {"updated_at_ms", field<&PtRound::updatedAtMs>},
    {"version", field<&PtRound::version>},
}};

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
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRounds.select(std::string(kFrom) + "WHERE t.lab_id = :lab AND t.id = :id", {.alias = "t"}),
         soci::use(lab, "lab"), soci::use(v, "id"));
    return kRounds.first(rs);
}

std::vector<PtRound> ProficiencyRepository::list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<PtRound> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRounds.select(std::string(kFrom) + "WHERE t.lab_id = :lab AND t.id > :after ORDER BY t.id "
                                                                 "LIMIT :lim", {.alias = "t"}),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    out = kRounds.all(rs);
    return out;
}

std::vector<PtRound> ProficiencyRepository::all(Tx& tx, std::int64_t labId) {
    std::vector<PtRound> out;
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRounds.select(std::string(kFrom) + "WHERE t.lab_id = :lab ORDER BY t.id", {.alias = "t"}),
         soci::use(lab, "lab"));
    out = kRounds.all(rs);
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
