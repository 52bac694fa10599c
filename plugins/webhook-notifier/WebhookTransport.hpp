// WebhookTransport: an outbox transport that POSTs each message as signed JSON to one URL.
//
// Purpose: one transport per configured URL (so a receiver that is down holds back only its own
// stream). The body is the envelope {"id","topic","lab_id","seq","occurred_at","attempt","data"};
// the headers carry X-Assay-Message-Id (the de-duplication key, also sent as Idempotency-Key),
// X-Assay-Topic, X-Assay-Timestamp (Unix seconds) and X-Assay-Signature: sha256=<hex of
// HMAC-SHA256(secret, timestamp + "." + body)>. A 2xx answer acknowledges the message; any other
// status, a refused connection or a timeout is "retry later" with the reason.
// Ownership: holds the secret for its life; never logs or describes it.
// Thread-safety: deliver() is called by one worker thread at a time; the object is otherwise
// immutable.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "assay/Outbox.hpp"

namespace assay::webhook {

struct WebhookSettings {
    std::string url;                  // http:// or https://
    std::string secret;               // the shared HMAC key
    std::set<std::string> topics;     // the topics sent
    int connectTimeoutMs = 5000;
    int timeoutMs = 10000;            // sending the request and waiting for the answer
};

class WebhookTransport final : public OutboxTransport {
public:
    // Errors: std::invalid_argument naming what is wrong with the URL.
    explicit WebhookTransport(WebhookSettings settings);

    // "webhook:" + the first 12 hex digits of SHA-256(url): stable while the URL stays the same,
    // whatever the order of webhook_notifier.urls.
    std::string name() const override { return name_; }
    bool takes(const std::string& topic) const override { return settings_.topics.count(topic) != 0; }
    // The URL without user information or query (which may hold a token).
    std::string describe() const override { return target_; }
    DeliveryOutcome deliver(const OutboxMessage& message) override;

    // The body POSTed for a message.
    static std::string envelope(const OutboxMessage& message);
    // "sha256=" + lower-case hex HMAC-SHA256(secret, timestamp + "." + body).
    static std::string signature(const std::string& secret, const std::string& timestamp, const std::string& body);

private:
    WebhookSettings settings_;
    std::string name_, target_;
};

}  // namespace assay::webhook
