// Instruments: the terms a lab shares an instrument on (大型仪器开放共享, issue 16) and the rules a
// booking of it follows (R40), as pure functions.
//
// Purpose: the lab's manager states the terms (description, techniques, typical parameters, the
// fee schedule per hour and per sample with member and non-member rates, the weekly bookable
// windows and their exceptions, who operates it, the training a user needs, whether each booking
// needs the lab's approval); they are checked here, stored and published as JSON, and read back
// here on the platform to check a booking: whole half hours on one day in the lab's time
// (UTC+08:00), every half hour inside a bookable window of that day, the fee from the published
// schedule. Thread-safety: pure functions.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/Error.hpp"

namespace assay::platform {

inline constexpr int kSlotMinutes = 30;

struct Window {
    int fromMin = 0, toMin = 0;  // minutes after midnight, lab time; whole half hours
};

// The terms, normalized, with every bad field named (`fees.per_hour.member`, `weekly[2].to` ...).
// Errors: Error::invalid.
Poco::JSON::Object::Ptr readInstrumentTerms(const Poco::JSON::Object::Ptr& body);

// The bookable windows of date (YYYY-MM-DD) under terms: the exceptions of that date if any, else
// the weekly pattern of its weekday.
std::vector<Window> windowsOn(const Poco::JSON::Object::Ptr& terms, const std::string& date);

// "HH:MM" on the half hour -> minutes; none when malformed or not on a half hour.
std::optional<int> minutesOf(const std::string& hhmm);
std::string hhmm(int minutes);

// Epoch milliseconds of date at minutes (lab time, UTC+08:00).
std::int64_t labMillis(const std::string& date, int minutes);

// The fee of hours and samples from the schedule; none when the schedule prices neither.
// member: the member rate (a lab of the platform) instead of the non-member one.
std::optional<Decimal> feeOf(const Poco::JSON::Object::Ptr& terms, int halfHours, int samples, bool member);

}  // namespace assay::platform
