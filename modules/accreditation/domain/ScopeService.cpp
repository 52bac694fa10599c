// ScopeService: change records, row revisions, their audit trail, and ScopeCheck.
#include "domain/AccreditationMessages.hpp"
#include "domain/ScopeService.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "assay/Messages.hpp"
#include "assay/Csv.hpp"
#include "assay/Sequences.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"
#include "domain/Qualification.hpp"
#include "domain/StandardService.hpp"
#include "assay/Text.hpp"

namespace assay::accreditation {

namespace {

std::string describe(const ScopeRow& r) {
    std::string d = toString(r.scheme) + " " + r.site + " " + r.category + "/" + r.product + " " + r.parameterName + " " +
                    r.standard.designation();
    if (r.clause) d += " " + *r.clause;
    if (r.limitation) d += " [限制: " + *r.limitation + "]";
    if (r.mraCovered) d += " MRA";
    return d + " from " + r.effectiveFrom;
}

std::optional<std::string> clearable(const std::optional<std::string>& in, const std::optional<std::string>& old) {
    if (!in) return old;
    if (in->empty()) return std::nullopt;
    return in;
}
}  // namespace

std::string ScopeService::today() const { return isoDateInLab(clock_.now()); }

std::vector<FieldError> ScopeService::changeProblems(const ScopeChangeInput& in) {
    std::vector<FieldError> errors;
    if (!isScopeChangeKind(in.kind)) errors.push_back({"kind", msg::kScopeChangeKind});
    if (!in.scheme) errors.push_back({"scheme", msg::kSchemeRequired});
    if (!isDate(in.effectiveDate)) errors.push_back({"effective_date", assay::msg::kNotDate});
    requiredText(errors, "reason", in.reason, assay::msg::kRequired, 500);
    if (in.reference) tooLong(errors, "reference", *in.reference, 100);
    if (in.rows.empty()) errors.push_back({"rows", "name at least one row"});
    if (in.rows.size() > kMaxRows) errors.push_back({"rows", msg::kScopeRowsTooMany});
    const bool adds = in.kind == "initial" || in.kind == "expansion";
    for (std::size_t i = 0; i < in.rows.size() && i < kMaxRows; ++i) {
        const auto& r = in.rows[i];
        const std::string f = "rows[" + std::to_string(i) + "].";
        if (adds) {
            if (r.rowId) errors.push_back({f + "row_id", msg::kNewRowNoId});
            if (!r.site || r.site->empty()) errors.push_back({f + "site", assay::msg::kRequired});
            if (!r.category || r.category->empty()) errors.push_back({f + "category", assay::msg::kRequired});
            if (!r.product || r.product->empty()) errors.push_back({f + "product", assay::msg::kRequired});
            if (!r.parameterId) errors.push_back({f + "parameter_id", assay::msg::kRequired});
            if (!r.standardId) errors.push_back({f + "standard_id", assay::msg::kRequired});
        } else if (in.kind == "change" || in.kind == "reduction") {
            if (!r.rowId) errors.push_back({f + "row_id", in.kind == "change" ? msg::kRowToChange : msg::kRowToRemove});
            for (const auto& [name, value] : {std::pair<const char*, const std::optional<std::string>*>{"site", &r.site},
                                              {"category", &r.category}, {"product", &r.product}})
                if (*value && (*value)->empty()) errors.push_back({f + name, "cannot be empty"});
            if (in.kind == "reduction" &&
                (r.site || r.category || r.product || r.parameterId || r.standardId || r.clause || r.limitation || r.note ||
                 r.mraCovered))
                errors.push_back({f + "row_id", msg::kReductionOnlyRow});
        }
        for (const auto& [name, value, n] : {std::tuple<const char*, const std::optional<std::string>*, std::size_t>{"site", &r.site, 100},
                                             {"category", &r.category, 100}, {"product", &r.product, 100}, {"clause", &r.clause, 64},
                                             {"limitation", &r.limitation, 500}, {"note", &r.note, 500}})
            if (*value) tooLong(errors, f + name, **value, n);
        if (r.mraCovered.value_or(false) && in.scheme == Scheme::Cma)
            errors.push_back({f + "mra_covered", msg::kMraOnlyCnas});
    }
    return errors;
}

ScopeChange ScopeService::createChange(const Principal& p, const ScopeChangeInput& in, const std::string& requestId) {
    if (auto errors = changeProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        ScopeChange c;
        c.id = ids_.next();
        c.labId = lab;
        c.changeNo = Sequences::next(tx, lab, "scope_change");
        c.kind = in.kind;
        c.scheme = *in.scheme;
        c.effectiveDate = in.effectiveDate;
        c.reference = in.reference;
        c.reason = trimmed(in.reason);
        c.createdBy = p.userId;
        c.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertChange(tx, c);
        std::vector<FieldError> errors;
        std::map<std::int64_t, std::vector<ScopeRow>> candidates;  // per parameter, for duplicate checks
        const std::string why = "change No. " + std::to_string(c.changeNo) + " (" + c.kind + "): " + c.reason;

        // Fills standard and parameter of a revision from the register; false (with errors) if unusable.
        auto resolve = [&](ScopeRow& row, const std::string& f, bool standardChanged, bool parameterChanged) {
            bool ok = true;
            auto param = register_.findParameter(tx, lab, row.parameterId);
            if (!param) {
                errors.push_back({f + "parameter_id", msg::kNoSuchParameter});
                ok = false;
            } else {
                row.parameterName = param->nameZh;
            }
            auto st = register_.findStandard(tx, lab, row.standard.id);
            if (!st) {
                errors.push_back({f + "standard_id", msg::kNoSuchStandard});
                ok = false;
            } else {
                row.standard = st->ref;
                if ((standardChanged || parameterChanged) && st->ref.status != StandardStatus::Current) {
                    errors.push_back({f + "standard_id", st->ref.designation() + " is " + toString(st->ref.status) +
                                                             "; a scope row cites a current edition"});
                    ok = false;
                }
            }
            return ok;
        };
        // Keeps the loaded candidates true to this transaction's own writes.
        auto remember = [&](std::int64_t endedId, const std::optional<ScopeRow>& added) {
            for (auto& [param, rows] : candidates)
                for (auto& o : rows)
                    if (o.id == endedId) o.endedOn = c.effectiveDate;
            if (added) {
                auto it = candidates.find(added->parameterId);
                if (it != candidates.end()) it->second.push_back(*added);
            }
        };
        auto duplicateOf = [&](const ScopeRow& row) -> std::optional<std::int64_t> {
            auto it = candidates.find(row.parameterId);
            if (it == candidates.end())
                it = candidates.emplace(row.parameterId, repo_.rowsForParameter(tx, lab, c.scheme, row.parameterId)).first;
            for (const auto& o : it->second)
                if (o.rowKey != row.rowKey && (o.inForceOn(c.effectiveDate) || o.effectiveFrom > c.effectiveDate) &&
                    !(o.endedOn && *o.endedOn <= c.effectiveDate) && o.site == row.site && o.product == row.product &&
                    o.standard.id == row.standard.id && o.clause == row.clause)
                    return o.rowKey;
            return std::nullopt;
        };

        for (std::size_t i = 0; i < in.rows.size(); ++i) {
            const auto& r = in.rows[i];
            const std::string f = "rows[" + std::to_string(i) + "].";
            if (c.kind == "initial" || c.kind == "expansion") {
                ScopeRow row;
                row.id = row.rowKey = ids_.next();
                row.labId = lab;
                row.scheme = c.scheme;
                row.site = *r.site;
                row.category = *r.category;
                row.product = *r.product;
                row.parameterId = *r.parameterId;
                row.standard.id = *r.standardId;
                row.clause = clearable(r.clause, std::nullopt);
                row.limitation = clearable(r.limitation, std::nullopt);
                row.note = clearable(r.note, std::nullopt);
                row.mraCovered = r.mraCovered.value_or(false);
                row.effectiveFrom = c.effectiveDate;
                row.changeId = c.id;
                row.createdAtMs = c.createdAtMs;
                if (!resolve(row, f, true, true)) continue;
                if (auto dup = duplicateOf(row)) {
                    errors.push_back({f + "standard_id", Message(msg::kSameRow, {{"row", *dup}})});
                    continue;
                }
                repo_.insertRow(tx, row);
                candidates[row.parameterId].push_back(row);
                c.added.push_back(row);
                audit_.record(tx, &p, requestId,
                              {"scope_row", std::to_string(row.rowKey), "create", "", std::nullopt, describe(row), why});
                continue;
            }
            auto latest = repo_.latestRevision(tx, lab, *r.rowId);
            if (!latest || latest->scheme != c.scheme) {
                errors.push_back({f + "row_id", Message(msg::kNoSuchScopeRow, {{"scheme", toString(c.scheme)}})});
                continue;
            }
            if (latest->endedOn) {
                errors.push_back({f + "row_id", Message(msg::kRowEnded, {{"date", *latest->endedOn}})});
                continue;
            }
            if (c.effectiveDate <= latest->effectiveFrom) {
                errors.push_back({f + "row_id", Message(msg::kAfterRevision, {{"date", latest->effectiveFrom}})});
                continue;
            }
            if (c.kind == "reduction") {
                if (!repo_.endRow(tx, lab, latest->id, c.effectiveDate, c.id)) {
                    errors.push_back({f + "row_id", assay::msg::kRowChanged});
                    continue;
                }
                latest->endedOn = c.effectiveDate;
                remember(latest->id, std::nullopt);
                c.ended.push_back(*latest);
                audit_.record(tx, &p, requestId,
                              {"scope_row", std::to_string(latest->rowKey), "end", "", describe(*latest),
                               "not in force from " + c.effectiveDate, why});
                continue;
            }
            ScopeRow next = *latest;
            next.id = ids_.next();
            next.revision = latest->revision + 1;
            if (r.site) next.site = *r.site;
            if (r.category) next.category = *r.category;
            if (r.product) next.product = *r.product;
            if (r.parameterId) next.parameterId = *r.parameterId;
            if (r.standardId) next.standard.id = *r.standardId;
            next.clause = clearable(r.clause, latest->clause);
            next.limitation = clearable(r.limitation, latest->limitation);
            next.note = clearable(r.note, latest->note);
            if (r.mraCovered) next.mraCovered = *r.mraCovered;
            next.effectiveFrom = c.effectiveDate;
            next.endedOn.reset();
            next.endedByChangeId.reset();
            next.changeId = c.id;
            next.createdAtMs = c.createdAtMs;
            if (!resolve(next, f, next.standard.id != latest->standard.id, next.parameterId != latest->parameterId))
                continue;
            if (next.site == latest->site && next.category == latest->category && next.product == latest->product &&
                next.parameterId == latest->parameterId && next.standard.id == latest->standard.id &&
                next.clause == latest->clause && next.limitation == latest->limitation && next.note == latest->note &&
                next.mraCovered == latest->mraCovered) {
                errors.push_back({f + "row_id", msg::kChangesNothing});
                continue;
            }
            if (auto dup = duplicateOf(next)) {
                errors.push_back({f + "standard_id", Message(msg::kSameRow, {{"row", *dup}})});
                continue;
            }
            if (!repo_.endRow(tx, lab, latest->id, c.effectiveDate, c.id)) {
                errors.push_back({f + "row_id", assay::msg::kRowChanged});
                continue;
            }
            repo_.insertRow(tx, next);
            remember(latest->id, next);
            latest->endedOn = c.effectiveDate;
            c.ended.push_back(*latest);
            c.added.push_back(next);
            audit_.record(tx, &p, requestId,
                          {"scope_row", std::to_string(next.rowKey), "revise", "", describe(*latest), describe(next), why});
        }
        if (!errors.empty()) throw Error::invalid(errors);  // rolls the whole change back
        audit_.record(tx, &p, requestId,
                      {"scope_change", std::to_string(c.id), "create", "", std::nullopt,
                       "No. " + std::to_string(c.changeNo) + " " + c.kind + " " + toString(c.scheme) + " from " + c.effectiveDate +
                           ": " + std::to_string(c.added.size()) + " in force, " + std::to_string(c.ended.size()) + " ended" +
                           (c.reference ? " (" + *c.reference + ")" : ""),
                       c.reason});
        return c;
    });
}

ScopeChange ScopeService::importChange(const Principal& p, const ScopeImportInput& in, const std::string& requestId) {
    if (in.kind != "initial" && in.kind != "expansion")
        throw Error::invalidField("kind", msg::kCsvAddsRows);
    if (in.encoding != "auto" && in.encoding != "utf-8" && in.encoding != "gb18030")
        throw Error::invalidField("encoding", msg::kEncoding);
    auto text = decodeText(in.bytes, in.encoding);
    if (!text) throw Error::invalidField("body", in.encoding == "auto" ? Message(msg::kNotText) : Message(msg::kNotTextIn, {{"encoding", in.encoding}}));
    CsvResult csv = parseCsv(*text);
    std::vector<FieldError> errors;
    ScopeChangeInput top{in.kind, in.scheme, in.effectiveDate, in.reference, in.reason, {ScopeRowInput{}}};
    for (auto& e : changeProblems(top))
        if (e.field.rfind("rows", 0) != 0) errors.push_back(e);
    for (const auto& d : csv.diagnostics) errors.push_back({"body", d});
    if (csv.rows.size() < 2) errors.push_back({"body", "a header row and at least one row are needed"});
    if (csv.rows.size() > kMaxRows + 1) errors.push_back({"body", msg::kImportRowsTooMany});
    if (csv.rows.empty()) throw Error::invalid(errors);
    static const std::map<std::string, std::string> kColumns{
        {"地点", "site"}, {"site", "site"}, {"类别", "category"}, {"category", "category"}, {"产品", "product"},
        {"product", "product"}, {"项目", "parameter"}, {"parameter", "parameter"}, {"依据的标准", "standard"},
        {"standard", "standard"}, {"方法", "clause"}, {"clause", "clause"}, {"限制范围", "limitation"},
        {"limitation", "limitation"}, {"说明", "note"}, {"note", "note"}, {"mra", "mra_covered"}, {"mra_covered", "mra_covered"}};
    const CsvColumns col = csvColumns(csv.rows[0], kColumns, {"site", "category", "product", "parameter", "standard"}, errors);
    csvTextProblems(csv, col, {"limitation", "note"}, errors);
    // Rows can be read only from a readable file with a usable header; otherwise stop here.
    if (std::any_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "body" || e.field == "header"; }))
        throw Error::invalid(errors);

    const std::int64_t lab = requireLab(p);
    ScopeChangeInput change{in.kind, in.scheme, in.effectiveDate, in.reference, in.reason, {}};
    std::vector<int> lines;
    const std::vector<FieldError> topErrors = errors;
    db_.read([&](Tx& tx) {
        // The body may run again after a retry: start from what was known before it.
        errors = topErrors;
        change.rows.clear();
        lines.clear();
        std::map<std::string, std::vector<Parameter>> byName;
        for (std::int64_t after = 0;;) {
            auto page = register_.listParameters(tx, lab, after, 500);
            for (auto& prm : page) byName[prm.nameZh].push_back(prm);
            if (page.size() < 500) break;
            after = page.back().id;
        }
        for (std::size_t r = 1; r < csv.rows.size(); ++r) {
            const auto& row = csv.rows[r];
            const std::string at = "line[" + std::to_string(row.line) + "].";
            auto cell = [&](const std::string& key) { return csvCell(row, col, key); };
            ScopeRowInput x;
            for (const char* name : {"site", "category", "product"})
                if (cell(name).empty()) errors.push_back({at + name, assay::msg::kRequired});
            x.site = cell("site");
            x.category = cell("category");
            x.product = cell("product");
            const auto params = byName.find(cell("parameter"));
            if (params == byName.end()) errors.push_back({at + "parameter", "no parameter '" + cell("parameter") + "' in the register"});
            else if (params->second.size() > 1) errors.push_back({at + "parameter", "'" + cell("parameter") + "' exists with several units"});
            else x.parameterId = params->second.front().id;
            const auto designation = StandardService::parseDesignation(cell("standard"));
            auto standard = designation ? register_.findStandardByEdition(tx, lab, designation->first, designation->second) : std::nullopt;
            if (!standard) errors.push_back({at + "standard", "no standard '" + cell("standard") + "' (number-year) in the register"});
            else x.standardId = standard->ref.id;
            if (!cell("clause").empty()) x.clause = cell("clause");
            if (!cell("limitation").empty()) x.limitation = cell("limitation");
            if (!cell("note").empty()) x.note = cell("note");
            const std::string mra = cell("mra_covered");
            if (mra == "是" || mra == "yes" || mra == "true" || mra == "Y") x.mraCovered = true;
            else if (!mra.empty() && mra != "否" && mra != "no" && mra != "false" && mra != "N")
                errors.push_back({at + "mra_covered", msg::kYesNo});
            change.rows.push_back(std::move(x));
            lines.push_back(row.line);
        }
    });
    if (!errors.empty()) throw Error::invalid(errors);
    try {
        return createChange(p, change, requestId);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidArgument) throw;
        // rows[i].field -> line[N].field, so the manager finds the cell in the file.
        std::vector<FieldError> mapped;
        for (const auto& fe : e.fieldErrors()) {
            FieldError m = fe;
            if (fe.field.rfind("rows[", 0) == 0) {
                const std::size_t close = fe.field.find(']');
                const std::size_t index = std::stoul(fe.field.substr(5, close - 5));
                std::string column = fe.field.substr(close + 1);  // ".standard_id" -> the file's ".standard"
                if (column == ".standard_id") column = ".standard";
                if (column == ".parameter_id") column = ".parameter";
                if (index < lines.size()) m.field = "line[" + std::to_string(lines[index]) + "]" + column;
            }
            mapped.push_back(m);
        }
        throw Error::invalid(mapped);
    }
}

ScopeChange ScopeService::change(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto c = db_.read([&](Tx& tx) { return repo_.findChange(tx, lab, id); });
    if (!c) throw Error::notFound("scope change");
    return *c;
}

std::vector<ScopeChange> ScopeService::changes(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.listChanges(tx, lab, afterId, limit); });
}

std::vector<ScopeRow> ScopeService::rowsInForce(const Principal& p, std::optional<Scheme> scheme, const std::string& date,
                                                std::int64_t afterId, int limit) {
    std::vector<FieldError> errors;
    if (!isDate(date)) errors.push_back({"on", assay::msg::kNotDate});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.rowsInForce(tx, lab, scheme, date, afterId, limit); });
}

std::vector<ScopeRow> ScopeService::history(const Principal& p, std::int64_t rowKey) {
    const std::int64_t lab = requireLab(p);
    auto all = db_.read([&](Tx& tx) { return repo_.revisions(tx, lab, rowKey); });
    if (all.empty()) throw Error::notFound("scope row");
    return all;
}

ScopeVerdict ScopeService::check(const Principal& p, ScopeQuery q) {
    std::vector<FieldError> errors;
    if (q.site.empty()) errors.push_back({"site", assay::msg::kRequired});
    if (q.product.empty()) errors.push_back({"product", assay::msg::kRequired});
    if (q.parameterId <= 0) errors.push_back({"parameter_id", assay::msg::kRequiredId});
    if (q.standard.empty()) errors.push_back({"standard", msg::kEditionRequired});
    if (!isDate(q.date)) errors.push_back({"date", assay::msg::kNotDate});
    if (!errors.empty()) throw Error::invalid(errors);
    q.labId = requireLab(p);
    return db_.read([&](Tx& tx) { return check(tx, q); });
}

ScopeVerdict ScopeService::check(Tx& tx, const ScopeQuery& q) { return checkMany(tx, {q}).front(); }

std::vector<Product> ScopeService::products(Tx& tx, std::int64_t labId) {
    return productList(repo_.products(tx, labId), repo_.specifiedProducts(tx, labId));
}

std::vector<Product> ScopeService::products(const Principal& p, const std::string& q) {
    const std::int64_t lab = requireLab(p);
    auto all = db_.read([&](Tx& tx) { return products(tx, lab); });
    if (q.empty()) return all;
    std::vector<Product> out;
    for (auto& x : all)
        if (x.name.find(q) != std::string::npos || x.category.find(q) != std::string::npos) out.push_back(std::move(x));
    return out;
}

std::vector<ScopeVerdict> ScopeService::checkMany(Tx& tx, const std::vector<ScopeQuery>& queries) {
    // The candidate rows of every (lab, scheme, parameter) asked about, read in one batch per lab.
    std::map<std::tuple<std::int64_t, Scheme, std::int64_t>, std::vector<ScopeRow>> rows;
    std::map<std::int64_t, std::vector<std::int64_t>> parametersOfLab;
    for (const auto& q : queries) parametersOfLab[q.labId].push_back(q.parameterId);
    for (const auto& [lab, parameters] : parametersOfLab)
        for (auto& row : repo_.rowsForParameters(tx, lab, parameters)) rows[{lab, row.scheme, row.parameterId}].push_back(std::move(row));
    std::vector<ScopeVerdict> out;
    out.reserve(queries.size());
    for (const auto& q : queries) {
        if (!isDate(q.date)) {
            ScopeVerdict v;
            v.rule = "R1";
            v.why = Message(msg::kScopeNotDate, {{"scheme", toString(q.scheme)}, {"date", q.date}});
            v.reason = v.why.english();
            out.push_back(v);
            continue;
        }
        const auto it = rows.find({q.labId, q.scheme, q.parameterId});
        out.push_back(matchScope(it == rows.end() ? std::vector<ScopeRow>{} : it->second, q));
    }
    return out;
}

}  // namespace assay::accreditation
