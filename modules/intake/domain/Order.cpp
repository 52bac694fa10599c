// Order: validation of the terms, the acceptance gate and the quote total.
#include "domain/Order.hpp"

#include "assay/Clock.hpp"
#include "assay/Text.hpp"

namespace assay::intake {

namespace {
bool isDate(const std::string& s) { return s.size() == 10 && parseIsoDate(s).has_value(); }
}  // namespace

std::vector<FieldError> orderTermsProblems(const OrderTerms& t, const std::string& today) {
    std::vector<FieldError> errors;
    if (!t.customerOrgId) errors.push_back({"customer_org_id", "required: the customer organization"});
    if (t.contactName.empty()) errors.push_back({"contact.name", "required: who to talk to at the customer"});
    tooLong(errors, "contact.name", t.contactName, 100);
    if (t.contactPhone) tooLong(errors, "contact.phone", *t.contactPhone, 40);
    if (t.contactEmail) {
        tooLong(errors, "contact.email", *t.contactEmail, 200);
        if (t.contactEmail->find('@') == std::string::npos) errors.push_back({"contact.email", "not an e-mail address"});
    }
    if (t.site) tooLong(errors, "site", *t.site, 100);
    if (!isDate(t.dueDate)) errors.push_back({"due_date", "required: a date YYYY-MM-DD"});
    else if (t.dueDate < today) errors.push_back({"due_date", "is before today (" + today + ")"});
    if (t.priority != "normal" && t.priority != "urgent") errors.push_back({"priority", "must be normal or urgent"});
    if (t.reportLanguage != "zh" && t.reportLanguage != "en" && t.reportLanguage != "bilingual")
        errors.push_back({"report.language", "must be zh, en or bilingual"});
    if (t.decisionRule && *t.decisionRule != "simple" && *t.decisionRule != "guard_band")
        errors.push_back({"report.decision_rule", "must be simple or guard_band"});
    return errors;
}

std::vector<RuleFailure> acceptanceBlockers(const Order& o) {
    std::vector<RuleFailure> out;
    if (o.status != OrderStatus::Reviewed) {
        out.push_back({"R33", "the order is " + toString(o.status) + ": only a reviewed order is accepted (run the contract review)"});
        return out;
    }
    bool anyLeft = false;
    for (const auto& i : o.items) {
        if (i.excluded) continue;
        anyLeft = true;
        const std::string what = "item " + std::to_string(i.position) + " (" + i.sampleCode + " " + i.parameterName + ")";
        if (!i.reviewed) {
            out.push_back({"R33", what + " was added after the review: review the order again"});
            continue;
        }
        if (i.subcontract) continue;  // R31: the receiving lab performs it; R3 / R7 decide its marks on the report
        if (!i.canPerform) {
            const std::string b = i.blockers.value_or("");
            const std::string rule = b.size() >= 3 && b[0] == 'R' ? b.substr(0, b.find(':')) : "R13";
            out.push_back({rule, what + " cannot be performed (" + b + "); exclude it with the customer's agreement"});
        }
        if (i.outsideScopeAccepted) continue;
        if (o.wantCma && !i.cmaInScope) {
            const std::string r = i.cmaReason.value_or("R1");
            out.push_back({r.substr(0, r.find(':')), what + " is outside the CMA scope: the customer must accept it without the mark"});
        }
        if (o.wantCnas && !i.cnasInScope) {
            const std::string r = i.cnasReason.value_or("R1");
            out.push_back({r.substr(0, r.find(':')), what + " is outside the CNAS scope: the customer must accept it without the mark"});
        }
    }
    if (!anyLeft) out.push_back({"R33", "every item is excluded: there is nothing to test"});
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
