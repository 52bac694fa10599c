// Instrument: records of shared instruments and their bookings (issue 16), on the platform and in
// the owning lab. Plain data for InstrumentStore, InstrumentBookings and LabInstruments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace assay::platform {

// Platform side: an instrument as its lab published it.
struct PublishedInstrument {
    std::int64_t labRef = 0, key = 0;  // key: the lab's equipment id
    std::string labName, name;
    std::string dataJson;              // terms and facts (JSON)
    bool usableToday = false, approvalRequired = false;
    std::optional<std::string> usableThrough;
};

struct InstrumentBooking {
    std::int64_t id = 0, labRef = 0, instrumentKey = 0, userId = 0;
    std::string userName, userKind, orgName;  // userKind: sme | lab
    std::int64_t startMs = 0, endMs = 0;
    int samples = 0;
    std::string fee, contractRef;
    std::optional<std::string> note;
    std::string status;  // requested | confirmed | declined | cancelled | in_use | no_show | completed
    bool lateCancel = false;
    std::optional<std::string> reason, serviceRecordJson;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
};

// Lab side.
struct SharedInstrument {
    std::int64_t labId = 0, equipmentId = 0;
    std::string termsJson;
    bool active = true;
    std::int64_t updatedAtMs = 0;
};

struct LabInstrumentBooking {
    std::int64_t labId = 0, bookingId = 0, equipmentId = 0;
    std::string bookingJson, status;
    std::int64_t startMs = 0, endMs = 0;
    std::optional<std::string> serviceRecordJson;
    std::int64_t updatedAtMs = 0;
};

}  // namespace assay::platform
