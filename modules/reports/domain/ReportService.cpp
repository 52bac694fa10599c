// ReportService: drafts, signatory, and the facts behind the checks.
#include "domain/ReportService.hpp"

#include <algorithm>
#include <set>

#include "assay/Error.hpp"
#include "assay/identity/RequireLab.hpp"

namespace assay::reports {

Report ReportService::create(const Principal& p, const std::string& orderCode, const std::vector<std::string>& sampleCodes,
                             const std::string& requestId) {
    if (orderCode.empty()) throw Error::invalidField("order_code", "required: the accepted order the report is for");
    const std::int64_t lab = identity::requireLab(orgs_, p);
    const auto items = orders_.acceptedItems(lab, orderCode);  // 404 / 409
    std::vector<std::string> inOrder;
    for (const auto& i : items)
        if (std::find(inOrder.begin(), inOrder.end(), i.sampleCode) == inOrder.end()) inOrder.push_back(i.sampleCode);
    std::vector<std::string> chosen;
    std::vector<FieldError> errors;
    if (sampleCodes.empty()) chosen = inOrder;
    for (std::size_t k = 0; k < sampleCodes.size(); ++k) {
        const auto& code = sampleCodes[k];
        if (std::find(inOrder.begin(), inOrder.end(), code) == inOrder.end())
            errors.push_back({"sample_codes[" + std::to_string(k) + "]", code + " is not a sample of order " + orderCode + " with items to report"});
        else if (std::find(chosen.begin(), chosen.end(), code) == chosen.end())
            chosen.push_back(code);
    }
    if (chosen.empty() && errors.empty()) errors.push_back({"order_code", "the order has no items to report"});
    if (!errors.empty()) throw Error::invalid(errors);
    Report r;
    r.id = ids_.next();
    r.labId = lab;
    r.orderCode = orderCode;
    r.sampleCodes = chosen;
    r.createdBy = p.userId;
    r.createdAtMs = r.updatedAtMs = toEpochMillis(clock_.now());
    db_.write([&](Tx& tx) {
        repo_.insert(tx, r);
        std::string codes;
        for (const auto& c : chosen) codes += (codes.empty() ? "" : ", ") + c;
        audit_.record(tx, &p, requestId, {"report", std::to_string(r.id), "create", "", std::nullopt, orderCode + ": " + codes, std::nullopt});
        return 0;
    });
    return r;
}

std::vector<Report> ReportService::list(const Principal& p, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, beforeId, limit); });
}

Report ReportService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    auto r = db_.read([&](Tx& tx) { return repo_.find(tx, lab, id); });
    if (!r) throw Error::notFound("report");
    return *r;
}

Report ReportService::setSignatory(const Principal& p, std::int64_t id, int expectedVersion, std::optional<std::int64_t> userId,
                                   const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    std::string name;
    if (userId) {
        auto u = users_.userById(*userId);
        if (!u || u->orgId != lab || !u->active) throw Error::invalidField("signatory_user_id", "not an active user of this lab");
        name = u->displayName;
    }
    return db_.write([&](Tx& tx) {
        auto r = repo_.find(tx, lab, id);
        if (!r) throw Error::notFound("report");
        if (r->version != expectedVersion) throw Error::preconditionFailed("the report was changed by someone else");
        if (r->status != "draft") throw Error::conflict("an " + r->status + " report keeps its signatory", {});
        Report next = *r;
        next.signatoryUserId = userId;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.update(tx, next, expectedVersion)) throw Error::preconditionFailed("the report was changed by someone else");
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "update", "signatory",
                       r->signatoryUserId ? std::optional<std::string>(std::to_string(*r->signatoryUserId)) : std::nullopt,
                       userId ? std::optional<std::string>(std::to_string(*userId) + " " + name) : std::nullopt, std::nullopt});
        return next;
    });
}

ReportChecksView ReportService::checks(const Principal& p, std::int64_t id, const std::optional<std::string>& date) {
    if (date && !parseIsoDate(*date)) throw Error::invalidField("date", "YYYY-MM-DD");
    const Report r = get(p, id);
    const std::int64_t lab = r.labId;
    const std::string day = date.value_or(isoDateInLab(clock_.now()));
    const auto terms = orders_.acceptedTerms(lab, r.orderCode);
    const std::set<std::string> samples(r.sampleCodes.begin(), r.sampleCodes.end());
    CheckInput in;
    in.issueDate = day;
    in.wantCma = terms.wantCma;
    in.wantCnas = terms.wantCnas;
    in.language = terms.language;
    in.uncertaintyRequested = terms.uncertainty;
    in.cmaPolicy = policies_.cmaOutOfScope;
    in.englishOnlyCmaPolicy = policies_.englishOnlyCma;
    auto parameterName = [&](std::int64_t parameterId) {
        auto prm = register_.parameter(lab, parameterId);
        return prm ? prm->nameZh : "parameter " + std::to_string(parameterId);
    };
    for (const auto& o : orders_.acceptedItems(lab, r.orderCode))
        if (samples.count(o.sampleCode)) in.ordered.push_back({o.orderItemId, o.sampleCode, parameterName(o.parameterId)});
    for (const auto& e : terms.exclusions)
        if (samples.count(e.sampleCode))
            in.exclusions.push_back(e.sampleCode + " " + parameterName(e.parameterId) + ": " + e.reason + " (agreed by " + e.agreedBy + ")");
    std::vector<std::int64_t> parameters;
    for (const auto& l : results_.linesOfSamples(lab, r.sampleCodes)) {
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
        f.uncertainty = l.uncertainty;
        f.muStraddles = l.muStraddles;
        f.equipmentFlag = l.equipmentFlag;
        const auto method = register_.method(lab, l.methodId);
        if (method) {
            f.method = method->citation();
            f.methodHasYear = method->standard.year > 0;
            for (const std::string scheme : {"CMA", "CNAS"}) {
                const auto v = scope_.check({lab, scheme, terms.site, l.product, l.productCategory, l.parameterId,
                                             method->standard.designation(), method->clause, day});
                (scheme == "CMA" ? f.cma : f.cnas) = {v.inScope, v.reason, v.mraCovered};
            }
        } else {
            f.cma.reason = f.cnas.reason = "no such method in the register";
        }
        parameters.push_back(l.parameterId);
        in.lines.push_back(std::move(f));
    }
    auto standing = [&](const std::string& scheme) {
        const auto s = standing_.standingOn(lab, scheme, day);
        return Standing{s.valid, s.status, s.reason, s.ilacMraPermitted};
    };
    in.cma = standing("CMA");
    in.cnas = standing("CNAS");
    // The signatory is asked for the schemes of the marks the report will carry (R10).
    std::vector<Check> ignored;
    const MarkDecision marks = decideMarks(in, ignored);
    if (r.signatoryUserId) {
        in.signatory.chosen = true;
        auto u = users_.userById(*r.signatoryUserId);
        in.signatory.name = u ? u->displayName : "user " + std::to_string(*r.signatoryUserId);
        for (const auto& scheme : signingSchemes(marks)) {
            const auto v = staff_.maySign(lab, *r.signatoryUserId, scheme, parameters, day);
            (scheme == "CMA" ? in.signatory.cma : in.signatory.cnas) = std::make_pair(v.ok, (v.rule.empty() ? "" : v.rule + ": ") + v.reason);
        }
    }
    ReportChecksView view{r, day, in, evaluate(in)};
    return view;
}

}  // namespace assay::reports
