// StandardService: validation, tenancy, status changes and audit of the register's standards.
#include "domain/StandardService.hpp"
#include "domain/AccreditationMessages.hpp"

#include <algorithm>
#include <regex>

#include "assay/Messages.hpp"
#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

namespace {
// Chinese and international standard numbers: GB 5009.12, GB/T 8170, SN/T 0448, DB44/T 1234,
// JJG 196, ISO 17025, CNAS-CL01. The edition year is a separate field.
const std::regex kNumber(R"(^[A-Z][A-Z0-9]{0,9}(/[A-Z]{1,3})?[ -][0-9A-Z][0-9A-Z.\-]{0,40}$)");

std::string describe(const Standard& s) { return s.ref.designation() + " " + s.ref.title; }
}  // namespace

std::vector<FieldError> StandardService::standardProblems(const StandardInput& in) {
    std::vector<FieldError> errors;
    tooLong(errors, "title", in.title, 300);
    if (tooLong(errors, "number", in.number, 64)) {
        // not matched: a long value would only feed the regex
    } else if (!std::regex_match(in.number, kNumber))
        errors.push_back({"number", msg::kStandardNumber});
    else if (std::regex_search(in.number, std::regex(R"(-(19|20)[0-9]{2}$)")))
        errors.push_back({"number", "give the edition year in 'year', not in the number"});
    if (in.year < 1950 || in.year > 2100) errors.push_back({"year", msg::kStandardYear});
    if (in.title.empty()) errors.push_back({"title", assay::msg::kRequired});
    return errors;
}

std::optional<std::pair<std::string, int>> StandardService::parseDesignation(const std::string& d) {
    // By hand, not std::regex: libstdc++'s regex recurses per character, and a long cell from an
    // upload would overflow the stack.
    if (d.size() < 6 || d.size() > 80) return std::nullopt;
    const std::size_t dash = d.rfind('-');
    if (dash == std::string::npos || dash == 0 || d.size() - dash != 5) return std::nullopt;
    const std::string year = d.substr(dash + 1);
    if (!std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    if (year.compare(0, 2, "19") != 0 && year.compare(0, 2, "20") != 0) return std::nullopt;
    return std::make_pair(d.substr(0, dash), std::stoi(year));
}

Standard StandardService::createStandard(const Principal& p, const StandardInput& in, const std::string& requestId) {
    if (auto errors = standardProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        if (repo_.findStandardByEdition(tx, lab, in.number, in.year))
            throw Error::conflict(Message(msg::kStandardTaken, {{"standard", in.number + "-" + std::to_string(in.year)}}));
        return insertStandardIn(tx, p, lab, in, requestId);
    });
}

Standard StandardService::insertStandardIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardInput& in,
                                           const std::string& requestId) {
    Standard s;
    s.ref = {ids_.next(), lab, in.number, in.year, in.title, StandardStatus::Current, std::nullopt};
    s.createdAtMs = s.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insertStandard(tx, s);
    audit_.record(tx, &p, requestId, {"standard", std::to_string(s.ref.id), "create", "", std::nullopt, describe(s), std::nullopt});
    return s;
}

Standard StandardService::standard(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto s = db_.read([&](Tx& tx) { return repo_.findStandard(tx, lab, id); });
    if (!s) throw Error::notFound("standard");
    return *s;
}

std::vector<Standard> StandardService::standards(const Principal& p, std::int64_t afterId, int limit,
                                                 std::optional<StandardStatus> status) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.listStandards(tx, lab, afterId, limit, status); });
}

Standard StandardService::changeStandardStatus(const Principal& p, std::int64_t id, int expectedVersion,
                                               const std::string& status, std::optional<std::int64_t> replacedBy,
                                               const std::string& reason, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::optional<StandardStatus> to = parseEnum<StandardStatus>(status);
    if (to != StandardStatus::Withdrawn && to != StandardStatus::Replaced) errors.push_back({"status", msg::kStandardStatus});
    if (to == StandardStatus::Replaced && !replacedBy) errors.push_back({"replaced_by", msg::kReplacedByRequired});
    if (to == StandardStatus::Withdrawn && replacedBy) errors.push_back({"replaced_by", msg::kOnlyWithReplaced});
    const std::string why = requiredText(errors, "reason", reason, assay::msg::kRequired, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto s = repo_.findStandard(tx, lab, id);
        if (!s) throw Error::notFound("standard");
        if (s->version != expectedVersion) throw Error::preconditionFailed(msg::kStandardChanged);
        if (s->ref.status != StandardStatus::Current)
            throw Error::conflict(Message(msg::kStandardStatusFinal, {{"status", toString(s->ref.status)}}), {});
        if (replacedBy) {
            auto by = repo_.findStandard(tx, lab, *replacedBy);
            if (!by) throw Error::invalidField("replaced_by", msg::kNoSuchStandard);
            if (by->ref.id == id || by->ref.status != StandardStatus::Current || by->ref.number != s->ref.number)
                throw Error::conflict(Message(msg::kReplacementEdition, {{"number", s->ref.number}}));
        }
        Standard next = *s;
        next.ref.status = *to;
        next.ref.replacedBy = replacedBy;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateStandardStatus(tx, next, expectedVersion))
            throw Error::preconditionFailed(msg::kStandardChanged);
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"standard", std::to_string(id), "update", "status", toString(s->ref.status),
                       status + (replacedBy ? " by " + std::to_string(*replacedBy) : ""), why});
        return next;
    });
}

}  // namespace assay::accreditation
