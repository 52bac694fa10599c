// PlatformClient: Poco's HTTP(S) client session, one request per call.
#include "net/PlatformClient.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <memory>

namespace assay::platform {

bool isPlatformUrl(const std::string& url) {
    try {
        const Poco::URI uri(url);
        return (uri.getScheme() == "http" || uri.getScheme() == "https") && !uri.getHost().empty() && uri.getQuery().empty() &&
               uri.getFragment().empty() && url.size() <= 300;
    } catch (const Poco::Exception&) {
        return false;
    }
}

PlatformAnswer platformCall(const std::string& baseUrl, const std::string& method, const std::string& pathAndQuery,
                            const std::string& jsonBody, const std::map<std::string, std::string>& headers, int timeoutMs) {
    try {
        const Poco::URI uri(baseUrl);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
            Poco::Net::Context::Params params;
            const bool loopback = uri.getHost() == "127.0.0.1";
            params.verificationMode = loopback ? Poco::Net::Context::VERIFY_NONE : Poco::Net::Context::VERIFY_RELAXED;
            params.loadDefaultCAs = !loopback;
            Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        const Poco::Timespan t(Poco::Timespan::TimeDiff(timeoutMs) * 1000);
        session->setTimeout(Poco::Timespan(5, 0), t, t);
        std::string base = uri.getPath();
        while (!base.empty() && base.back() == '/') base.pop_back();
        Poco::Net::HTTPRequest req(method, base + pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("User-Agent", "assay-platform-link/1");
        req.set("Accept-Language", "zh-CN");
        for (const auto& [k, v] : headers) req.set(k, v);
        if (!jsonBody.empty() || method == "POST") {
            req.setContentType("application/json; charset=utf-8");
            req.setContentLength(static_cast<std::streamsize>(jsonBody.size()));
        }
        session->sendRequest(req) << jsonBody;
        Poco::Net::HTTPResponse resp;
        std::istream& in = session->receiveResponse(resp);
        std::string answer(1 << 20, '\0');
        in.read(answer.data(), static_cast<std::streamsize>(answer.size()));
        answer.resize(static_cast<std::size_t>(in.gcount()));
        return {static_cast<int>(resp.getStatus()), answer};
    } catch (const Poco::Exception& e) {
        return {0, e.displayText()};
    } catch (const std::exception& e) {
        return {0, e.what()};
    }
}

}  // namespace assay::platform
