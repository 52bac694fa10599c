// ReportContent: what a report states, as its canonical JSON, its PDF document and its checks.
#include "domain/ReportContent.hpp"

#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "assay/Error.hpp"
#include "assay/Json.hpp"

namespace assay::reports {

namespace {
// The canonical JSON's objects: Poco's default std::map keeps the keys in byte order (unlike
// makeObject, which keeps insertion order).
Poco::JSON::Object::Ptr sorted() { return new Poco::JSON::Object(); }
}  // namespace

PrintedLine printed(const LineFacts& f) {
    return {f.sampleCode, f.parameter, f.method, f.reported, f.unit, f.limitText.value_or(""), f.conformity.value_or(""),
            f.uncertainty.value_or(""), f.testDate.value_or(""), std::to_string(f.orderItemId)};
}

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

PdfReport draftPdfDocument(const Report& draft, const identity::OrganizationRef& lab, const intake::ReportTerms& terms,
                           const ReportChecksView& view, const std::string& signatory) {
    auto both = [&](const std::string& zh, const std::string& en) {
        return terms.language == "zh" ? zh : terms.language == "en" ? en : zh + " / " + en;
    };
    Report r = draft;
    r.number = both("草稿（签发时编号）", "DRAFT (numbered at issue)");
    r.issueDate = both("未签发", "not issued");
    PdfReport d = pdfDocument(r, lab, terms, view, signatory, "", "");
    d.draft = true;
    return d;
}

std::string checksJson(const ReportChecksView& v) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& c : v.outcome.checks) {
        auto x = sorted();
        x->set("rule", c.rule);
        x->set("status", c.status);
        x->set("blocking", c.blocking);
        x->set("reason", c.reason);  // English, as stored with the issued report
        x->set("reason_zh", c.message.render(Lang::zhCN));  // and Chinese, so a later reader has it in either language
        x->set("code", c.message.code());
        arr->add(x);
    }
    return toJson(arr);
}

void withLinks(Tx& tx, ReportRepository& repo, Report& r) {  // indexed point queries
    r.amendment = repo.amendment(tx, r.labId, r.id);
    if (r.amendment) r.amendsNumber = repo.numberOf(tx, r.labId, r.amendment->amendsId);
    if (r.supersededById) r.supersededByNumber = repo.numberOf(tx, r.labId, *r.supersededById);
}

std::optional<Report> findReport(Tx& tx, ReportRepository& repo, std::int64_t labId, std::int64_t id) {
    auto found = repo.find(tx, labId, id);
    if (found) withLinks(tx, repo, *found);
    return found;
}

Report requireReport(Tx& tx, ReportRepository& repo, std::int64_t labId, std::int64_t id) {
    auto found = findReport(tx, repo, labId, id);
    if (!found) throw Error::notFound("report");
    return *found;
}

}  // namespace assay::reports
