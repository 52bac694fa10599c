// ProficiencyService: rounds, results, R25 consequences and R26 coverage.
#include "domain/ProficiencyService.hpp"
#include "domain/AccreditationMessages.hpp"

#include <set>

#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"

namespace assay::accreditation {

namespace {
std::string title(const PtRound& r) { return r.provider + " " + r.schemeName + " " + r.roundCode; }
}  // namespace

std::vector<FieldError> ProficiencyService::roundProblems(const PtRoundInput& in) {
    std::vector<FieldError> errors;
    if (in.provider.empty()) errors.push_back({"provider", assay::msg::kRequired});
    if (in.schemeName.empty()) errors.push_back({"scheme_name", assay::msg::kRequired});
    if (in.roundCode.empty()) errors.push_back({"round_code", assay::msg::kRequired});
    if (in.parameterId <= 0) errors.push_back({"parameter_id", assay::msg::kRequired});
    if (in.subField.empty()) errors.push_back({"sub_field", msg::kSubField});
    if (in.deadline && !isDate(*in.deadline)) errors.push_back({"deadline", assay::msg::kNotDate});
    if (in.mandated && !in.deadline) errors.push_back({"deadline", msg::kMandatedDeadline});
    return errors;
}

std::vector<FieldError> ProficiencyService::resultProblems(const PtResultInput& in, const std::string& today) {
    std::vector<FieldError> errors;
    if (in.scoreKind != "z" && in.scoreKind != "En") errors.push_back({"score_kind", msg::kScoreKind});
    if (!in.score) errors.push_back({"score", msg::kScoreRequired});
    if (!isDate(in.reportedOn)) errors.push_back({"reported_on", assay::msg::kNotDate});
    else if (in.reportedOn > today) errors.push_back({"reported_on", assay::msg::kInFuture});
    return errors;
}

PtRound ProficiencyService::createRound(const Principal& p, const PtRoundInput& in, const std::string& requestId) {
    if (auto errors = roundProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto param = register_.findParameter(tx, lab, in.parameterId);
        if (!param) throw Error::invalidField("parameter_id", msg::kNoSuchParameter);
        PtRound r;
        r.id = ids_.next();
        r.labId = lab;
        r.provider = in.provider;
        r.schemeName = in.schemeName;
        r.roundCode = in.roundCode;
        r.parameterId = in.parameterId;
        r.parameterName = param->nameZh;
        r.product = in.product;
        r.subField = in.subField;
        r.mandated = in.mandated;
        r.deadline = in.deadline;
        r.unit = in.unit;
        r.assignedValue = in.assignedValue;
        r.createdAtMs = r.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insert(tx, r);
        audit_.record(tx, &p, requestId,
                      {"pt_round", std::to_string(r.id), "create", "", std::nullopt,
                       title(r) + " " + r.parameterName + (r.mandated ? " (mandated, deadline " + *r.deadline + ")" : ""),
                       std::nullopt});
        return r;
    });
}

PtRound ProficiencyService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto r = db_.read([&](Tx& tx) { return repo_.find(tx, lab, id); });
    if (!r) throw Error::notFound("PT round");
    return *r;
}

std::vector<PtRound> ProficiencyService::list(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, afterId, limit); });
}

PtOutcome ProficiencyService::report(const Principal& p, std::int64_t id, int expectedVersion, const PtResultInput& in,
                                     const std::string& requestId) {
    if (auto errors = resultProblems(in, today()); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto r = repo_.find(tx, lab, id);
        if (!r) throw Error::notFound("PT round");
        if (r->version != expectedVersion) throw Error::preconditionFailed(msg::kPtChanged);
        if (r->reportedOn) throw Error::conflict(Message(msg::kPtResultKept, {{"date", *r->reportedOn}}), {});
        PtOutcome out;
        PtRound next = *r;
        next.labResult = in.labResult;
        next.scoreKind = in.scoreKind;
        next.score = in.score;
        next.classification = classify(in.scoreKind, *in.score);
        next.reportedOn = in.reportedOn;
        next.updatedAtMs = toEpochMillis(clock_.now());
        const std::string scoreText = in.scoreKind + " = " + in.score->toString();
        if (next.classification == "U") {
            std::vector<ScopeRow> linked;
            for (auto& row : scope_.rowsForParameterOn(tx, lab, r->parameterId, in.reportedOn))
                if (!r->product || row.product == *r->product || row.category == *r->product) linked.push_back(row);
            NewNonconformity nc;
            nc.labId = lab;
            nc.source = "pt";
            nc.sourceRef = r->provider + " " + r->roundCode;
            nc.description = storedNcText(
                Message(msg::kNcPtUnsatisfactory, {{"round", title(*r)}, {"parameter", r->parameterName}, {"score", scoreText}}));
            nc.impact = storedNcText(settings_.uSuspendsScope
                                         ? Message(msg::kNcPtSuspended, {{"rows", linked.size()}, {"date", in.reportedOn}})
                                         : Message(msg::kNcPtNotSuspended));
            nc.openedOn = in.reportedOn;
            out.nc = ncs_.openIn(tx, &p, nc, {}, requestId);
            next.ncId = out.nc->id;
            if (settings_.uSuspendsScope) {
                std::set<std::int64_t> keys;
                for (const auto& row : linked) {
                    if (!keys.insert(row.rowKey).second) continue;
                    ScopeSuspension s;
                    s.id = ids_.next();
                    s.rowKey = row.rowKey;
                    s.fromDate = in.reportedOn;
                    s.reason = clip("NC " + std::to_string(out.nc->ncNo) + " until its corrective action is verified (R25): "
                                    "unsatisfactory PT " + title(*r) + " (" + scoreText + ")",
                                    500);
                    s.ptRoundId = id;
                    s.ncId = out.nc->id;
                    s.createdAtMs = next.updatedAtMs;
                    scope_.insertSuspension(tx, lab, s);
                    out.suspendedRows.push_back(row.rowKey);
                    audit_.record(tx, &p, requestId,
                                  {"scope_row", std::to_string(row.rowKey), "suspend", "", std::nullopt, "suspended from " + in.reportedOn,
                                   s.reason});
                }
            }
        }
        if (!repo_.report(tx, next, expectedVersion)) throw Error::preconditionFailed(msg::kPtChanged);
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"pt_round", std::to_string(id), "report", "result", std::nullopt,
                       scoreText + " -> " + *next.classification + " on " + in.reportedOn, std::nullopt});
        out.round = next;
        return out;
    });
}

std::vector<CoverageGap> ProficiencyService::coverage(const Principal& p) {
    const std::int64_t lab = requireLab(p);
    const std::string day = today();
    return db_.read([&](Tx& tx) {
        std::set<std::string> fields;
        for (std::int64_t after = 0;;) {
            auto page = scope_.rowsInForce(tx, lab, Scheme::Cnas, day, after, 500);
            for (const auto& r : page) fields.insert(r.category);
            if (page.size() < 500) break;
            after = page.back().id;
        }
        return coverageGaps(fields, repo_.all(tx, lab), day, settings_.frequencyMonths);
    });
}

std::vector<PtRound> ProficiencyService::questionable(const Principal& p) {
    const std::int64_t lab = requireLab(p);
    const auto from = *parseIsoDate(today()) - std::chrono::days{365};
    const std::string since = formatIsoDate(from);
    std::vector<PtRound> out;
    for (auto& r : db_.read([&](Tx& tx) { return repo_.all(tx, lab); }))
        if (r.classification == "Q" && r.reportedOn && *r.reportedOn >= since) out.push_back(std::move(r));
    return out;
}

void ProficiencyService::onNcVerified(Tx& tx, const Principal& p, const Nonconformity& nc, const std::string& requestId) {
    if (nc.source != "pt" || !nc.verifiedOn) return;
    const long long lifted = scope_.liftSuspensionsOfNc(tx, nc.labId, nc.id, *nc.verifiedOn);
    if (lifted > 0)
        audit_.record(tx, &p, requestId,
                      {"nonconformity", std::to_string(nc.id), "lift_suspensions", "", std::nullopt,
                       std::to_string(lifted) + " scope row suspension(s) lifted on " + *nc.verifiedOn,
                       std::string("corrective action verified (R25)")});
}

}  // namespace assay::accreditation
