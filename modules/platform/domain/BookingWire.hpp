// BookingWire: the JSON of a booking's messages as they cross the link, both ways, and the
// readers of the fields a booking.* body carries.
//
// Purpose: the platform (PortalService) and the lab (LabBookings) write and read a thread message
// with its attachment the same way. Thread-safety: pure functions.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

#include "domain/Portal.hpp"

namespace assay::platform::wire {

// A field as text ("" when absent or null); the same as an optional; a decimal id (0 when not one).
std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key);
std::optional<std::string> optStr(const Poco::JSON::Object::Ptr& o, const std::string& key);
std::int64_t idOf(const Poco::JSON::Object::Ptr& o, const std::string& key);

// {booking_id, id, author, body, at, attachment?: {name, content_type, size, data}}.
Poco::JSON::Object::Ptr messageBody(std::int64_t bookingId, const ThreadMessage& m);
// The message written by side (sme | lab), received at atMs.
ThreadMessage messageOf(const Poco::JSON::Object::Ptr& body, const std::string& side, std::int64_t atMs);

}  // namespace assay::platform::wire
