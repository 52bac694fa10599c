// LinkWorker: publish due catalogues; long-poll the inbox.
#include "net/LinkWorker.hpp"

#include "assay/Json.hpp"
#include "assay/Log.hpp"
#include "domain/InstanceKey.hpp"
#include "domain/PlatformService.hpp"
#include "net/PlatformClient.hpp"

#include <Poco/JSON/Array.h>

#include <chrono>

namespace assay::platform {

void LinkWorker::start() {
    stop_ = false;
    publisher_ = std::thread([this] { publishLoop(); });
    poller_ = std::thread([this] { pollLoop(); });
}

void LinkWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (publisher_.joinable()) publisher_.join();
    if (poller_.joinable()) poller_.join();
}

bool LinkWorker::sleepFor(int ms) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stop_.load(); });
    return !stop_;
}

void LinkWorker::publishLoop() {
    do {
        try {
            link_.publishDue();
        } catch (const std::exception& e) {
            Log::warn("platform.publish_failed", {{"error", e.what()}});
        }
    } while (sleepFor(1000));
}

void LinkWorker::pollLoop() {
    do {
        try {
            for (const auto& l : link_.linksToPoll()) {
                if (stop_) return;
                pollOnce(l);
            }
        } catch (const std::exception& e) {
            Log::warn("platform.poll_failed", {{"error", e.what()}});
        }
    } while (sleepFor(500));
}

void LinkWorker::pollOnce(const Link& l) {
    if (!l.enrolmentId || l.keys.empty()) return;
    const std::string url = link_.platformUrlOf(l);
    if (url.empty()) return;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const LinkKey& key = l.keys.front();
    const std::string sig =
        signBase64(key.privatePem, link_.passphrase(), PlatformService::inboxSignedText(*l.enrolmentId, l.inboxPosition, now));
    const std::string query = "?lab=" + std::to_string(*l.enrolmentId) + "&after=" + std::to_string(l.inboxPosition) + "&wait_ms=2000";
    const auto answer = platformCall(url, "GET", "/api/platform/inbox" + query, "",
                                     {{"X-Assay-Key", key.keyId}, {"X-Assay-Time", std::to_string(now)}, {"X-Assay-Signature", sig}}, 10000);
    if (answer.status != 200) {
        link_.setPollError(l.labId, answer.status == 0 ? answer.body.substr(0, 300)
                                                       : "HTTP " + std::to_string(answer.status) + ": " + answer.body.substr(0, 300));
        return;
    }
    std::vector<InboxItem> items;
    const auto o = parseObject(answer.body);
    const auto arr = o->getArray("items");
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
        auto it = arr->getObject(static_cast<unsigned>(i));
        items.push_back({it->getValue<Poco::Int64>("seq"), it->getValue<std::string>("type"), toJson(it->getObject("body"))});
    }
    if (l.lastPollError) link_.setPollError(l.labId, std::nullopt);
    link_.applyInbox(l.labId, items);
}

}  // namespace assay::platform
