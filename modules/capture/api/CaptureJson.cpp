// CaptureJson: instruments, runs, staged readings, listeners and folders as JSON.
#include "api/CaptureJson.hpp"

#include <Poco/JSON/Parser.h>

#include "assay/ApiEdge.hpp"

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

Poco::JSON::Object::Ptr toJson(const Instrument& i) {
    auto o = makeObject();
    o->set("id", std::to_string(i.id));
    o->set("name", i.name);
    o->set("equipment_id", std::to_string(i.equipmentId));
    o->set("driver", i.driver);
    o->set("profile", Poco::JSON::Parser().parse(i.profileJson));
    auto a = makeObject();
    for (const auto& [code, id] : i.analytes) a->set(code, std::to_string(id));
    o->set("analytes", a);
    o->set("listen_port", i.listenPort ? Poco::Dynamic::Var(*i.listenPort) : Poco::Dynamic::Var());
    return o;
}

Poco::JSON::Object::Ptr toJson(const Run& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("instrument_id", std::to_string(r.instrumentId));
    o->set("source", r.source);
    o->set("origin", r.origin);
    o->set("sha256", r.sha256);
    o->set("size", r.size);
    o->set("received_at", rfc3339(r.receivedAtMs));
    o->set("readings", r.readings);
    o->set("diagnostics", optStr(r.diagnostics));
    o->set("device_serial", optStr(r.deviceSerial));
    o->set("status", r.status);
    o->set("reason", optStr(r.reason));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Staged& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("run_id", std::to_string(s.runId));
    o->set("line", s.line);
    o->set("sample_code", s.sampleCode);
    o->set("analyte", s.analyte);
    o->set("value", s.valueText);
    o->set("unit", optStr(s.unit));
    o->set("parameter_id", optId(s.parameterId));
    o->set("test_item_id", optId(s.testItemId));
    o->set("status", s.status);
    o->set("equipment_problem", optStr(s.equipmentProblem));
    o->set("result_id", optId(s.resultId));
    o->set("reason", optStr(s.reason));
    o->set("etag", etag(s.version));
    return o;
}

Poco::JSON::Array::Ptr toJson(const std::vector<Staged>& staged) {
    return jsonArray(staged);
}

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

Poco::JSON::Object::Ptr toJson(const ListenerStatus& s) {
    auto o = makeObject();
    o->set("instrument_id", std::to_string(s.instrumentId));
    o->set("instrument", s.instrument);
    o->set("port", s.port);
    o->set("connections", s.connections);
    o->set("messages", s.messages);
    o->set("refused_frames", s.refused);
    o->set("answers", s.answers);
    o->set("mode", s.mode);
    return o;
}

Poco::JSON::Object::Ptr toJson(const FolderStatus& s) {
    auto o = makeObject();
    o->set("instrument_id", std::to_string(s.instrumentId));
    o->set("instrument", s.instrument);
    o->set("path", s.path);
    o->set("imported", s.imported);
    o->set("parked", s.parked);
    return o;
}

}  // namespace assay::capture
