// WebhookNotifierModule: the webhook notifier plugin (plugins/webhook-notifier/README.md).
//
// Loaded only when its absolute path is listed in plugins.load. At initialize() it registers one
// outbox transport (WebhookTransport) per URL in webhook_notifier.urls with the host's Outbox;
// the host's delivery worker then POSTs every report.issued and result.failed_limit message (or
// the topics configured) to each URL, signed with webhook_notifier.secret, in order, until the
// receiver acknowledges it with a 2xx. No routes, no tables of its own.
#include <set>
#include <stdexcept>

#include <Poco/ClassLibrary.h>

#include "WebhookTransport.hpp"
#include "assay/Error.hpp"
#include "assay/Log.hpp"
#include "assay/ModuleContext.hpp"
#include "assay/Outbox.hpp"
#include "assay/Plugin.hpp"

namespace {

class WebhookNotifierModule final : public assay::Module {
public:
    std::string id() const override { return "webhook_notifier"; }
    std::vector<std::string> dependencies() const override { return {"host"}; }
    std::vector<assay::ConfigKey> configKeys() const override {
        return {{"webhook_notifier.urls", "", "comma-separated http(s) URLs each message is POSTed to (each its own ordered stream)"},
                {"webhook_notifier.secret", "", "the shared key of the HMAC-SHA256 signature (X-Assay-Signature); at least 16 characters"},
                {"webhook_notifier.topics", "report.issued,result.failed_limit", "the outbox topics sent"},
                {"webhook_notifier.connect_timeout_ms", "5000", "how long a connection attempt may take (100..60000 ms)"},
                {"webhook_notifier.timeout_ms", "10000",
                 "how long sending a message and waiting for its answer may take (100..600000 ms; with the connect timeout, under half of "
                 "outbox.lease_ms)"}};
    }
    void initialize(assay::ModuleContext& ctx) override {
        const auto& c = ctx.config();
        const auto urls = c.list("webhook_notifier.urls");
        const std::string secret = c.str("webhook_notifier.secret");
        const auto connectMs = c.integer("webhook_notifier.connect_timeout_ms", 100, 60000);
        const auto timeoutMs = c.integer("webhook_notifier.timeout_ms", 100, 600000);
        if (2 * (connectMs + timeoutMs) > c.integer("outbox.lease_ms", 1000, 3600000))
            throw assay::Error::invalidField("webhook_notifier.timeout_ms",
                                             "with webhook_notifier.connect_timeout_ms it must stay under half of outbox.lease_ms");
        std::set<std::string> topics;
        for (const auto& t : c.list("webhook_notifier.topics")) {
            if (!assay::Outbox::validTopic(t)) throw assay::Error::invalidField("webhook_notifier.topics", "'" + t + "' is not a topic");
            topics.insert(t);
        }
        if (urls.empty()) {
            assay::Log::warn("webhook_notifier.no_urls", {{"hint", "set webhook_notifier.urls to send messages"}});
            return;
        }
        if (secret.size() < 16) throw assay::Error::invalidField("webhook_notifier.secret", "must hold at least 16 characters");
        auto& outbox = ctx.services().require<assay::Outbox>();
        std::set<std::string> seen;
        for (const auto& url : urls) {
            if (!seen.insert(url).second) throw assay::Error::invalidField("webhook_notifier.urls", "'" + url + "' is listed twice");
            std::shared_ptr<assay::webhook::WebhookTransport> t;
            try {
                t = std::make_shared<assay::webhook::WebhookTransport>(
                    assay::webhook::WebhookSettings{url, secret, topics, static_cast<int>(connectMs), static_cast<int>(timeoutMs)});
            } catch (const std::invalid_argument& e) {
                throw assay::Error::invalidField("webhook_notifier.urls", e.what());
            }
            outbox.addTransport(t);
            assay::Log::info("webhook_notifier.transport", {{"transport", t->name()}, {"to", t->describe()}});
        }
    }
};

}  // namespace

ASSAY_PLUGIN_API_VERSION()

POCO_BEGIN_MANIFEST(assay::Module)
POCO_EXPORT_CLASS(WebhookNotifierModule)
POCO_END_MANIFEST
