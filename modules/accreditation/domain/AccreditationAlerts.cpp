// AccreditationAlerts: collects the alerts of the qualification, equipment, PT and NC services.
#include "domain/AccreditationAlerts.hpp"

namespace assay::accreditation {

namespace {
std::string level(long left) {
    return left < 0 ? std::string("overdue") : left <= 30 ? std::string("30") : left <= 90 ? std::string("90") : std::string("180");
}
}  // namespace

AlertList AccreditationAlerts::alerts(const Principal& p, int within) {
    AlertList out;
    out.within = within;
    for (const auto& [q, a] : qualifications_.expiryAlerts(p))
        if (a.daysLeft <= within)
            out.items.push_back({"qualification_expiry", "R4", a.level, "qualification", q.id, toString(q.scheme) + " " + q.number,
                                 q.validTo, a.daysLeft, a.message});
    for (const auto& d : equipment_.dueWithin(p, within))
        out.items.push_back({d.kind, "R15", level(d.daysLeft), d.entity, d.id, d.title, d.dueDate, d.daysLeft,
                             d.title + (d.daysLeft < 0 ? " is overdue since " : " falls due on ") + d.dueDate});
    for (const auto& r : proficiency_.questionable(p))
        out.items.push_back({"pt_questionable", "R25", "warning", "pt_round", r.id,
                             r.provider + " " + r.roundCode + " " + r.parameterName, *r.reportedOn, 0,
                             "questionable PT result (Q, " + r.scoreKind.value_or("z") + " = " +
                                 (r.score ? r.score->toString() : "") + "): review the method before the next round"});
    for (const auto& g : proficiency_.coverage(p))
        out.items.push_back({g.kind, "R26", "warning", g.roundId ? "pt_round" : "sub_field", g.roundId.value_or(0), g.subField,
                             g.lastSatisfactory.value_or(""), 0, g.message});
    out.openNonconformities = ncs_.notClosed(p);
    out.date = equipment_.today();
    return out;
}

}  // namespace assay::accreditation
