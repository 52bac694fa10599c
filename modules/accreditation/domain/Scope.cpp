// Scope: the ScopeCheck matching rule.
#include "domain/Scope.hpp"

#include <algorithm>
#include <set>

namespace assay::accreditation {

namespace {
std::string joined(const std::set<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

// A row covers the product tested when it names that product, or when it covers the whole category
// (its product is its category) and the product belongs to that category.
bool covers(const ScopeRow& r, const ScopeQuery& q) {
    return r.product == q.product || (r.product == r.category && q.category && *q.category == r.category);
}

ScopeVerdict fail(const std::string& rule, std::string reason) {
    ScopeVerdict v;
    v.rule = rule;
    v.reason = std::move(reason);
    return v;
}
}  // namespace

ScopeVerdict matchScope(const std::vector<ScopeRow>& candidates, const ScopeQuery& q) {
    std::vector<const ScopeRow*> inForce;
    std::set<std::string> otherDates;
    for (const auto& r : candidates) {
        if (r.scheme != q.scheme || r.parameterId != q.parameterId) continue;
        if (r.inForceOn(q.date)) inForce.push_back(&r);
        else if (covers(r, q))
            otherDates.insert(r.effectiveFrom + (r.endedOn ? ".." + *r.endedOn : ".."));
    }
    const std::string where = " in the " + toString(q.scheme) + " scope on " + q.date;
    if (inForce.empty())
        return fail("R1", "the parameter is not" + where +
                              (otherDates.empty() ? "" : " (its rows are in force " + joined(otherDates) + ")"));
    std::vector<const ScopeRow*> byProduct;
    std::set<std::string> products;
    for (const auto* r : inForce) {
        if (covers(*r, q)) byProduct.push_back(r);
        products.insert(r->product);
    }
    if (byProduct.empty())
        return fail("R1", "the parameter for '" + q.product + "' is not" + where + " (it is in scope for: " + joined(products) + ")");
    std::vector<const ScopeRow*> bySite;
    std::set<std::string> sites;
    for (const auto* r : byProduct) {
        if (r->site == q.site) bySite.push_back(r);
        sites.insert(r->site);
    }
    if (bySite.empty())
        return fail("R1", "the parameter for '" + q.product + "' is not" + where + " at site '" + q.site +
                              "' (in scope at: " + joined(sites) + ")");
    std::vector<const ScopeRow*> byStandard;
    std::set<std::string> editions, sameNumber;
    auto dash = q.standard.rfind('-');
    const std::string number = dash == std::string::npos ? q.standard : q.standard.substr(0, dash);
    for (const auto* r : bySite) {
        const std::string d = r->standard.designation();
        editions.insert(d);
        if (d == q.standard) byStandard.push_back(r);
        else if (r->standard.number == number) sameNumber.insert(d);
    }
    if (byStandard.empty()) {
        if (!sameNumber.empty())
            return fail("R5", "the scope row" + where + " cites " + joined(sameNumber) + ", not " + q.standard +
                                  ": another edition is out of scope until a recorded change says otherwise");
        return fail("R1", q.standard + " is not" + where + " for this parameter and product (the scope cites: " +
                              joined(editions) + ")");
    }
    std::set<std::string> clauses;
    std::optional<std::string> suspended;
    for (const auto* r : byStandard) {
        if (r->clause && (!q.clause || *q.clause != *r->clause)) {
            clauses.insert(*r->clause);
            continue;
        }
        auto s = std::find_if(r->suspensions.begin(), r->suspensions.end(),
                              [&](const ScopeSuspension& x) { return x.activeOn(q.date); });
        if (s != r->suspensions.end()) {
            suspended = "the scope row is suspended since " + s->fromDate + ": " + s->reason;
            continue;
        }
        ScopeVerdict v;
        v.inScope = true;
        v.rowId = r->rowKey;
        v.limitation = r->limitation;
        v.mraCovered = r->mraCovered;
        return v;
    }
    if (suspended) return fail("R25", *suspended);
    return fail("R1", "the scope row" + where + " is limited to " + q.standard + " " + joined(clauses) +
                          (q.clause ? ", not " + *q.clause : "; the method variant used was not given"));
}

}  // namespace assay::accreditation
