// Log: structured, one-JSON-object-per-line logging.
//
// Purpose: every line carries ts, level, event and the request id when there is one. Callers
// pass key/value fields; secrets (passwords, tokens, API keys) must never be passed as fields,
// and Log::redactUrl() masks the password in database URLs.
// Thread-safety: safe from any thread; lines are written whole.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>

namespace assay {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

class Log {
public:
    using Fields = std::initializer_list<std::pair<const char*, std::string>>;
    static void setLevel(LogLevel level);
    static bool parseLevel(const std::string& text, LogLevel& out);
    static void debug(const std::string& event, Fields fields = {});
    static void info(const std::string& event, Fields fields = {});
    static void warn(const std::string& event, Fields fields = {});
    static void error(const std::string& event, Fields fields = {});
    static void write(LogLevel level, const std::string& event, Fields fields);
};

}  // namespace assay
