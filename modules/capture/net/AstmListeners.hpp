// AstmListeners: TCP links that receive ASTM E1381/E1394 (or HL7 over MLLP) from analyzers,
// one per instrument: a listener the instrument connects to, or (profile connect_host and
// connect_port) a client that connects to the instrument. Queries (Q records) are answered
// with the specimen's orders in the sender role.
//
// Purpose: each connection feeds instruments/astm's AstmReceiver; a complete message's wire
// bytes are imported as a capture run (raw bytes stored first, R20) and only then is the ACK of
// its last frame sent. If storing fails the frame is NAKed, so the instrument sends it again;
// the same bytes again are the same run, so a retransmission after a crash yields one result.
// Listeners are started and stopped through the API (port 0 picks a free one) and stopped at
// shutdown; they bind to capture.listen_host (127.0.0.1 by default).
// Ownership: owns the Poco TCP servers and their connection threads.
// Thread-safety: start/stop/status from any request thread (a mutex guards the registry).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "assay/Principal.hpp"
#include "domain/CaptureService.hpp"

namespace assay::capture {

struct ListenerStatus {
    std::int64_t instrumentId = 0;
    std::string instrument;
    int port = 0;
    std::int64_t connections = 0;
    std::int64_t messages = 0;  // messages stored
    std::int64_t refused = 0;   // frames NAKed (ASTM), or not answered AA (HL7: AR, AE, or closed unstored)
    std::int64_t answers = 0;   // order messages sent in answer to queries
    std::string mode;           // server (the instrument connects) | client (the host connects to it)
};

class AstmListeners {
public:
    AstmListeners(CaptureService& service, std::string host) : service_(service), host_(std::move(host)) {}
    ~AstmListeners();
    AstmListeners(const AstmListeners&) = delete;
    AstmListeners& operator=(const AstmListeners&) = delete;

    // Starts the instrument's listener and remembers its port (started again at start-up);
    // returns the bound port. Errors: 404; 409 when running; 400 when the instrument's driver
    // is not astm or hl7, or the port is out of range / taken.
    int start(const Principal& p, std::int64_t instrumentId, int port, const std::string& requestId);
    // Stops it and forgets the port. Errors: 404 when not running.
    void stop(const Principal& p, std::int64_t instrumentId, const std::string& requestId);
    // Start-up: the listeners that were running when the server stopped (capture.autostart);
    // one that cannot bind is logged and skipped. Returns how many started.
    int startSaved();
    std::vector<ListenerStatus> status(const Principal& p);
    void stopAll();

    struct Running;  // one TCP server and its counters

private:
    int launch(const Instrument& instrument, int port);  // the caller holds mutex_
    static void halt(Running& run);                       // stops it and waits for its connections
    CaptureService& service_;
    std::string host_;
    std::mutex mutex_;
    std::map<std::int64_t, std::shared_ptr<Running>> running_;
};

}  // namespace assay::capture
