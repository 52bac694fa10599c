// CaptureRepository: all SQL of cap_instruments, cap_runs and cap_staged.
//
// Purpose: every query carries the lab id. Runs and staged readings are never deleted; a staged
// reading changes only its decision. No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Capture.hpp"

namespace assay::capture {

class CaptureRepository {
public:
    void insertInstrument(Tx& tx, const Instrument& i, const std::string& analytesText);
    // Rows with the profile JSON and analyte text as stored (the service decodes them).
    struct InstrumentRow {
        Instrument instrument;
        std::string analytesText;
    };
    std::optional<InstrumentRow> findInstrument(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<InstrumentRow> instruments(Tx& tx, std::int64_t labId);
    // Instruments of every lab whose listener or folder watch was started (and not stopped):
    // started again at start-up.
    std::vector<InstrumentRow> listening(Tx& tx);
    void setListenPort(Tx& tx, std::int64_t labId, std::int64_t id, std::optional<int> port);
    void setWatch(Tx& tx, std::int64_t labId, std::int64_t id, const std::optional<std::string>& folder, int intervalMs);

    void insertRun(Tx& tx, const Run& r);
    std::optional<Run> findRun(Tx& tx, std::int64_t labId, std::int64_t id);
    // By content key (Run::contentSha256).
    std::optional<Run> runWithContent(Tx& tx, std::int64_t labId, std::int64_t instrumentId, const std::string& contentSha);
    std::vector<Run> runs(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit);
    // Every run of every lab as (lab id, id), oldest first: for `assayctl audit verify`.
    std::vector<std::pair<std::int64_t, std::int64_t>> runKeys(Tx& tx);

    void insertStaged(Tx& tx, const std::vector<Staged>& rows);  // a run's readings, multi-row
    std::optional<Staged> findStaged(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<Staged> stagedOfRun(Tx& tx, std::int64_t labId, std::int64_t runId);
    std::vector<Staged> stagedByStatus(Tx& tx, std::int64_t labId, ReadingStatus status, int limit);
    bool updateStaged(Tx& tx, const Staged& s, int expectedVersion);
};

}  // namespace assay::capture
