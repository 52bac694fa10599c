// HttpServer: socket, TLS context, thread pool and keep-alive parameters.
#include "HttpServer.hpp"

#include <atomic>
#include <chrono>
#include <fstream>

#include <Poco/File.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "Dispatcher.hpp"
#include "assay/Json.hpp"
#include "assay/Log.hpp"

namespace assay {

namespace {
// Poco's HTTPServerConnection answers a request head it cannot read (a URI over 16 KiB, a header
// field over 8 KiB, more than 100 fields) with a bare 400 and no body. This connection is the
// same loop, but such a request gets problem+json like every other error: 414 for the URI, 431
// for the header fields, 400 for anything else malformed; the connection is then closed.
class Connection final : public Poco::Net::TCPServerConnection {
public:
    Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params, DispatcherFactory& factory)
        : TCPServerConnection(socket), params_(std::move(params)), factory_(factory) {
        factory_.stopped() += Poco::delegate(this, &Connection::onServerStopped);
    }
    ~Connection() override {
        try {
            factory_.stopped() -= Poco::delegate(this, &Connection::onServerStopped);
        } catch (...) {
        }
    }

    void run() override {
        Poco::Net::HTTPServerSession session(socket(), params_);
        while (!stopped_ && session.hasMoreRequests()) {
            try {
                Poco::FastMutex::ScopedLock lock(mutex_);
                if (stopped_) break;
                Poco::Net::HTTPServerResponseImpl response(session);
                Poco::Net::HTTPServerRequestImpl request(response, session, params_);
                response.setDate(Poco::Timestamp());
                response.setVersion(request.getVersion());
                response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive());
                response.set("Server", params_->getServerName());
                try {
                    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_.createRequestHandler(request));
                    if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
                        response.sendContinue();
                    handler->handleRequest(request, response);
                    session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
                } catch (const Poco::Exception&) {
                    if (!response.sent()) {
                        try {
                            sendProblem(session, 500, "internal error");
                        } catch (...) {
                        }
                    }
                    throw;
                }
            } catch (const Poco::Net::NoMessageException&) {
                break;
            } catch (const Poco::Net::MessageException& e) {
                const std::string what = e.message();
                const int status = what.find("method") != std::string::npos ? 400
                                   : what.find("URI") != std::string::npos  ? 414
                                   : (what.find("too long") != std::string::npos || what.find("Too many") != std::string::npos)
                                       ? 431
                                       : 400;
                try {
                    sendProblem(session, status, what);
                    drainBeforeClose();
                } catch (...) {
                }
                break;
            } catch (const Poco::Exception&) {
                if (session.networkException()) break;  // the peer went away: nothing to answer
                throw;
            }
        }
    }

private:
    // Closing a socket with unread bytes resets the connection, and the client may lose the
    // answer: read and discard what it still sends (up to 1 MiB or 200 ms of silence) first.
    void drainBeforeClose() {
        Poco::Net::StreamSocket& s = socket();
        s.shutdownSend();
        s.setReceiveTimeout(Poco::Timespan(0, 200000));
        char sink[16384];
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        for (std::size_t total = 0; total < (1u << 20) && std::chrono::steady_clock::now() < deadline;) {
            const int n = s.receiveBytes(sink, sizeof sink);
            if (n <= 0) break;
            total += static_cast<std::size_t>(n);
        }
    }

    void onServerStopped(const bool& abortCurrent) {
        stopped_ = true;
        if (abortCurrent) {
            try {
                socket().shutdown();
            } catch (...) {
            }
        } else {
            Poco::FastMutex::ScopedLock lock(mutex_);  // wait for the request being handled
        }
    }

    static void sendProblem(Poco::Net::HTTPServerSession& session, int status, const std::string& why) {
        struct Kind {
            const char* slug;
            const char* title;
            const char* detail;
        };
        const Kind k = status == 414   ? Kind{"uri-too-long", "URI Too Long", "the request URI is too long"}
                       : status == 431 ? Kind{"request-header-fields-too-large", "Request Header Fields Too Large",
                                              "the request header fields are too large"}
                       : status == 500 ? Kind{"internal-error", "Internal Error", "internal error"}
                                       : Kind{"bad-request", "Bad Request", "the request is malformed"};
        auto o = makeObject();
        o->set("type", std::string("urn:assay:problem:") + k.slug);
        o->set("title", k.title);
        o->set("status", status);
        o->set("detail", k.detail);
        Response r = Response::json(o, status);
        r.contentType = "application/problem+json; charset=utf-8";
        Poco::Net::HTTPServerResponseImpl response(session);
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
        response.setKeepAlive(false);
        response.setContentType(r.contentType);
        response.setContentLength(static_cast<std::streamsize>(r.body.size()));
        response.set("X-Content-Type-Options", "nosniff");
        response.set("Cache-Control", "no-store");
        response.send() << r.body;
        session.setKeepAlive(false);
        Log::warn("http.bad_request_head", {{"status", std::to_string(status)}, {"why", why}});
    }

    Poco::Net::HTTPServerParams::Ptr params_;
    DispatcherFactory& factory_;
    std::atomic<bool> stopped_{false};
    Poco::FastMutex mutex_;
};

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, DispatcherFactory& factory)
        : params_(std::move(params)), factory_(factory) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new Connection(socket, params_, factory_);
    }

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    DispatcherFactory& factory_;
};
}  // namespace

HttpServer::HttpServer(Host& host) : host_(host) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    const Config& c = host_.config();
    const int minThreads = static_cast<int>(c.integer("http.min_threads", 1, 4096));
    const int maxThreads = static_cast<int>(c.integer("http.max_threads", 1, 4096));
    if (minThreads > maxThreads) throw Error::invalidField("http.min_threads", "must not exceed http.max_threads");
    const Poco::Net::SocketAddress addr(c.str("http.host"), static_cast<Poco::UInt16>(c.integer("http.port", 0, 65535)));
    const int backlog = static_cast<int>(c.integer("http.backlog", 1, 65535));

    Poco::Net::ServerSocket socket;
    const std::string cert = c.str("tls.cert"), key = c.str("tls.key");
    if (!cert.empty()) {
        if (!Poco::File(cert).exists()) throw Error::invalidField("tls.cert", "file not found: " + cert);
        if (!Poco::File(key).exists()) throw Error::invalidField("tls.key", "file not found: " + key);
        Poco::Net::initializeSSL();
        Poco::Net::Context::Ptr ctx;
        try {
            ctx = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, key, cert, "",
                                         Poco::Net::Context::VERIFY_NONE, 9, false,
                                         "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES:@STRENGTH");
            ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        } catch (const std::exception& e) {
            throw Error::invalidField("tls.cert", std::string("cannot load the certificate or key: ") + e.what());
        }
        socket = Poco::Net::SecureServerSocket(addr, backlog, ctx);
        tls_ = true;
    } else {
        socket = Poco::Net::ServerSocket(addr, backlog);
    }
    port_ = socket.address().port();

    pool_ = std::make_unique<Poco::ThreadPool>(minThreads, maxThreads, 60);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(maxThreads);
    params->setMaxQueued(static_cast<int>(c.integer("http.max_queued", 1, 100000)));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(c.integer("http.keep_alive_timeout_s", 1, 3600), 0));
    params->setTimeout(Poco::Timespan(30, 0));  // a started request must arrive within 30 s
    params->setServerName("assayd");
    const auto maxBody = static_cast<std::size_t>(c.integer("http.max_body_bytes", 1024, 1LL << 32));
    factory_ = std::make_unique<DispatcherFactory>(host_, c.str("http.web_root"), maxBody);
    server_ = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(params, *factory_), *pool_, socket, params);
    server_->start();

    const std::string portFile = c.str("http.port_file");
    if (!portFile.empty()) {
        const std::string tmp = portFile + ".tmp";
        { std::ofstream(tmp) << port_ << "\n"; }
        std::rename(tmp.c_str(), portFile.c_str());  // atomic: readers never see a partial file
    }
    Log::info("http.listening", {{"address", c.str("http.host")}, {"port", std::to_string(port_)},
                                 {"tls", tls_ ? "true" : "false"}, {"max_threads", std::to_string(maxThreads)}});
}

void HttpServer::stop() {
    if (server_) {
        server_->stop();
        factory_->stopped().notify(this, true);  // ends kept-alive connections (Poco's HTTPServer::stopAll)
        server_.reset();
    }
    if (pool_) {
        pool_->joinAll();
        pool_.reset();
    }
    if (tls_) {
        Poco::Net::uninitializeSSL();
        tls_ = false;
    }
}

}  // namespace assay
