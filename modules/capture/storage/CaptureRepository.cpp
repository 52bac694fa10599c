// CaptureRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/CaptureRepository.hpp"

#include <algorithm>
#include <limits>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::capture {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsertInstrument =
    "INSERT INTO cap_instruments (id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms) "
    "VALUES (:id, :lab, :name, :equipment, :driver, :profile, :analytes, :created)";
constexpr const char* kInsertRun =
    "INSERT INTO cap_runs (id, lab_id, instrument_id, source, origin, sha256, size, received_at_ms, received_by, readings, "
    "diagnostics, device_serial, content_sha256, status, reason) VALUES (:id, :lab, :instrument, :source, :origin, :sha, :size, :at, "
    ":by, :readings, :diagnostics, :serial, :content, :status, :reason)";
constexpr const char* kUpdateStaged =
    "UPDATE cap_staged SET test_item_id = :item, status = :status, result_id = :result, reason = :reason, decided_by = :by, "
    "decided_at_ms = :at, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";

using columns::field;
using InstrumentRow = CaptureRepository::InstrumentRow;

const columns::ColumnMap<InstrumentRow> kInstruments{{
    {"id", field<&InstrumentRow::instrument, &Instrument::id>},
    {"lab_id", field<&InstrumentRow::instrument, &Instrument::labId>},
    {"name", field<&InstrumentRow::instrument, &Instrument::name>},
    {"equipment_id", field<&InstrumentRow::instrument, &Instrument::equipmentId>},
    {"driver", field<&InstrumentRow::instrument, &Instrument::driver>},
    {"profile", field<&InstrumentRow::instrument, &Instrument::profileJson>},
    {"analytes", field<&InstrumentRow::analytesText>},
    {"created_at_ms", field<&InstrumentRow::instrument, &Instrument::createdAtMs>},
    {"listen_port", field<&InstrumentRow::instrument, &Instrument::listenPort>},
    {"watch_folder", field<&InstrumentRow::instrument, &Instrument::watchFolder>},
    {"watch_interval_ms",
     [](InstrumentRow& x, const columns::Cell& c) { x.instrument.watchIntervalMs = c.optI32().value_or(1000); }},
}};

const columns::ColumnMap<Run> kRuns{{
    {"id", field<&Run::id>},
    {"lab_id", field<&Run::labId>},
    {"instrument_id", field<&Run::instrumentId>},
    {"source", field<&Run::source>},
    {"origin", field<&Run::origin>},
    {"sha256", field<&Run::sha256>},
    {"size", field<&Run::size>},
    {"received_at_ms", field<&Run::receivedAtMs>},
    {"received_by", field<&Run::receivedBy>},
    {"readings", field<&Run::readings>},
    {"diagnostics", field<&Run::diagnostics>},
    {"device_serial", field<&Run::deviceSerial>},
    {"content_sha256", field<&Run::contentSha256>},
    {"status", field<&Run::status>},
    {"reason", field<&Run::reason>},
}};

const columns::ColumnMap<Staged> kStaged{{
    {"id", field<&Staged::id>},
    {"lab_id", field<&Staged::labId>},
    {"run_id", field<&Staged::runId>},
    {"line", field<&Staged::line>},
    {"sample_code", field<&Staged::sampleCode>},
    {"analyte", field<&Staged::analyte>},
    {"value_text", field<&Staged::valueText>},
    {"unit", field<&Staged::unit>},
    {"parameter_id", field<&Staged::parameterId>},
    {"test_item_id", field<&Staged::testItemId>},
    {"status", field<&Staged::status>},
    {"equipment_problem", field<&Staged::equipmentProblem>},
    {"result_id", field<&Staged::resultId>},
    {"reason", field<&Staged::reason>},
    {"decided_by", field<&Staged::decidedBy>},
    {"decided_at_ms", field<&Staged::decidedAtMs>},
    {"version", field<&Staged::version>},
}};
}  // namespace

void CaptureRepository::insertInstrument(Tx& tx, const Instrument& i, const std::string& analytesText) {
    long long id = i.id, lab = i.labId, equipment = i.equipmentId, created = i.createdAtMs;
    tx.sql() << kInsertInstrument, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(i.name, "name"),
        soci::use(equipment, "equipment"), soci::use(i.driver, "driver"), soci::use(i.profileJson, "profile"),
        soci::use(analytesText, "analytes"), soci::use(created, "created");
}

std::optional<CaptureRepository::InstrumentRow> CaptureRepository::findInstrument(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kInstruments.select("FROM cap_instruments WHERE lab_id = :lab AND id = :id"),
         soci::use(lab, "lab"), soci::use(key, "id"));
    return kInstruments.first(rs);
}

std::vector<CaptureRepository::InstrumentRow> CaptureRepository::instruments(Tx& tx, std::int64_t labId) {
    std::vector<InstrumentRow> out;
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kInstruments.select("FROM cap_instruments WHERE lab_id = :lab ORDER BY name"),
         soci::use(lab, "lab"));
    out = kInstruments.all(rs);
    return out;
}

std::vector<CaptureRepository::InstrumentRow> CaptureRepository::listening(Tx& tx) {
    std::vector<InstrumentRow> out;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kInstruments.select("FROM cap_instruments WHERE listen_port IS NOT NULL OR watch_folder IS NOT NULL "
                                                 "ORDER BY id"));
    out = kInstruments.all(rs);
    return out;
}

void CaptureRepository::setListenPort(Tx& tx, std::int64_t labId, std::int64_t id, std::optional<int> port) {
    long long lab = labId, key = id;
    int value = port.value_or(0);
    soci::indicator ind = port ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE cap_instruments SET listen_port = :port WHERE lab_id = :lab AND id = :id", soci::use(value, ind, "port"),
        soci::use(lab, "lab"), soci::use(key, "id");
}

void CaptureRepository::setWatch(Tx& tx, std::int64_t labId, std::int64_t id, const std::optional<std::string>& folder, int intervalMs) {
    long long lab = labId, key = id;
    Opt f(folder);
    int interval = intervalMs;
    soci::indicator iInd = folder ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE cap_instruments SET watch_folder = :folder, watch_interval_ms = :interval WHERE lab_id = :lab AND id = :id",
        soci::use(f.value, f.ind, "folder"), soci::use(interval, iInd, "interval"), soci::use(lab, "lab"), soci::use(key, "id");
}

void CaptureRepository::insertRun(Tx& tx, const Run& r) {
    long long id = r.id, lab = r.labId, instrument = r.instrumentId, size = r.size, at = r.receivedAtMs, by = r.receivedBy.value_or(0);
    int readings = r.readings;
    soci::indicator byInd = r.receivedBy ? soci::i_ok : soci::i_null;
    Opt diagnostics(r.diagnostics), serial(r.deviceSerial), reason(r.reason);
    tx.sql() << kInsertRun, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(instrument, "instrument"),
        soci::use(r.source, "source"), soci::use(r.origin, "origin"), soci::use(r.sha256, "sha"), soci::use(size, "size"),
        soci::use(at, "at"), soci::use(by, byInd, "by"), soci::use(readings, "readings"),
        soci::use(diagnostics.value, diagnostics.ind, "diagnostics"), soci::use(serial.value, serial.ind, "serial"),
        soci::use(r.contentSha256, "content"), soci::use(r.status, "status"), soci::use(reason.value, reason.ind, "reason");
}

std::vector<std::pair<std::int64_t, std::int64_t>> CaptureRepository::runKeys(Tx& tx) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT lab_id, id FROM cap_runs ORDER BY id");
    for (const auto& r : rs) out.emplace_back(rows::i64(r, 0), rows::i64(r, 1));
    return out;
}

std::optional<Run> CaptureRepository::findRun(Tx& tx, std::int64_t labId, std::int64_t id) {
    return kRuns.firstOf(tx.sql(), "FROM cap_runs WHERE lab_id = :lab AND id = :key", labId, id);
}

std::optional<Run> CaptureRepository::runWithContent(Tx& tx, std::int64_t labId, std::int64_t instrumentId, const std::string& sha) {
    long long lab = labId, instrument = instrumentId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRuns.select("FROM cap_runs WHERE lab_id = :lab AND instrument_id = :instrument "
                                          "AND content_sha256 = :sha"),
         soci::use(lab, "lab"), soci::use(instrument, "instrument"), soci::use(sha, "sha"));
    return kRuns.first(rs);
}

std::vector<Run> CaptureRepository::runs(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit) {
    std::vector<Run> out;
    long long lab = labId, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRuns.select("FROM cap_runs WHERE lab_id = :lab AND id < :before ORDER BY id DESC "
                                                     "LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(before, "before"), soci::use(limit, "lim"));
    out = kRuns.all(rs);
    return out;
}

void CaptureRepository::insertStaged(Tx& tx, const std::vector<Staged>& rows) {
    // Multi-row INSERTs (one statement parse per 50 rows, not one per row; on MariaDB one round
    // trip instead of one per row). The bound values live in vectors sized up front, so the
    // references SOCI keeps stay valid.
    constexpr std::size_t kChunk = 50;
    for (std::size_t at = 0; at < rows.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - at);
        std::vector<long long> ids(n), labs(n), runs(n), parameters(n), items(n);
        std::vector<int> lines(n);
        std::vector<soci::indicator> pInd(n), iInd(n);
        std::vector<Opt> units, problems;
        units.reserve(n);
        problems.reserve(n);
        std::string sql =
            "INSERT INTO cap_staged (id, lab_id, run_id, line, sample_code, analyte, value_text, unit, parameter_id, test_item_id, status, "
            "equipment_problem, result_id, reason, decided_by, decided_at_ms, version) VALUES ";
        for (std::size_t k = 0; k < n; ++k) {
            const std::string i = std::to_string(k);
            sql += (k ? ", (" : "(") + std::string(":id") + i + ", :lab" + i + ", :run" + i + ", :line" + i + ", :sample" + i + ", :analyte" + i +
                   ", :value" + i + ", :unit" + i + ", :parameter" + i + ", :item" + i + ", :status" + i + ", :problem" + i +
                   ", NULL, NULL, NULL, NULL, 1)";
        }
        auto prep = (tx.sql().prepare << sql);
        for (std::size_t k = 0; k < n; ++k) {
            const Staged& s = rows[at + k];
            const std::string i = std::to_string(k);
            ids[k] = s.id, labs[k] = s.labId, runs[k] = s.runId, lines[k] = s.line;
            parameters[k] = s.parameterId.value_or(0), items[k] = s.testItemId.value_or(0);
            pInd[k] = s.parameterId ? soci::i_ok : soci::i_null;
            iInd[k] = s.testItemId ? soci::i_ok : soci::i_null;
            units.emplace_back(s.unit);
            problems.emplace_back(s.equipmentProblem);
            prep, soci::use(ids[k], "id" + i), soci::use(labs[k], "lab" + i), soci::use(runs[k], "run" + i), soci::use(lines[k], "line" + i),
                soci::use(s.sampleCode, "sample" + i), soci::use(s.analyte, "analyte" + i), soci::use(s.valueText, "value" + i),
                soci::use(units[k].value, units[k].ind, "unit" + i), soci::use(parameters[k], pInd[k], "parameter" + i),
                soci::use(items[k], iInd[k], "item" + i), soci::use(s.status, "status" + i),
                soci::use(problems[k].value, problems[k].ind, "problem" + i);
        }
        soci::statement st(prep);
        st.execute(true);
    }
}

std::optional<Staged> CaptureRepository::findStaged(Tx& tx, std::int64_t labId, std::int64_t id) {
    return kStaged.firstOf(tx.sql(), "FROM cap_staged WHERE lab_id = :lab AND id = :key", labId, id);
}

std::vector<Staged> CaptureRepository::stagedOfRun(Tx& tx, std::int64_t labId, std::int64_t runId) {
    return kStaged.allOf(tx.sql(), "FROM cap_staged WHERE lab_id = :lab AND run_id = :key ORDER BY id", labId, runId);
}

std::vector<Staged> CaptureRepository::stagedByStatus(Tx& tx, std::int64_t labId, ReadingStatus status, int limit) {
    std::vector<Staged> out;
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kStaged.select("FROM cap_staged WHERE lab_id = :lab AND status = :status ORDER BY id "
                                                        "LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(status, "status"), soci::use(limit, "lim"));
    out = kStaged.all(rs);
    return out;
}

bool CaptureRepository::updateStaged(Tx& tx, const Staged& s, int expectedVersion) {
    long long lab = s.labId, id = s.id, item = s.testItemId.value_or(0), result = s.resultId.value_or(0), by = s.decidedBy.value_or(0),
              at = s.decidedAtMs.value_or(0);
    int expected = expectedVersion;
    soci::indicator iInd = s.testItemId ? soci::i_ok : soci::i_null, rInd = s.resultId ? soci::i_ok : soci::i_null,
                    bInd = s.decidedBy ? soci::i_ok : soci::i_null, aInd = s.decidedAtMs ? soci::i_ok : soci::i_null;
    Opt reason(s.reason);
    soci::statement st = (tx.sql().prepare << kUpdateStaged, soci::use(item, iInd, "item"), soci::use(s.status, "status"),
                          soci::use(result, rInd, "result"), soci::use(reason.value, reason.ind, "reason"), soci::use(by, bInd, "by"),
                          soci::use(at, aInd, "at"), soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace assay::capture
