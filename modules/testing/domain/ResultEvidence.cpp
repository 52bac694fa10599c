// ResultEvidence: the evidence hash of a result, its seal, and the comparison with the trail.
#include "domain/ResultEvidence.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace assay::testing {

namespace {
// Length-prefixed ("s<bytes>:<value>", NULL as "n"), as the audit chain does, so no value can
// move into its neighbour unnoticed and "" differs from NULL.
void put(std::string& out, const std::optional<std::string>& v) {
    if (!v) {
        out += 'n';
        return;
    }
    out += 's' + std::to_string(v->size()) + ':' + *v;
}
void put(std::string& out, const std::string& v) { put(out, std::optional<std::string>(v)); }
void put(std::string& out, std::optional<std::int64_t> v) { put(out, v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt); }
void put(std::string& out, const std::optional<Decimal>& v) { put(out, v ? std::optional<std::string>(v->toString()) : std::nullopt); }

std::string sha256Hex(const std::string& text) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::optional<EntryRecord> entryOf(Tx& tx, ResultRepository& repo, const Result& r) {
    if (r.rawKind != "manual") return std::nullopt;
    return repo.findEntry(tx, r.labId, r.rawRef);
}

// An entry record against its own SHA-256 and the one a seal recorded for it.
std::optional<std::string> entryProblem(const EntryRecord& e, const std::map<std::int64_t, std::string>& sealed) {
    if (entryRecordSha256(e) != e.sha256) return "its typed text, user or time no longer match its SHA-256";
    if (auto it = sealed.find(e.id); it != sealed.end() && it->second != e.sha256)
        return "its SHA-256 " + e.sha256 + " is not the " + it->second + " the audit trail recorded for it";
    return std::nullopt;
}

class ResultEvidenceCheck final : public EvidenceCheck {
public:
    std::string name() const override { return "results and their entry records"; }
    void check(Db& db, AuditLog& audit, EvidenceReport& out) override {
        ResultRepository repo;
        std::map<std::int64_t, std::string> sealed;
        std::vector<std::pair<std::int64_t, std::int64_t>> badResults, badEntries;
        db.read([&](Tx& tx) {
            for (const auto& [lab, id] : repo.resultKeys(tx)) {
                const auto r = repo.findResult(tx, lab, id);
                if (!r) continue;
                const auto i = checkResult(tx, audit, repo, *r);
                sealed.insert(i.sealedEntries.begin(), i.sealedEntries.end());
                if (i.recorded || i.problem) ++out.checked;
                else ++out.unrecorded;
                if (i.problem) badResults.emplace_back(lab, id);
            }
            for (const auto& [lab, id] : repo.entryKeys(tx)) {
                const auto e = repo.findEntry(tx, lab, id);
                if (!e) continue;
                if (sealed.count(id)) ++out.checked;
                else ++out.unrecorded;
                if (entryProblem(*e, sealed)) badEntries.emplace_back(lab, id);
            }
            return 0;
        });
        // Confirmed in a read of their own: a change that committed during the walk is not tampering.
        for (const auto& [lab, id] : badResults)
            if (auto problem = db.read([&](Tx& tx) -> std::optional<std::string> {
                    const auto r = repo.findResult(tx, lab, id);
                    return r ? checkResult(tx, audit, repo, *r).problem : std::nullopt;
                }))
                out.problems.push_back({"result", std::to_string(id), *problem});
        for (const auto& [lab, id] : badEntries)
            if (auto problem = db.read([&](Tx& tx) -> std::optional<std::string> {
                    const auto e = repo.findEntry(tx, lab, id);
                    return e ? entryProblem(*e, sealed) : std::nullopt;
                }))
                out.problems.push_back({"entry_record", std::to_string(id), *problem});
    }
};
}  // namespace

std::string describeResult(const Result& r) {
    return r.valueText + " -> " + r.reported + (r.conformity ? " (" + *r.conformity + ")" : std::string());
}

std::string entryRecordSha256(const EntryRecord& e) {
    return sha256Hex(std::to_string(e.id) + "|" + std::to_string(e.testItemId) + "|" + e.typed + "|" + std::to_string(e.enteredBy) + "|" +
                     std::to_string(e.atMs));
}

std::string resultEvidenceSha256(const Result& r, const std::optional<EntryRecord>& entry) {
    std::string c;
    put(c, std::string("assay-result-evidence/1"));
    put(c, std::optional<std::int64_t>(r.id));
    put(c, std::optional<std::int64_t>(r.labId));
    put(c, std::optional<std::int64_t>(r.testItemId));
    put(c, std::optional<std::int64_t>(r.attempt));
    put(c, toString(r.status));
    put(c, r.valueText);
    put(c, r.value);
    put(c, std::optional<std::int64_t>(r.belowLod ? 1 : 0));
    put(c, r.lod);
    put(c, r.reported);
    put(c, r.unit);
    put(c, r.limitText);
    put(c, r.conformity);
    put(c, r.uncertainty);
    put(c, std::optional<std::int64_t>(r.muStraddles ? 1 : 0));
    put(c, r.equipmentFlag);
    put(c, r.ncId);
    put(c, r.rawKind);
    put(c, std::optional<std::int64_t>(r.rawRef));
    put(c, r.formulaId);
    put(c, r.formulaVersion ? std::optional<std::int64_t>(*r.formulaVersion) : std::nullopt);
    put(c, r.interim);
    put(c, std::optional<std::int64_t>(r.performerUserId));
    put(c, r.performerName);
    put(c, r.checkerUserId);
    put(c, r.checkerName);
    put(c, r.approverUserId);
    put(c, r.approverName);
    put(c, r.invalidReason);
    put(c, r.retestReason);
    put(c, std::optional<std::int64_t>(r.createdAtMs));
    put(c, std::optional<std::int64_t>(r.updatedAtMs));
    put(c, std::optional<std::int64_t>(r.version));
    if (entry) {
        put(c, std::optional<std::int64_t>(entry->id));
        put(c, std::optional<std::int64_t>(entry->testItemId));
        put(c, entry->typed);
        put(c, std::optional<std::int64_t>(entry->enteredBy));
        put(c, entry->enteredName);
        put(c, std::optional<std::int64_t>(entry->atMs));
        put(c, entry->sha256);
    } else {
        put(c, std::optional<std::string>());
    }
    return sha256Hex(c);
}

std::string resultSealText(const Result& r, const std::optional<EntryRecord>& entry) {
    std::vector<std::pair<std::string, std::string>> fields{{"status", toString(r.status)}, {"sha256", resultEvidenceSha256(r, entry)}};
    if (entry) fields.emplace_back("entry", std::to_string(entry->id) + ":" + entry->sha256);
    return formatSeal(fields);
}

void sealResult(Tx& tx, AuditLog& audit, ResultRepository& repo, const Principal* actor, const std::string& requestId, std::int64_t labId,
                std::int64_t resultId) {
    const auto stored = repo.findResult(tx, labId, resultId);
    if (!stored) return;
    const auto entry = entryOf(tx, repo, *stored);
    audit.record(tx, actor, requestId,
                 {"result", std::to_string(stored->id), "seal", "evidence", std::nullopt, resultSealText(*stored, entry), std::nullopt});
}

ResultIntegrity resultIntegrity(const Result& r, const std::optional<EntryRecord>& entry, const std::vector<AuditRecord>& events) {
    ResultIntegrity out;
    const AuditRecord* seal = nullptr;
    std::optional<std::string> value, status;  // what older events (before seals) say
    std::int64_t statusSeq = 0;
    for (const auto& e : events) {
        if (isSeal(e)) {
            seal = &e;
            const auto f = parseSeal(*e.event.newValue);
            if (auto it = f.find("entry"); it != f.end())
                if (const auto colon = it->second.find(':'); colon != std::string::npos) {
                    try {
                        out.sealedEntries[std::stoll(it->second.substr(0, colon))] = it->second.substr(colon + 1);
                    } catch (const std::exception&) {
                    }
                }
        } else if (e.event.field == "value" && e.event.newValue) {
            value = e.event.newValue;
            status = "entered";  // an entry or a correction (a checked result is checked again)
            statusSeq = e.seq;
        } else if (e.event.field == "status" && e.event.newValue) {
            status = e.event.newValue;
            statusSeq = e.seq;
        }
    }
    if (seal) {
        out.recorded = true;
        const auto f = parseSeal(*seal->event.newValue);
        const std::string at = " (audit event " + std::to_string(seal->seq) + ")";
        if (r.rawKind == "manual" && !entry) {
            out.problem = "its entry record " + std::to_string(r.rawRef) + " (the raw data) is missing";
        } else if (f.count("status") && f.at("status") != toString(r.status)) {
            out.problem = "the status is " + toString(r.status) + " but the audit trail says " + f.at("status") + at;
        } else if (!f.count("sha256") || f.at("sha256") != resultEvidenceSha256(r, entry)) {
            out.problem = "the result (" + describeResult(r) + ") or its entry record no longer matches the SHA-256 the audit trail recorded" + at;
        }
        return out;
    }
    if (value || status) {  // a result from before seals: its value and status as its events name them
        out.recorded = true;
        const std::string now = describeResult(r);
        if (status && *status != toString(r.status))
            out.problem = "the status is " + toString(r.status) + " but the audit trail says " + *status + " (audit event " + std::to_string(statusSeq) + ")";
        else if (value && *value != now && !endsWith(*value, ": " + now))
            out.problem = "the value is " + now + " but the audit trail says " + *value;
        return out;
    }
    if (events.empty()) out.problem = "the audit trail has no record of it (not entered through Assay)";
    return out;
}

ResultIntegrity checkResult(Tx& tx, AuditLog& audit, ResultRepository& repo, const Result& r) {
    return resultIntegrity(r, entryOf(tx, repo, r), auditTrailOf(tx, audit, "result", std::to_string(r.id)));
}

std::shared_ptr<EvidenceCheck> makeResultEvidenceCheck() { return std::make_shared<ResultEvidenceCheck>(); }

}  // namespace assay::testing
