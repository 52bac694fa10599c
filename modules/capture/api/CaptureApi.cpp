// CaptureApi: request parsing for capture; rendering is CaptureJson.
#include "api/CaptureApi.hpp"
#include "domain/CaptureMessages.hpp"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "api/CaptureJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::capture {

namespace {
using Deps = CaptureDeps;

// The instrument's profile object as JSON text ("{}" when absent).
std::string readProfile(JsonReader& r, const Poco::JSON::Object::Ptr& body) {
    r.allow("profile");
    if (!body->has("profile")) return "{}";
    auto po = body->getObject("profile");
    if (!po) {
        r.addError("profile", Message(assay::msg::kNotObject));
        return "{}";
    }
    std::ostringstream s;
    Poco::JSON::Stringifier::stringify(po, s);
    return s.str();
}

// {code: "parameter id"}.
std::map<std::string, std::int64_t> readAnalytes(JsonReader& r, const Poco::JSON::Object::Ptr& body) {
    r.allow("analytes");
    std::map<std::string, std::int64_t> analytes;
    if (!body->has("analytes")) return analytes;
    auto ao = body->getObject("analytes");
    if (!ao) r.addError("analytes", msg::kAnalytesObject);
    std::vector<std::string> names;
    if (ao) ao->getNames(names);
    for (const auto& n : names) {
        const std::int64_t id = ao->get(n).isString() ? parseId(ao->getValue<std::string>(n)) : 0;
        if (const char* problem = textProblem(n, Lines::one)) r.addError("analytes", std::string("codes ") + problem);
        else if (!id) r.addError("analytes." + n, msg::kAnalyteParameterId);
        else analytes[n] = id;
    }
    return analytes;
}

Response folders(Request& req, Deps& d) {
    return Response::json(itemsObject(jsonArray(d.folders.status(req.principal()))));
}

Response watchFolder(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const std::string folder = r.optionalString("folder", 100).value_or("");
    const int interval = static_cast<int>(r.optionalInt("interval_ms", 100, 60000).value_or(1000));
    r.finish();
    auto o = makeObject();
    o->set("path", d.folders.start(req.principal(), req.idParam("id"), folder, interval, req.requestId()));
    return Response::json(o, 201);
}

Response unwatchFolder(Request& req, Deps& d) {
    d.folders.stop(req.principal(), req.idParam("id"), req.requestId());
    return Response::noContent();
}

Response listeners(Request& req, Deps& d) {
    return Response::json(itemsObject(jsonArray(d.listeners.status(req.principal()))));
}

Response startListener(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const int port = static_cast<int>(r.optionalInt("port", 0, 65535).value_or(0));  // 0: a free port
    r.finish();
    auto o = makeObject();
    o->set("port", d.listeners.start(req.principal(), req.idParam("id"), port, req.requestId()));
    return Response::json(o, 201);
}

Response stopListener(Request& req, Deps& d) {
    d.listeners.stop(req.principal(), req.idParam("id"), req.requestId());
    return Response::noContent();
}

Response drivers(Request&, Deps& d) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& driver : d.capture.drivers().all()) arr->add(toJson(*driver));
    return Response::json(itemsObject(arr));
}

Response instruments(Request& req, Deps& d) {
    return Response::json(itemsObject(jsonArray(d.capture.instruments(req.principal()))));
}

Response addInstrument(Request& req, Deps& d) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const std::string name = r.optionalString("name", 100).value_or("");
    const auto equipment = idField(r, "equipment_id");
    const std::string driver = r.optionalString("driver", 16).value_or("");
    const std::string profile = readProfile(r, body);
    const auto analytes = readAnalytes(r, body);
    r.finish();
    auto i = d.capture.addInstrument(req.principal(), name, equipment.value_or(0), driver, profile, analytes, req.requestId());
    return Response::json(toJson(i), 201);
}

Response importRun(Request& req, Deps& d) {
    auto result = d.capture.import(req.principal(), req.idParam("id"), "upload", req.query("name").value_or(""), req.body(),
                                   req.requestId());
    return Response::json(toJson(result), result.duplicate ? 200 : 201);
}

Response weigh(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    r.allow("sample_code");
    r.allow("analyte");
    const std::string sample = r.requiredString("sample_code", 60);
    const std::string analyte = r.optionalString("analyte", 100).value_or("");
    r.finish();
    auto result = d.weighing.weigh(req.principal(), req.idParam("id"), sample, analyte, req.requestId());
    auto o = toJson(result);
    o->set("stable", !result.staged.empty());
    return Response::json(o, 201);
}

Response runs(Request& req, Deps& d) { return listPage(req, d.capture, &CaptureService::runs); }

Response getRun(Request& req, Deps& d) {
    auto [run, staged] = d.capture.run(req.principal(), req.idParam("id"));
    return Response::json(toJson(run, staged));
}

Response rawRun(Request& req, Deps& d) {
    auto run = d.capture.run(req.principal(), req.idParam("id")).first;
    return Response::file(d.capture.raw(req.principal(), run.id), "application/octet-stream", run.origin);
}

Response staged(Request& req, Deps& d) {
    return Response::json(itemsObject(toJson(d.capture.queue(req.principal(), queryEnum<ReadingStatus>(req, "status").value_or(ReadingStatus::Staged)))));
}

Response accept(Request& req, Deps& d) {
    return Response::json(toJson(d.capture.accept(req.principal(), req.idParam("id"), ifMatch(req), req.requestId())));
}

Response reject(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return Response::json(toJson(d.capture.reject(req.principal(), req.idParam("id"), ifMatch(req), reason, req.requestId())));
}

Response rematch(Request& req, Deps& d) {
    return Response::json(toJson(d.capture.rematch(req.principal(), req.idParam("id"), req.requestId())));
}

const RouteEntry<Deps> kRoutes[] = {
    {"GET", "/api/capture/folders", "capture:read", "Watched folders", folders},
    {"POST", "/api/capture/instruments/{id}/folder", "capture:manage", "Watch a folder for the instrument's exports", watchFolder},
    {"DELETE", "/api/capture/instruments/{id}/folder", "capture:manage", "Stop watching the instrument's folder", unwatchFolder},
    {"GET", "/api/capture/listeners", "capture:read", "Running instrument listeners", listeners},
    {"POST", "/api/capture/instruments/{id}/listener", "capture:manage", "Start an instrument's ASTM listener", startListener},
    {"DELETE", "/api/capture/instruments/{id}/listener", "capture:manage", "Stop an instrument's ASTM listener", stopListener},
    {"GET", "/api/capture/drivers", "capture:read", "The instrument drivers loaded (built-in and plugins') and what each can do", drivers},
    {"GET", "/api/capture/instruments", "capture:read", "The lab's instruments", instruments},
    {"POST", "/api/capture/instruments", "capture:manage", "Add an instrument linked to its equipment record", addInstrument},
    {"POST", "/api/capture/instruments/{id}/import", "capture:write", "Import a file or message as the instrument sent it: raw bytes stored first (R20), readings staged", importRun},
    {"POST", "/api/capture/instruments/{id}/weigh", "capture:write", "Weigh on an MT-SICS balance for a sample: the transcript is stored as the run (R20), a stable weight staged", weigh},
    {"GET", "/api/capture/runs", "capture:read", "Capture runs, newest first", runs},
    {"GET", "/api/capture/runs/{id}", "capture:read", "A capture run with its staged readings", getRun},
    {"GET", "/api/capture/runs/{id}/raw", "capture:read", "The run's original bytes", rawRun},
    {"GET", "/api/capture/staged", "capture:read", "Staged readings by status (unmatched: the queue)", staged},
    {"POST", "/api/capture/staged/{id}/accept", "capture:write", "Accept a staged reading as its item's result (R15, R21)", accept},
    {"POST", "/api/capture/staged/{id}/reject", "capture:write", "Reject a staged reading with a reason", reject},
    {"POST", "/api/capture/staged/{id}/rematch", "capture:write", "Look for an unmatched reading's test item again", rematch},
};
}  // namespace

void registerCaptureRoutes(Router& router, CaptureDeps& deps) { addRoutes(router, deps, kRoutes); }

}  // namespace assay::capture
