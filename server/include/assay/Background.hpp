// Background: the long-running tasks modules start in assayd only (never in assayctl).
//
// Purpose: a module that keeps a thread (the platform link's inbox poll, say) adds a task in its
// initialize(); assayd starts every task once the HTTP server listens (so a task may call this
// very server: the lab part of role `both` reaches its platform part over loopback HTTP) and
// stops them before the modules shut down. localUrl() is this server's own base URL
// ("http://127.0.0.1:8080"), empty before it listens.
// Ownership: the host owns it and publishes it in the service registry.
// Thread-safety: add() during start-up only; localUrl() from any thread.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace assay {

class Background {
public:
    struct Task {
        std::string name;
        std::function<void()> start;  // returns promptly (starts its own thread)
        std::function<void()> stop;   // returns once the thread has ended
    };
    void add(Task task) {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    void setLocalUrl(std::string url) {
        std::lock_guard lock(mutex_);
        localUrl_ = std::move(url);
    }
    std::string localUrl() const {
        std::lock_guard lock(mutex_);
        return localUrl_;
    }
    void startAll() {
        std::vector<Task> tasks;
        {
            std::lock_guard lock(mutex_);
            if (started_) return;
            started_ = true;
            tasks = tasks_;
        }
        for (auto& t : tasks) t.start();
    }
    void stopAll() {
        std::vector<Task> tasks;
        {
            std::lock_guard lock(mutex_);
            if (!started_) return;
            started_ = false;
            tasks = tasks_;
        }
        for (auto it = tasks.rbegin(); it != tasks.rend(); ++it) it->stop();
    }

private:
    mutable std::mutex mutex_;
    std::vector<Task> tasks_;
    std::string localUrl_;
    bool started_ = false;
};

}  // namespace assay
