// CaptureService: instruments, runs with their raw bytes, staged readings, and their acceptance
// into testing results (R15, R20, R21).
//
// Purpose: import() stores a run's bytes unchanged before anything else (SHA-256, server time,
// origin; the same bytes for the same instrument are the same run: nothing is created twice),
// reads them with the instrument's driver, maps each reading's analyte to a register parameter,
// finds the test item by sample code and parameter (testing's CapturedResults) and stages it, or
// queues it as unmatched (never dropped). The instrument's equipment is judged on the run date
// (accreditation's EquipmentStatus, R15): under the lab's block policy a reading from unusable
// equipment cannot be accepted; under flag it can, and carries the problem. accept() enters the
// value as the item's result with the run as its raw data (R21); reject() needs a reason.
// Every step is audited.
// Tenancy: the principal's own lab. Thread-safety: safe from any request thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/EquipmentStatus.hpp"
#include "assay/accreditation/Nonconformities.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/testing/CapturedResults.hpp"
#include "domain/Capture.hpp"
#include "storage/CaptureRepository.hpp"
#include "storage/RawStore.hpp"

namespace assay::capture {

struct ImportResult {
    Run run;
    bool duplicate = false;  // the same bytes were imported before: that run, nothing new
    std::vector<Staged> staged;
};

class CaptureService {
public:
    // `drivers`: the registry every instrument's driver is looked up in (outlives the service).
    CaptureService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                   accreditation::EquipmentStatus& equipment, accreditation::Register& reg, testing::CapturedResults& results,
                   RawStore& raw, accreditation::Nonconformities& ncs, const InstrumentDrivers& drivers)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), equipment_(equipment), register_(reg), results_(results),
          raw_(raw), ncs_(ncs), drivers_(drivers) {}

    // Errors: 400 naming each bad field (name, equipment_id, driver, profile.<key>, analytes.<code>).
    Instrument addInstrument(const Principal& p, const std::string& name, std::int64_t equipmentId, const std::string& driver,
                             const std::string& profileJson, const std::map<std::string, std::int64_t>& analytes,
                             const std::string& requestId);
    std::vector<Instrument> instruments(const Principal& p);
    const InstrumentDrivers& drivers() const { return drivers_; }
    // Errors: 404.
    Instrument instrument(const Principal& p, std::int64_t instrumentId);
    // The listener port to start again at start-up (none: stopped). Audited.
    void rememberListener(const Principal& p, std::int64_t instrumentId, std::optional<int> port, const std::string& requestId);
    // The folder to watch again at start-up (none: stopped). Audited.
    void rememberFolder(const Principal& p, std::int64_t instrumentId, const std::optional<std::string>& folder, int intervalMs,
                        const std::string& requestId);
    // Every lab's instruments whose listener or folder watch should run (start-up; no principal).
    std::vector<Instrument> listeningInstruments();
    // Errors: 400 (empty bytes, origin); 404 (instrument); 422 when the instrument's driver is not
    // loaded (a plugin's driver without its plugin: nothing is stored, the sender keeps the bytes).
    ImportResult import(const Principal& p, std::int64_t instrumentId, const std::string& source, const std::string& origin,
                        const std::string& bytes, const std::string& requestId);
    // The answer to the queries (Q records) in an ASTM message: for each queried specimen, the
    // instrument's codes of the analytes whose test items are still to be measured (mapped
    // parameter, no result yet); "" when the message has no query. Never throws on bad bytes.
    std::string answerQueries(const Instrument& instrument, const std::string& messageText);
    std::vector<Run> runs(const Principal& p, std::int64_t beforeId, int limit);
    std::pair<Run, std::vector<Staged>> run(const Principal& p, std::int64_t runId);  // 404
    // The original bytes, checked against their hash. Errors: 404; 500 when altered.
    std::string raw(const Principal& p, std::int64_t runId);
    std::vector<Staged> queue(const Principal& p, ReadingStatus status);
    // R15 on the item's test date (else the run date): under the block policy refused; under the
    // flag policy accepted, a nonconformity opened, and the result carries the flag and the NC.
    // Errors: 404; 409 unless staged (matched); 412; 422 R15 (block policy), R13, R23.
    Staged accept(const Principal& p, std::int64_t stagedId, int expectedVersion, const std::string& requestId);
    // Errors: 400 (reason); 404; 409 when decided; 412.
    Staged reject(const Principal& p, std::int64_t stagedId, int expectedVersion, const std::string& reason, const std::string& requestId);
    // Looks for the test item again (created after the run came in). Errors: 404; 409 unless unmatched.
    Staged rematch(const Principal& p, std::int64_t stagedId, const std::string& requestId);

private:
    // The staged readings of a parsed run, each matched to its test item (one read for all).
    std::vector<Staged> stage(Tx& tx, std::int64_t lab, const Instrument& instrument, const ParsedRun& parsed,
                              const accreditation::EquipmentVerdict& equipment);
    Instrument decode(const CaptureRepository::InstrumentRow& row);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    accreditation::EquipmentStatus& equipment_;
    accreditation::Register& register_;
    testing::CapturedResults& results_;
    RawStore& raw_;
    accreditation::Nonconformities& ncs_;
    const InstrumentDrivers& drivers_;
    CaptureRepository repo_;
};

}  // namespace assay::capture
