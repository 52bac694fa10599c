// Clock: the injected source of "now".
//
// Purpose: calibration due dates, signing times, token expiry and report dates must be testable,
// so nothing in Assay calls the system clock directly; it asks a Clock&. SystemClock is the
// production clock; FakeClock (tests/support) is set by tests.
// Thread-safety: implementations must be safe to call from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace assay {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// RFC 3339 with an explicit offset, e.g. 2026-11-25T09:30:00+08:00. Assay shows times in the lab's
// zone (China Standard Time, +08:00, has no DST) and stores them as UTC epoch milliseconds.
std::string formatRfc3339(TimePoint t, int offsetMinutes = 480);
// A calendar date "YYYY-MM-DD" (a real date: no 2026-02-30). Empty when malformed.
std::optional<std::chrono::sys_days> parseIsoDate(std::string_view text);
std::string formatIsoDate(std::chrono::sys_days d);
// The lab's calendar date (UTC+08:00) of a time point.
std::string isoDateInLab(TimePoint t, int offsetMinutes = 480);
// A calendar date (YYYY-MM-DD, valid) moved by days (negative: back).
std::string addDays(const std::string& isoDate, int days);
std::int64_t toEpochMillis(TimePoint t);
TimePoint fromEpochMillis(std::int64_t ms);

}  // namespace assay
