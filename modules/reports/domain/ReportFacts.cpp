// ReportFacts: one snapshot of what the checks read, in batches.
#include "domain/ReportFacts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "assay/Decimal.hpp"
#include "assay/Error.hpp"
#include "assay/Json.hpp"
#include "domain/ReportsMessages.hpp"
#include "domain/ReportContent.hpp"
#include "domain/Signing.hpp"

namespace assay::reports {

namespace {
// R27: the 7.8.2.1 content that depends on data.
ContentFacts contentOf(const std::optional<identity::OrganizationRef>& labOrg, const intake::ReportTerms& terms,
                       const std::set<std::string>& samples) {
    ContentFacts c;
    c.labAddress = labOrg && labOrg->address && !labOrg->address->empty();
    c.site = terms.site;
    c.customerContact = !terms.contact.empty();
    c.labSampled = terms.labSampled;
    for (const auto& s : terms.samples) {
        if (!samples.count(s.code)) continue;
        if (!s.condition || s.condition->empty()) c.samplesWithoutCondition.push_back(s.code);
        if (!s.receivedOn) c.samplesNotReceived.push_back(s.code);
        if (s.deviation) c.deviations.push_back(s.code + ": " + *s.deviation);
    }
    for (const auto& e : terms.exclusions)
        if (samples.count(e.sampleCode)) c.deviations.push_back(e.sampleCode + ": excluded");
    return c;
}
}  // namespace

ReportChecksView ReportFacts::gather(Tx& tx, const Report& r, const std::string& day) {
    const std::int64_t lab = r.labId;
    const auto terms = src_.orders.acceptedTerms(tx, lab, r.orderCode);
    const auto ordered = src_.orders.acceptedItems(tx, lab, r.orderCode);
    const auto lines = src_.results.linesOfSamples(tx, lab, r.sampleCodes);
    const auto labOrg = src_.orgs.organizationById(tx, lab);
    const std::set<std::string> samples(r.sampleCodes.begin(), r.sampleCodes.end());
    CheckInput in;
    in.issueDate = day;
    in.wantCma = terms.wantCma;
    in.wantCnas = terms.wantCnas;
    in.language = terms.language;
    in.uncertaintyRequested = terms.uncertainty;
    in.cmaPolicy = policies_.cmaOutOfScope;
    in.englishOnlyCmaPolicy = policies_.englishOnlyCma;
    in.conformityStandardPolicy = policies_.conformityStandard;
    in.content = contentOf(labOrg, terms, samples);

    // The register's facts of every line, in one batch each: parameters, methods, limits and
    // their standards.
    std::vector<std::int64_t> parameterIds, methodIds;
    std::vector<accreditation::Register::LimitQuery> limitQueries;
    for (const auto& o : ordered) parameterIds.push_back(o.parameterId);
    for (const auto& e : terms.exclusions) parameterIds.push_back(e.parameterId);
    for (const auto& l : lines) {
        parameterIds.push_back(l.parameterId);
        methodIds.push_back(l.methodId);
        if (l.specificationId && l.conformity) limitQueries.push_back({*l.specificationId, l.parameterId, l.product, l.productCategory});
    }
    const auto parameters = src_.reg.parameters(tx, lab, parameterIds);
    const auto methods = src_.reg.methods(tx, lab, methodIds);
    const auto limits = src_.reg.limits(tx, lab, limitQueries);
    std::vector<std::int64_t> limitStandardIds;
    for (const auto& l : limits)
        if (l && l->standardId) limitStandardIds.push_back(*l->standardId);
    const auto limitStandards = src_.reg.standards(tx, lab, limitStandardIds);
    const auto withMethods = src_.reg.standardsWithMethods(tx, lab, limitStandardIds);
    auto parameterName = [&](std::int64_t id) {
        auto it = parameters.find(id);
        return it != parameters.end() ? it->second.nameZh : "parameter " + std::to_string(id);
    };

    for (const auto& o : ordered)
        if (samples.count(o.sampleCode)) in.ordered.push_back({o.orderItemId, o.sampleCode, parameterName(o.parameterId)});
    for (const auto& e : terms.exclusions)
        if (samples.count(e.sampleCode))
            in.exclusions.push_back(e.sampleCode + " " + parameterName(e.parameterId) + ": " + e.reason + " (agreed by " + e.agreedBy + ")");

    // Every scope question of every line (the limit standard's CMA scope, the method's CMA and
    // CNAS scope), asked in one batch; answers[k] belongs to asked[k].
    std::vector<accreditation::ScopeQuery> asked;
    struct Asked {
        std::optional<std::size_t> limitStandard, cma, cnas;
    };
    std::vector<Asked> askedOf;
    std::vector<std::optional<accreditation::LimitRef>> limitOf;  // per line
    std::size_t nextLimit = 0;
    for (const auto& l : lines) {
        Asked a;
        std::optional<accreditation::LimitRef> limit;
        if (l.specificationId && l.conformity) limit = limits[nextLimit++];
        limitOf.push_back(limit);
        if (l.orderCode == r.orderCode) {
            if (limit && limit->standardId)
                if (auto st = limitStandards.find(*limit->standardId); st != limitStandards.end()) {
                    a.limitStandard = asked.size();
                    asked.push_back({lab, accreditation::Scheme::Cma, terms.site, l.product, l.productCategory, l.parameterId, st->second.designation(), std::nullopt, day});
                }
            if (auto m = methods.find(l.methodId); m != methods.end()) {
                a.cma = asked.size();
                asked.push_back({lab, accreditation::Scheme::Cma, terms.site, l.product, l.productCategory, l.parameterId, m->second.standard.designation(),
                                 m->second.clause, day});
                a.cnas = asked.size();
                asked.push_back({lab, accreditation::Scheme::Cnas, terms.site, l.product, l.productCategory, l.parameterId, m->second.standard.designation(),
                                 m->second.clause, day});
            }
        }
        askedOf.push_back(a);
    }
    const auto answers = src_.scope.checkMany(tx, asked);

    std::vector<std::int64_t> signedParameters;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const auto& l = lines[k];
        if (l.orderCode != r.orderCode) continue;  // a sample's items of another order are not this report's
        LineFacts f;
        f.itemId = l.itemId;
        f.orderItemId = l.orderItemId;
        f.sampleCode = l.sampleCode;
        f.parameter = parameterName(l.parameterId);
        f.testDate = l.testDate;
        f.resultStatus = l.resultStatus;
        f.rawRef = l.rawRef;
        f.conformity = l.conformity;
        f.decisionRule = l.decisionRule;
        // The expanded uncertainty as a report states it: two significant figures (GB/T 8170).
        if (l.uncertainty)
            if (const auto u = Decimal::parse(*l.uncertainty)) f.uncertainty = u->roundToSignificant(2).toString();
        f.muStraddles = l.muStraddles;
        f.equipmentFlag = l.equipmentFlag;
        f.resultId = l.resultId;
        f.tampered = l.tampered;  // R20
        f.reported = l.reported;
        f.unit = l.unit;
        f.limitText = l.limitText;
        if (const auto& at = askedOf[k].limitStandard) {  // R6: the standard the conformity is judged against
            const auto& standard = limitStandards.at(*limitOf[k]->standardId);
            f.limitStandard = standard.designation();
            f.limitStandardInCmaScope = answers[*at].inScope;
            f.limitStandardHasMethods = withMethods.count(standard.id) > 0;
        }
        if (auto m = methods.find(l.methodId); m != methods.end()) {
            f.method = m->second.citation();
            f.methodHasYear = m->second.standard.year > 0;
            const auto& cma = answers[*askedOf[k].cma];
            const auto& cnas = answers[*askedOf[k].cnas];
            // Why a line is outside, in the reader's language (accreditation's verdict message).
            auto why = [](const accreditation::ScopeVerdict& v) { return v.inScope || v.why.empty() ? Message::legacy(v.reason) : v.why; };
            f.cma = {cma.inScope, why(cma), cma.mraCovered};
            f.cnas = {cnas.inScope, why(cnas), cnas.mraCovered};
        } else {
            f.cma.reason = f.cnas.reason = Message(msg::kNoSuchMethod);
        }
        const auto sub = std::find_if(terms.subcontracted.begin(), terms.subcontracted.end(),
                                      [&](const intake::SubcontractedItem& s) { return s.orderItemId == l.orderItemId; });
        if (sub != terms.subcontracted.end()) {
            // R31: the receiving lab's result, outside this lab's own scope (R3 and R7 decide the marks).
            f.subcontractedTo = sub->receivingLab + (sub->receivingCmaNo ? ", CMA " + *sub->receivingCmaNo : "") +
                                (sub->receivingCnasNo ? ", CNAS " + *sub->receivingCnasNo : "");
            f.subcontractDispatched = sub->accepted && sub->dispatched;
            f.cma = {false, Message(msg::kSubcontractedTo, {{"lab", sub->receivingLab}}), false};
            f.cnas = {false, Message(msg::kSubcontractedTo, {{"lab", sub->receivingLab}}), false};
            in.content.subcontracted.push_back(f.sampleCode + " " + f.parameter + " → " + *f.subcontractedTo);
        } else {
            signedParameters.push_back(l.parameterId);  // the signatory answers for the lab's own results
        }
        in.lines.push_back(std::move(f));
    }
    std::string changesSha;
    if (r.amendment) {
        const auto original = repo_.find(tx, lab, r.amendment->amendsId);
        if (!original || !original->canonical) throw Error::conflict(msg::kAmendedContentGone);
        const Printed before = printedOf(*original->canonical);
        std::vector<PrintedLine> after;
        for (const auto& f : in.lines) after.push_back(printed(f));
        AmendmentFacts a;
        a.originalNumber = original->number.value_or("");
        a.reason = r.amendment->reason;
        a.cause = r.amendment->cause;
        a.originalCma = before.cma;
        a.originalCnas = before.cnas;
        a.changes = compareLines(before.lines, after);
        if (!before.facts.empty()) {  // reports signed before the facts were kept compare their lines only
            for (auto& c : compareFacts(before.facts, factsOf(labOrg.value_or(identity::OrganizationRef{}), terms, r.sampleCodes)))
                a.changes.push_back(std::move(c));
        }
        a.removesResults = removesResults(a.changes);
        a.changesConclusion = changesConclusion(a.changes);
        changesSha = sha256Hex(toJson(changesArray(a.changes)));
        if (r.amendment->approvedBy) {
            a.approved = r.amendment->approvedChangesSha256 == changesSha;
            a.approvalStale = !a.approved;
            auto u = src_.users.userById(tx, *r.amendment->approvedBy);
            a.approvedBy = u ? u->displayName : "user " + std::to_string(*r.amendment->approvedBy);
        }
        in.amendment = std::move(a);
    }
    auto standing = [&](accreditation::Scheme scheme) {
        const auto s = src_.standing.standingOn(tx, lab, scheme, day);
        return Standing{s.valid, s.status, s.reason, s.ilacMraPermitted};
    };
    in.cma = standing(accreditation::Scheme::Cma);
    in.cnas = standing(accreditation::Scheme::Cnas);
    // The signatory is asked for the schemes of the marks the report will carry (R10).
    std::vector<Check> ignored;
    const MarkDecision marks = decideMarks(in, ignored);
    if (r.signatoryUserId) {
        in.signatory.chosen = true;
        auto u = src_.users.userById(tx, *r.signatoryUserId);
        in.signatory.name = u ? u->displayName : "user " + std::to_string(*r.signatoryUserId);
        for (const auto& scheme : signingSchemes(marks)) {
            const auto v = src_.staff.maySign(tx, lab, *r.signatoryUserId, scheme, signedParameters, day);
            const Message why = v.ok ? Message()
                                : v.why.empty() ? Message::legacy((v.rule.empty() ? "" : v.rule + ": ") + v.reason)
                                                : Message(msg::kRuleWhy, {{"rule", v.rule}, {"reason", v.why}});
            (scheme == accreditation::Scheme::Cma ? in.signatory.cma : in.signatory.cnas) = std::make_pair(v.ok, why);
        }
    }
    return ReportChecksView{r, day, in, evaluate(in), changesSha, terms};
}

}  // namespace assay::reports
