// Clock: RFC 3339 formatting and epoch conversions.
#include "assay/Clock.hpp"

#include <cstdio>
#include <ctime>

namespace assay {

std::int64_t toEpochMillis(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint fromEpochMillis(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

std::string formatRfc3339(TimePoint t, int offsetMinutes) {
    const std::int64_t secs = toEpochMillis(t) / 1000 + std::int64_t(offsetMinutes) * 60;
    std::time_t tt = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[80];
    const int off = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  offsetMinutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

}  // namespace assay
