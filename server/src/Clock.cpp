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

std::optional<std::chrono::sys_days> parseIsoDate(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    auto num = [&](std::size_t a, std::size_t n) {
        int v = 0;
        for (std::size_t i = a; i < a + n; ++i) v = v * 10 + (t[i] - '0');
        return v;
    };
    const std::chrono::year_month_day ymd{std::chrono::year(num(0, 4)), std::chrono::month(static_cast<unsigned>(num(5, 2))),
                                          std::chrono::day(static_cast<unsigned>(num(8, 2)))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd);
}

std::string formatIsoDate(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string addDays(const std::string& isoDate, int days) {
    using namespace std::chrono;
    const year_month_day ymd{year{std::stoi(isoDate.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(isoDate.substr(5, 2)))},
                             day{static_cast<unsigned>(std::stoi(isoDate.substr(8, 2)))}};
    const year_month_day out{sys_days{ymd} + std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                  static_cast<unsigned>(out.day()));
    return buf;
}

std::string isoDateInLab(TimePoint t, int offsetMinutes) {
    return formatIsoDate(std::chrono::floor<std::chrono::days>(t + std::chrono::minutes(offsetMinutes)));
}

}  // namespace assay
