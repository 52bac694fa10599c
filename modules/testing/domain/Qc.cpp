// Qc: QC acceptance criteria and the Westgard rules, in exact decimal arithmetic.
#include "domain/Qc.hpp"

#include "assay/Messages.hpp"
#include "assay/Clock.hpp"

namespace assay::testing {

namespace {
const Decimal kHundred = Decimal::fromInt(100);
constexpr int kFigures = 8;  // RPD, recovery and z are shown to a few decimals, judged exactly enough

void need(std::vector<FieldError>& errors, const std::optional<Decimal>& v, const char* field, const char* what) {
    if (!v) errors.push_back({field, std::string("required for this kind: ") + what});
}

std::string pct(const Decimal& d) { return d.roundToDecimals(1).toString() + "%"; }
}  // namespace

std::vector<FieldError> qcProblems(const QcInput& in) {
    std::vector<FieldError> errors;
    if (in.kind != "blank" && in.kind != "duplicate" && in.kind != "spike" && in.kind != "reference")
        errors.push_back({"kind", "must be blank, duplicate, spike or reference"});
    if (in.material.empty()) errors.push_back({"material", "required: the QC material or sample (the series)"});
    if (in.material.size() > 100) errors.push_back({"material", "at most 100 characters"});
    need(errors, in.value, "value", "the measured value");
    if (in.kind == "blank") need(errors, in.limitMax, "limit_max", "the highest acceptable blank");
    if (in.kind == "duplicate") {
        need(errors, in.value2, "value2", "the duplicate determination");
        need(errors, in.maxRpd, "max_rpd", "the allowed relative percent difference");
    }
    if (in.kind == "spike") {
        need(errors, in.base, "base", "the unspiked sample's value");
        need(errors, in.added, "added", "the amount added, in the result's unit");
        need(errors, in.recoveryLow, "recovery_low", "the lowest acceptable recovery, %");
        need(errors, in.recoveryHigh, "recovery_high", "the highest acceptable recovery, %");
        if (in.added && in.added->sign() <= 0) errors.push_back({"added", assay::msg::kPositive});
    }
    if (in.kind == "reference") {
        need(errors, in.certified, "certified", "the certified value");
        need(errors, in.tolerance, "tolerance", "the accepted deviation from it");
        if (!in.expiresOn) errors.push_back({"expires_on", "required for this kind: the material's expiry date"});
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
    if (in.kind == "blank") {
        r.criteria = "≤ " + in.limitMax->toString();
        r.pass = *in.value <= *in.limitMax;
        r.detail = "blank " + in.value->toString() + (r.pass ? " within " : " above ") + in.limitMax->toString();
    } else if (in.kind == "duplicate") {
        const Decimal mean = (*in.value + *in.value2).divide(Decimal::fromInt(2), kFigures + 8).value().abs();
        const Decimal diff = (*in.value - *in.value2).abs();
        r.criteria = "RPD ≤ " + in.maxRpd->toString() + "%";
        if (mean.isZero()) {  // the pair averages to zero: identical (0 %) or no RPD at all
            r.pass = diff.isZero();
            if (r.pass) r.figure = Decimal();
            r.detail = r.pass ? "both determinations are 0" : "no RPD: the determinations average to 0";
        } else {
            r.figure = (diff * kHundred).divide(mean, kFigures).value();
            r.pass = *r.figure <= *in.maxRpd;
            r.detail = "RPD " + pct(*r.figure) + " of " + in.value->toString() + " and " + in.value2->toString();
        }
    } else if (in.kind == "spike") {
        r.figure = ((*in.value - *in.base) * kHundred).divide(*in.added, kFigures).value();
        r.criteria = "recovery " + in.recoveryLow->toString() + "–" + in.recoveryHigh->toString() + "%";
        r.pass = *r.figure >= *in.recoveryLow && *r.figure <= *in.recoveryHigh;
        r.detail = "recovery " + pct(*r.figure) + " ((" + in.value->toString() + " − " + in.base->toString() + ") / " +
                   in.added->toString() + ")";
    } else {
        r.figure = *in.value - *in.certified;
        r.target = in.certified;
        r.sd = in.sd;
        r.criteria = in.certified->toString() + " ± " + in.tolerance->toString() + ", until " + *in.expiresOn;
        const bool expired = date > *in.expiresOn;
        r.pass = !expired && r.figure->abs() <= *in.tolerance;
        r.detail = expired ? "the reference material expired on " + *in.expiresOn
                           : "deviation " + r.figure->toString() + (r.pass ? " within " : " beyond ") + "± " + in.tolerance->toString();
    }
    return r;
}

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
