// ReportChecks: marks first, then results, signing and language.
#include "domain/ReportChecks.hpp"

#include <algorithm>

#include "domain/ReportsMessages.hpp"

namespace assay::reports {

namespace {
std::string lineName(const LineFacts& l) { return l.sampleCode + " " + l.parameter; }

// "a, b, c and 2 more": the names as they are, the rest counted in the reader's language.
Message joinNames(const std::vector<std::string>& names, std::size_t max = 5) {
    std::string out;
    for (std::size_t k = 0; k < names.size() && k < max; ++k) out += (k ? ", " : "") + names[k];
    if (names.size() > max) return Message(msg::kAndMore, {{"names", out}, {"count", names.size() - max}});
    return Message::legacy(out);  // names only (sample codes, parameters): the same in every language
}

// Messages one after the other ("a; b; c"), each in the reader's language, the rest counted.
Message joinMessages(const std::vector<Message>& parts, std::size_t max = 5) {
    const std::size_t shown = std::min(parts.size(), max);
    if (shown == 0) return Message::legacy("");
    Message out = parts[shown - 1];
    for (std::size_t k = shown - 1; k-- > 0;) out = Message(msg::kListTwo, {{"first", parts[k]}, {"rest", out}});
    if (parts.size() > max) return Message(msg::kAndMore, {{"names", out}, {"count", parts.size() - max}});
    return out;
}
}  // namespace

std::vector<Change> compareLines(const std::vector<PrintedLine>& before, const std::vector<PrintedLine>& after) {
    std::vector<Change> out;
    auto same = [](const PrintedLine& a, const PrintedLine& b) {
        if (!a.orderItemId.empty() && !b.orderItemId.empty()) return a.orderItemId == b.orderItemId;
        return a.sampleCode == b.sampleCode && a.parameter == b.parameter && a.method == b.method;
    };
    std::vector<bool> used(after.size(), false);
    for (const auto& b : before) {
        std::size_t k = 0;
        while (k < after.size() && (used[k] || !same(b, after[k]))) ++k;
        if (k == after.size()) {
            out.push_back({b.sampleCode, b.parameter, "result", b.reported, ""});
            continue;
        }
        used[k] = true;
        const PrintedLine& a = after[k];
        const std::pair<const char*, std::pair<const std::string*, const std::string*>> fields[] = {
            {"reported", {&b.reported, &a.reported}},       {"unit", {&b.unit, &a.unit}},
            {"limit", {&b.limit, &a.limit}},                {"conformity", {&b.conformity, &a.conformity}},
            {"uncertainty", {&b.uncertainty, &a.uncertainty}}, {"method", {&b.method, &a.method}},
            {"test_date", {&b.testDate, &a.testDate}}};
        for (const auto& [name, values] : fields)
            if (*values.first != *values.second) out.push_back({b.sampleCode, b.parameter, name, *values.first, *values.second});
    }
    for (std::size_t k = 0; k < after.size(); ++k)
        if (!used[k]) out.push_back({after[k].sampleCode, after[k].parameter, "result", "", after[k].reported});
    return out;
}

std::vector<Change> compareFacts(const std::map<std::string, std::string>& before, const std::map<std::string, std::string>& after) {
    std::vector<Change> out;
    auto change = [&](const std::string& key, const std::string& b, const std::string& a) {
        const auto bar = key.find('|');
        if (bar == std::string::npos) out.push_back({"", "", key, b, a});
        else out.push_back({key.substr(0, bar), "", key.substr(bar + 1), b, a});
    };
    for (const auto& [key, value] : before) {
        const auto it = after.find(key);
        const std::string now = it == after.end() ? std::string() : it->second;
        if (now != value) change(key, value, now);
    }
    for (const auto& [key, value] : after)
        if (!before.count(key) && !value.empty()) change(key, "", value);
    return out;
}

bool removesResults(const std::vector<Change>& changes) {
    return std::any_of(changes.begin(), changes.end(), [](const Change& c) {
        return (c.field == "result" || c.field == "reported") && !c.before.empty() && c.after.empty();
    });
}

bool changesConclusion(const std::vector<Change>& changes) {
    return std::any_of(changes.begin(), changes.end(), [](const Change& c) { return c.field == "conformity" && !c.before.empty(); });
}

std::vector<accreditation::Scheme> signingSchemes(const MarkDecision& marks) {
    std::vector<accreditation::Scheme> out;
    out.push_back(accreditation::Scheme::Cma);  // every report of a CMA lab is signed from its CMA signatory list
    if (marks.cnas) out.push_back(accreditation::Scheme::Cnas);
    return out;
}

MarkDecision decideMarks(const CheckInput& in, std::vector<Check>& checks) {
    MarkDecision d;
    // CMA: R1 (a) the certificate on the issue date, (b) every line in scope; R2 the policy for
    // lines outside; R3 at least one line inside. A line flagged for its equipment (R15) is
    // treated as outside.
    if (!in.wantCma) {
        checks.push_back({"R1", "not_applicable", false, msg::kCmaNotAsked});
    } else {
        std::vector<Message> outside;
        std::size_t inside = 0;
        for (const auto& l : in.lines) {
            const bool ok = l.cma.inScope && !l.equipmentFlag;
            if (ok) ++inside;
            else
                outside.push_back(Message(msg::kLineWhy, {{"line", lineName(l)},
                                                          {"reason", l.equipmentFlag ? Message::legacy(*l.equipmentFlag) : l.cma.reason}}));
        }
        if (!in.cma.valid) {
            checks.push_back({"R1", "fail", false,
                              in.cma.reason.empty()
                                  ? Message(msg::kCmaInvalid, {{"status", msg::certificateStatusName(in.cma.status)}, {"date", in.issueDate}})
                                  : Message(msg::kCmaInvalidBecause,
                                            {{"status", msg::certificateStatusName(in.cma.status)}, {"date", in.issueDate}, {"reason", in.cma.reason}})});
        } else if (inside == 0) {
            checks.push_back({"R3", "fail", false, msg::kCmaNoneInside});
        } else if (!outside.empty() && in.cmaPolicy != "flag") {
            checks.push_back({"R2", "fail", false,
                              Message(msg::kCmaOutsideBlock, {{"count", outside.size()}, {"lines", joinMessages(outside)}})});
        } else {
            d.cma = true;
            for (const auto& l : in.lines)
                if (!l.cma.inScope || l.equipmentFlag) d.cmaStarred.insert(l.itemId);
            if (outside.empty()) checks.push_back({"R1", "pass", false, msg::kCmaOk});
            else
                checks.push_back({"R2", "warn", false,
                                  Message(msg::kCmaOutsideFlag, {{"count", outside.size()}, {"lines", joinMessages(outside)}})});
        }
    }
    // CNAS: R7; R8 the ILAC-MRA combined mark.
    if (!in.wantCnas) {
        checks.push_back({"R7", "not_applicable", false, msg::kCnasNotAsked});
        checks.push_back({"R8", "not_applicable", false, msg::kNoCnasMark});
    } else {
        std::vector<std::string> outside;
        std::size_t inside = 0;
        bool allMra = true;
        for (const auto& l : in.lines) {
            const bool ok = l.cnas.inScope && !l.equipmentFlag;
            if (ok) {
                ++inside;
                allMra = allMra && l.cnas.mraCovered;
            } else {
                outside.push_back(lineName(l));
            }
        }
        if (!in.cnas.valid) {
            checks.push_back({"R7", "fail", false,
                              in.cnas.reason.empty()
                                  ? Message(msg::kCnasInvalid, {{"status", msg::certificateStatusName(in.cnas.status)}, {"date", in.issueDate}})
                                  : Message(msg::kCnasInvalidBecause,
                                            {{"status", msg::certificateStatusName(in.cnas.status)}, {"date", in.issueDate}, {"reason", in.cnas.reason}})});
        } else if (inside == 0) {
            checks.push_back({"R7", "fail", false, msg::kCnasNoneInside});
        } else {
            d.cnas = true;
            for (const auto& l : in.lines)
                if (!l.cnas.inScope || l.equipmentFlag) d.cnasStarred.insert(l.itemId);
            checks.push_back({"R7", outside.empty() ? "pass" : "warn", false,
                              outside.empty() ? Message(msg::kCnasOk)
                                              : Message(msg::kCnasOutside, {{"count", outside.size()}, {"lines", joinNames(outside)}})});
        }
        if (!d.cnas) checks.push_back({"R8", "not_applicable", false, msg::kNoCnasMark});
        else if (!in.cnas.ilacMraPermitted)
            checks.push_back({"R8", "fail", false, msg::kIlacNotPermitted});
        else if (!allMra)
            checks.push_back({"R8", "fail", false, msg::kIlacOutside});
        else {
            d.ilacMra = true;
            checks.push_back({"R8", "pass", false, msg::kIlacOk});
        }
    }
    // R9: an amendment never carries a mark its original did not (e.g. one issued while the scope
    // was suspended).
    if (in.amendment) {
        std::vector<std::string> dropped;
        if (d.cma && !in.amendment->originalCma) {
            d.cma = false;
            d.cmaStarred.clear();
            dropped.push_back("CMA");
        }
        if (d.cnas && !in.amendment->originalCnas) {
            d.cnas = d.ilacMra = false;
            d.cnasStarred.clear();
            dropped.push_back("CNAS");
        }
        if (dropped.empty())
            checks.push_back({"R9", "pass", false, Message(msg::kNoMarkAdded, {{"number", in.amendment->originalNumber}})});
        else
            checks.push_back({"R9", "fail", false,
                              Message(msg::kMarkDropped, {{"number", in.amendment->originalNumber}, {"marks", joinNames(dropped)}})});
    }
    return d;
}

CheckOutcome evaluate(const CheckInput& in) {
    CheckOutcome out;
    out.marks = decideMarks(in, out.checks);
    auto& checks = out.checks;
    if (in.lines.empty()) checks.push_back({"R33", "fail", true, msg::kNoResults});
    // R21 / R32: approved results with their raw data.
    std::vector<std::string> missing, noRaw;
    std::vector<Message> unapproved;
    for (const auto& l : in.lines) {
        if (!l.resultStatus) missing.push_back(lineName(l));
        else if (l.resultStatus != testing::ResultStatus::Approved)
            unapproved.push_back(Message(msg::kLineState, {{"line", lineName(l)}, {"status", msg::resultStatusName(*l.resultStatus)}}));
        else if (l.rawRef == 0) noRaw.push_back(lineName(l));
    }
    if (!missing.empty() || !unapproved.empty())
        checks.push_back({"R32", "fail", true,
                          unapproved.empty() ? Message(msg::kMissing, {{"missing", joinNames(missing)}})
                          : missing.empty()  ? Message(msg::kUnapproved, {{"unapproved", joinMessages(unapproved)}})
                                             : Message(msg::kMissingUnapproved,
                                                       {{"missing", joinNames(missing)}, {"unapproved", joinMessages(unapproved)}})});
    else if (!in.lines.empty())
        checks.push_back({"R32", "pass", true, msg::kAllApproved});
    if (!noRaw.empty()) checks.push_back({"R21", "fail", true, Message(msg::kNoRaw, {{"lines", joinNames(noRaw)}})});
    else if (!in.lines.empty()) checks.push_back({"R21", "pass", true, msg::kRawOk});
    // R20: a result changed outside Assay (its row no longer matches its audit record) is not reported.
    std::vector<std::string> tampered;
    for (const auto& l : in.lines)
        if (l.tampered) tampered.push_back(lineName(l) + ": " + *l.tampered);
    if (!tampered.empty())
        checks.push_back({"R20", "fail", true, Message(msg::kTampered, {{"lines", joinNames(tampered)}})});
    // R27: every 7.8.2.1 a–p item present, or not applicable and why.
    std::vector<std::string> noDate, noMethod;
    for (const auto& l : in.lines) {
        if (!l.testDate) noDate.push_back(lineName(l));
        if (l.method.empty() || !l.methodHasYear) noMethod.push_back(lineName(l));
    }
    const auto& c = in.content;
    auto& items = out.contents;
    auto item = [&](const char* id, bool ok, Message present, Message missing) {
        items.push_back({id, ok ? "present" : "missing", ok ? std::move(present) : std::move(missing)});
    };
    const Message none = Message::legacy("");
    item("a", true, msg::kItemA, none);
    item("b", c.labAddress, msg::kItemB, msg::kItemBMissing);
    item("c", !c.site.empty(), Message(msg::kItemC, {{"site", c.site}}), msg::kItemCMissing);
    item("d", true, msg::kItemD, none);
    item("e", c.customerContact, msg::kItemE, msg::kItemEMissing);
    item("f", noMethod.empty(), msg::kItemF, Message(msg::kItemFMissing, {{"lines", joinNames(noMethod)}}));
    item("g", c.samplesWithoutCondition.empty(), msg::kItemG, Message(msg::kItemGMissing, {{"samples", joinNames(c.samplesWithoutCondition)}}));
    item("h", c.samplesNotReceived.empty(), msg::kItemH, Message(msg::kItemHMissing, {{"samples", joinNames(c.samplesNotReceived)}}));
    item("i", noDate.empty() && !in.lines.empty(), msg::kItemI, Message(msg::kItemIMissing, {{"lines", joinNames(noDate)}}));
    item("j", true, msg::kItemJ, none);
    if (c.labSampled) item("k", false, none, msg::kItemKSampled);
    else items.push_back({"k", "not_applicable", msg::kItemKNotApplicable});
    item("l", true, msg::kItemL, none);
    item("m", true, msg::kItemM, none);
    if (c.deviations.empty()) items.push_back({"n", "not_applicable", msg::kItemNNotApplicable});
    else items.push_back({"n", "present", Message(msg::kItemN, {{"count", c.deviations.size()}})});
    item("o", in.signatory.chosen, msg::kItemO, msg::kNoSignatory);
    if (c.subcontracted.empty()) items.push_back({"p", "not_applicable", msg::kItemPNotApplicable});
    else items.push_back({"p", "present", Message(msg::kItemP, {{"lines", joinNames(c.subcontracted)}})});
    std::vector<Message> absent;
    for (const auto& i : items)
        if (i.status == "missing" && i.item != "o") absent.push_back(Message(msg::kContentAbsent, {{"item", i.item}, {"text", i.message}}));  // o is R10's
    if (!absent.empty())
        checks.push_back({"R27", "fail", true, Message(msg::kContentMissing, {{"items", joinMessages(absent, 8)}})});
    else
        checks.push_back({"R27", "pass", true, msg::kContentOk});
    // R29: the MU printed where it straddles a limit, or where the customer asked for it.
    std::vector<std::string> noMu;
    for (const auto& l : in.lines)
        if ((l.muStraddles || in.uncertaintyRequested) && !l.uncertainty && l.resultStatus == testing::ResultStatus::Approved) noMu.push_back(lineName(l));
    if (!noMu.empty())
        checks.push_back({"R29", "fail", true, Message(msg::kMuUnknown, {{"lines", joinNames(noMu)}})});
    else
        checks.push_back({"R29", "pass", true, in.uncertaintyRequested ? msg::kMuAll : msg::kMuStraddle});
    // R30: a conformity statement names its decision rule.
    std::vector<std::string> noRule;
    for (const auto& l : in.lines)
        if (l.conformity && *l.conformity != "no_judgement" && !l.decisionRule) noRule.push_back(lineName(l));
    if (!noRule.empty()) checks.push_back({"R30", "fail", true, Message(msg::kNoDecisionRule, {{"lines", joinNames(noRule)}})});
    else checks.push_back({"R30", "pass", true, msg::kDecisionRulesOk});
    // R33: nothing ordered silently left out.
    std::set<std::int64_t> onReport;
    for (const auto& l : in.lines) onReport.insert(l.orderItemId);
    std::vector<std::string> left;
    for (const auto& o : in.ordered)
        if (!onReport.count(o.orderItemId)) left.push_back(o.sampleCode + " " + o.parameter);
    if (!left.empty()) checks.push_back({"R33", "fail", true, Message(msg::kNotReported, {{"lines", joinNames(left)}})});
    else if (!in.lines.empty())
        checks.push_back({"R33", "pass", true,
                          in.exclusions.empty() ? Message(msg::kAllReported)
                                                : Message(msg::kAllReportedExclusions, {{"count", in.exclusions.size()}})});
    // R10–R12: the signatory, for the schemes of the marks printed.
    if (!in.signatory.chosen) {
        checks.push_back({"R10", "fail", true, msg::kNoSignatory});
    } else {
        std::vector<Message> refused;
        for (const auto& scheme : signingSchemes(out.marks)) {
            const auto& v = scheme == accreditation::Scheme::Cma ? in.signatory.cma : in.signatory.cnas;
            if (!v || !v->first)
                refused.push_back(Message(msg::kSchemeRefused, {{"scheme", toString(scheme)},
                                                                {"reason", v ? v->second : Message(msg::kNotAsked)}}));
        }
        if (refused.empty())
            checks.push_back({"R10", "pass", true, Message(msg::kSignatoryOk, {{"name", in.signatory.name}, {"date", in.issueDate}})});
        else
            checks.push_back({"R10", "fail", true, Message(msg::kSignatoryRefused, {{"name", in.signatory.name}, {"reasons", joinMessages(refused)}})});
    }
    // R31: subcontracted results are listed with the receiving lab, and were dispatched properly.
    {
        std::vector<std::string> listed, undispatched;
        for (const auto& l : in.lines) {
            if (!l.subcontractedTo) continue;
            listed.push_back(lineName(l) + " (" + *l.subcontractedTo + ")");
            if (!l.subcontractDispatched) undispatched.push_back(lineName(l));
        }
        if (listed.empty())
            checks.push_back({"R31", "not_applicable", true, msg::kNoSubcontract});
        else if (!undispatched.empty())
            checks.push_back({"R31", "fail", true, Message(msg::kSubcontractUndispatched, {{"lines", joinNames(undispatched)}})});
        else
            checks.push_back({"R31", "pass", true, Message(msg::kSubcontractListed, {{"lines", joinNames(listed)}})});
    }
    // R6: conformity statements on a CMA-marked report.
    if (out.marks.cma) {
        std::vector<Message> refused;
        std::size_t judged = 0;
        for (const auto& l : in.lines) {
            if (!l.conformity || *l.conformity == "no_judgement" || l.limitStandard.empty()) continue;
            ++judged;
            const bool limitOnly = in.conformityStandardPolicy == "allow_limit_standards" && !l.limitStandardHasMethods;
            if (!l.limitStandardInCmaScope && !limitOnly) refused.push_back(Message(msg::kR6Against, {{"line", lineName(l)}, {"standard", l.limitStandard}}));
        }
        if (!refused.empty())
            checks.push_back({"R6", "fail", true, Message(msg::kR6Refused, {{"lines", joinMessages(refused)}})});
        else
            checks.push_back({"R6", "pass", true, judged == 0 ? msg::kR6NoJudgement : msg::kR6Ok});
    } else {
        checks.push_back({"R6", "not_applicable", true, msg::kNoCmaMark});
    }
    // R34: English only with the CMA mark.
    if (in.language == "en" && out.marks.cma)
        checks.push_back({"R34", in.englishOnlyCmaPolicy == "block" ? "fail" : "warn", in.englishOnlyCmaPolicy == "block",
                          msg::kEnglishOnlyCma});
    else
        checks.push_back({"R34", "pass", true, Message(msg::kLanguage, {{"language", msg::languageName(in.language)}})});
    // R35 / R36: the amendment's reason, and the approval of removed results or changed conclusions.
    if (const auto& a = in.amendment) {
        if (a->reason.empty())
            checks.push_back({"R35", "fail", true, msg::kNoAmendmentReason});
        else
            checks.push_back({"R35", "pass", true,
                              Message(msg::kAmendmentReplaces, {{"number", a->originalNumber}, {"cause", msg::causeName(a->cause)},
                                                                {"reason", a->reason}, {"count", a->changes.size()}})});
        const bool needed = a->removesResults || a->changesConclusion;
        const Message what = a->removesResults && a->changesConclusion ? Message(msg::kWhatRemovesAndChanges)
                             : a->removesResults                      ? Message(msg::kWhatRemoves)
                                                                      : Message(msg::kWhatChanges);
        if (!needed)
            checks.push_back({"R36", "pass", true, msg::kNothingToApprove});
        else if (a->cause != "error" && a->cause != "omission")
            checks.push_back({"R36", "fail", true, Message(msg::kCauseNotEnough, {{"what", what}, {"cause", msg::causeName(a->cause)}})});
        else if (a->approvalStale)
            checks.push_back({"R36", "fail", true, Message(msg::kApprovalStale, {{"what", what}, {"who", a->approvedBy}})});
        else if (!a->approved)
            checks.push_back({"R36", "fail", true, Message(msg::kApprovalNeeded, {{"what", what}})});
        else
            checks.push_back({"R36", "pass", true,
                              Message(msg::kApproved, {{"what", what}, {"cause", msg::causeName(a->cause)}, {"who", a->approvedBy}})});
    }
    out.issuable = true;
    for (const auto& c : checks)
        if (c.blocking && c.status == "fail") out.issuable = false;
    return out;
}

}  // namespace assay::reports
