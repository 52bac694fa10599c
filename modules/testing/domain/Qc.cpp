// Qc: QC acceptance criteria and the Westgard rules, in exact decimal arithmetic.
#include "domain/Qc.hpp"

#include "assay/Messages.hpp"
#include "assay/Clock.hpp"
#include "assay/StoredReasons.hpp"
#include "domain/TestingMessages.hpp"

namespace assay::testing {

namespace {
const Decimal kHundred = Decimal::fromInt(100);
constexpr int kFigures = 8;  // RPD, recovery and z are shown to a few decimals, judged exactly enough

// A figure the kind of QC sample needs; `what` names it in both languages.
void need(std::vector<FieldError>& errors, const std::optional<Decimal>& v, const char* field, const MessageDef& what) {
    if (!v) errors.push_back({field, Message(msg::kQcFieldRequired, {{"what", Message(what)}})});
}

std::string pct(const Decimal& d) { return d.roundToDecimals(1).toString() + "%"; }
}  // namespace

std::vector<FieldError> qcProblems(const QcInput& in) {
    std::vector<FieldError> errors;
    if (in.kind != "blank" && in.kind != "duplicate" && in.kind != "spike" && in.kind != "reference")
        errors.push_back({"kind", msg::kQcKind});
    if (in.material.empty()) errors.push_back({"material", msg::kQcMaterialRequired});
    if (in.material.size() > 100) errors.push_back({"material", Message(assay::msg::kAtMostChars, {{"max", 100}})});
    need(errors, in.value, "value", msg::kQcWhatValue);
    if (in.kind == "blank") need(errors, in.limitMax, "limit_max", msg::kQcWhatLimitMax);
    if (in.kind == "duplicate") {
        need(errors, in.value2, "value2", msg::kQcWhatValue2);
        need(errors, in.maxRpd, "max_rpd", msg::kQcWhatMaxRpd);
    }
    if (in.kind == "spike") {
        need(errors, in.base, "base", msg::kQcWhatBase);
        need(errors, in.added, "added", msg::kQcWhatAdded);
        need(errors, in.recoveryLow, "recovery_low", msg::kQcWhatRecoveryLow);
        need(errors, in.recoveryHigh, "recovery_high", msg::kQcWhatRecoveryHigh);
        if (in.added && in.added->sign() <= 0) errors.push_back({"added", assay::msg::kPositive});
    }
    if (in.kind == "reference") {
        need(errors, in.certified, "certified", msg::kQcWhatCertified);
        need(errors, in.tolerance, "tolerance", msg::kQcWhatTolerance);
        if (!in.expiresOn) errors.push_back({"expires_on", msg::kQcExpiryRequired});
        else if (in.expiresOn->size() != 10 || !parseIsoDate(*in.expiresOn)) errors.push_back({"expires_on", assay::msg::kNotDate});
        if (in.sd && in.sd->sign() <= 0) errors.push_back({"sd", assay::msg::kPositive});
    }
    return errors;
}

QcResult evaluateQc(const QcInput& in, const std::string& date) {
    QcResult r;
    r.kind = in.kind;
    r.material = in.material;
    r.value = *in.value;
    Message criteria, detail;
    const std::string v = in.value->toString();
    if (in.kind == "blank") {
        criteria = Message(msg::kQcCriteriaBlank, {{"max", in.limitMax->toString()}});
        r.pass = *in.value <= *in.limitMax;
        detail = Message(r.pass ? msg::kQcBlankWithin : msg::kQcBlankAbove, {{"value", v}, {"max", in.limitMax->toString()}});
    } else if (in.kind == "duplicate") {
        const Decimal mean = (*in.value + *in.value2).divide(Decimal::fromInt(2), kFigures + 8).value().abs();
        const Decimal diff = (*in.value - *in.value2).abs();
        criteria = Message(msg::kQcCriteriaRpd, {{"max", in.maxRpd->toString()}});
        if (mean.isZero()) {  // the pair averages to zero: identical (0 %) or no RPD at all
            r.pass = diff.isZero();
            if (r.pass) r.figure = Decimal();
            detail = Message(r.pass ? msg::kQcBothZero : msg::kQcNoRpd);
        } else {
            r.figure = (diff * kHundred).divide(mean, kFigures).value();
            r.pass = *r.figure <= *in.maxRpd;
            detail = Message(msg::kQcRpd, {{"rpd", pct(*r.figure)}, {"a", v}, {"b", in.value2->toString()}});
        }
    } else if (in.kind == "spike") {
        r.figure = ((*in.value - *in.base) * kHundred).divide(*in.added, kFigures).value();
        criteria = Message(msg::kQcCriteriaRecovery, {{"low", in.recoveryLow->toString()}, {"high", in.recoveryHigh->toString()}});
        r.pass = *r.figure >= *in.recoveryLow && *r.figure <= *in.recoveryHigh;
        detail = Message(msg::kQcRecovery,
                         {{"recovery", pct(*r.figure)}, {"value", v}, {"base", in.base->toString()}, {"added", in.added->toString()}});
    } else {
        r.figure = *in.value - *in.certified;
        r.target = in.certified;
        r.sd = in.sd;
        criteria = Message(msg::kQcCriteriaReference,
                           {{"certified", in.certified->toString()}, {"tolerance", in.tolerance->toString()}, {"expires", *in.expiresOn}});
        const bool expired = date > *in.expiresOn;
        r.pass = !expired && r.figure->abs() <= *in.tolerance;
        detail = expired ? Message(msg::kQcExpired, {{"date", *in.expiresOn}})
                         : Message(r.pass ? msg::kQcDeviationWithin : msg::kQcDeviationBeyond,
                                   {{"deviation", r.figure->toString()}, {"tolerance", in.tolerance->toString()}});
    }
    // Stored as messages (assay/StoredReasons.hpp): each reader sees them in their language.
    r.criteria = storeReasons({{"", criteria}}, 500);
    r.detail = storeReasons({{"", detail}}, 500);
    return r;
}

std::string qcText(const std::string& stored, Lang lang) { return renderReasons(loadReasons(stored), lang); }

std::vector<std::vector<std::string>> westgard(const std::vector<Decimal>& z) {
    const Decimal one = Decimal::fromInt(1), two = Decimal::fromInt(2), three = Decimal::fromInt(3);
    std::vector<std::vector<std::string>> out(z.size());
    for (std::size_t i = 0; i < z.size(); ++i) {
        auto& rules = out[i];
        const Decimal a = z[i].abs();
        if (a > two) rules.push_back("1-2s");
        if (a > three) rules.push_back("1-3s");
        if (i >= 1) {
            const Decimal& p = z[i - 1];
            if ((z[i] > two && p > two) || (z[i] < -two && p < -two)) rules.push_back("2-2s");
            if ((z[i] > two && p < -two) || (z[i] < -two && p > two)) rules.push_back("R-4s");
        }
        if (i >= 3) {
            bool above = true, below = true;
            for (std::size_t k = i - 3; k <= i; ++k) {
                above = above && z[k] > one;
                below = below && z[k] < -one;
            }
            if (above || below) rules.push_back("4-1s");
        }
        if (i >= 9) {
            bool above = true, below = true;
            for (std::size_t k = i - 9; k <= i; ++k) {
                above = above && z[k].sign() > 0;
                below = below && z[k].sign() < 0;
            }
            if (above || below) rules.push_back("10-x");
        }
    }
    return out;
}

}  // namespace assay::testing
