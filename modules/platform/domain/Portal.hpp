// Portal: the SME portal's records (issue 15), on the platform and in each lab.
//
// Purpose: plain data for PortalStore, PortalService (platform side) and LabBookings (lab
// side). A booking's samples, terms, quote and offer are kept as the JSON objects the API
// shows (they are read whole and never queried inside).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace assay::platform {

struct Account {
    std::int64_t id = 0, orgId = 0;
    std::string uscc, companyName, contactName, phone;
    std::int64_t createdAtMs = 0;
};

struct PortalUser {
    std::int64_t userId = 0, accountId = 0;
    std::string email, name;
    bool owner = false;
    std::optional<std::int64_t> verifiedAtMs;
    std::int64_t createdAtMs = 0;
};

struct MailCode {
    std::string email, purpose;  // verify | reset | invite
    std::string codeHash;
    std::optional<std::int64_t> accountId;
    std::optional<std::string> name;
    std::int64_t sentAtMs = 0, expiresAtMs = 0;
    int attempts = 0;
};

// Booking statuses as the SME reads them.
inline constexpr const char* kSubmitted = "submitted";
inline constexpr const char* kBooked = "booked";
inline constexpr const char* kOffered = "offered";
inline constexpr const char* kConfirmed = "confirmed";
inline constexpr const char* kAccepted = "accepted";
inline constexpr const char* kDeclined = "declined";
inline constexpr const char* kCancelled = "cancelled";

struct Booking {
    std::int64_t id = 0, accountId = 0, labRef = 0, createdBy = 0;
    std::string labName;
    std::string status;
    std::string requestJson, quoteJson;
    std::optional<std::string> offerJson, samplesJson, orderCode, dueDate, declineReason;
    bool disclosure = false;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
};

struct BookingEvent {
    std::int64_t atMs = 0;
    std::string kind;
    std::optional<std::string> detail;
};

struct Question {
    std::int64_t id = 0;
    std::string sampleCode, deviation;
    std::optional<std::string> askedBy;
    std::int64_t askedAtMs = 0;
    std::optional<std::string> answer, answeredBy;
    std::optional<std::int64_t> answeredAtMs;
};

struct ThreadMessage {
    std::string fromSide;  // sme | lab
    std::int64_t id = 0;
    std::string author, body;
    std::optional<std::string> attachmentName, attachmentType;
    std::optional<std::int64_t> attachmentSize;
    std::optional<std::string> attachment;  // base64; read only for a download
    std::int64_t atMs = 0;
};

struct BookingReport {
    std::string number, status;
    std::optional<std::string> issueDate, verificationCode, amends;
    std::string sha256;
    std::optional<std::string> pdf;  // base64; read only for a download
    std::int64_t receivedAtMs = 0;
};

// Lab side.
struct LabBooking {
    std::int64_t labId = 0, bookingId = 0;
    std::optional<std::string> orderCode;
    std::string bookingJson;
    std::optional<std::string> offerJson, answerJson, declineReason, problem, publishedState;
    std::string publishedReports;  // "number:status;" for each report state delivered
    bool disclosure = false, open = true;
    std::int64_t createdAtMs = 0;
};

}  // namespace assay::platform
