// CaptureService: raw store first, parse, stage and match, accept or reject; audited.
#include "domain/CaptureService.hpp"
#include "domain/CaptureMessages.hpp"

#include "astm/AstmRecords.hpp"

#include "assay/Messages.hpp"
#include "assay/Faults.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/RunEvidence.hpp"
#include "drivers/Drivers.hpp"

namespace assay::capture {

namespace {

std::string encodeAnalytes(const std::map<std::string, std::int64_t>& m) {
    std::string out;
    for (const auto& [code, id] : m) out += (out.empty() ? "" : "\n") + code + "=" + std::to_string(id);
    return out;
}

std::map<std::string, std::int64_t> decodeAnalytes(const std::string& text) {
    std::map<std::string, std::int64_t> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        const auto eq = line.rfind('=');
        if (eq != std::string::npos) out[line.substr(0, eq)] = std::stoll(line.substr(eq + 1));
        start = end + 1;
    }
    return out;
}
}  // namespace

Instrument CaptureService::decode(const CaptureRepository::InstrumentRow& row) {
    Instrument i = row.instrument;
    std::vector<FieldError> ignored;
    bindDriver(drivers_, i, ignored);
    i.analytes = decodeAnalytes(row.analytesText);
    return i;
}

Instrument CaptureService::addInstrument(const Principal& p, const std::string& name, std::int64_t equipmentId, const std::string& driver,
                                         const std::string& profileJson, const std::map<std::string, std::int64_t>& analytes,
                                         const std::string& requestId) {
    std::vector<FieldError> errors;
    if (name.empty()) errors.push_back({"name", assay::msg::kRequired});
    tooLong(errors, "name", name, 100);
    if (equipmentId <= 0) errors.push_back({"equipment_id", msg::kEquipmentRequired});
    Instrument bound;
    bound.driver = driver;
    bound.profileJson = profileJson;
    bindDriver(drivers_, bound, errors);  // driver, profile, profile.<key>
    const std::int64_t lab = identity::requireLab(p);
    if (analytes.empty()) errors.push_back({"analytes", msg::kAnalytesRequired});
    std::vector<std::int64_t> parameterIds;
    for (const auto& [code, parameter] : analytes) parameterIds.push_back(parameter);
    Instrument i;
    i.id = ids_.next();
    i.labId = lab;
    i.name = name;
    i.equipmentId = equipmentId;
    i.driver = driver;
    i.driverRef = bound.driverRef;
    i.profile = bound.profile;
    i.profileJson = profileJson.empty() ? "{}" : profileJson;
    i.analytes = analytes;
    i.createdAtMs = toEpochMillis(clock_.now());
    const std::string text = encodeAnalytes(analytes);
    // One write transaction: the register and equipment checks, then the instrument.
    db_.write([&](Tx& tx) {
        const auto known = register_.parameters(tx, lab, parameterIds);
        std::vector<FieldError> problems = errors;
        for (const auto& [code, parameter] : analytes) {
            if (code.empty() || code.size() > 100 || code.find('\n') != std::string::npos || code.find('=') != std::string::npos)
                problems.push_back({"analytes", "codes are 1-100 characters without = or line breaks"});
            else if (!known.count(parameter)) problems.push_back({"analytes." + code, msg::kNoSuchParameter});
        }
        if (profileJson.size() > 4000) problems.push_back({"profile", msg::kProfileTooLong});
        if (!problems.empty()) throw Error::invalid(problems);
        const auto verdict = equipment_.equipmentUsableOn(tx, lab, equipmentId, isoDateInLab(clock_.now()));
        if (!verdict.usable && verdict.reason.find("not in this lab's register") != std::string::npos)
            throw Error::invalidField("equipment_id", verdict.why.empty() ? Message::legacy(verdict.reason) : verdict.why);
        if (text.size() > 4000) throw Error::invalidField("analytes", msg::kAnalytesTooMany);
        for (const auto& row : repo_.instruments(tx, lab))
            if (row.instrument.name == name) throw Error::conflict(Message(msg::kNameTaken, {{"name", name}}), {});
        repo_.insertInstrument(tx, i, text);
        audit_.record(tx, &p, requestId,
                      {"instrument", std::to_string(i.id), "create", "", std::nullopt,
                       name + " (" + driver + ", equipment " + std::to_string(equipmentId) + ")", std::nullopt});
        return 0;
    });
    return i;
}

std::vector<Instrument> CaptureService::instruments(const Principal& p) {
    const std::int64_t lab = identity::requireLab(p);
    std::vector<Instrument> out;
    for (const auto& row : db_.read([&](Tx& tx) { return repo_.instruments(tx, lab); })) out.push_back(decode(row));
    return out;
}

Instrument CaptureService::instrument(const Principal& p, std::int64_t instrumentId) {
    const std::int64_t lab = identity::requireLab(p);
    auto row = db_.read([&](Tx& tx) { return repo_.findInstrument(tx, lab, instrumentId); });
    if (!row) throw Error::notFound("instrument");
    return decode(*row);
}

void CaptureService::rememberListener(const Principal& p, std::int64_t instrumentId, std::optional<int> port, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    db_.write([&](Tx& tx) {
        auto row = repo_.findInstrument(tx, lab, instrumentId);
        if (!row) throw Error::notFound("instrument");
        if (row->instrument.listenPort == port) return 0;
        repo_.setListenPort(tx, lab, instrumentId, port);
        audit_.record(tx, &p, requestId,
                      {"instrument", std::to_string(instrumentId), port ? "listen" : "stop_listening", "listen_port",
                       row->instrument.listenPort ? std::optional<std::string>(std::to_string(*row->instrument.listenPort)) : std::nullopt,
                       port ? std::optional<std::string>(std::to_string(*port)) : std::nullopt, std::nullopt});
        return 0;
    });
}

void CaptureService::rememberFolder(const Principal& p, std::int64_t instrumentId, const std::optional<std::string>& folder, int intervalMs,
                                    const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    db_.write([&](Tx& tx) {
        auto row = repo_.findInstrument(tx, lab, instrumentId);
        if (!row) throw Error::notFound("instrument");
        if (row->instrument.watchFolder == folder) return 0;
        repo_.setWatch(tx, lab, instrumentId, folder, intervalMs);
        audit_.record(tx, &p, requestId,
                      {"instrument", std::to_string(instrumentId), folder ? "watch" : "stop_watching", "watch_folder",
                       row->instrument.watchFolder, folder, std::nullopt});
        return 0;
    });
}

std::vector<Instrument> CaptureService::listeningInstruments() {
    std::vector<Instrument> out;
    for (const auto& row : db_.read([&](Tx& tx) { return repo_.listening(tx); })) out.push_back(decode(row));
    return out;
}

std::vector<Staged> CaptureService::stage(Tx& tx, std::int64_t lab, const Instrument& instrument, const ParsedRun& parsed,
                                          const accreditation::EquipmentVerdict& equipment) {
    std::vector<testing::CapturedResults::TargetKey> wanted;
    for (const auto& reading : parsed.readings)
        if (auto mapped = instrument.analytes.find(reading.analyte); mapped != instrument.analytes.end())
            wanted.emplace_back(reading.sampleCode, mapped->second);
    const auto found = results_.targets(tx, lab, wanted);  // one read for the whole run
    std::vector<Staged> staged;
    for (const auto& reading : parsed.readings) {
        Staged s;
        s.labId = lab;
        s.line = reading.line;
        s.sampleCode = clip(reading.sampleCode, 60);
        s.analyte = clip(reading.analyte, 100);
        s.valueText = clip(reading.value, 100);
        if (!reading.unit.empty()) s.unit = clip(reading.unit, 32);
        if (!equipment.usable) s.equipmentProblem = clip(equipment.rule + ": " + equipment.reason, 500);
        auto mapped = instrument.analytes.find(reading.analyte);
        if (mapped != instrument.analytes.end()) {
            s.parameterId = mapped->second;
            if (auto t = found.find({reading.sampleCode, mapped->second}); t != found.end()) s.testItemId = t->second.itemId;
        }
        s.status = s.testItemId ? ReadingStatus::Staged : ReadingStatus::Unmatched;
        staged.push_back(s);
    }
    return staged;
}

ImportResult CaptureService::import(const Principal& p, std::int64_t instrumentId, const std::string& source, const std::string& origin,
                                    const std::string& bytes, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (bytes.empty()) errors.push_back({"body", msg::kRunBody});
    if (origin.empty()) errors.push_back({"name", msg::kRunName});
    tooLong(errors, "name", origin, 300);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    const std::string sha = RawStore::sha256(bytes);
    const std::string runDate = isoDateInLab(clock_.now());
    // One write transaction: the instrument, what other modules say (equipment on the run date,
    // the test item of each reading, one read for the whole run) and the run with its readings.
    return db_.write([&](Tx& tx) {
        auto row = repo_.findInstrument(tx, lab, instrumentId);
        if (!row) throw Error::notFound("instrument");
        const Instrument instrument = decode(*row);
        if (!instrument.driverRef)
            throw Error(ErrorCode::FailedPrecondition, Message(msg::kDriverNotLoaded, {{"driver", instrument.driver}}));
        // R20: the bytes are stored unchanged, named by their hash, before anything else happens
        // (content-addressed: a retried or rolled-back import leaves at most the same file).
        raw_.put(sha, bytes);
        const std::string contentSha = RawStore::sha256(contentOf(instrument, bytes));
        if (auto existing = repo_.runWithContent(tx, lab, instrumentId, contentSha))
            return ImportResult{*existing, true, repo_.stagedOfRun(tx, lab, existing->id)};  // nothing twice
        const ParsedRun parsed = parseRun(instrument, bytes);
        std::string diagnostics;
        for (const auto& d : parsed.diagnostics) diagnostics += (diagnostics.empty() ? "" : "; ") + d;
        // A rejected run (not a message of its driver) reads nothing: no equipment or target look-ups.
        const auto equipment = parsed.rejected ? accreditation::EquipmentVerdict{true, {}, {}, {}, {}}
                                               : equipment_.equipmentUsableOn(tx, lab, instrument.equipmentId, runDate);
        std::vector<Staged> staged = stage(tx, lab, instrument, parsed, equipment);
        Run r;
        r.id = ids_.next();
        r.labId = lab;
        r.instrumentId = instrumentId;
        r.source = source;
        r.origin = origin;
        r.sha256 = sha;
        r.contentSha256 = contentSha;
        r.size = static_cast<std::int64_t>(bytes.size());
        r.receivedAtMs = toEpochMillis(clock_.now());
        if (p.userId) r.receivedBy = p.userId;  // empty for an instrument's own listener
        r.readings = static_cast<int>(staged.size());
        if (parsed.rejected) {
            r.status = RunStatus::Rejected;
            r.reason = clip(*parsed.rejected, 500);
        }
        if (!parsed.deviceSerial.empty()) r.deviceSerial = clip(parsed.deviceSerial, 60);
        if (!diagnostics.empty()) r.diagnostics = clip(diagnostics, 2000);
        repo_.insertRun(tx, r);
        for (auto& s : staged) {
            s.id = ids_.next();
            s.runId = r.id;
        }
        repo_.insertStaged(tx, staged);
        audit_.record(tx, &p, requestId,
                      {"capture_run", std::to_string(r.id), "create", "", std::nullopt,
                       instrument.name + ": " + origin + " sha256 " + sha + ", " +
                           (r.reason ? "rejected: " + *r.reason : std::to_string(staged.size()) + " reading(s)") +
                           (equipment.usable ? "" : "; " + equipment.rule + ": " + equipment.reason),
                       std::nullopt});
        // R20: the raw file's hash and size, machine-readable (domain/RunEvidence).
        audit_.record(tx, &p, requestId, {"capture_run", std::to_string(r.id), "seal", "evidence", std::nullopt, runSealText(r), std::nullopt});
        return ImportResult{r, false, staged};
    });
}

std::string CaptureService::answerQueries(const Instrument& instrument, const std::string& messageText) {
    const auto message = instruments::astm::parseMessage(messageText);
    const auto asked = instruments::astm::queries(message);
    if (asked.empty()) return "";
    std::vector<testing::CapturedResults::TargetKey> wanted;
    for (const auto& q : asked)
        if (!q.sampleId.empty())
            for (const auto& [code, parameter] : instrument.analytes) wanted.push_back({q.sampleId, parameter});
    const auto found = db_.read([&](Tx& tx) { return results_.targets(tx, instrument.labId, wanted); });  // one read for every query
    std::vector<instruments::astm::Order> orders;
    for (const auto& q : asked) {
        instruments::astm::Order o{q.sampleId, {}};
        if (!q.sampleId.empty())
            for (const auto& [code, parameter] : instrument.analytes)
                if (auto t = found.find({q.sampleId, parameter}); t != found.end() && !t->second.hasResult) o.testCodes.push_back(code);
        orders.push_back(o);
    }
    std::string stamp;
    for (char c : formatRfc3339(clock_.now()).substr(0, 19))
        if (c >= '0' && c <= '9') stamp += c;
    return instruments::astm::orderMessage(orders, {astmSettings(instrument.profile.get()).testCodeComponent}, "Assay", stamp);
}

std::vector<Run> CaptureService::runs(const Principal& p, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.runs(tx, lab, beforeId, limit); });
}

std::pair<Run, std::vector<Staged>> CaptureService::run(const Principal& p, std::int64_t runId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        auto r = repo_.findRun(tx, lab, runId);
        if (!r) throw Error::notFound("capture run");
        return std::make_pair(*r, repo_.stagedOfRun(tx, lab, runId));
    });
}

std::string CaptureService::raw(const Principal& p, std::int64_t runId) { return raw_.get(run(p, runId).first.sha256); }

std::vector<Staged> CaptureService::queue(const Principal& p, ReadingStatus status) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.stagedByStatus(tx, lab, status, 500); });
}

Staged CaptureService::accept(const Principal& p, std::int64_t stagedId, int expectedVersion, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    // One write transaction: the reading, its test item, the R15 verdict, the nonconformity (flag
    // policy), the result and the reading marked accepted commit together or not at all. The
    // reading's row is claimed first, so two people accepting at once create one result.
    return db_.write([&](Tx& tx) {
        auto found = repo_.findStaged(tx, lab, stagedId);
        if (!found) throw Error::notFound("staged result");
        const Staged s = *found;
        const Run run = *repo_.findRun(tx, lab, s.runId);
        const Instrument instrument = repo_.findInstrument(tx, lab, run.instrumentId)->instrument;
        if (s.version != expectedVersion) throw Error::preconditionFailed(msg::kReadingChanged);
        if (s.status != ReadingStatus::Staged)
            throw Error::conflict(Message(s.status == ReadingStatus::Unmatched ? msg::kMatchFirst : msg::kNotAccepted, {{"status", toString(s.status)}}), {});
        Staged next = s;
        next.status = ReadingStatus::Accepted;
        next.decidedBy = p.userId;
        next.decidedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateStaged(tx, next, s.version)) throw Error::preconditionFailed(msg::kReadingChanged);
        faults::hit("capture.accept.claimed");
        // R15: the instrument on the item's test date (the run date when the item has none); under
        // the block policy its results are not used.
        const auto item = results_.target(tx, lab, s.sampleCode, *s.parameterId);
        const std::string testDate = item && item->testDate ? *item->testDate : isoDateInLab(fromEpochMillis(run.receivedAtMs));
        const auto verdict = equipment_.equipmentUsableOn(tx, lab, instrument.equipmentId, testDate);
        if (!verdict.usable && verdict.policy != "flag") throw Error::rule(verdict.rule.empty() ? "R15" : verdict.rule, verdict.why.empty() ? Message::legacy(verdict.reason) : verdict.why);
        const std::optional<std::string> retest =
            item && item->hasResult ? std::optional<std::string>("captured again: run " + std::to_string(run.id)) : std::nullopt;
        testing::EquipmentFlag flag;
        if (!verdict.usable) {  // flag policy: the result is kept, under a nonconformity, without a mark
            flag.reason = (verdict.rule.empty() ? std::string("R15") : verdict.rule) + ": " + instrument.name + " " + verdict.reason;
            flag.ncId = ncs_.open(tx,
                                  {lab, "result", "capture run " + std::to_string(run.id) + ", reading " + std::to_string(s.id),
                                   "Result for " + s.sampleCode + " (" + s.analyte + ") from equipment not usable on " + testDate + ": " +
                                       verdict.reason,
                                   "The result is kept under this NC and carries no CMA/CNAS mark until assessed.", isoDateInLab(clock_.now())},
                                  requestId);
            faults::hit("capture.accept.nc_opened");
        }
        const std::int64_t resultId = results_.enterCaptured(tx, p, *s.testItemId, s.valueText, run.id, retest, requestId, flag);
        faults::hit("capture.accept.result_entered");
        next.version = s.version + 1;
        Staged done = next;
        done.resultId = resultId;
        if (!repo_.updateStaged(tx, done, next.version)) throw Error::preconditionFailed(msg::kReadingChanged);
        done.version = next.version + 1;
        audit_.record(tx, &p, requestId,
                      {"staged_result", std::to_string(stagedId), "accept", "status", "staged",
                       "accepted as result " + std::to_string(resultId) + " (run " + std::to_string(run.id) + ")" +
                           (verdict.usable ? "" : "; flagged " + verdict.rule + ": " + verdict.reason),
                       std::nullopt});
        faults::hit("capture.accept.recorded");
        return done;
    });
}

Staged CaptureService::reject(const Principal& p, std::int64_t stagedId, int expectedVersion, const std::string& reasonGiven,
                              const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, msg::kRejectReason, 500);
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        auto s = repo_.findStaged(tx, lab, stagedId);
        if (!s) throw Error::notFound("staged result");
        if (s->version != expectedVersion) throw Error::preconditionFailed(msg::kReadingChanged);
        if (s->status == ReadingStatus::Accepted || s->status == ReadingStatus::Rejected) throw Error::conflict(Message(msg::kReadingAlready, {{"status", toString(s->status)}}), {});
        Staged next = *s;
        next.status = ReadingStatus::Rejected;
        next.reason = reason;
        next.decidedBy = p.userId;
        next.decidedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateStaged(tx, next, expectedVersion)) throw Error::preconditionFailed(msg::kReadingChanged);
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId, {"staged_result", std::to_string(stagedId), "reject", "status", toString(s->status), "rejected", reason});
        return next;
    });
}

Staged CaptureService::rematch(const Principal& p, std::int64_t stagedId, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        auto s = repo_.findStaged(tx, lab, stagedId);
        if (!s) throw Error::notFound("staged result");
        if (s->status != ReadingStatus::Unmatched) throw Error::conflict(msg::kOnlyUnmatched, {});
        std::optional<std::int64_t> item;
        if (s->parameterId)
            if (auto t = results_.target(tx, lab, s->sampleCode, *s->parameterId)) item = t->itemId;
        if (!item) return *s;
        Staged next = *s;
        next.testItemId = item;
        next.status = ReadingStatus::Staged;
        if (!repo_.updateStaged(tx, next, s->version)) throw Error::preconditionFailed(msg::kReadingChanged);
        next.version = s->version + 1;
        audit_.record(tx, &p, requestId, {"staged_result", std::to_string(stagedId), "match", "test_item", std::nullopt,
                                           std::to_string(*item), std::nullopt});
        return next;
    });
}

}  // namespace assay::capture
