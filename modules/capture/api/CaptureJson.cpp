// CaptureJson: instruments, runs, staged readings, listeners and folders as JSON (field tables:
// assay/JsonFields.hpp).
#include "api/CaptureJson.hpp"

#include <Poco/JSON/Parser.h>

#include "assay/JsonFields.hpp"

namespace assay::capture {

Poco::JSON::Object::Ptr toJson(const InstrumentDriver& d) {
    const DriverCapabilities c = d.capabilities();
    auto o = makeObject();
    o->set("id", d.id());
    o->set("title", d.title());
    o->set("files", c.files);
    o->set("listener", c.listener == Framing::astm ? Poco::Dynamic::Var("astm")
                       : c.listener == Framing::mllp ? Poco::Dynamic::Var("mllp")
                                                     : Poco::Dynamic::Var());
    o->set("balance", c.balance);
    return o;
}

namespace {
Poco::Dynamic::Var listenPort(const Instrument& i) {
    return i.listenPort ? Poco::Dynamic::Var(*i.listenPort) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr analyteIds(const Instrument& i) {
    auto a = makeObject();
    for (const auto& [code, id] : i.analytes) a->set(code, std::to_string(id));
    return a;
}

constexpr auto kInstrument = fields<Instrument>(
    field::id("id", &Instrument::id),
    field::text("name", &Instrument::name),
    field::id("equipment_id", &Instrument::equipmentId),
    field::text("driver", &Instrument::driver),
    field::json("profile", [](const Instrument& i) { return Poco::JSON::Parser().parse(i.profileJson); }),
    field::json("analytes", analyteIds),
    field::json("listen_port", listenPort));

constexpr auto kRun = fields<Run>(
    field::id("id", &Run::id),
    field::id("instrument_id", &Run::instrumentId),
    field::text("source", &Run::source),
    field::text("origin", &Run::origin),
    field::text("sha256", &Run::sha256),
    field::integer("size", &Run::size),
    field::time("received_at", &Run::receivedAtMs),
    field::integer("readings", &Run::readings),
    field::optText("diagnostics", &Run::diagnostics),
    field::optText("device_serial", &Run::deviceSerial),
    field::text("status", &Run::status),
    field::optText("reason", &Run::reason));

constexpr auto kStaged = fields<Staged>(
    field::id("id", &Staged::id),
    field::id("run_id", &Staged::runId),
    field::integer("line", &Staged::line),
    field::text("sample_code", &Staged::sampleCode),
    field::text("analyte", &Staged::analyte),
    field::text("value", &Staged::valueText),
    field::optText("unit", &Staged::unit),
    field::optId("parameter_id", &Staged::parameterId),
    field::optId("test_item_id", &Staged::testItemId),
    field::text("status", &Staged::status),
    field::optText("equipment_problem", &Staged::equipmentProblem),
    field::optId("result_id", &Staged::resultId),
    field::optText("reason", &Staged::reason),
    field::etag("etag", &Staged::version));

constexpr auto kListener = fields<ListenerStatus>(
    field::id("instrument_id", &ListenerStatus::instrumentId),
    field::text("instrument", &ListenerStatus::instrument),
    field::integer("port", &ListenerStatus::port),
    field::integer("connections", &ListenerStatus::connections),
    field::integer("messages", &ListenerStatus::messages),
    field::integer("refused_frames", &ListenerStatus::refused),
    field::integer("answers", &ListenerStatus::answers),
    field::text("mode", &ListenerStatus::mode));

constexpr auto kFolder = fields<FolderStatus>(
    field::id("instrument_id", &FolderStatus::instrumentId),
    field::text("instrument", &FolderStatus::instrument),
    field::text("path", &FolderStatus::path),
    field::integer("imported", &FolderStatus::imported),
    field::integer("parked", &FolderStatus::parked));
}  // namespace

Poco::JSON::Object::Ptr toJson(const Instrument& i) { return kInstrument(i); }
Poco::JSON::Object::Ptr toJson(const Run& r) { return kRun(r); }
Poco::JSON::Object::Ptr toJson(const Staged& s) { return kStaged(s); }
Poco::JSON::Array::Ptr toJson(const std::vector<Staged>& staged) { return jsonArray(staged); }

Poco::JSON::Object::Ptr toJson(const Run& r, const std::vector<Staged>& staged) {
    auto o = toJson(r);
    o->set("staged", toJson(staged));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ImportResult& result) {
    auto o = toJson(result.run);
    o->set("duplicate", result.duplicate);
    o->set("staged", toJson(result.staged));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ListenerStatus& s) { return kListener(s); }
Poco::JSON::Object::Ptr toJson(const FolderStatus& s) { return kFolder(s); }

}  // namespace assay::capture
