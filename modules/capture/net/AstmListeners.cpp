// AstmListeners: Poco TCP servers whose connections run the E1381 receiver.
#include "net/AstmListeners.hpp"
#include "domain/CaptureMessages.hpp"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <deque>
#include <cstdlib>
#include <thread>

#include "assay/Error.hpp"
#include "assay/Log.hpp"
#include "assay/Clock.hpp"
#include "astm/AstmLink.hpp"
#include "drivers/Drivers.hpp"
#include "hl7/Hl7.hpp"

#include <cctype>

namespace assay::capture {

struct AstmListeners::Running {
    std::int64_t labId = 0;
    Instrument instrument;
    Principal actor;  // the instrument itself, in its lab (audit actor of its runs)
    std::unique_ptr<Poco::ThreadPool> pool;  // declared before server: destroyed after it
    std::unique_ptr<Poco::Net::TCPServer> server;
    std::atomic<bool> stopping{false};
    std::atomic<std::int64_t> connections{0}, messages{0}, refused{0}, answers{0};
    std::thread client;  // client mode: connects to the instrument and keeps the connection
    std::atomic<int> active{0};  // connection threads still running
};

namespace {
using Running = AstmListeners::Running;

// The instrument's driver is loaded and has a socket framing (ASTM E1381 or HL7 MLLP).
bool listens(const Instrument& i) { return i.driverRef && i.driverRef->capabilities().listener != Framing::none; }

// Fault injection for the crash test (tests/e2e/capture-crash.test.mjs): with
// ASSAY_TEST_CRASH_BEFORE_ACK=1 the process dies the moment a message is stored, before its
// ACK is sent, as a power cut would. Never set in production; logged loudly when it is.
void crashBeforeAckIfAsked() {
    static const bool armed = [] {
        const char* v = std::getenv("ASSAY_TEST_CRASH_BEFORE_ACK");
        return v != nullptr && std::string(v) == "1";
    }();
    if (!armed) return;
    Log::error("capture.astm.test_crash", {{"why", "ASSAY_TEST_CRASH_BEFORE_ACK=1: exiting after the store, before the ACK"}});
    std::_Exit(86);
}

// One E1381 session on a connected socket, whichever side connected: the receiver role for
// what the instrument sends (each complete message stored before the ACK of its last frame,
// R20), and the sender role for the answers to its queries (Q records: the orders of the
// specimen, sent once the instrument has ended its transmission with EOT). Contention (both send
// ENQ) gives the line to the instrument; the answer is sent after its message. Returns when the
// connection ends or the listener stops.
void astmSession(Poco::Net::StreamSocket& socket, CaptureService& service, Running& run) {
    ++run.connections;
    ++run.active;
    struct Done {
        std::atomic<int>& n;
        ~Done() { --n; }
    } done{run.active};
    namespace astm = instruments::astm;
    const astm::LinkOptions& link = astmSettings(run.instrument.profile.get()).link;
    astm::AstmReceiver receiver(link);
    astm::AstmSender sender(link);
    std::deque<std::string> answers;  // order messages waiting for the line
    int senderQuiet = 0, busyWait = 0;  // 250 ms ticks
    socket.setReceiveTimeout(Poco::Timespan(0, 250000));  // wake up to notice a stop
    const std::string peer = socket.peerAddress().toString();
    auto send = [&](const std::string& bytes) { socket.sendBytes(bytes.data(), static_cast<int>(bytes.size())); };
    auto onSender = [&](const std::vector<astm::SendEvent>& events) {
        // Counted before the closing EOT goes out, so that whoever sees the EOT also sees the count.
        for (const auto& e : events)
            if (e.kind == astm::SendEvent::Kind::Done) ++run.answers;
        for (const auto& e : events) {
            switch (e.kind) {
                case astm::SendEvent::Kind::Write: send(e.bytes); break;
                case astm::SendEvent::Kind::Done:
                    answers.pop_front();
                    break;
                case astm::SendEvent::Kind::Failed:
                    Log::warn("capture.astm.answer_failed", {{"instrument", run.instrument.name}, {"why", e.bytes}});
                    answers.pop_front();
                    break;
                case astm::SendEvent::Kind::Busy: busyWait = 40; break;  // 10 s
                case astm::SendEvent::Kind::Contention: busyWait = 80; break;  // the instrument first; bid again after 20 s
            }
        }
        senderQuiet = 0;
    };
    int quietTicks = 0;
    char buf[4096];
    try {
        while (!run.stopping) {
            // The line is free (the instrument ended with EOT, we are not sending): send an answer.
            if (receiver.idle() && sender.idle() && !answers.empty() && busyWait == 0) onSender(sender.start(answers.front()));
            int n = 0;
            try {
                n = socket.receiveBytes(buf, sizeof buf);
            } catch (const Poco::TimeoutException&) {
                if (busyWait > 0) --busyWait;
                if (!sender.idle() && ++senderQuiet >= 60) onSender(sender.timeout());  // 15 s without a reply
                if (++quietTicks >= 120 && !receiver.idle()) {                         // 30 s without a byte inside a session
                    receiver.timeout();
                    quietTicks = 0;
                }
                continue;
            }
            if (n <= 0) break;  // the other side closed the connection: a partial message is dropped
            quietTicks = 0;
            bool storeFailed = false;
            std::optional<std::string> stored;  // a message stored and not yet ACKed
            for (int k = 0; k < n; ++k) {
                const char c = buf[k];
                if (!sender.idle()) {
                    auto events = sender.feed(std::string_view(&c, 1));
                    const bool contention = !events.empty() && events.back().kind == astm::SendEvent::Kind::Contention;
                    onSender(events);
                    if (!contention) continue;  // a reply to our frames
                }
                for (const auto& e : receiver.feed(std::string_view(&c, 1))) {
                    if (e.kind == astm::LinkEvent::Kind::Message) {
                        try {
                            // R20: stored before the ACK below is sent.
                            service.import(run.actor, run.instrument.id, "tcp", peer, e.raw, "astm:" + peer);
                            ++run.messages;
                            crashBeforeAckIfAsked();
                        } catch (const std::exception& ex) {
                            storeFailed = true;
                            Log::error("capture.astm.store_failed", {{"instrument", run.instrument.name}, {"error", ex.what()}});
                        }
                        if (!storeFailed) stored = e.text;  // its queries are answered once the ACK is out
                    } else if (e.kind == astm::LinkEvent::Kind::Reply) {
                        std::string reply = e.text;
                        if (storeFailed && reply[0] == astm::kAck) {
                            // Not stored: the frame is taken back and NAKed, so the instrument
                            // sends it again and the message comes again (never ACKed unstored).
                            receiver.rejectLast();
                            reply[0] = astm::kNak;
                        }
                        if (reply[0] == astm::kNak) ++run.refused;
                        storeFailed = false;
                        send(reply);
                        if (stored) {  // the answers go out after the instrument's EOT
                            try {
                                if (auto answer = service.answerQueries(run.instrument, *stored); !answer.empty()) answers.push_back(answer);
                            } catch (const std::exception& ex) {  // the message is stored and ACKed all the same
                                Log::error("capture.astm.query_failed", {{"instrument", run.instrument.name}, {"error", ex.what()}});
                            }
                            stored.reset();
                        }
                    }
                }
            }
        }
    } catch (const std::exception&) {
        // The connection broke: what was not stored was not acknowledged.
    }
}

class Connection final : public Poco::Net::TCPServerConnection {
public:
    Connection(const Poco::Net::StreamSocket& s, CaptureService& service, std::shared_ptr<Running> run)
        : TCPServerConnection(s), service_(service), run_(std::move(run)) {}

    void run() override {
        if (!run_ || run_->stopping) return;  // the listener is going away
        if (run_->instrument.driverRef->capabilities().listener == Framing::mllp) return runHl7();
        Poco::Net::StreamSocket s = socket();
        astmSession(s, service_, *run_);
    }

private:
    // HL7 v2 over MLLP: each frame is stored as a run (R20: before any ACK), then answered. An HL7
    // message is answered AA. A frame that is not one (hl7::judge) is kept as a rejected run with
    // its reason and nothing read from it, and answered AR with the reason in MSA-3 and ERR; when
    // even that could not be stored, AE. An HL7 message that could not be stored gets no answer at
    // all: the connection is closed, so the sender, still waiting for its ACK, sends it again
    // (many senders do not resend after an AE, and unstored data is never acknowledged).
    void runHl7() {
        namespace hl7 = instruments::hl7;
        ++run_->connections;
        ++run_->active;
        struct Done {
            std::atomic<int>& n;
            ~Done() { --n; }
        } done{run_->active};
        hl7::MllpFramer framer;
        socket().setReceiveTimeout(Poco::Timespan(0, 250000));
        const std::string peer = socket().peerAddress().toString();
        int quietTicks = 0;
        char buf[4096];
        while (!run_->stopping) {
            int n = 0;
            try {
                n = socket().receiveBytes(buf, sizeof buf);
            } catch (const Poco::TimeoutException&) {
                if (++quietTicks >= 240) {  // 60 s between start and end block
                    framer.timeout();
                    quietTicks = 0;
                }
                continue;
            } catch (const std::exception&) {
                break;
            }
            if (n <= 0) break;
            quietTicks = 0;
            for (const auto& e : framer.feed(std::string_view(buf, static_cast<std::size_t>(n)))) {
                if (!e.message) continue;
                const hl7::Verdict verdict = hl7::judge(e.text);
                std::string code = "AA", reason;
                if (e.text.empty()) {  // nothing to keep
                    code = "AR";
                    reason = verdict.reason;
                } else {
                    try {
                        const auto result = service_.import(run_->actor, run_->instrument.id, "tcp", peer, e.text, "hl7:" + peer);
                        ++run_->messages;
                        if (result.run.status == RunStatus::Rejected) {
                            code = "AR";
                            reason = result.run.reason.value_or(verdict.reason);
                        }
                    } catch (const std::exception& ex) {
                        Log::error("capture.hl7.store_failed", {{"instrument", run_->instrument.name}, {"error", ex.what()}});
                        if (verdict.accepted) {  // not stored: no acknowledgement, the sender sends it again
                            ++run_->refused;
                            return;
                        }
                        code = "AE";
                        reason = verdict.reason + "; it could not be stored";
                    }
                }
                if (code != "AA") {
                    ++run_->refused;
                    Log::warn("capture.hl7.rejected", {{"instrument", run_->instrument.name}, {"code", code}, {"why", reason}});
                }
                // The answer uses the message's own header when it could be read, else the defaults.
                const hl7::Hl7Message header = verdict.headerRead ? hl7::parseHl7(e.text) : hl7::Hl7Message{};
                const std::string reply = hl7::mllpWrap(
                    hl7::ack(header, code, "ACK-" + std::to_string(run_->messages.load()), isoStamp(), reason));
                try {
                    socket().sendBytes(reply.data(), static_cast<int>(reply.size()));
                } catch (const std::exception&) {
                    return;
                }
            }
        }
    }
    static std::string isoStamp() {
        const std::string t = formatRfc3339(std::chrono::system_clock::now());  // 2026-11-29T12:00:00+08:00
        std::string out;
        for (char c : t.substr(0, 19))
            if (std::isdigit(static_cast<unsigned char>(c))) out += c;
        return out;
    }
    CaptureService& service_;
    std::shared_ptr<Running> run_;
};

// Holds the listener weakly (the listener owns the server that owns this factory): a
// connection accepted while the listener is being stopped is closed at once.
class Factory final : public Poco::Net::TCPServerConnectionFactory {
public:
    Factory(CaptureService& service, const std::shared_ptr<Running>& run) : service_(service), run_(run) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& s) override {
        return new Connection(s, service_, run_.lock());
    }

private:
    CaptureService& service_;
    std::weak_ptr<Running> run_;
};
}  // namespace

AstmListeners::~AstmListeners() { stopAll(); }

int AstmListeners::start(const Principal& p, std::int64_t instrumentId, int port, const std::string& requestId) {
    if (port < 0 || port > 65535) throw Error::invalidField("port", msg::kPortRange);
    const Instrument instrument = service_.instrument(p, instrumentId);
    if (!listens(instrument))
        throw Error::invalidField("driver", Message(msg::kOnlyListen, {{"drivers", driverChoices(service_.drivers(), [](const DriverCapabilities& c) {
                                                                        return c.listener != Framing::none;
                                                                    })}}));
    int bound = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (running_.count(instrumentId)) throw Error::conflict(msg::kListenerRunning, {});
        bound = launch(instrument, port);
    }
    service_.rememberListener(p, instrumentId, bound, requestId);
    return bound;
}

int AstmListeners::startSaved() {
    int started = 0;
    for (const auto& instrument : service_.listeningInstruments()) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (running_.count(instrument.id) || !instrument.listenPort) continue;
        if (!listens(instrument)) {  // its driver is not loaded (a plugin's), or no longer has a framing
            Log::error("capture.astm.restart_failed", {{"instrument", instrument.name}, {"error", "driver " + instrument.driver + " has no TCP framing here"}});
            continue;
        }
        try {
            launch(instrument, *instrument.listenPort);
            ++started;
        } catch (const std::exception& e) {
            Log::error("capture.astm.restart_failed", {{"instrument", instrument.name}, {"error", e.what()}});
        }
    }
    return started;
}

int AstmListeners::launch(const Instrument& instrument, int port) {
    auto run = std::make_shared<Running>();
    run->labId = instrument.labId;
    run->instrument = instrument;
    run->actor.username = "instrument:" + instrument.name;
    run->actor.displayName = instrument.name;
    run->actor.orgId = instrument.labId;
    run->actor.orgKind = "lab";
    run->actor.roles = {"instrument"};
    const AstmProfile& settings = astmSettings(instrument.profile.get());
    if (instrument.driverRef->capabilities().listener == Framing::astm && settings.connectPort > 0) {
        // Client mode: the instrument (or its terminal server) listens; the host connects to it,
        // and connects again whenever the connection drops.
        run->client = std::thread([this, run] {
            while (!run->stopping) {
                try {
                    Poco::Net::StreamSocket socket;
                    const AstmProfile& to = astmSettings(run->instrument.profile.get());
                    socket.connect(Poco::Net::SocketAddress(to.connectHost, static_cast<Poco::UInt16>(to.connectPort)),
                                   Poco::Timespan(2, 0));
                    astmSession(socket, service_, *run);
                } catch (const std::exception&) {
                    // not reachable now: try again shortly
                }
                for (int i = 0; i < 20 && !run->stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
        running_[instrument.id] = run;
        Log::info("capture.astm.connecting", {{"instrument", instrument.name},
                                               {"to", settings.connectHost + ":" + std::to_string(settings.connectPort)}});
        return settings.connectPort;
    }
    try {
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(host_, static_cast<Poco::UInt16>(port)));
        auto params = new Poco::Net::TCPServerParams;
        params->setMaxThreads(8);
        params->setMaxQueued(16);
        run->pool = std::make_unique<Poco::ThreadPool>(1, 8);  // its own threads: sessions are long-lived
        run->server = std::make_unique<Poco::Net::TCPServer>(new Factory(service_, run), *run->pool, socket, params);
        run->server->start();
    } catch (const Poco::Exception& e) {
        throw Error::invalidField("port", Message(msg::kCannotListen, {{"address", host_ + ":" + std::to_string(port)}, {"error", e.displayText()}}));
    }
    const int bound = run->server->port();
    running_[instrument.id] = run;
    Log::info("capture.astm.listening", {{"instrument", instrument.name}, {"port", std::to_string(bound)}});
    return bound;
}

void AstmListeners::stop(const Principal& p, std::int64_t instrumentId, const std::string& requestId) {
    std::shared_ptr<Running> run;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = running_.find(instrumentId);
        if (it == running_.end() || !p.sees(it->second->labId)) throw Error::notFound("running listener");
        run = it->second;
        running_.erase(it);
    }
    halt(*run);
    service_.rememberListener(p, instrumentId, std::nullopt, requestId);
}

std::vector<ListenerStatus> AstmListeners::status(const Principal& p) {
    std::vector<ListenerStatus> out;
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, run] : running_)
        if (p.sees(run->labId))
            out.push_back({id, run->instrument.name, run->server ? run->server->port() : astmSettings(run->instrument.profile.get()).connectPort,
                           run->connections, run->messages, run->refused, run->answers, run->server ? "server" : "client"});
    return out;
}

void AstmListeners::stopAll() {
    std::map<std::int64_t, std::shared_ptr<Running>> all;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        all.swap(running_);
    }
    for (auto& [id, run] : all) run->stopping = true;
    for (auto& [id, run] : all) halt(*run);
}

void AstmListeners::halt(Running& run) {
    run.stopping = true;
    if (run.server) run.server->stop();  // no new connections
    if (run.client.joinable()) run.client.join();
    // Connection threads notice the stop within their 250 ms receive timeout (a store in
    // progress finishes first): wait for them, then close the listening socket and the pool.
    for (int i = 0; i < 3000 && run.active > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (run.active > 0) Log::error("capture.astm.stop_slow", {{"instrument", run.instrument.name}, {"connections", std::to_string(run.active.load())}});
    run.server.reset();  // closes the port: it can be listened on again at once
    if (run.pool) run.pool->joinAll();
}

}  // namespace assay::capture
