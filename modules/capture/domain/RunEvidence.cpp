// RunEvidence: the seal of a capture run and the comparison of row and file with the trail.
#include "domain/RunEvidence.hpp"

#include <fstream>
#include <sstream>

#include "storage/CaptureRepository.hpp"
#include "storage/RawStore.hpp"

namespace assay::capture {

namespace {
bool isHex64(const std::string& s) { return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos; }

// "<instrument>: <origin> sha256 <hex>, <n> reading(s)...": the SHA-256 a create event names
// (the last match: an origin is a file name and could contain anything).
std::optional<std::string> shaInCreateEvent(const std::string& text) {
    std::optional<std::string> found;
    for (auto at = text.find(" sha256 "); at != std::string::npos; at = text.find(" sha256 ", at + 1)) {
        const std::string hex = text.substr(at + 8, 64);
        if (isHex64(hex) && text.compare(at + 8 + 64, 1, ",") == 0) found = hex;
    }
    return found;
}

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class RunEvidenceCheck final : public EvidenceCheck {
public:
    explicit RunEvidenceCheck(std::string rawDir) : rawDir_(std::move(rawDir)) {}
    std::string name() const override { return "capture runs and their raw files"; }
    void check(Db& db, AuditLog& audit, EvidenceReport& out) override {
        CaptureRepository repo;
        std::vector<std::pair<std::int64_t, std::int64_t>> bad;
        db.read([&](Tx& tx) {
            for (const auto& [lab, id] : repo.runKeys(tx)) {
                const auto i = inspect(tx, audit, repo, lab, id);
                if (i.recorded || i.problem) ++out.checked;
                else ++out.unrecorded;
                if (i.problem) bad.emplace_back(lab, id);
            }
            return 0;
        });
        for (const auto& [lab, id] : bad)  // confirmed in a read of its own
            if (auto problem = db.read([&](Tx& tx) { return inspect(tx, audit, repo, lab, id).problem; }))
                out.problems.push_back({"capture_run", std::to_string(id), *problem});
    }

private:
    RunIntegrity inspect(Tx& tx, AuditLog& audit, CaptureRepository& repo, std::int64_t lab, std::int64_t id) {
        const auto run = repo.findRun(tx, lab, id);
        if (!run) return {};
        const auto bytes = isHex64(run->sha256) ? readFile(rawDir_ + "/" + run->sha256.substr(0, 2) + "/" + run->sha256) : std::nullopt;
        return runIntegrity(*run, auditTrailOf(tx, audit, "capture_run", std::to_string(id)), bytes);
    }
    std::string rawDir_;
};
}  // namespace

std::string runSealText(const Run& r) {
    return formatSeal({{"status", toString(r.status)}, {"sha256", r.sha256}, {"content", r.contentSha256}, {"size", std::to_string(r.size)}});
}

RunIntegrity runIntegrity(const Run& r, const std::vector<AuditRecord>& events, const std::optional<std::string>& fileBytes) {
    RunIntegrity out;
    std::optional<std::string> sha, content, size, status;
    for (const auto& e : events) {
        if (isSeal(e)) {
            const auto f = parseSeal(*e.event.newValue);
            if (f.count("sha256")) sha = f.at("sha256");
            status = f.count("status") ? std::optional<std::string>(f.at("status")) : std::nullopt;
            content = f.count("content") ? std::optional<std::string>(f.at("content")) : std::nullopt;
            size = f.count("size") ? std::optional<std::string>(f.at("size")) : std::nullopt;
        } else if (e.event.action == "create" && e.event.newValue && !sha) {
            sha = shaInCreateEvent(*e.event.newValue);
        }
    }
    if (events.empty()) {
        out.problem = "the audit trail has no record of it (not received through Assay)";
        return out;
    }
    out.recorded = sha.has_value();
    if (sha && *sha != r.sha256)
        out.problem = "its SHA-256 " + r.sha256 + " is not the " + *sha + " the audit trail recorded for the raw file";
    else if (content && *content != r.contentSha256)
        out.problem = "its content key " + r.contentSha256 + " is not the " + *content + " the audit trail recorded";
    else if (status && *status != toString(r.status))
        out.problem = "its status is " + toString(r.status) + " but the audit trail says " + *status;
    else if (size && *size != std::to_string(r.size))
        out.problem = "its size " + std::to_string(r.size) + " is not the " + *size + " bytes the audit trail recorded";
    else if (!fileBytes)
        out.problem = "its raw file " + r.sha256 + " is missing from the raw store";
    else if (RawStore::sha256(*fileBytes) != r.sha256)
        out.problem = "its raw file no longer hashes to " + r.sha256 + " (the bytes were changed)";
    else if (static_cast<std::int64_t>(fileBytes->size()) != r.size)
        out.problem = "its raw file has " + std::to_string(fileBytes->size()) + " bytes, not " + std::to_string(r.size);
    return out;
}

std::shared_ptr<EvidenceCheck> makeRunEvidenceCheck(std::string rawDir) { return std::make_shared<RunEvidenceCheck>(std::move(rawDir)); }

}  // namespace assay::capture
