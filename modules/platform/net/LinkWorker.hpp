// LinkWorker: the lab side's two threads of the link (assayd only, through assay::Background).
//
// Purpose: the publisher enqueues a lab's catalogue snapshot when it changed or the day turned
// (LinkService::publishDue, every second); the poller long-polls each link's inbox on the
// platform (signed request, PlatformService::inboxSignedText) and applies what comes, each item
// once (LinkService::applyInbox). Both stop within about a second of stop().
// Thread-safety: start()/stop() from one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/LinkService.hpp"

namespace assay::platform {

class LinkWorker {
public:
    explicit LinkWorker(LinkService& link) : link_(link) {}
    ~LinkWorker() { stop(); }
    void start();
    void stop();

private:
    void publishLoop();
    void pollLoop();
    void pollOnce(const Link& l);
    bool sleepFor(int ms);  // false once stopping

    LinkService& link_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::thread publisher_, poller_;
};

}  // namespace assay::platform
