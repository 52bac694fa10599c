// CatalogueRows: the valid, unsuspended scope rows with names and prices.
#include "domain/CatalogueRows.hpp"

#include <algorithm>
#include <map>

namespace assay::accreditation {

namespace {
constexpr int kPage = 500;

// The lowest price of each parameter valid on date.
std::map<std::int64_t, Decimal> lowestPrices(PriceRepository& prices, Tx& tx, std::int64_t labId, const std::string& date) {
    std::map<std::int64_t, Decimal> out;
    for (std::int64_t after = 0;;) {
        auto page = prices.list(tx, labId, after, kPage);
        for (const auto& p : page) {
            if (!p.validOn(date)) continue;
            auto it = out.find(p.parameterId);
            if (it == out.end() || p.amount < it->second) out[p.parameterId] = p.amount;
        }
        if (static_cast<int>(page.size()) < kPage) break;
        after = page.back().id;
    }
    return out;
}
}  // namespace

std::vector<CatalogueRow> CatalogueRows::catalogueRows(Tx& tx, std::int64_t labId, const std::string& date) {
    std::vector<ScopeRow> rows;
    for (std::int64_t after = 0;;) {
        auto page = scope_.rowsInForce(tx, labId, std::nullopt, date, after, kPage);
        for (auto& r : page) {
            const bool suspended = std::any_of(r.suspensions.begin(), r.suspensions.end(),
                                               [&](const ScopeSuspension& s) { return s.activeOn(date); });
            if (!suspended) rows.push_back(std::move(r));
        }
        if (static_cast<int>(page.size()) < kPage) break;
        after = page.back().id;
    }
    std::vector<std::int64_t> paramIds;
    for (const auto& r : rows) paramIds.push_back(r.parameterId);
    std::sort(paramIds.begin(), paramIds.end());
    paramIds.erase(std::unique(paramIds.begin(), paramIds.end()), paramIds.end());
    std::map<std::int64_t, Parameter> params;
    for (auto& p : register_.findParameters(tx, labId, paramIds)) params.emplace(p.id, std::move(p));
    const auto prices = lowestPrices(prices_, tx, labId, date);

    std::vector<CatalogueRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        CatalogueRow c;
        c.rowKey = r.rowKey;
        c.scheme = r.scheme;
        c.site = r.site;
        c.category = r.category;
        c.product = r.product;
        c.parameter = r.parameterName;
        if (auto it = params.find(r.parameterId); it != params.end()) {
            c.parameter = it->second.nameZh;
            c.parameterEn = it->second.nameEn;
        }
        c.standard = r.standard.designation();
        c.standardTitle = r.standard.title;
        c.limitation = r.limitation;
        if (auto it = prices.find(r.parameterId); it != prices.end()) c.price = it->second.toString();
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const CatalogueRow& a, const CatalogueRow& b) { return a.rowKey < b.rowKey; });
    return out;
}

std::optional<BookableRow> CatalogueRows::bookableRow(Tx& tx, std::int64_t labId, std::int64_t rowKey, const std::string& date) {
    std::optional<ScopeRow> found;
    for (auto& r : scope_.revisions(tx, labId, rowKey))
        if (r.inForceOn(date)) found = std::move(r);
    if (!found) return std::nullopt;
    const ScopeRow& r = *found;
    if (std::any_of(r.suspensions.begin(), r.suspensions.end(), [&](const ScopeSuspension& s) { return s.activeOn(date); }))
        return std::nullopt;
    BookableRow b{r.rowKey, r.scheme, r.site, r.category, r.product, r.parameterName, r.standard.designation(), r.parameterId, std::nullopt};
    if (auto params = register_.findParameters(tx, labId, {r.parameterId}); !params.empty()) b.parameter = params[0].nameZh;
    b.methodId = register_.currentMethodFor(tx, labId, r.standard.id, r.clause);
    return b;
}

}  // namespace assay::accreditation
