// InstrumentSweeper: lapses shared-instrument bookings not started within the grace period
// (InstrumentBookings::sweep) once a minute, on every platform node (each lapse is a conditional
// update, so nodes never lapse one booking twice). Started by assayd as a background task.
// Thread-safety: start/stop from one thread; the loop runs on its own.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "assay/Log.hpp"
#include "domain/InstrumentBookings.hpp"

namespace assay::platform {

class InstrumentSweeper {
public:
    explicit InstrumentSweeper(InstrumentBookings& bookings, int periodMs = 60000) : bookings_(bookings), periodMs_(periodMs) {}
    ~InstrumentSweeper() { stop(); }
    void start() {
        stop_ = false;
        thread_ = std::thread([this] {
            do {
                try {
                    if (const int n = bookings_.sweep(); n > 0) Log::info("platform.instrument_no_shows", {{"lapsed", std::to_string(n)}});
                } catch (const std::exception& e) {
                    Log::warn("platform.instrument_sweep_failed", {{"error", e.what()}});
                }
            } while (sleep());
        });
    }
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

private:
    bool sleep() {
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, std::chrono::milliseconds(periodMs_), [&] { return stop_.load(); });
        return !stop_;
    }
    InstrumentBookings& bookings_;
    int periodMs_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::thread thread_;
};

}  // namespace assay::platform
