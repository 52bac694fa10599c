// Request, Response and Router.
#include "assay/Http.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "assay/Error.hpp"
#include "assay/Json.hpp"

namespace assay {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}
std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        std::size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        parts.push_back(path.substr(i, j - i));
        i = j;
    }
    return parts;
}
}  // namespace

Request::Request(std::string method, std::string path, std::map<std::string, std::string> query,
                 std::map<std::string, std::string> headers, std::string body, std::string requestId,
                 std::string clientAddress)
    : method_(std::move(method)), path_(std::move(path)), query_(std::move(query)),
      body_(std::move(body)), request_id_(std::move(requestId)), client_(std::move(clientAddress)) {
    for (auto& [k, v] : headers) headers_[lower(k)] = v;
}

const std::string& Request::param(const std::string& name) const {
    auto it = params_.find(name);
    if (it == params_.end()) throw std::logic_error("route has no parameter " + name);
    return it->second;
}

std::int64_t Request::idParam(const std::string& name) const {
    const std::string& s = param(name);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v <= 0) throw Error::notFound(name);
    return v;
}

std::optional<std::string> Request::query(const std::string& name) const {
    auto it = query_.find(name);
    if (it == query_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Request::header(const std::string& name) const {
    auto it = headers_.find(lower(name));
    if (it == headers_.end()) return std::nullopt;
    return it->second;
}

Poco::JSON::Object::Ptr Request::jsonObject() const {
    auto ct = header("content-type");
    std::string mime = ct ? lower(ct->substr(0, ct->find(';'))) : "";
    while (!mime.empty() && mime.back() == ' ') mime.pop_back();
    if (mime != "application/json") {
        Error e(ErrorCode::UnsupportedMedia, "Content-Type must be application/json");
        throw e;
    }
    return parseObject(body_);
}

const Principal& Request::principal() const {
    if (!principal_) throw Error::unauthenticated();
    return *principal_;
}

Response Response::json(const Poco::JSON::Object::Ptr& obj, int status) {
    Response r;
    r.status = status;
    r.body = toJson(obj);
    return r;
}

Response Response::created(const Poco::JSON::Object::Ptr& obj, const std::string& location) {
    Response r = json(obj, 201);
    r.headers.emplace_back("Location", location);
    return r;
}

Response Response::noContent() {
    Response r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

Response Response::file(std::string bytes, std::string contentType, const std::string& utf8Filename) {
    Response r;
    r.body = std::move(bytes);
    r.contentType = std::move(contentType);
    std::string ascii, encoded;
    static const char* kHex = "0123456789ABCDEF";
    for (unsigned char c : utf8Filename) {
        const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
        ascii += plain ? static_cast<char>(c) : '_';
        if (plain) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 15];
        }
    }
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
    return r;
}

void Router::add(Route route) {
    if (route.permission.empty()) throw std::logic_error("route without permission: " + route.pattern);
    if (route.pattern.empty() || route.pattern[0] != '/')
        throw std::logic_error("route pattern must start with /: " + route.pattern);
    for (const auto& r : routes_) {
        if (r.method == route.method && r.pattern == route.pattern)
            throw std::logic_error("duplicate route: " + route.method + " " + route.pattern);
    }
    routes_.push_back(std::move(route));
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    RouteMatch result;
    const auto parts = split(path);
    const Route* best = nullptr;
    int bestLiterals = -1;
    for (const auto& r : routes_) {
        const auto pat = split(r.pattern);
        if (pat.size() != parts.size()) continue;
        std::map<std::string, std::string> params;
        int literals = 0;
        bool ok = true;
        for (std::size_t i = 0; i < pat.size() && ok; ++i) {
            if (pat[i].size() > 2 && pat[i].front() == '{' && pat[i].back() == '}') {
                params[pat[i].substr(1, pat[i].size() - 2)] = parts[i];
            } else if (pat[i] == parts[i]) {
                ++literals;
            } else {
                ok = false;
            }
        }
        if (!ok) continue;
        if (r.method != method) {
            result.allowedMethods.push_back(r.method);
            continue;
        }
        if (literals > bestLiterals) {  // literal segments win over parameters
            best = &r;
            bestLiterals = literals;
            result.params = std::move(params);
        }
    }
    result.route = best;
    if (best) result.allowedMethods.clear();
    return result;
}

}  // namespace assay
