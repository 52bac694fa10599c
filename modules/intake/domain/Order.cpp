// Order: validation of the terms, the acceptance gate and the quote total.
#include "domain/Order.hpp"
#include "assay/StoredReasons.hpp"

#include "domain/IntakeMessages.hpp"
#include "assay/Clock.hpp"
#include "assay/Text.hpp"

namespace assay::intake {

namespace {
bool isDate(const std::string& s) { return s.size() == 10 && parseIsoDate(s).has_value(); }
}  // namespace

std::vector<FieldError> orderTermsProblems(const OrderTerms& t, const std::string& today) {
    std::vector<FieldError> errors;
    if (!t.customerOrgId) errors.push_back({"customer_org_id", msg::kCustomerRequired});
    if (t.contactName.empty()) errors.push_back({"contact.name", msg::kContactRequired});
    tooLong(errors, "contact.name", t.contactName, 100);
    if (t.contactPhone) tooLong(errors, "contact.phone", *t.contactPhone, 40);
    if (t.contactEmail) {
        tooLong(errors, "contact.email", *t.contactEmail, 200);
        if (t.contactEmail->find('@') == std::string::npos) errors.push_back({"contact.email", msg::kNotEmail});
    }
    if (t.site) tooLong(errors, "site", *t.site, 100);
    if (!isDate(t.dueDate)) errors.push_back({"due_date", assay::msg::kRequiredDate});
    else if (t.dueDate < today) errors.push_back({"due_date", Message(msg::kDueBeforeToday, {{"today", today}})});
    if (t.priority != "normal" && t.priority != "urgent") errors.push_back({"priority", msg::kPriority});
    if (t.reportLanguage != "zh" && t.reportLanguage != "en" && t.reportLanguage != "bilingual")
        errors.push_back({"report.language", msg::kReportLanguage});
    if (t.decisionRule && *t.decisionRule != "simple" && *t.decisionRule != "guard_band")
        errors.push_back({"report.decision_rule", msg::kDecisionRule});
    return errors;
}

namespace {
// The rule a stored scope verdict names (R1 when it names none).
std::string ruleOf(const std::optional<std::string>& stored) {
    const auto reasons = loadReasons(stored.value_or(""));
    return !reasons.empty() && !reasons.front().rule.empty() ? reasons.front().rule : "R1";
}

// Stored reasons as one message parameter: "R23: ...; R13: ..." in the reader's language.
Message listed(const std::vector<StoredReason>& reasons) {
    Message out = Message::legacy("");
    for (const auto& r : reasons) {
        const Message one = r.rule.empty() ? r.message : Message(msg::kRuleReason, {{"rule", r.rule}, {"reason", r.message}});
        out = out.empty() ? one : Message(msg::kReasonList, {{"first", out}, {"next", one}});
    }
    return out;
}
}  // namespace

std::vector<RuleFailure> acceptanceBlockers(const Order& o) {
    std::vector<RuleFailure> out;
    if (o.status != OrderStatus::Reviewed) {
        out.push_back({"R33", Message(msg::kNotReviewed, {{"status", msg::statusName(o.status)}})});
        return out;
    }
    bool anyLeft = false;
    for (const auto& i : o.items) {
        if (i.excluded) continue;
        anyLeft = true;
        const Message what(msg::kItem, {{"position", i.position}, {"sample", i.sampleCode}, {"parameter", i.parameterName}});
        if (!i.reviewed) {
            out.push_back({"R33", Message(msg::kAddedAfterReview, {{"item", what}})});
            continue;
        }
        if (i.subcontract) continue;  // R31: the receiving lab performs it; R3 / R7 decide its marks on the report
        if (!i.canPerform) {
            const auto reasons = loadReasons(i.blockers.value_or(""));
            const std::string rule = !reasons.empty() && !reasons.front().rule.empty() ? reasons.front().rule : "R13";
            out.push_back({rule, Message(msg::kCannotPerform, {{"item", what}, {"blockers", listed(reasons)}})});
        }
        if (i.outsideScopeAccepted) continue;
        if (o.wantCma && !i.cmaInScope) out.push_back({ruleOf(i.cmaReason), Message(msg::kOutsideCma, {{"item", what}})});
        if (o.wantCnas && !i.cnasInScope) out.push_back({ruleOf(i.cnasReason), Message(msg::kOutsideCnas, {{"item", what}})});
    }
    if (!anyLeft) out.push_back({"R33", msg::kAllExcluded});
    return out;
}

std::optional<Decimal> quoteTotal(const std::vector<OrderItem>& items) {
    Decimal total = Decimal::fromInt(0);
    for (const auto& i : items) {
        if (i.excluded) continue;
        if (!i.price) return std::nullopt;
        total = total + *i.price;
    }
    return total;
}

}  // namespace assay::intake
