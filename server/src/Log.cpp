// Log: JSON lines on stderr.
#include "assay/Log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include <Poco/JSON/Object.h>

#include "assay/Clock.hpp"
#include "assay/Json.hpp"

namespace assay {

namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::Info)};
std::mutex g_mutex;
const char* name(LogLevel l) {
    switch (l) {
        case LogLevel::Debug: return "debug";
        case LogLevel::Info: return "info";
        case LogLevel::Warn: return "warn";
        case LogLevel::Error: return "error";
    }
    return "info";
}
}  // namespace

void Log::setLevel(LogLevel level) { g_level = static_cast<int>(level); }

bool Log::parseLevel(const std::string& text, LogLevel& out) {
    for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error}) {
        if (text == name(l)) {
            out = l;
            return true;
        }
    }
    return false;
}

void Log::write(LogLevel level, const std::string& event, Fields fields) {
    if (static_cast<int>(level) < g_level.load()) return;
    auto obj = makeObject();
    obj->set("ts", formatRfc3339(std::chrono::system_clock::now(), 0));
    obj->set("level", name(level));
    obj->set("event", event);
    for (const auto& [k, v] : fields) obj->set(k, v);
    const std::string line = toJson(obj) + "\n";
    std::lock_guard lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

void Log::debug(const std::string& e, Fields f) { write(LogLevel::Debug, e, f); }
void Log::info(const std::string& e, Fields f) { write(LogLevel::Info, e, f); }
void Log::warn(const std::string& e, Fields f) { write(LogLevel::Warn, e, f); }
void Log::error(const std::string& e, Fields f) { write(LogLevel::Error, e, f); }

}  // namespace assay
