// PriceRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/PriceRepository.hpp"

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_prices (id, lab_id, parameter_id, method_id, price, valid_from, valid_to, created_by, created_at_ms) "
    "VALUES (:id, :lab, :param, :method, :price, :valid_from, :valid_to, :by, :created)";

using columns::field;

const columns::ColumnMap<Price> kPrices{{
    {"id", field<&Price::id>},
    {"lab_id", field<&Price::labId>},
    {"parameter_id", field<&Price::parameterId>},
    {"method_id", field<&Price::methodId>},
    {"price", field<&Price::amount>},
    {"valid_from", field<&Price::validFrom>},
    {"valid_to", field<&Price::validTo>},
    {"created_at_ms", field<&Price::createdAtMs>},
}};
}  // namespace

void PriceRepository::insert(Tx& tx, const Price& p, std::int64_t createdBy) {
    long long id = p.id, lab = p.labId, param = p.parameterId, method = p.methodId, by = createdBy, created = p.createdAtMs;
    const std::string amount = p.amount.toString(), to = p.validTo.value_or("");
    soci::indicator toInd = p.validTo ? soci::i_ok : soci::i_null;
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(param, "param"), soci::use(method, "method"),
        soci::use(amount, "price"), soci::use(p.validFrom, "valid_from"), soci::use(to, toInd, "valid_to"),
        soci::use(by, "by"), soci::use(created, "created");
}

std::vector<Price> PriceRepository::forItem(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId) {
    std::vector<Price> out;
    long long lab = labId, param = parameterId, method = methodId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kPrices.select("FROM acc_prices WHERE lab_id = :lab AND parameter_id = :param "
                                            "AND method_id = :method ORDER BY valid_from, id"),
         soci::use(lab, "lab"), soci::use(param, "param"), soci::use(method, "method"));
    out = kPrices.all(rs);
    return out;
}

std::optional<Price> PriceRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kPrices.select("FROM acc_prices WHERE lab_id = :lab AND id = :id"),
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    return kPrices.first(rs);
}

std::vector<Price> PriceRepository::list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Price> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kPrices.select("FROM acc_prices WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    out = kPrices.all(rs);
    return out;
}

}  // namespace assay::accreditation
