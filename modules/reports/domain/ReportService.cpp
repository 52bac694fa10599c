// ReportService: drafts, signatory, and the facts behind the checks.
#include "domain/ReportService.hpp"

#include <algorithm>
#include <set>

#include "assay/Error.hpp"
#include "assay/Sequences.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/Signing.hpp"
#include "pdf/ReportPdf.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

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
        f.resultId = l.resultId;
        f.reported = l.reported;
        f.unit = l.unit;
        f.limitText = l.limitText;
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

namespace {
Poco::JSON::Object::Ptr sorted() { return new Poco::JSON::Object(); }  // std::map: keys in byte order

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
        lines->add(x);
    }
    o->set("lines", lines);
    Poco::JSON::Array::Ptr exclusions = new Poco::JSON::Array;
    for (const auto& e : view.facts.exclusions) exclusions->add(e);
    o->set("exclusions", exclusions);
    std::ostringstream out;
    o->stringify(out, 0, -1);
    return out.str();
}

// The statements every report prints: R28 (samples as received), reproduction, and the decision
// rule of its conformity statements (R30).
std::vector<std::string> statements(const std::string& language, const ReportChecksView& v) {
    auto both = [&](const std::string& zh, const std::string& en) {
        return language == "zh" ? zh : language == "en" ? en : zh + " / " + en;
    };
    std::vector<std::string> out{both("本报告检测结果仅对来样负责。", "The results apply only to the samples as received."),
                                 both("未经本机构书面批准，不得部分复制本报告。",
                                      "This report shall not be reproduced except in full without the written approval of the laboratory.")};
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
                           view.outcome.marks.cnasStarred.count(f.itemId) > 0});
    d.exclusions = view.facts.exclusions;
    d.statements = statements(terms.language, view);
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
    std::ostringstream out;
    arr->stringify(out, 0, -1);
    return out.str();
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

Report ReportService::issue(const Principal& p, std::int64_t id, int expectedVersion, const std::string& password,
                            const std::string& requestId) {
    const Report draft = get(p, id);
    const std::int64_t lab = draft.labId;
    if (draft.status != "draft") throw Error::conflict("the report is " + draft.status + ": only a draft is issued", {});
    if (draft.version != expectedVersion) throw Error::preconditionFailed("the report was changed by someone else");
    if (!draft.signatoryUserId) throw Error::rule("R10", "no signatory chosen");
    if (*draft.signatoryUserId != p.userId)
        throw Error::rule("R11", "only the chosen signatory signs, with their own key: there is no signing on behalf of another person");
    reauth_.confirmPassword(p, password, "sign report " + std::to_string(id), requestId);
    const ReportChecksView view = checks(p, id, std::nullopt);  // today, by the server clock (R32)
    if (!view.outcome.issuable) {
        std::vector<RuleFailure> failures;
        for (const auto& c : view.outcome.checks)
            if (c.blocking && c.status == "fail") failures.push_back({c.rule, c.reason});
        throw Error::rules(failures);
    }
    const auto key = db_.read([&](Tx& tx) { return repo_.activeKey(tx, lab, p.userId); });
    if (!key) throw Error::conflict("you have no signing key yet: make one first (POST /api/signing/keys)", {});
    const auto org = orgs_.organizationById(lab);
    const auto terms = orders_.acceptedTerms(lab, draft.orderCode);
    const auto user = users_.userById(p.userId);
    const std::string signatory = user ? user->displayName : p.username;
    const auto now = clock_.now();
    return db_.write([&](Tx& tx) {
        auto current = repo_.find(tx, lab, id);
        if (!current || current->version != expectedVersion || current->status != "draft")
            throw Error::preconditionFailed("the report was changed by someone else");
        Report r = *current;
        const int year = std::stoi(view.date.substr(0, 4));
        r.number = *formatNumber(policies_.numberFormat, org && org->code ? *org->code : std::string("LAB"), year, Sequences::next(tx, lab, "report:" + std::to_string(year)));
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
            r.signature = base64(sign(key->privateKeyPem, password, *r.canonical));
            r.pdfCms = base64(cmsSign(key->privateKeyPem, password, key->certificatePem, pdf));
        } catch (const WrongPassword&) {
            throw Error::invalidField("password", "your signing key was made with an earlier password: make a new key");
        }
        r.pdf = base64(pdf);
        r.checks = checksJson(view);
        r.updatedAtMs = r.issuedAtMs.value();
        if (!repo_.update(tx, r, expectedVersion)) throw Error::preconditionFailed("the report was changed by someone else");
        r.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "sign", "", std::nullopt,
                       *r.number + " sha256 " + *r.canonicalSha256 + " version " + std::to_string(r.version) + " key " + key->fingerprint +
                           " at " + formatRfc3339(now),
                       std::nullopt});
        return r;
    });
}

std::string ReportService::pdfVerdict(const std::string& pdf, std::optional<Verification>& found) {
    const std::string sha = sha256Hex(pdf);
    auto r = db_.read([&](Tx& tx) { return repo_.byPdfSha256(tx, sha); });
    if (!r || !r->verifyCode) return "document modified";
    auto key = certificate(r->keyFingerprint.value_or(""));
    // The stored detached signature must verify over these bytes with the signatory's certificate.
    if (!key || !r->pdfCms || !cmsVerify(key->certificatePem, pdf, unbase64(*r->pdfCms))) return "document modified";
    found = verification(*r->verifyCode);
    return "authentic";
}

std::optional<Verification> ReportService::verification(const std::string& code) {
    if (code.size() != 16) return std::nullopt;
    auto r = db_.read([&](Tx& tx) { return repo_.byVerifyCode(tx, code); });
    if (!r || !r->number) return std::nullopt;
    Verification v;
    v.number = *r->number;
    const auto org = orgs_.organizationById(r->labId);
    v.lab = org ? org->name : "";
    v.issueDate = r->issueDate.value_or("");
    v.status = r->status == "issued" ? "valid" : r->status;
    v.canonicalSha256 = r->canonicalSha256.value_or("");
    v.signature = r->signature.value_or("");
    v.keyFingerprint = r->keyFingerprint.value_or("");
    if (r->signatoryUserId)
        if (auto u = users_.userById(*r->signatoryUserId)) v.signatory = u->displayName;
    if (r->canonical) {
        v.cma = r->canonical->find("\"cma\":true") != std::string::npos;
        v.cnas = r->canonical->find("\"cnas\":true") != std::string::npos;
    }
    return v;
}

}  // namespace assay::reports
