// PriceService: validation, tenancy, overlap checks and audit of the register's price list.
#include "domain/PriceService.hpp"
#include "domain/AccreditationMessages.hpp"

#include "assay/Messages.hpp"
#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

std::vector<FieldError> PriceService::priceProblems(const Price& in) {
    std::vector<FieldError> errors;
    if (in.parameterId <= 0) errors.push_back({"parameter_id", assay::msg::kRequired});
    if (in.methodId <= 0) errors.push_back({"method_id", assay::msg::kRequired});
    if (in.amount.sign() < 0 || in.amount.decimals() > 2 || chars(in.amount.toString()) > 20)
        errors.push_back({"price", msg::kPriceInvalid});
    if (!isDate(in.validFrom)) errors.push_back({"valid_from", assay::msg::kNotDate});
    if (in.validTo && (!isDate(*in.validTo) || *in.validTo < in.validFrom))
        errors.push_back({"valid_to", msg::kPriceValidTo});
    return errors;
}

Price PriceService::createPrice(const Principal& p, Price in, const std::string& requestId) {
    if (auto errors = priceProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        std::vector<FieldError> errors;
        auto param = repo_.findParameter(tx, lab, in.parameterId);
        if (!param) errors.push_back({"parameter_id", msg::kNoSuchParameter});
        auto method = repo_.findMethod(tx, lab, in.methodId);
        if (!method) errors.push_back({"method_id", msg::kNoSuchMethod});
        if (!errors.empty()) throw Error::invalid(errors);
        repo_.lockMethod(tx, lab, in.methodId);  // serializes price changes of one item (MariaDB too)
        if (auto overlap = overlappingPrice(tx, lab, in)) throw Error::conflict(*overlap);
        return insertPriceIn(tx, p, lab, in, *param, *method, requestId);
    });
}

std::optional<Message> PriceService::overlappingPrice(Tx& tx, std::int64_t lab, const Price& in) {
    for (const auto& other : prices_.forItem(tx, lab, in.parameterId, in.methodId))
        if (other.overlaps(in))
            return other.validTo ? Message(msg::kPriceOverlapTo, {{"amount", other.amount.toString()}, {"from", other.validFrom}, {"to", *other.validTo}})
                                 : Message(msg::kPriceOverlapOn, {{"amount", other.amount.toString()}, {"from", other.validFrom}});
    return std::nullopt;
}

Price PriceService::insertPriceIn(Tx& tx, const Principal& p, std::int64_t lab, Price in, const Parameter& param,
                                     const Method& method, const std::string& requestId) {
    in.amount = in.amount.roundToDecimals(2);  // money is kept with its two decimals: "150" -> "150.00"
    in.id = ids_.next();
    in.labId = lab;
    in.createdAtMs = toEpochMillis(clock_.now());
    prices_.insert(tx, in, p.userId);
    audit_.record(tx, &p, requestId,
                  {"price", std::to_string(in.id), "create", "", std::nullopt,
                   param.nameZh + " by " + method.ref.citation() + ": CNY " + in.amount.toString() + " from " + in.validFrom +
                       (in.validTo ? " to " + *in.validTo : ""),
                   std::nullopt});
    return in;
}

Price PriceService::price(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto x = db_.read([&](Tx& tx) { return prices_.find(tx, lab, id); });
    if (!x) throw Error::notFound("price");
    return *x;
}

std::vector<Price> PriceService::prices(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return prices_.list(tx, lab, afterId, limit); });
}

}  // namespace assay::accreditation
