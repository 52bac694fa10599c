// Dispatcher: request pipeline and problem+json rendering.
#include "assay/Messages.hpp"
#include "assay/RequestLang.hpp"
#include "Dispatcher.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "IdempotencyStore.hpp"
#include "assay/Authenticator.hpp"
#include "assay/Json.hpp"
#include "assay/Log.hpp"

namespace assay {

namespace {
constexpr std::size_t kDrainLimit = 64u * 1024u * 1024u;  // beyond this, just close the connection
constexpr std::size_t kPublicBodyLimit = 64u * 1024u;      // bodies of routes anyone may call (unless the route says more)

std::string newRequestId() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::string s(16, '0');
    auto v = rng();
    for (auto& c : s) {
        c = hex[v & 15];
        v >>= 4;
    }
    return s;
}

bool saneRequestId(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (unsigned char c : s)
        if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

// Fault injection for the crash test (tests/http/ResilienceTest.cpp): with
// ASSAY_TEST_CRASH_KEYED=<before_commit|after_commit>:<n> the process dies at that point of the
// n-th keyed POST, as a power cut would. Never set in production; logged loudly when it fires.
void testCrashPoint(const char* point) {
    static const std::pair<std::string, long> armed = [] {
        const char* v = std::getenv("ASSAY_TEST_CRASH_KEYED");
        if (v == nullptr) return std::pair<std::string, long>{"", 0};
        const std::string s(v);
        const auto colon = s.find(':');
        if (colon == std::string::npos) return std::pair<std::string, long>{"", 0};
        return std::pair<std::string, long>{s.substr(0, colon), std::atol(s.c_str() + colon + 1)};
    }();
    if (armed.first != point) return;
    static std::atomic<long> seen{0};
    if (seen.fetch_add(1) + 1 != armed.second) return;
    Log::error("http.test_crash", {{"why", std::string("ASSAY_TEST_CRASH_KEYED: exiting ") + point}});
    std::_Exit(86);
}

// The browser may run only the UI's own scripts and styles; no page may be framed by another
// site. The report preview frames a PDF the UI fetched itself (a blob: URL), which the PDF viewer
// shows as an embedded object.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; frame-src 'self' blob:; object-src 'self' blob:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string slug(ErrorCode c) {
    std::string t = Error::title(c);
    for (auto& ch : t) ch = ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return t;
}

void send(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, const Response& r,
          const std::string& requestId) {
    resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    resp.set("X-Request-Id", requestId);
    resp.set("X-Content-Type-Options", "nosniff");
    resp.set("Content-Security-Policy", kContentSecurityPolicy);
    resp.set("X-Frame-Options", "DENY");
    resp.set("Referrer-Policy", "no-referrer");
    for (const auto& [k, v] : r.headers) resp.set(k, v);
    if (r.status == 204 || r.status == 304) {
        resp.setContentLength(0);
        resp.send();
        return;
    }
    if (!r.contentType.empty()) resp.setContentType(r.contentType);
    resp.setContentLength(static_cast<std::streamsize>(r.body.size()));
    auto& out = resp.send();
    if (req.getMethod() != "HEAD") out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
}
}  // namespace

Response Dispatcher::failure(const Error& e, const std::string& path, const std::string& requestId,
                             const std::string& routeLabel, Lang lang) {
    if (e.code() == ErrorCode::Internal || e.code() == ErrorCode::Unavailable) {
        Log::error("http.error", {{"request_id", requestId}, {"route", routeLabel},
                                  {"error", e.internalMessage().empty() ? e.publicMessage() : e.internalMessage()}});
    }
    return problem(e, path, requestId, lang);
}

Response Dispatcher::failure(const std::exception& e, const std::string& path, const std::string& requestId,
                             const std::string& routeLabel, Lang lang) {
    Log::error("http.unhandled", {{"request_id", requestId}, {"route", routeLabel}, {"error", e.what()}});
    return problem(Error::internal(e.what()), path, requestId, lang);
}

// A keyed POST: one unit of work holds the key's claim, every transaction of the handler (they
// join it as savepoints) and the key's outcome, so they commit together or not at all. A
// handler that fails releases the key in the same commit, so the client may retry with it; the
// nested write that failed was rolled back to its savepoint, and what the handler wrote before it
// is kept as it would be without a key (e.g. the audit of a refused password). Deadlocks and a lost connection retry
// the whole unit, handler included.
Response Dispatcher::keyedPost(Request& request, const Route& route, const std::string& key,
                               const std::string& uri, const std::string& path, const std::string& requestId,
                               const std::string& routeLabel) {
    const Principal& p = *request.principalOrNull();
    const std::string owner = (p.kind == PrincipalKind::ApiKey ? "apikey:" : "user:") + std::to_string(p.userId);
    IdempotencyStore::checkKey(key);
    IdempotencyStore store(host_.clock());
    const std::string hash = IdempotencyStore::requestHash("POST", uri, request.body());
    Response out = host_.db().unitOfWork([&](Tx& tx) -> Response {
        if (auto replay = store.claim(tx, owner, key, hash)) return std::move(*replay);
        const Lang lang = langFromAcceptLanguage(request.header("Accept-Language").value_or(""));
        Response r;
        try {
            r = route.handler(request);
        } catch (const Error& e) {
            r = failure(e, path, requestId, routeLabel, lang);
        } catch (const std::exception& e) {
            if (Db::isRetryable(e) || Db::isConnectionLost(e)) throw;  // the unit is retried whole
            r = failure(e, path, requestId, routeLabel, lang);
        }
        if (r.status >= 200 && r.status < 300) store.complete(tx, owner, key, r, route.sensitive);
        else store.release(tx, owner, key);
        testCrashPoint("before_commit");
        return r;
    });
    testCrashPoint("after_commit");
    return out;
}

Response Dispatcher::problem(const Error& e, const std::string& path, const std::string& requestId, Lang lang) {
    auto o = makeObject();
    o->set("type", "urn:assay:problem:" + slug(e.code()));
    o->set("title", Message(Error::titleMessage(e.code())).render(lang));
    o->set("status", e.httpStatus());
    o->set("code", e.detailCode());
    o->set("detail", e.detail(lang));
    o->set("instance", path);
    o->set("request_id", requestId);
    if (!e.fieldErrors().empty()) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& f : e.fieldErrors()) {
            auto fe = makeObject();
            fe->set("field", f.field);
            fe->set("problem", f.message.render(lang));
            fe->set("code", f.message.code());
            arr->add(fe);
        }
        o->set("errors", arr);
    }
    if (!e.ruleFailures().empty()) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& f : e.ruleFailures()) {
            auto fe = makeObject();
            fe->set("id", f.id);
            fe->set("reason", f.message.render(lang));
            fe->set("code", f.message.code());
            arr->add(fe);
        }
        o->set("rules", arr);
    }
    if (!e.allowed().empty() && e.code() != ErrorCode::MethodNotAllowed) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& a : e.allowed()) arr->add(a);
        o->set("allowed", arr);
    }
    Response r = Response::json(o, e.httpStatus());
    r.contentType = "application/problem+json; charset=utf-8";
    if (e.code() == ErrorCode::MethodNotAllowed) {
        std::string allow;
        for (const auto& a : e.allowed()) allow += (allow.empty() ? "" : ", ") + a;
        r.headers.emplace_back("Allow", allow);
    }
    if (e.code() == ErrorCode::Unavailable || e.code() == ErrorCode::TooManyRequests)
        r.headers.emplace_back("Retry-After", std::to_string(std::max(1, e.retryAfterSeconds())));
    return r;
}

void Dispatcher::handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) {
    const auto started = std::chrono::steady_clock::now();
    std::string requestId = req.get("X-Request-Id", "");
    const Lang lang = langFromAcceptLanguage(req.get("Accept-Language", ""));
    const RequestLangScope langScope(lang);  // texts inside response bodies (assay/RequestLang.hpp)
    if (!saneRequestId(requestId)) requestId = newRequestId();
    std::string routeLabel = "(unmatched)";
    std::string path = req.getURI();
    std::string actor;
    bool bodyConsumed = false;
    Response out;
    try {
        Poco::URI uri;
        std::map<std::string, std::string> query;
        try {
            uri = Poco::URI(req.getURI());
            path = uri.getPath();
            for (auto& [k, v] : uri.getQueryParameters()) query[k] = v;
        } catch (const std::exception&) {
            throw Error::invalidField("uri", "malformed request URI");
        }
        const bool api = path == "/api" || path.rfind("/api/", 0) == 0 || path == "/metrics";
        if (!api) {
            routeLabel = "(static)";
            if (req.getMethod() != "GET" && req.getMethod() != "HEAD") throw Error::notFound("resource");
            auto f = files_.get(path);
            if (!f) throw Error::notFound("resource");
            out.contentType = f->contentType;
            out.body = std::move(f->body);
            out.headers.emplace_back("Cache-Control", "no-cache");
        } else {
            RouteMatch m = host_.router().match(req.getMethod(), path);
            if (!m.route) {
                if (!m.allowedMethods.empty()) {
                    throw Error::methodNotAllowed(req.getMethod(), m.allowedMethods);
                }
                throw Error(ErrorCode::NotFound, Message(msg::kNoRoute, {{"path", path}}));
            }
            routeLabel = m.route->pattern;

            // Authentication and authorization from the headers alone, before any body byte is
            // buffered: an anonymous client cannot make the server hold megabytes.
            std::optional<Principal> principal;
            const std::string authz = req.get("Authorization", "");
            bool badCredential = false;
            if (!authz.empty()) {
                if (authz.rfind("Bearer ", 0) == 0 && authz.size() > 7) {
                    auto* auth = host_.services().find<Authenticator>();
                    principal = auth ? auth->authenticate(authz.substr(7)) : std::nullopt;
                    if (principal) actor = principal->username;
                    else badCredential = true;
                } else {
                    badCredential = true;
                }
            }
            const std::string& perm = m.route->permission;
            if (perm != kPublic) {
                if (!principal) {
                    throw badCredential ? Error::unauthenticated(Message(msg::kCredentialInvalid))
                                        : Error::unauthenticated();
                }
                if (perm != kAuthenticated && !principal->can(perm)) throw Error::forbidden(perm);
            }

            // Body, within the limit (the route's own, else public routes: kPublicBodyLimit).
            const std::size_t limit =
                std::min(max_body_, m.route->maxBody ? m.route->maxBody : perm == kPublic ? kPublicBodyLimit : max_body_);
            std::string body;
            const auto declared = req.getContentLength64();
            // An oversized body is read and discarded (up to kDrainLimit) so that the client,
            // which is still sending, receives the 413 instead of a connection reset.
            auto tooLarge = [&](std::istream& in) {
                char sink[65536];
                std::size_t drained = 0;
                while (in && drained < kDrainLimit) {
                    in.read(sink, sizeof sink);
                    drained += static_cast<std::size_t>(in.gcount());
                }
                resp.setKeepAlive(false);
                return Error(ErrorCode::PayloadTooLarge, Message(msg::kTooLarge, {{"max", limit}}));
            };
            if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH && declared > static_cast<Poco::Int64>(limit)) {
                throw tooLarge(req.stream());
            }
            if (req.hasContentLength() || req.getChunkedTransferEncoding()) {
                auto& in = req.stream();
                char buf[16384];
                while (in) {
                    in.read(buf, sizeof buf);
                    body.append(buf, static_cast<std::size_t>(in.gcount()));
                    if (body.size() > limit) {
                        body.clear();
                        throw tooLarge(in);
                    }
                }
            }
            bodyConsumed = true;
            // Poco 1.11 ends a fixed-length body silently when the peer stops early (a client
            // that gave up, a proxy, a server stopping): never act on a prefix of the request.
            if (req.hasContentLength() && declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
                static_cast<Poco::Int64>(body.size()) != declared) {
                resp.setKeepAlive(false);
                throw Error::invalidField("body", "the request body ended after " + std::to_string(body.size()) + " of " +
                                                      std::to_string(declared) + " bytes");
            }

            std::map<std::string, std::string> headers;
            for (const auto& [k, v] : req) headers[k] = v;
            Request request(req.getMethod(), path, std::move(query), std::move(headers), std::move(body), requestId,
                            req.clientAddress().host().toString());
            request.setParams(m.params);
            if (principal) request.setPrincipal(std::move(*principal));

            // Idempotency-Key on creating POSTs of an authenticated principal (API.md): the
            // claim, the handler's transactions and the stored outcome are one unit of work.
            const auto idemKey = request.header("Idempotency-Key");
            if (idemKey && req.getMethod() == "POST" && request.principalOrNull()) {
                out = keyedPost(request, *m.route, *idemKey, req.getURI(), path, requestId, routeLabel);
            } else {
                out = m.route->handler(request);
            }
            if (path.rfind("/api/", 0) == 0) out.headers.emplace_back("Cache-Control", "no-store");
        }
    } catch (const Error& e) {
        out = failure(e, path, requestId, routeLabel, lang);
    } catch (const std::exception& e) {
        out = failure(e, path, requestId, routeLabel, lang);
    }
    // A body left unread would be parsed as the next request on this connection: close it.
    if (!bodyConsumed && (req.getChunkedTransferEncoding() || (req.hasContentLength() && req.getContentLength64() > 0)))
        resp.setKeepAlive(false);
    try {
        send(req, resp, out, requestId);
    } catch (const std::exception& e) {
        Log::warn("http.send_failed", {{"request_id", requestId}, {"error", e.what()}});
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    host_.metrics().observe(routeLabel, req.getMethod(), out.status, secs);
    {
        Log::write(out.status >= 500 ? LogLevel::Error : LogLevel::Info, "http.request",
                   {{"request_id", requestId}, {"method", req.getMethod()}, {"route", routeLabel},
                    {"status", std::to_string(out.status)}, {"ms", std::to_string(secs * 1000.0)},
                    {"actor", actor}});
    }
}

}  // namespace assay
