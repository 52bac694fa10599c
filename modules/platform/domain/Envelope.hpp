// Envelope: one message of the platform link, as PLATFORM.md "The link" defines it.
//
// Purpose: {lab, seq, type, occurred_at, key_id, body, signature}. The signature is the lab's
// instance key's ECDSA-SHA256 over canonicalJson() of every other field: keys sorted by their
// bytes, no white space, strings escaped only where JSON must (", \, control characters), whole
// numbers as integers. Both ends compute it with this one function, so a message signs and
// verifies the same whatever order its fields arrived in. Fractional numbers are refused (a body
// carries decimals as strings, like the API).
// Thread-safety: pure functions.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Error.hpp"

namespace assay::platform {

// The message types of the link (issue 14): a lab's catalogue, a report's verification record,
// a key rotation.
inline constexpr const char* kTypeCatalogue = "catalogue";
inline constexpr const char* kTypeReport = "report";
inline constexpr const char* kTypeKeyRotated = "key.rotated";
bool knownType(const std::string& type);

struct Envelope {
    std::int64_t lab = 0;     // the platform's id of the lab (its enrolment)
    std::int64_t seq = 0;     // per lab, 1, 2, 3 ... gap-free
    std::string type;
    std::string occurredAt;   // RFC 3339
    std::string keyId;
    Poco::JSON::Object::Ptr body;
    std::string signature;    // base64 DER ECDSA-SHA256
};

// Throws std::invalid_argument for a fractional number or a value JSON cannot hold.
std::string canonicalJson(const Poco::Dynamic::Var& v);
// The bytes the signature covers.
std::string signedText(const Envelope& e);
// The wire form (canonical, with the signature).
std::string wireJson(const Envelope& e);

struct ParsedEnvelope {
    std::optional<Envelope> envelope;
    std::vector<FieldError> errors;  // by field; empty when envelope is set
};
// Reads a wire envelope; never throws on bad bytes.
ParsedEnvelope parseEnvelope(const std::string& json);
// The same for an envelope already parsed as JSON (one of a batch); field paths get prefix.
ParsedEnvelope parseEnvelope(const Poco::JSON::Object::Ptr& obj, const std::string& prefix = {});

}  // namespace assay::platform
