// CaptureApi: request parsing and JSON rendering for capture.
#include "api/CaptureApi.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "assay/Api.hpp"
#include "assay/Json.hpp"
#include "drivers/Drivers.hpp"
#include "net/BalanceClient.hpp"

#include <chrono>

namespace assay::capture {

namespace {

Poco::JSON::Object::Ptr renderInstrument(const Instrument& i) {
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

Poco::JSON::Object::Ptr renderRun(const Run& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("instrument_id", std::to_string(r.instrumentId));
    o->set("source", r.source);
    o->set("origin", r.origin);
    o->set("sha256", r.sha256);
    o->set("size", r.size);
    o->set("received_at", formatRfc3339(fromEpochMillis(r.receivedAtMs)));
    o->set("readings", r.readings);
    o->set("diagnostics", optStr(r.diagnostics));
    o->set("device_serial", optStr(r.deviceSerial));
    o->set("status", r.status);
    o->set("reason", optStr(r.reason));
    return o;
}

Poco::JSON::Object::Ptr renderStaged(const Staged& s) {
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

Poco::JSON::Object::Ptr renderDriver(const InstrumentDriver& d) {
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

Poco::JSON::Array::Ptr list(const std::vector<Staged>& staged) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& s : staged) arr->add(renderStaged(s));
    return arr;
}
}  // namespace

void registerCaptureRoutes(Router& router, CaptureService& svc, AstmListeners& listeners, FolderWatchers& folders) {
    router.add({"GET", "/api/capture/folders", "capture:read", "Watched folders", [&folders](Request& req) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : folders.status(req.principal())) {
            auto o = makeObject();
            o->set("instrument_id", std::to_string(s.instrumentId));
            o->set("instrument", s.instrument);
            o->set("path", s.path);
            o->set("imported", s.imported);
            o->set("parked", s.parked);
            arr->add(o);
        }
        auto o = makeObject();
        o->set("items", arr);
        return Response::json(o);
    }});
    router.add({"POST", "/api/capture/instruments/{id}/folder", "capture:manage", "Watch a folder for the instrument's exports",
                [&folders](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const std::string folder = r.optionalString("folder", 100).value_or("");
                    const int interval = static_cast<int>(r.optionalInt("interval_ms", 100, 60000).value_or(1000));
                    r.finish();
                    auto o = makeObject();
                    o->set("path", folders.start(req.principal(), req.idParam("id"), folder, interval, req.requestId()));
                    return Response::json(o, 201);
                }});
    router.add({"DELETE", "/api/capture/instruments/{id}/folder", "capture:manage", "Stop watching the instrument's folder",
                [&folders](Request& req) {
                    folders.stop(req.principal(), req.idParam("id"), req.requestId());
                    return Response::noContent();
                }});
    router.add({"GET", "/api/capture/listeners", "capture:read", "Running instrument listeners", [&listeners](Request& req) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : listeners.status(req.principal())) {
            auto o = makeObject();
            o->set("instrument_id", std::to_string(s.instrumentId));
            o->set("instrument", s.instrument);
            o->set("port", s.port);
            o->set("connections", s.connections);
            o->set("messages", s.messages);
            o->set("refused_frames", s.refused);
            o->set("answers", s.answers);
            o->set("mode", s.mode);
            arr->add(o);
        }
        auto o = makeObject();
        o->set("items", arr);
        return Response::json(o);
    }});
    router.add({"POST", "/api/capture/instruments/{id}/listener", "capture:manage", "Start an instrument's ASTM listener",
                [&listeners](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const int port = static_cast<int>(r.optionalInt("port", 0, 65535).value_or(0));  // 0: a free port
                    r.finish();
                    auto o = makeObject();
                    o->set("port", listeners.start(req.principal(), req.idParam("id"), port, req.requestId()));
                    return Response::json(o, 201);
                }});
    router.add({"DELETE", "/api/capture/instruments/{id}/listener", "capture:manage", "Stop an instrument's ASTM listener",
                [&listeners](Request& req) {
                    listeners.stop(req.principal(), req.idParam("id"), req.requestId());
                    return Response::noContent();
                }});
    router.add({"GET", "/api/capture/drivers", "capture:read", "The instrument drivers loaded (built-in and plugins') and what each can do",
                [&svc](Request&) {
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& d : svc.drivers().all()) arr->add(renderDriver(*d));
                    auto o = makeObject();
                    o->set("items", arr);
                    return Response::json(o);
                }});
    router.add({"GET", "/api/capture/instruments", "capture:read", "The lab's instruments", [&svc](Request& req) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& i : svc.instruments(req.principal())) arr->add(renderInstrument(i));
        auto o = makeObject();
        o->set("items", arr);
        return Response::json(o);
    }});
    router.add({"POST", "/api/capture/instruments", "capture:manage", "Add an instrument linked to its equipment record",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const std::string name = r.optionalString("name", 100).value_or("");
                    const auto equipment = idField(r, "equipment_id");
                    const std::string driver = r.optionalString("driver", 16).value_or("");
                    r.allow("profile");
                    r.allow("analytes");
                    std::string profile = "{}";
                    if (body->has("profile")) {
                        if (auto po = body->getObject("profile")) {
                            std::ostringstream s;
                            Poco::JSON::Stringifier::stringify(po, s);
                            profile = s.str();
                        } else {
                            r.addError("profile", "must be an object");
                        }
                    }
                    std::map<std::string, std::int64_t> analytes;
                    if (body->has("analytes")) {
                        auto ao = body->getObject("analytes");
                        if (!ao) r.addError("analytes", "must be an object of code: parameter id");
                        std::vector<std::string> names;
                        if (ao) ao->getNames(names);
                        for (const auto& n : names) {
                            const std::int64_t id = ao->get(n).isString() ? parseId(ao->getValue<std::string>(n)) : 0;
                            if (const char* problem = textProblem(n, Lines::one)) r.addError("analytes", std::string("codes ") + problem);
                            else if (!id) r.addError("analytes." + n, "must be a parameter id (a decimal string)");
                            else analytes[n] = id;
                        }
                    }
                    r.finish();
                    auto i = svc.addInstrument(req.principal(), name, equipment.value_or(0), driver, profile, analytes, req.requestId());
                    return Response::json(renderInstrument(i), 201);
                }});
    router.add({"POST", "/api/capture/instruments/{id}/import", "capture:write",
                "Import a file or message as the instrument sent it: raw bytes stored first (R20), readings staged", [&svc](Request& req) {
                    auto result = svc.import(req.principal(), req.idParam("id"), "upload", req.query("name").value_or(""), req.body(),
                                             req.requestId());
                    auto o = renderRun(result.run);
                    o->set("duplicate", result.duplicate);
                    o->set("staged", list(result.staged));
                    return Response::json(o, result.duplicate ? 200 : 201);
                }});
    router.add({"POST", "/api/capture/instruments/{id}/weigh", "capture:write",
                "Weigh on an MT-SICS balance for a sample: the transcript is stored as the run (R20), a stable weight staged",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    r.allow("sample_code");
                    r.allow("analyte");
                    const std::string sample = r.requiredString("sample_code", 60);
                    std::string analyte = r.optionalString("analyte", 100).value_or("");
                    r.finish();
                    const Instrument instrument = svc.instrument(req.principal(), req.idParam("id"));
                    if (!instrument.driverRef || !instrument.driverRef->capabilities().balance)
                        throw Error::invalidField("driver", "only " + driverChoices(svc.drivers(), [](const DriverCapabilities& c) { return c.balance; }) +
                                                                " instruments weigh");
                    if (analyte.empty() && instrument.analytes.size() == 1) analyte = instrument.analytes.begin()->first;
                    if (!instrument.analytes.count(analyte))
                        throw Error::invalidField("analyte", "one of the instrument's analyte codes (its analytes map)");
                    const BalanceProfile& b = balanceSettings(instrument.profile.get());
                    const auto now = std::chrono::system_clock::now();  // with milliseconds: each weighing is its own run
                    const std::string at = formatRfc3339(now) + " (" + std::to_string(toEpochMillis(now)) + " ms)";
                    const std::string transcript = weigh({b.host, b.port, b.command, b.settleMs}, sample, analyte, at);
                    auto result = svc.import(req.principal(), instrument.id, "tcp", b.host + ":" + std::to_string(b.port), transcript,
                                             req.requestId());
                    auto o = renderRun(result.run);
                    o->set("duplicate", result.duplicate);
                    o->set("staged", list(result.staged));
                    o->set("stable", !result.staged.empty());
                    return Response::json(o, 201);
                }});
    router.add({"GET", "/api/capture/runs", "capture:read", "Capture runs, newest first", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.runs(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& r : items) arr->add(renderRun(r));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"GET", "/api/capture/runs/{id}", "capture:read", "A capture run with its staged readings", [&svc](Request& req) {
        auto [run, staged] = svc.run(req.principal(), req.idParam("id"));
        auto o = renderRun(run);
        o->set("staged", list(staged));
        return Response::json(o);
    }});
    router.add({"GET", "/api/capture/runs/{id}/raw", "capture:read", "The run's original bytes", [&svc](Request& req) {
        auto run = svc.run(req.principal(), req.idParam("id")).first;
        return Response::file(svc.raw(req.principal(), run.id), "application/octet-stream", run.origin);
    }});
    router.add({"GET", "/api/capture/staged", "capture:read", "Staged readings by status (unmatched: the queue)", [&svc](Request& req) {
        auto o = makeObject();
        o->set("items", list(svc.queue(req.principal(), req.query("status").value_or("staged"))));
        return Response::json(o);
    }});
    router.add({"POST", "/api/capture/staged/{id}/accept", "capture:write", "Accept a staged reading as its item's result (R15, R21)",
                [&svc](Request& req) { return Response::json(renderStaged(svc.accept(req.principal(), req.idParam("id"), ifMatch(req), req.requestId()))); }});
    router.add({"POST", "/api/capture/staged/{id}/reject", "capture:write", "Reject a staged reading with a reason", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
        r.finish();
        return Response::json(renderStaged(svc.reject(req.principal(), req.idParam("id"), ifMatch(req), reason, req.requestId())));
    }});
    router.add({"POST", "/api/capture/staged/{id}/rematch", "capture:write", "Look for an unmatched reading's test item again",
                [&svc](Request& req) { return Response::json(renderStaged(svc.rematch(req.principal(), req.idParam("id"), req.requestId()))); }});
}

}  // namespace assay::capture
