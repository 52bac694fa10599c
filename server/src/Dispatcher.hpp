// Dispatcher: the one place where HTTP meets the host, and the only catcher of Error.
//
// Purpose: for every request: assign a request id; serve the web UI for non-API paths; match a
// route (404 unknown, 405 wrong method); enforce the body limit (413) while reading; resolve the
// bearer credential through the published Authenticator; enforce the route's declared
// permission (401/403); call the handler; render assay::Error as application/problem+json
// (internal messages are logged, never sent); record metrics and one structured log line.
// Thread-safety: one Dispatcher object per request (Poco creates one per request); the shared
// state it reaches (Host, StaticFiles) is thread-safe.
#pragma once

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "Host.hpp"
#include "StaticFiles.hpp"

namespace assay {

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
public:
    Dispatcher(Host& host, const StaticFiles& files, std::size_t maxBody)
        : host_(host), files_(files), max_body_(maxBody) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override;

    // problem+json for an error (used by tests and by the dispatcher).
    // Texts in lang (the request's Accept-Language, assay/Message.hpp).
    static Response problem(const Error& e, const std::string& path, const std::string& requestId,
                            Lang lang = Lang::zhCN);

private:
    Response keyedPost(Request& request, const Route& route, const std::string& key, const std::string& uri,
                       const std::string& path, const std::string& requestId, const std::string& routeLabel);
    static Response failure(const Error& e, const std::string& path, const std::string& requestId,
                            const std::string& routeLabel, Lang lang);
    static Response failure(const std::exception& e, const std::string& path, const std::string& requestId,
                            const std::string& routeLabel, Lang lang);

    Host& host_;
    const StaticFiles& files_;
    std::size_t max_body_;
};

class DispatcherFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    DispatcherFactory(Host& host, std::string webRoot, std::size_t maxBody)
        : host_(host), files_(std::move(webRoot)), max_body_(maxBody) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Dispatcher(host_, files_, max_body_);
    }
    // Raised when the server stops (true: abort the requests in progress), as Poco's HTTPServer
    // does for its own connections.
    Poco::BasicEvent<const bool>& stopped() { return serverStopped; }

private:
    Host& host_;
    StaticFiles files_;
    std::size_t max_body_;
};

}  // namespace assay
