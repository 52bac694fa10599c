// Staff: ID number checks and the R10 / R12 / R13 verdicts.
#include "domain/Staff.hpp"

#include "domain/AccreditationMessages.hpp"

#include <algorithm>
#include <set>

namespace assay::accreditation {

bool isValidIdNumber(const std::string& id) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char* kCheck = "10X98765432";
    if (id.size() != 18) return false;
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        if (id[i] < '0' || id[i] > '9') return false;
        sum += (id[i] - '0') * kWeights[i];
    }
    return id[17] == kCheck[sum % 11];
}

std::string maskIdNumber(const std::string& id) {
    if (id.size() < 10) return std::string(id.size(), '*');
    return id.substr(0, 6) + std::string(id.size() - 10, '*') + id.substr(id.size() - 4);
}

namespace {
RuleVerdict no(const std::string& rule, Message why) { return {false, rule, why.english(), why}; }

std::optional<RuleVerdict> notActive(const std::optional<StaffMember>& s, const std::string& date, const std::string& rule) {
    if (!s) return no(rule, msg::kNotOnStaff);
    if (!s->activeOn(date)) return no(rule, Message(msg::kDeactivated, {{"name", s->name}, {"from", *s->deactivatedOn}}));
    return std::nullopt;
}
}  // namespace

RuleVerdict performVerdict(const std::optional<StaffMember>& s, std::int64_t methodId, const std::string& date,
                           const std::string& activity) {
    if (auto v = notActive(s, date, "R13")) return *v;
    std::optional<std::string> later, ended;
    for (const auto& a : s->authorizations) {
        if (a.activity != activity || a.methodId != methodId) continue;
        if (a.inForceOn(date)) return {true, "", "", {}};
        if (a.validFrom > date) later = a.validFrom;
        else if (a.endedOn) ended = *a.endedOn;
    }
    const MessageArg more = later   ? MessageArg(Message(msg::kAuthorizationLater, {{"from", *later}}))
                            : ended ? MessageArg(Message(msg::kAuthorizationEnded, {{"on", *ended}}))
                                    : MessageArg("");
    const MessageArg what = activity == "perform" ? MessageArg(Message(msg::kActivityPerform))
                            : activity == "check" ? MessageArg(Message(msg::kActivityCheck))
                                                  : MessageArg(activity);
    return no("R13", Message(msg::kNoAuthorization, {{"name", s->name}, {"activity", what}, {"date", date}, {"more", more}}));
}

RuleVerdict opinionVerdict(const std::optional<StaffMember>& s, const std::string& date) {
    if (auto v = notActive(s, date, "R13")) return *v;
    for (const auto& a : s->authorizations)
        if (a.activity == "opinion" && a.inForceOn(date)) return {true, "", "", {}};
    return no("R13", Message(msg::kNoOpinion, {{"name", s->name}, {"date", date}}));
}

RuleVerdict signVerdict(const std::optional<StaffMember>& s, Scheme scheme,
                        const std::vector<std::int64_t>& parameterIds, const std::string& date,
                        const std::map<std::int64_t, std::string>& parameterNames) {
    if (auto v = notActive(s, date, "R10")) return *v;
    std::set<std::int64_t> covered;
    std::optional<std::string> filedLater;
    bool otherScheme = false;
    for (const auto& a : s->signatories) {
        if (a.scheme != scheme) {
            otherScheme = otherScheme || a.inForceOn(date);
            continue;
        }
        if (a.inForceOn(date)) covered.insert(a.parameterIds.begin(), a.parameterIds.end());
        else if (a.filedOn > date && (!filedLater || a.filedOn < *filedLater)) filedLater = a.filedOn;
    }
    if (covered.empty()) {
        if (filedLater)
            return no("R12", Message(msg::kSignatoryFiledLater,
                                     {{"name", s->name}, {"scheme", toString(scheme)}, {"from", *filedLater}, {"date", date}}));
        return no("R10", Message(msg::kSignatoryNone, {{"name", s->name}, {"scheme", toString(scheme)}, {"date", date},
                                                       {"other", otherScheme ? MessageArg(Message(msg::kSignatoryOtherScheme)) : MessageArg("")}}));
    }
    std::string missing;
    std::optional<std::string> coveredFrom;  // when every missing parameter is covered by a later filing
    bool allLater = true;
    for (auto id : parameterIds)
        if (!covered.count(id)) {
            auto it = parameterNames.find(id);
            missing += (missing.empty() ? "" : ", ") + (it != parameterNames.end() ? it->second : std::to_string(id));
            std::optional<std::string> from;
            for (const auto& a : s->signatories)
                if (a.scheme == scheme && a.filedOn > date && !a.endedOn &&
                    std::find(a.parameterIds.begin(), a.parameterIds.end(), id) != a.parameterIds.end() &&
                    (!from || a.filedOn < *from))
                    from = a.filedOn;
            if (!from) allLater = false;
            else if (!coveredFrom || *from > *coveredFrom) coveredFrom = from;
        }
    if (missing.empty()) return {true, "", "", {}};
    if (allLater && coveredFrom)
        return no("R12", Message(msg::kSignatoryParametersLater, {{"name", s->name}, {"scheme", toString(scheme)}, {"parameters", missing},
                                                                  {"from", *coveredFrom}, {"date", date}}));
    return no("R10", Message(msg::kSignatoryNotCovering, {{"name", s->name}, {"scheme", toString(scheme)}, {"date", date}, {"parameters", missing}}));
}

}  // namespace assay::accreditation
