// HttpServer: the Poco HTTP(S) server in front of the Dispatcher.
//
// Purpose: binds http.host:http.port (0 = any free port, written to http.port_file), plain HTTP
// or TLS 1.2+ through NetSSL when tls.cert/tls.key are set. Poco serves one connection per
// thread for as long as it is kept alive, so the pool is sized for the idle keep-alive
// connections a browser fleet holds (http.max_threads, default 512) and idle connections are
// closed after http.keep_alive_timeout_s (default 5 s); see docs/architecture.md ("Connections").
// Ownership: owns the Poco server and its thread pool; borrows the Host.
// Thread-safety: start()/stop() from the main thread.
#pragma once

#include <memory>

#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include "Host.hpp"

namespace assay {

class DispatcherFactory;

class HttpServer {
public:
    explicit HttpServer(Host& host);
    ~HttpServer();
    // Errors: Error(InvalidArgument) naming tls.cert/tls.key when they cannot be loaded;
    // Poco::Net exceptions when the port is taken.
    void start();
    void stop();
    int port() const { return port_; }
    bool tls() const { return tls_; }

private:
    Host& host_;
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<DispatcherFactory> factory_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
    int port_ = 0;
    bool tls_ = false;
};

}  // namespace assay
