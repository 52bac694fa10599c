// HttpServer: socket, TLS context, thread pool and keep-alive parameters.
#include "HttpServer.hpp"

#include <fstream>

#include <Poco/File.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "Dispatcher.hpp"
#include "assay/Log.hpp"

namespace assay {

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
    server_ = std::make_unique<Poco::Net::HTTPServer>(
        new DispatcherFactory(host_, c.str("http.web_root"), maxBody), *pool_, socket, params);
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
        server_->stopAll(true);
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
