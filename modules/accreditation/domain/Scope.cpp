// Scope: the ScopeCheck matching rule.
#include "domain/Scope.hpp"

#include "domain/AccreditationMessages.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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

ScopeVerdict fail(const std::string& rule, Message why) {
    ScopeVerdict v;
    v.rule = rule;
    v.reason = why.english();
    v.why = std::move(why);
    return v;
}

// Why a row covers the query, for the reviewer to see.
Message basis(const ScopeRow& r, const ScopeQuery& q) {
    std::map<std::string, MessageArg> params{{"scheme", toString(q.scheme)},  {"category", r.category},
                                             {"product", r.product},           {"standard", r.standard.designation()},
                                             {"clause", r.clause ? " " + *r.clause : ""}, {"site", r.site},
                                             {"from", r.effectiveFrom}};
    return Message(r.product == q.product ? msg::kScopeIn : msg::kScopeInCategory, std::move(params));
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
    const std::string scheme = toString(q.scheme);
    auto said = [&](const MessageDef& def, std::map<std::string, MessageArg> more = {}) {
        more.emplace("scheme", scheme);
        more.emplace("date", q.date);
        more.emplace("product", q.product);
        more.emplace("standard", q.standard);
        return Message(def, std::move(more));
    };
    if (inForce.empty())
        return fail("R1", otherDates.empty() ? said(msg::kScopeParameterOut)
                                             : said(msg::kScopeParameterOutDated, {{"dates", joined(otherDates)}}));
    std::vector<const ScopeRow*> byProduct;
    std::set<std::string> products;
    for (const auto* r : inForce) {
        if (covers(*r, q)) byProduct.push_back(r);
        products.insert(r->product);
    }
    if (byProduct.empty()) return fail("R1", said(msg::kScopeProductOut, {{"products", joined(products)}}));
    std::vector<const ScopeRow*> bySite;
    std::set<std::string> sites;
    for (const auto* r : byProduct) {
        if (r->site == q.site) bySite.push_back(r);
        sites.insert(r->site);
    }
    if (bySite.empty()) return fail("R1", said(msg::kScopeSiteOut, {{"site", q.site}, {"sites", joined(sites)}}));
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
        if (!sameNumber.empty()) return fail("R5", said(msg::kScopeOtherEdition, {{"editions", joined(sameNumber)}}));
        return fail("R1", said(msg::kScopeStandardOut, {{"editions", joined(editions)}}));
    }
    std::set<std::string> clauses;
    std::optional<ScopeVerdict> suspended;
    for (const auto* r : byStandard) {
        if (r->clause && (!q.clause || *q.clause != *r->clause)) {
            clauses.insert(*r->clause);
            continue;
        }
        auto s = std::find_if(r->suspensions.begin(), r->suspensions.end(),
                              [&](const ScopeSuspension& x) { return x.activeOn(q.date); });
        if (s != r->suspensions.end()) {
            suspended = fail("R25", Message(msg::kScopeSuspended, {{"from", s->fromDate}, {"reason", s->reason}}));
            continue;
        }
        ScopeVerdict v;
        v.inScope = true;
        v.rowId = r->rowKey;
        v.limitation = r->limitation;
        v.mraCovered = r->mraCovered;
        v.why = basis(*r, q);
        return v;
    }
    if (suspended) return *suspended;
    if (q.clause) return fail("R1", said(msg::kScopeClauseOut, {{"clauses", joined(clauses)}, {"clause", *q.clause}}));
    return fail("R1", said(msg::kScopeClauseMissing, {{"clauses", joined(clauses)}}));
}

std::vector<Product> productList(const std::vector<ScopeProduct>& scope, const std::vector<std::string>& specified) {
    std::map<std::string, Product> byName;
    for (const auto& r : scope) {
        Product& p = byName[r.product];
        p.name = r.product;
        p.category = r.category;
        (r.scheme == Scheme::Cma ? p.inCma : p.inCnas) = true;
    }
    for (const auto& name : specified) {
        if (name.empty()) continue;
        auto [it, added] = byName.try_emplace(name);
        it->second.inSpecification = true;
        if (added) {
            it->second.name = name;
            it->second.category = name;
        }
    }
    std::vector<Product> out;
    out.reserve(byName.size());
    for (auto& [name, p] : byName) out.push_back(std::move(p));
    // The scope's products first, then those only a specification names; each by category, then name.
    std::stable_sort(out.begin(), out.end(), [](const Product& a, const Product& b) {
        const bool aOnlySpecified = !a.inCma && !a.inCnas, bOnlySpecified = !b.inCma && !b.inCnas;
        return std::tie(aOnlySpecified, a.category, a.name) < std::tie(bOnlySpecified, b.category, b.name);
    });
    return out;
}

}  // namespace assay::accreditation
