// Http: the request, response and route types that module handlers see.
//
// Purpose: handlers are thin (parse, call one service method, render) and never touch Poco's
// HTTP classes. The dispatcher builds a Request (body already read within the size limit,
// principal already authenticated), calls the matched Route's handler, and writes the Response.
// Every Route declares the permission it needs: kPublic (no authentication), kAuthenticated (any
// signed-in principal) or a "resource:action" permission granted to roles (Permissions.hpp).
// Thread-safety: a Request and a Response belong to one request thread. Routes are registered
// at start-up, before the server accepts connections, and are read-only afterwards.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

#include "assay/Principal.hpp"

namespace assay {

inline constexpr const char* kPublic = "public";
inline constexpr const char* kAuthenticated = "authenticated";

class Request {
public:
    Request(std::string method, std::string path, std::map<std::string, std::string> query,
            std::map<std::string, std::string> headers, std::string body, std::string requestId,
            std::string clientAddress);

    const std::string& method() const { return method_; }
    const std::string& path() const { return path_; }
    const std::string& body() const { return body_; }
    const std::string& requestId() const { return request_id_; }
    const std::string& clientAddress() const { return client_; }

    // Path parameter by name ({code} in "/api/samples/{code}"). Always present on a matched route.
    const std::string& param(const std::string& name) const;
    // A path parameter that must be a 64-bit id; a malformed one is a 404 (no such resource).
    std::int64_t idParam(const std::string& name) const;
    std::optional<std::string> query(const std::string& name) const;
    // Every query parameter by name (for routes that refuse a parameter they do not know).
    const std::map<std::string, std::string>& queryParams() const { return query_; }
    // Header lookup, case-insensitive.
    std::optional<std::string> header(const std::string& name) const;

    // The body parsed as a JSON object. Errors: 415 when Content-Type is not application/json,
    // 400 (field "body") when the body is empty, malformed, or not an object.
    Poco::JSON::Object::Ptr jsonObject() const;

    // The authenticated principal. Errors: 401 when the route was public and nobody signed in.
    const Principal& principal() const;
    const Principal* principalOrNull() const { return principal_ ? &*principal_ : nullptr; }

    // Used by the dispatcher.
    void setParams(std::map<std::string, std::string> p) { params_ = std::move(p); }
    void setPrincipal(Principal p) { principal_ = std::move(p); }

private:
    std::string method_, path_;
    std::map<std::string, std::string> query_;
    std::map<std::string, std::string> headers_;  // keys lower-cased
    std::string body_;
    std::string request_id_, client_;
    std::map<std::string, std::string> params_;
    std::optional<Principal> principal_;
};

struct Response {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    static Response json(const Poco::JSON::Object::Ptr& obj, int status = 200);
    static Response created(const Poco::JSON::Object::Ptr& obj, const std::string& location);
    static Response noContent();
    // A file download: the bytes, their Content-Type, and Content-Disposition: attachment with an
    // ASCII fallback name and the UTF-8 name per RFC 5987 (filename*=UTF-8''...).
    static Response file(std::string bytes, std::string contentType, const std::string& utf8Filename);
    Response& withHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

using Handler = std::function<Response(Request&)>;

struct Route {
    std::string method;       // GET POST PATCH PUT DELETE
    std::string pattern;      // "/api/samples/{code}/custody"
    std::string permission;   // kPublic, kAuthenticated or "resource:action"
    std::string summary;      // one line, for docs and the route listing
    Handler handler;
    // True when a 2xx body holds a secret shown once (a session token, an API key): the
    // Idempotency-Key store then keeps only its status and Location, never the body.
    bool sensitive = false;
    // The largest body this route takes; 0: the default (http.max_body_bytes; 64 KiB for public
    // routes). Never above http.max_body_bytes.
    std::size_t maxBody = 0;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowedMethods;  // filled when the path matched but not the method
};

class Router {
public:
    // Errors: std::logic_error for a duplicate method+pattern, an empty permission or a
    // malformed pattern (a programming error, caught at start-up).
    void add(Route route);
    RouteMatch match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace assay
