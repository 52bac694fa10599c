// WebhookTransport: one HTTP POST per attempt.
#include "WebhookTransport.hpp"

#include <chrono>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include "assay/Clock.hpp"
#include "assay/Json.hpp"

namespace assay::webhook {

namespace {
std::string hex(const unsigned char* data, std::size_t n) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += kHex[data[i] >> 4];
        out += kHex[data[i] & 15];
    }
    return out;
}
}  // namespace

WebhookTransport::WebhookTransport(WebhookSettings settings) : settings_(std::move(settings)) {
    Poco::URI uri;
    try {
        uri = Poco::URI(settings_.url);
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("'" + settings_.url + "' is not a URL: " + e.message());
    }
    if (uri.getScheme() != "http" && uri.getScheme() != "https")
        throw std::invalid_argument("'" + settings_.url + "' must start with http:// or https://");
    if (uri.getHost().empty()) throw std::invalid_argument("'" + settings_.url + "' names no host");
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(settings_.url.data()), settings_.url.size(), digest);
    name_ = "webhook:" + hex(digest, SHA256_DIGEST_LENGTH).substr(0, 12);
    target_ = uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort()) + uri.getPath();
}

std::string WebhookTransport::envelope(const OutboxMessage& m) {
    // The payload is a JSON object already (Outbox::enqueue checked it): it goes in as it is.
    auto head = makeObject();
    head->set("id", std::to_string(m.id));
    head->set("topic", m.topic);
    head->set("lab_id", std::to_string(m.labId));
    head->set("seq", m.seq);
    head->set("occurred_at", formatRfc3339(fromEpochMillis(m.createdAtMs)));
    head->set("attempt", m.attempt);
    std::string body = toJson(head);
    body.pop_back();  // the closing brace
    return body + ",\"data\":" + m.payloadJson + "}";
}

std::string WebhookTransport::signature(const std::string& secret, const std::string& timestamp, const std::string& body) {
    const std::string signedText = timestamp + "." + body;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(signedText.data()),
         signedText.size(), mac, &len);
    return "sha256=" + hex(mac, len);
}

DeliveryOutcome WebhookTransport::deliver(const OutboxMessage& m) {
    try {
        const Poco::URI uri(settings_.url);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
            Poco::Net::Context::Params params;
            params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;  // the receiver's certificate is checked
            params.loadDefaultCAs = true;
            Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        session->setTimeout(Poco::Timespan(Poco::Timespan::TimeDiff(settings_.connectTimeoutMs) * 1000),
                            Poco::Timespan(Poco::Timespan::TimeDiff(settings_.timeoutMs) * 1000),
                            Poco::Timespan(Poco::Timespan::TimeDiff(settings_.timeoutMs) * 1000));
        const std::string body = envelope(m);
        const std::string timestamp =
            std::to_string(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        req.setContentType("application/json; charset=utf-8");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        req.set("User-Agent", "assay-webhook-notifier/1");
        req.set("X-Assay-Message-Id", std::to_string(m.id));
        req.set("Idempotency-Key", std::to_string(m.id));
        req.set("X-Assay-Topic", m.topic);
        req.set("X-Assay-Timestamp", timestamp);
        req.set("X-Assay-Signature", signature(settings_.secret, timestamp, body));
        session->sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::istream& in = session->receiveResponse(resp);
        std::string answer(512, '\0');  // enough of the answer to say why; the rest is not read
        in.read(answer.data(), static_cast<std::streamsize>(answer.size()));
        answer.resize(static_cast<std::size_t>(in.gcount()));
        const int status = static_cast<int>(resp.getStatus());
        if (status >= 200 && status < 300) return DeliveryOutcome::ack();
        std::string why = "HTTP " + std::to_string(status) + " " + resp.getReason();
        if (!answer.empty()) why += ": " + answer.substr(0, 200);  // the worker keeps printable ASCII only
        return DeliveryOutcome::retryLater(why);
    } catch (const Poco::Exception& e) {
        return DeliveryOutcome::retryLater(e.displayText());
    } catch (const std::exception& e) {
        return DeliveryOutcome::retryLater(e.what());
    }
}

}  // namespace assay::webhook
