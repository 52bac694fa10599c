// ReportService: drafts, signatory, and the facts behind the checks.
#include "domain/ReportService.hpp"
#include "domain/ReportEvents.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "assay/Decimal.hpp"
#include "assay/Error.hpp"
#include "assay/Evidence.hpp"
#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "assay/Sequences.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/Signing.hpp"
#include "pdf/ReportPdf.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>


namespace assay::reports {

namespace {
// The canonical JSON's objects: Poco's default std::map keeps the keys in byte order (unlike
// makeObject, which keeps insertion order).
Poco::JSON::Object::Ptr sorted() { return new Poco::JSON::Object(); }

PrintedLine printed(const LineFacts& f) {
    return {f.sampleCode, f.parameter, f.method, f.reported, f.unit, f.limitText.value_or(""), f.conformity.value_or(""),
            f.uncertainty.value_or(""), f.testDate.value_or(""), std::to_string(f.orderItemId)};
}

// The lines and marks an issued report printed, from its signed canonical JSON.
struct Printed {
    std::vector<PrintedLine> lines;
    std::string customer;
    bool cma = false, cnas = false;
    std::map<std::string, std::string> facts;
};
Printed printedOf(const std::string& canonical) {
    Printed out;
    Poco::JSON::Parser parser;
    auto root = parser.parse(canonical).extract<Poco::JSON::Object::Ptr>();
    auto marks = root->getObject("marks");
    out.cma = marks && marks->optValue<bool>("cma", false);
    out.cnas = marks && marks->optValue<bool>("cnas", false);
    out.customer = root->optValue<std::string>("customer", "");
    if (auto facts = root->getObject("facts"))
        for (const auto& [key, value] : *facts) out.facts[key] = value.toString();
    if (auto lines = root->getArray("lines"))
        for (std::size_t k = 0; k < lines->size(); ++k) {
            auto l = lines->getObject(static_cast<unsigned>(k));
            auto str = [&](const char* key) { return l->optValue<std::string>(key, ""); };
            out.lines.push_back({str("sample_code"), str("parameter"), str("method"), str("reported"), str("unit"), str("limit"),
                                 str("conformity"), str("uncertainty"), str("test_date"), str("order_item_id")});
        }
    return out;
}

Poco::JSON::Array::Ptr changesArray(const std::vector<Change>& changes) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& c : changes) {
        auto x = sorted();
        x->set("sample_code", c.sampleCode);
        x->set("parameter", c.parameter);
        x->set("field", c.field);
        x->set("before", c.before);
        x->set("after", c.after);
        arr->add(x);
    }
    return arr;
}

// The report's samples as the order describes them, in the report's order.
std::vector<const intake::ReportSample*> samplesOf(const intake::ReportTerms& terms, const std::vector<std::string>& codes) {
    std::vector<const intake::ReportSample*> out;
    for (const auto& code : codes)
        for (const auto& s : terms.samples)
            if (s.code == code) out.push_back(&s);
    return out;
}
std::string described(const intake::ReportSample& s) { return s.name + (s.quantity ? " " + *s.quantity : ""); }
// What the customer declared about the sample (R28: flagged on the report).
std::string supplied(const intake::ReportSample& s) {
    std::string out;
    for (const auto& v : {s.brand, s.model, s.batchNo, s.manufacturer, s.productionDate})
        if (v && !v->empty()) out += (out.empty() ? "" : ", ") + *v;
    return out;
}

// The printed facts besides the results (ISO 7.8.2.1 b, c, e, g, h, n), as the canonical JSON
// keeps them and an amendment compares them.
std::map<std::string, std::string> factsOf(const identity::OrganizationRef& lab, const intake::ReportTerms& terms,
                                           const std::vector<std::string>& sampleCodes) {
    std::map<std::string, std::string> f{{"lab_address", lab.address.value_or("")}, {"lab_cma_no", lab.cmaNo.value_or("")},
                                         {"lab_cnas_no", lab.cnasNo.value_or("")}, {"customer", terms.customerName},
                                         {"contact", terms.contact}, {"site", terms.site}};
    for (const auto* s : samplesOf(terms, sampleCodes)) {
        const std::string& code = s->code;
        f[code + "|name"] = described(*s);
        f[code + "|customer_supplied"] = supplied(*s);
        f[code + "|received"] = s->receivedOn.value_or("");
        f[code + "|condition"] = s->condition.value_or("");
        f[code + "|deviation"] = s->deviation.value_or("");
    }
    return f;
}

}  // namespace

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

std::vector<Report> ReportService::list(const Principal& p, std::int64_t beforeId, int limit, const std::string& status) {
    static const std::set<std::string> kStatuses{"draft", "issued", "superseded", "withdrawn", "discarded"};
    if (!status.empty() && !kStatuses.count(status)) throw Error::invalidField("status", "one of draft, issued, superseded, withdrawn, discarded");
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.read([&](Tx& tx) {
        auto rows = repo_.list(tx, lab, beforeId, limit, status);
        for (auto& r : rows) enrich(tx, r);  // what each amends, what superseded it (indexed point queries)
        return rows;
    });
}

Report ReportService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    auto r = db_.read([&](Tx& tx) {
        auto found = repo_.find(tx, lab, id);
        if (found) enrich(tx, *found);
        return found;
    });
    if (!r) throw Error::notFound("report");
    return *r;
}

void ReportService::enrich(Tx& tx, Report& r) {
    r.amendment = repo_.amendment(tx, r.labId, r.id);
    if (r.amendment) r.amendsNumber = repo_.numberOf(tx, r.labId, r.amendment->amendsId);
    if (r.supersededById) r.supersededByNumber = repo_.numberOf(tx, r.labId, *r.supersededById);
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
    return checksOf(get(p, id), date);
}

ReportChecksView ReportService::checksOf(const Report& r, const std::optional<std::string>& date) {
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
    in.conformityStandardPolicy = policies_.conformityStandard;
    {  // R27: the 7.8.2.1 content that depends on data
        const auto labOrg = orgs_.organizationById(lab);
        in.content.labAddress = labOrg && labOrg->address && !labOrg->address->empty();
        in.content.site = terms.site;
        in.content.customerContact = !terms.contact.empty();
        in.content.labSampled = terms.labSampled;
        for (const auto& s : terms.samples) {
            if (!samples.count(s.code)) continue;
            if (!s.condition || s.condition->empty()) in.content.samplesWithoutCondition.push_back(s.code);
            if (!s.receivedOn) in.content.samplesNotReceived.push_back(s.code);
            if (s.deviation) in.content.deviations.push_back(s.code + ": " + *s.deviation);
        }
        for (const auto& e : terms.exclusions)
            if (samples.count(e.sampleCode)) in.content.deviations.push_back(e.sampleCode + ": excluded");
    }
    std::map<std::int64_t, std::string> names;  // each parameter read once (ordered items, exclusions and lines repeat them)
    auto parameterName = [&](std::int64_t parameterId) -> const std::string& {
        auto it = names.find(parameterId);
        if (it == names.end()) {
            auto prm = register_.parameter(lab, parameterId);
            it = names.emplace(parameterId, prm ? prm->nameZh : "parameter " + std::to_string(parameterId)).first;
        }
        return it->second;
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
        if (l.specificationId && l.conformity) {  // R6: the standard the conformity is judged against
            if (const auto limit = register_.limit(lab, *l.specificationId, l.parameterId, l.product, l.productCategory); limit && limit->standardId)
                if (const auto standard = register_.standard(lab, *limit->standardId)) {
                    f.limitStandard = standard->designation();
                    f.limitStandardInCmaScope =
                        scope_.check({lab, "CMA", terms.site, l.product, l.productCategory, l.parameterId, f.limitStandard, std::nullopt, day}).inScope;
                    f.limitStandardHasMethods = register_.standardHasMethods(lab, standard->id);
                }
        }
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
        const auto sub = std::find_if(terms.subcontracted.begin(), terms.subcontracted.end(),
                                      [&](const intake::SubcontractedItem& s) { return s.orderItemId == l.orderItemId; });
        if (sub != terms.subcontracted.end()) {
            // R31: the receiving lab's result, outside this lab's own scope (R3 and R7 decide the marks).
            f.subcontractedTo = sub->receivingLab + (sub->receivingCmaNo ? ", CMA " + *sub->receivingCmaNo : "") +
                                (sub->receivingCnasNo ? ", CNAS " + *sub->receivingCnasNo : "");
            f.subcontractDispatched = sub->accepted && sub->dispatched;
            f.cma = {false, "R31: subcontracted to " + sub->receivingLab, false};
            f.cnas = {false, "R31: subcontracted to " + sub->receivingLab, false};
            in.content.subcontracted.push_back(f.sampleCode + " " + f.parameter + " → " + *f.subcontractedTo);
        } else {
            parameters.push_back(l.parameterId);  // the signatory answers for the lab's own results
        }
        in.lines.push_back(std::move(f));
    }
    std::string changesSha;
    if (r.amendment) {
        const auto original = db_.read([&](Tx& tx) { return repo_.find(tx, lab, r.amendment->amendsId); });
        if (!original || !original->canonical) throw Error::conflict("the amended report's content is not available", {});
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
            const auto labOrg = orgs_.organizationById(lab).value_or(identity::OrganizationRef{});
            for (auto& c : compareFacts(before.facts, factsOf(labOrg, terms, r.sampleCodes))) a.changes.push_back(std::move(c));
        }
        a.removesResults = removesResults(a.changes);
        a.changesConclusion = changesConclusion(a.changes);
        changesSha = sha256Hex(toJson(changesArray(a.changes)));
        if (r.amendment->approvedBy) {
            a.approved = r.amendment->approvedChangesSha256 == changesSha;
            a.approvalStale = !a.approved;
            auto u = users_.userById(*r.amendment->approvedBy);
            a.approvedBy = u ? u->displayName : "user " + std::to_string(*r.amendment->approvedBy);
        }
        in.amendment = std::move(a);
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
    ReportChecksView view{r, day, in, evaluate(in), changesSha, terms};
    return view;
}

namespace {


// The canonical JSON that is signed: keys sorted, no whitespace, UTF-8 (documented in
// docs/verification.md). Everything the report states, nothing else.
std::string canonicalJson(const Report& r, const identity::OrganizationRef& lab, const intake::ReportTerms& terms,
                          const ReportChecksView& view, const std::string& signatory, const std::string& fingerprint,
                          const std::string& issuedAt) {
    auto o = sorted();
    o->set("format", "assay-report/1");
    o->set("pdf_sha256", r.pdfSha256.value_or(""));
    o->set("verify_code", r.verifyCode.value_or(""));
    o->set("number", *r.number);
    auto l = sorted();
    l->set("code", lab.code.value_or(""));
    l->set("name", lab.name);
    o->set("lab", l);
    o->set("order_code", r.orderCode);
    o->set("customer", terms.customerName);
    o->set("language", terms.language);
    Poco::JSON::Array::Ptr samples = new Poco::JSON::Array;
    for (const auto& c : r.sampleCodes) samples->add(c);
    o->set("samples", samples);
    o->set("issue_date", *r.issueDate);
    o->set("issued_at", issuedAt);
    auto s = sorted();
    s->set("user_id", std::to_string(*r.signatoryUserId));
    s->set("name", signatory);
    s->set("certificate_sha256", fingerprint);
    o->set("signatory", s);
    auto m = sorted();
    m->set("cma", view.outcome.marks.cma);
    m->set("cnas", view.outcome.marks.cnas);
    m->set("ilac_mra", view.outcome.marks.ilacMra);
    o->set("marks", m);
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& f : view.facts.lines) {
        auto x = sorted();
        x->set("sample_code", f.sampleCode);
        x->set("order_item_id", std::to_string(f.orderItemId));
        x->set("parameter", f.parameter);
        x->set("method", f.method);
        x->set("result_id", f.resultId ? std::to_string(*f.resultId) : std::string());
        x->set("reported", f.reported);
        x->set("unit", f.unit);
        x->set("limit", f.limitText.value_or(""));
        x->set("conformity", f.conformity.value_or(""));
        x->set("decision_rule", f.decisionRule.value_or(""));
        x->set("uncertainty", f.uncertainty.value_or(""));
        x->set("test_date", f.testDate.value_or(""));
        x->set("cma_starred", view.outcome.marks.cmaStarred.count(f.itemId) > 0);
        x->set("cnas_starred", view.outcome.marks.cnasStarred.count(f.itemId) > 0);
        if (f.subcontractedTo) x->set("subcontracted_to", *f.subcontractedTo);  // R31
        lines->add(x);
    }
    o->set("lines", lines);
    Poco::JSON::Array::Ptr exclusions = new Poco::JSON::Array;
    for (const auto& e : view.facts.exclusions) exclusions->add(e);
    o->set("exclusions", exclusions);
    auto facts = sorted();  // the printed facts besides the results (lab, customer, site, samples)
    for (const auto& [key, value] : factsOf(lab, terms, r.sampleCodes)) facts->set(key, value);
    o->set("facts", facts);
    if (const auto& a = view.facts.amendment) {  // R35: what it replaces, why, and what changed
        auto x = sorted();
        x->set("replaces", a->originalNumber);
        x->set("reason", a->reason);
        x->set("cause", a->cause);
        x->set("changes", changesArray(a->changes));
        x->set("approved_by", a->approved ? a->approvedBy : std::string());
        o->set("amendment", x);
    }
    return toJson(o);
}

// The statements every report prints: R28 (samples as received), reproduction, and the decision
// rule of its conformity statements (R30).
std::vector<std::string> statements(const std::string& language, const ReportChecksView& v) {
    auto both = [&](const std::string& zh, const std::string& en) {
        return language == "zh" ? zh : language == "en" ? en : zh + " / " + en;
    };
    std::vector<std::string> out;
    if (const auto& a = v.facts.amendment) {  // R35: printed first
        out.push_back(both("本报告替代报告 No. " + a->originalNumber + "，原报告作废。", "This report replaces report No. " + a->originalNumber + ", which is void."));
        out.push_back(both("更改原因：", "Reason for the amendment: ") + a->reason);
        for (const auto& c : a->changes)
            out.push_back(both("更改内容：", "Changed: ") + c.sampleCode + " " + c.parameter + " " + c.field + ": " +
                          (c.before.empty() ? "—" : c.before) + " → " + (c.after.empty() ? both("删除", "removed") : c.after));
    }
    for (auto s : {both("本报告检测结果仅对来样负责。", "The results apply only to the samples as received."),
                   both("未经本机构书面批准，不得部分复制本报告。",
                        "This report shall not be reproduced except in full without the written approval of the laboratory.")})
        out.push_back(s);
    std::set<std::string> rules;
    for (const auto& l : v.facts.lines)
        if (l.conformity && l.decisionRule) rules.insert(*l.decisionRule);
    for (const auto& rule : rules)
        out.push_back(rule == "guard_band" ? both("符合性判定规则：保护带（考虑测量不确定度）。", "Decision rule: guard band (measurement uncertainty taken into account).")
                                           : both("符合性判定规则：简单接受（不考虑测量不确定度）。", "Decision rule: simple acceptance (measurement uncertainty not taken into account)."));
    return out;
}

PdfReport pdfDocument(const Report& r, const identity::OrganizationRef& lab, const intake::ReportTerms& terms, const ReportChecksView& view,
                      const std::string& signatory, const std::string& issuedAt, const std::string& verifyUrl) {
    PdfReport d;
    d.language = terms.language;
    d.number = *r.number;
    d.lab = lab.name;
    d.customer = terms.customerName;
    d.orderCode = r.orderCode;
    for (const auto& c : r.sampleCodes) d.samples += (d.samples.empty() ? "" : ", ") + c;
    d.issueDate = *r.issueDate;
    d.issuedAt = issuedAt;
    d.signatory = signatory;
    d.verifyUrl = verifyUrl;
    d.cma = view.outcome.marks.cma;
    d.cnas = view.outcome.marks.cnas;
    d.ilacMra = view.outcome.marks.ilacMra;
    for (const auto& f : view.facts.lines)
        d.lines.push_back({f.sampleCode, f.parameter, f.method, f.unit, f.limitText.value_or(""), f.reported, f.conformity.value_or(""),
                           f.uncertainty.value_or(""), view.outcome.marks.cmaStarred.count(f.itemId) > 0,
                           view.outcome.marks.cnasStarred.count(f.itemId) > 0, f.subcontractedTo.value_or("")});
    d.exclusions = view.facts.exclusions;
    d.statements = statements(terms.language, view);
    d.labAddress = lab.address.value_or("");
    d.cmaNo = lab.cmaNo.value_or("");
    d.cnasNo = lab.cnasNo.value_or("");
    d.contact = terms.contact;
    d.site = terms.site;
    for (const auto* s : samplesOf(terms, r.sampleCodes))
        d.sampleFacts.push_back({s->code, described(*s), supplied(*s), s->receivedOn.value_or(""), s->condition.value_or(""),
                                 s->deviation ? *s->deviation + (s->customerDecision == "proceed" ? " (客户同意继续检测 / customer: proceed)" : "")
                                              : ""});
    return d;
}

std::string checksJson(const ReportChecksView& v) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& c : v.outcome.checks) {
        auto x = sorted();
        x->set("rule", c.rule);
        x->set("status", c.status);
        x->set("blocking", c.blocking);
        x->set("reason", c.reason);
        arr->add(x);
    }
    return toJson(arr);
}
}  // namespace

SigningKey ReportService::createKey(const Principal& p, const std::string& password, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    reauth_.confirmPassword(p, password, "create a signing key", requestId);
    const auto user = users_.userById(p.userId);
    const auto org = orgs_.organizationById(lab);
    SigningKey k;
    k.id = ids_.next();
    k.labId = lab;
    k.userId = p.userId;
    const auto generated = generateKey(user ? user->displayName : p.username, org ? org->name : "lab", password, static_cast<long>(k.id % 2000000000L),
                                       3650);
    k.fingerprint = generated.fingerprint;
    k.certificatePem = generated.certificatePem;
    k.privateKeyPem = generated.encryptedKeyPem;
    k.createdAtMs = toEpochMillis(clock_.now());
    db_.write([&](Tx& tx) {
        repo_.retireKeys(tx, lab, p.userId);
        repo_.insertKey(tx, k);
        audit_.record(tx, &p, requestId, {"signing_key", k.fingerprint, "create", "", std::nullopt, "P-256 certificate " + k.fingerprint, std::nullopt});
        return 0;
    });
    return k;
}

std::vector<SigningKey> ReportService::keys(const Principal& p) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.read([&](Tx& tx) { return repo_.keys(tx, lab); });
}

std::optional<SigningKey> ReportService::certificate(const std::string& fingerprint) {
    return db_.read([&](Tx& tx) { return repo_.keyByFingerprint(tx, fingerprint); });
}

Report ReportService::draftToIssue(const Principal& p, std::int64_t id, std::optional<int> expectedVersion) {
    Report draft = get(p, id);
    if (draft.status != "draft") throw Error::conflict("the report is " + draft.status + ": only a draft is issued", {});
    if (expectedVersion && draft.version != *expectedVersion) throw Error::preconditionFailed("the report was changed by someone else");
    if (!draft.signatoryUserId) throw Error::rule("R10", "no signatory chosen");
    if (*draft.signatoryUserId != p.userId)
        throw Error::rule("R11", "only the chosen signatory signs, with their own key: there is no signing on behalf of another person");
    return draft;
}

Report ReportService::issue(const Principal& p, std::int64_t id, int expectedVersion, const std::string& password,
                            const std::string& requestId) {
    const Report draft = draftToIssue(p, id, expectedVersion);  // before the password is tried (R11)
    reauth_.confirmPassword(p, password, "sign report " + std::to_string(id), requestId);
    return signDraft(p, draft, password, requestId);
}

void ReportService::confirmSigner(const Principal& p, const std::string& password, const std::string& what, const std::string& requestId) {
    reauth_.confirmPassword(p, password, what, requestId);
}

Report ReportService::issueConfirmed(const Principal& p, std::int64_t id, std::optional<int> expectedVersion, const std::string& password,
                                     const std::string& requestId) {
    return signDraft(p, draftToIssue(p, id, expectedVersion), password, requestId);
}

Report ReportService::signDraft(const Principal& p, const Report& draft, const std::string& password, const std::string& requestId) {
    const std::int64_t id = draft.id, lab = draft.labId;
    const int expectedVersion = draft.version;
    const ReportChecksView view = checksOf(draft, std::nullopt);  // today, by the server clock (R32)
    if (!view.outcome.issuable) {
        std::vector<RuleFailure> failures;
        for (const auto& c : view.outcome.checks)
            if (c.blocking && c.status == "fail") failures.push_back({c.rule, c.reason});
        throw Error::rules(failures);
    }
    const auto key = db_.read([&](Tx& tx) { return repo_.activeKey(tx, lab, p.userId); });
    if (!key) throw Error::conflict("you have no signing key yet: make one first (POST /api/signing/keys)", {});
    const auto org = orgs_.organizationById(lab);
    const auto& terms = view.terms;
    const auto user = users_.userById(p.userId);
    const std::string signatory = user ? user->displayName : p.username;
    const auto now = clock_.now();
    return db_.write([&](Tx& tx) {
        auto current = repo_.find(tx, lab, id);
        if (!current || current->version != expectedVersion || current->status != "draft")
            throw Error::preconditionFailed("the report was changed by someone else");
        // The results as checked must still be the approved ones now (on SQLite this transaction
        // holds the write lock, so none can change before it commits).
        for (const auto& l : results_.linesOfSamples(lab, draft.sampleCodes)) {
            const auto was = std::find_if(view.facts.lines.begin(), view.facts.lines.end(), [&](const LineFacts& f) { return f.itemId == l.itemId; });
            if (was != view.facts.lines.end() && (was->resultId != l.resultId || l.resultStatus != "approved" || l.tampered))
                throw Error::conflict("a result of the report changed while it was being signed: check it again", {});
        }
        Report r = *current;
        std::optional<Report> original;
        if (draft.amendment) {
            // R35: <original>-A<n>, the suffix counted along the chain from the first report.
            original = repo_.find(tx, lab, draft.amendment->amendsId);
            if (!original || original->status != "issued" || !original->number)
                throw Error::conflict("the amended report is no longer issued (" + (original ? original->status : std::string("gone")) + ")", {});
            std::string root = *original->number;
            if (auto prior = repo_.amendment(tx, lab, original->id)) {
                const std::string suffix = "-A" + std::to_string(prior->amendmentNo);
                if (root.size() > suffix.size() && root.compare(root.size() - suffix.size(), suffix.size(), suffix) == 0)
                    root.resize(root.size() - suffix.size());
            }
            r.number = root + "-A" + std::to_string(draft.amendment->amendmentNo);
        } else {
            const int year = std::stoi(view.date.substr(0, 4));
            // A format with the year restarts each year; one without it never does (else numbers repeat).
            const bool yearly = policies_.numberFormat.find("{YYYY}") != std::string::npos || policies_.numberFormat.find("{YY}") != std::string::npos;
            r.number = *formatNumber(policies_.numberFormat, org && org->code ? *org->code : std::string("LAB"), year,
                                     Sequences::next(tx, lab, yearly ? "report:" + std::to_string(year) : std::string("report")));
        }
        r.status = "issued";
        r.issueDate = view.date;
        r.issuedAtMs = toEpochMillis(now);
        r.keyFingerprint = key->fingerprint;
        r.verifyCode = randomCode();
        const auto labRef = org.value_or(identity::OrganizationRef{});
        // The PDF first (its hash is part of what is signed), then the canonical JSON.
        const std::string pdf =
            renderReportPdf(pdfDocument(r, labRef, terms, view, signatory, formatRfc3339(now, 0), policies_.publicBaseUrl + "/verify/" + *r.verifyCode));
        r.pdfSha256 = sha256Hex(pdf);
        r.canonical = canonicalJson(r, labRef, terms, view, signatory, key->fingerprint, formatRfc3339(now));
        r.canonicalSha256 = sha256Hex(*r.canonical);
        try {
            const ReportSignatures signatures = signReport(key->privateKeyPem, password, key->certificatePem, *r.canonical, pdf);
            r.signature = base64(signatures.canonical);
            r.pdfCms = base64(signatures.pdfCms);
        } catch (const WrongPassword&) {
            throw Error::invalidField("password", "your signing key was made with an earlier password: make a new key");
        }
        r.pdf = base64(pdf);
        r.checks = checksJson(view);
        r.updatedAtMs = r.issuedAtMs.value();
        if (!repo_.update(tx, r, expectedVersion)) throw Error::preconditionFailed("the report was changed by someone else");
        r.version = expectedVersion + 1;
        if (original) {
            // R35: the original is superseded, linked to its amendment; the customer is notified.
            if (!repo_.markSuperseded(tx, lab, original->id, r.id, *r.issuedAtMs))
                throw Error::conflict("the amended report was changed meanwhile", {});
            const auto& a = *draft.amendment;
            auto note = [&](const std::string& kind, const std::string& channel, const std::string& message) {
                repo_.insertNotification(tx, {ids_.next(), lab, original->id, kind, channel, terms.customerName, message, p.userId, *r.issuedAtMs});
            };
            note("amended", "record",
                 "报告 No. " + *original->number + " 已由报告 No. " + *r.number + " 替代 / Report No. " + *original->number +
                     " is replaced by report No. " + *r.number + ": " + a.reason);
            if (!a.originalRecovered)
                note("void_declaration", "record",
                     "报告 No. " + *original->number + " 原件无法收回，特此声明作废 / The original of report No. " + *original->number +
                         " cannot be recovered and is hereby declared void");
            if (a.publicNotice)
                note("public_notice", "public",
                     "报告 No. " + *original->number + " 已作废，由报告 No. " + *r.number + " 替代 / Report No. " + *original->number +
                         " is void and replaced by report No. " + *r.number);
            audit_.record(tx, &p, requestId,
                          {"report", std::to_string(original->id), "supersede", "status", std::string("issued"), "superseded by " + *r.number,
                           a.reason});
            Report superseded = *original;
            superseded.status = "superseded";
            audit_.record(tx, &p, requestId,  // the state after the change (domain/ReportIntegrity)
                          {"report", std::to_string(original->id), "seal", "evidence", std::nullopt, reportSealText(superseded, r.number), std::nullopt});
            r.amendsNumber = original->number;
            r.amendment = draft.amendment;
        }
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "sign", "", std::nullopt,
                       *r.number + " sha256 " + *r.canonicalSha256 + " version " + std::to_string(r.version) + " key " + key->fingerprint +
                           " at " + formatRfc3339(now),
                       std::nullopt});
        audit_.record(tx, &p, requestId,  // status issued, and what was signed
                      {"report", std::to_string(id), "seal", "evidence", std::nullopt, reportSealText(r), std::nullopt});
        publishReportIssued(outbox_, tx, r);  // the outbox message commits with the issue
        return r;
    });
}

std::string ReportService::pdfVerdict(const std::string& pdf, std::optional<Verification>& found) {
    const std::string sha = sha256Hex(pdf);
    auto hit = verified([&](Tx& tx) { return repo_.byPdfSha256(tx, sha); });
    if (!hit) return "document modified";
    const Report& r = hit->first;
    auto key = certificate(r.keyFingerprint.value_or(""));
    // The stored detached signature must verify over these bytes with the signatory's certificate.
    if (!key || !r.pdfCms || !cmsVerify(key->certificatePem, pdf, unbase64(*r.pdfCms))) return "document modified";
    found = std::move(hit->second);
    // The record it matches no longer agrees with its signature or its audit trail: nothing it
    // says (the status first) can be vouched for.
    return found->status == "damaged" ? "record damaged" : "authentic";
}

std::optional<Verification> ReportService::verification(const std::string& code) {
    if (code.size() != 16) return std::nullopt;
    auto hit = verified([&](Tx& tx) { return repo_.byVerifyCode(tx, code); });
    if (!hit) return std::nullopt;
    return std::move(hit->second);
}

std::optional<std::pair<Report, Verification>> ReportService::verified(const std::function<std::optional<Report>(Tx&)>& find) {
    Verification v;
    bool disclosed = false;
    std::optional<Report> r;
    // The row, what it links to, its signatory's certificate and its audit trail, in one read. A
    // row that disagrees is read once more: on MariaDB (READ COMMITTED) a change committing
    // between the statements of the first read is not damage.
    for (int attempt = 0; attempt < 2; ++attempt) {
        v = Verification{};
        r = db_.read([&](Tx& tx) {
            auto found = find(tx);
            if (!found || !found->number) return found;
            if (found->supersededById) v.supersededBy = repo_.numberOf(tx, found->labId, *found->supersededById);
            disclosed = repo_.hasDisclosure(tx, found->labId, found->id);
            for (const auto& n : repo_.publicNotices(tx, found->labId, found->id)) v.publicNotices.push_back(n.message);
            const auto key = found->keyFingerprint ? repo_.keyByFingerprint(tx, *found->keyFingerprint) : std::nullopt;
            const auto audited = auditedReport(auditTrailOf(tx, audit_, "report", std::to_string(found->id)));
            // R37, R38: "valid" only for a row that still matches its signature, its hashes and
            // its audit trail (the status included).
            v.problems = integrityProblems(*found, audited, key ? std::optional<std::string>(key->certificatePem) : std::nullopt,
                                           v.supersededBy, disclosed, false);
            disclosed = disclosed && audited.disclosed;
            return found;
        });
        if (!r || !r->number || v.problems.empty()) break;
    }
    if (!r || !r->number || !r->verifyCode) return std::nullopt;
    const bool damaged = !v.problems.empty();
    if (damaged) {
        std::string problems;
        for (const auto& p : v.problems) problems += (problems.empty() ? "" : "; ") + p;
        Log::warn("report.damaged", {{"report_id", std::to_string(r->id)}, {"number", *r->number}, {"problems", problems}});
    }
    v.number = *r->number;
    const auto org = orgs_.organizationById(r->labId);
    v.lab = org ? org->name : "";
    v.issueDate = r->issueDate.value_or("");
    v.status = damaged ? "damaged" : r->status == "issued" ? "valid" : r->status;
    v.canonicalSha256 = r->canonicalSha256.value_or("");
    v.signature = r->signature.value_or("");
    v.keyFingerprint = r->keyFingerprint.value_or("");
    v.pdfSha256 = r->pdfSha256;  // the withdrawal's reason is internal: it may name results or the customer (R38)
    if (r->signatoryUserId)
        if (auto u = users_.userById(*r->signatoryUserId)) v.signatory = u->displayName;
    if (r->canonical && !damaged) {  // what a damaged record says cannot be vouched for
        Printed printed = printedOf(*r->canonical);
        v.cma = printed.cma;
        v.cnas = printed.cnas;
        if (disclosed) {  // R38: the customer and the results with the customer's consent only
            v.customer = printed.customer;
            v.results = std::move(printed.lines);
        }
    }
    return std::make_pair(std::move(*r), std::move(v));
}

Report ReportService::amend(const Principal& p, std::int64_t id, const AmendRequest& request, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string reason =
        requiredText(errors, "reason", request.reason, "required: why the issued report is amended (printed on the amendment, R35)", 2000);
    static const std::set<std::string> kCauses{"error", "omission", "customer_request", "other"};
    if (!kCauses.count(request.cause)) errors.push_back({"cause", "one of error, omission, customer_request, other"});
    if (!errors.empty()) throw Error::invalid(errors);
    const Report original = get(p, id);
    if (original.status != "issued")
        throw Error::conflict("only an issued report is amended; this one is " + original.status +
                                  (original.supersededByNumber ? " by " + *original.supersededByNumber + " (amend that one)" : ""),
                              {});
    const std::int64_t lab = original.labId;
    Report r;
    r.id = ids_.next();
    r.labId = lab;
    r.orderCode = original.orderCode;
    r.sampleCodes = original.sampleCodes;
    r.signatoryUserId = original.signatoryUserId;
    r.createdBy = p.userId;
    r.createdAtMs = r.updatedAtMs = toEpochMillis(clock_.now());
    Amendment a;
    a.reportId = r.id;
    a.labId = lab;
    a.amendsId = original.id;
    a.amendmentNo = original.amendment ? original.amendment->amendmentNo + 1 : 1;
    a.reason = reason;
    a.cause = request.cause;
    a.originalRecovered = request.originalRecovered;
    a.publicNotice = request.publicNotice;
    db_.write([&](Tx& tx) {
        repo_.lock(tx, lab, original.id);  // one amendment draft at a time, also on MariaDB
        for (const auto& other : repo_.amendmentsOf(tx, lab, original.id))
            if (auto d = repo_.find(tx, lab, other.reportId); d && d->status == "draft")
                throw Error::conflict("an amendment of report " + original.number.value_or("") + " is already being drafted (report " +
                                          std::to_string(d->id) + ")",
                                      {});
        repo_.insert(tx, r);
        repo_.insertAmendment(tx, a);
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(r.id), "amend", "", std::nullopt,
                       "amends " + original.number.value_or("") + " (" + a.cause + "): " + a.reason, std::nullopt});
        return 0;
    });
    r.amendment = a;
    r.amendsNumber = original.number;
    return r;
}

Report ReportService::approveAmendment(const Principal& p, std::int64_t id, const std::string& password, const std::string& note,
                                       const std::string& changesSha256, const std::string& requestId) {
    const ReportChecksView view = checks(p, id, std::nullopt);
    const Report& r = view.report;
    if (!r.amendment || r.status != "draft") throw Error::conflict("only an amendment draft is approved", {});
    const auto& a = *view.facts.amendment;
    if (!a.removesResults && !a.changesConclusion)
        throw Error::rule("R36", "the amendment neither removes results nor changes a conclusion: there is nothing to approve");
    if (r.createdBy == p.userId)
        throw Error::rule("R36", "the technical manager approves someone else's amendment, not their own");
    if (changesSha256 != view.changesSha256)
        throw Error::preconditionFailed("the amendment's changes moved since you reviewed them: review them again");
    reauth_.confirmPassword(p, password, "approve amendment " + std::to_string(id), requestId);
    Amendment approved = *r.amendment;
    approved.approvedBy = p.userId;
    approved.approvedAtMs = toEpochMillis(clock_.now());
    approved.approvalNote = note.empty() ? std::nullopt : std::optional<std::string>(note);
    approved.approvedChangesSha256 = view.changesSha256;
    db_.write([&](Tx& tx) {
        if (!repo_.approveAmendment(tx, approved)) throw Error::conflict("the amendment is no longer a draft", {});
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "approve", "amendment", std::nullopt,
                       std::to_string(a.changes.size()) + " change(s), sha256 " + view.changesSha256, note.empty() ? std::nullopt : std::optional<std::string>(note)});
        return 0;
    });
    return get(p, id);
}

Report ReportService::withdraw(const Principal& p, std::int64_t id, int expectedVersion, const std::string& reasonGiven, const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, "required: why the report is withdrawn", 2000);
    const Report r = get(p, id);
    if (r.status != "issued") throw Error::conflict("only an issued report is withdrawn; this one is " + r.status, {});
    const auto terms = orders_.acceptedTerms(r.labId, r.orderCode);
    const auto at = toEpochMillis(clock_.now());
    db_.write([&](Tx& tx) {
        if (!repo_.markWithdrawn(tx, r.labId, id, expectedVersion, reason, at)) throw Error::preconditionFailed("the report was changed by someone else");
        repo_.insertNotification(tx, {ids_.next(), r.labId, id, "withdrawn", "record", terms.customerName,
                                      "报告 No. " + r.number.value_or("") + " 已撤回 / Report No. " + r.number.value_or("") + " is withdrawn: " + reason,
                                      p.userId, at});
        audit_.record(tx, &p, requestId, {"report", std::to_string(id), "withdraw", "status", std::string("issued"), std::string("withdrawn"), reason});
        Report withdrawn = r;
        withdrawn.status = "withdrawn";
        audit_.record(tx, &p, requestId, {"report", std::to_string(id), "seal", "evidence", std::nullopt, reportSealText(withdrawn), std::nullopt});
        return 0;
    });
    return get(p, id);
}

Report ReportService::discloseResults(const Principal& p, std::int64_t id, const std::string& byGiven, const std::string& refGiven,
                                      const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string consentedBy = requiredText(errors, "consented_by", byGiven, "required: who consented for the customer (R38)", 100);
    const std::string consentRef = requiredText(errors, "consent_ref", refGiven, "required: the customer's written consent (R38)", 200);
    if (!errors.empty()) throw Error::invalid(errors);
    const Report r = get(p, id);
    if (!r.canonical) throw Error::conflict("only an issued report is verified in public", {});
    db_.write([&](Tx& tx) {
        if (repo_.hasDisclosure(tx, r.labId, id)) throw Error::conflict("the customer's consent is recorded already", {});
        repo_.insertDisclosure(tx, r.labId, id, consentedBy, consentRef, p.userId, toEpochMillis(clock_.now()));
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "disclose", "public results", std::nullopt, "consent of " + consentedBy, consentRef});
        return 0;
    });
    return r;
}

std::string ReportService::userName(std::int64_t userId) {
    auto u = users_.userById(userId);
    return u ? u->displayName : "user " + std::to_string(userId);
}

std::vector<Notification> ReportService::notifications(const Principal& p, std::int64_t id) {
    const Report r = get(p, id);
    return db_.read([&](Tx& tx) { return repo_.notifications(tx, r.labId, id); });
}

std::string ReportService::retainUntil(const std::string& issueDate, int years) {
    const auto d = parseIsoDate(issueDate);
    if (!d) return issueDate;
    const std::chrono::year_month_day ymd{*d};
    auto target = (ymd.year() + std::chrono::years(years)) / ymd.month() / ymd.day();
    if (!target.ok()) target = (ymd.year() + std::chrono::years(years)) / ymd.month() / std::chrono::last;  // 29 Feb
    return formatIsoDate(std::chrono::sys_days(target));
}

Report ReportService::remove(const Principal& p, std::int64_t id, int expectedVersion, const std::string& requestId) {
    const Report r = get(p, id);
    if (r.version != expectedVersion) throw Error::preconditionFailed("the report was changed by someone else");
    const auto at = toEpochMillis(clock_.now());
    if (r.status == "discarded") return r;
    if (r.status == "draft") {
        db_.write([&](Tx& tx) {
            if (!repo_.markDiscarded(tx, r.labId, id, expectedVersion, at)) throw Error::preconditionFailed("the report was changed by someone else");
            audit_.record(tx, &p, requestId, {"report", std::to_string(id), "discard", "status", std::string("draft"), std::string("discarded"), std::nullopt});
            Report discarded = r;
            discarded.status = "discarded";
            audit_.record(tx, &p, requestId,
                          {"report", std::to_string(id), "seal", "evidence", std::nullopt, reportSealText(discarded), std::nullopt});
            return 0;
        });
        return get(p, id);
    }
    if (r.disposedAtMs) return r;
    // R22: an issued (superseded, withdrawn) report is kept until issue_date + max(6 years, the lab's rule).
    const std::string until = retainUntil(r.issueDate.value_or(""), std::max(6, policies_.retentionYears));
    const std::string today = isoDateInLab(clock_.now());
    if (today < until)
        throw Error::rule("R22", "report " + r.number.value_or("") + " is kept until " + until + " (issued " + r.issueDate.value_or("") +
                                     "); it cannot be deleted on " + today);
    db_.write([&](Tx& tx) {
        if (!repo_.markDisposed(tx, r.labId, id, expectedVersion, at)) throw Error::preconditionFailed("the report was changed by someone else");
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "dispose", "content", std::nullopt,
                       r.number.value_or("") + " (kept until " + until + "); pdf sha256 " + r.pdfSha256.value_or(""), std::nullopt});
        return 0;
    });
    return get(p, id);
}

}  // namespace assay::reports
