// Error: the one exception type of Assay.
//
// Purpose: every failure that can reach a client is an assay::Error with a code. The dispatcher
// (and only the dispatcher) catches it and renders application/problem+json. The public message
// is shown to the client; the internal message is only logged. Validation errors carry every
// {field, problem} at once; rule violations carry the rule ids (R1..R40) with their reasons;
// an illegal state transition carries the allowed transitions.
// Thread-safety: a value type; safe to copy between threads.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace assay {

enum class ErrorCode {
    InvalidArgument,     // 400
    Unauthenticated,     // 401
    PermissionDenied,    // 403
    NotFound,            // 404 (also: belongs to another organization)
    MethodNotAllowed,    // 405
    Conflict,            // 409 (illegal state transition, duplicate)
    PreconditionFailed,  // 412 (stale etag)
    PayloadTooLarge,     // 413
    UnsupportedMedia,    // 415
    RuleViolation,       // 422
    FailedPrecondition,  // 422 (business precondition that is not a numbered rule)
    TooManyRequests,     // 429
    Unavailable,         // 503
    Internal             // 500
};

struct FieldError {
    std::string field;
    std::string problem;
};

struct RuleFailure {
    std::string id;      // "R10"
    std::string reason;
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string publicMessage, std::string internalMessage = {});

    static Error invalid(std::vector<FieldError> fields);
    static Error invalidField(const std::string& field, const std::string& problem);
    static Error notFound(const std::string& what);
    static Error conflict(const std::string& message, std::vector<std::string> allowed = {});
    static Error rule(const std::string& id, const std::string& reason);
    static Error rules(std::vector<RuleFailure> failures);
    static Error methodNotAllowed(const std::string& method, std::vector<std::string> allowed);
    static Error unauthenticated(const std::string& message = "authentication required");
    static Error forbidden(const std::string& permission);
    static Error tooManyRequests(const std::string& message, int retryAfterSeconds);
    static Error preconditionFailed(const std::string& message);
    static Error internal(const std::string& internalMessage);
    static Error unavailable(const std::string& internalMessage, int retryAfterSeconds = 1);

    ErrorCode code() const noexcept { return code_; }
    const std::string& publicMessage() const noexcept { return public_; }
    const std::string& internalMessage() const noexcept { return internal_; }
    const std::vector<FieldError>& fieldErrors() const noexcept { return fields_; }
    const std::vector<RuleFailure>& ruleFailures() const noexcept { return rules_; }
    const std::vector<std::string>& allowed() const noexcept { return allowed_; }
    int retryAfterSeconds() const noexcept { return retry_after_; }

    int httpStatus() const noexcept;
    static const char* title(ErrorCode code) noexcept;

private:
    ErrorCode code_;
    std::string public_;
    std::string internal_;
    std::vector<FieldError> fields_;
    std::vector<RuleFailure> rules_;
    std::vector<std::string> allowed_;
    int retry_after_ = 0;
};

}  // namespace assay
