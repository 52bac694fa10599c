// Error: the one exception type of Assay.
//
// Purpose: every failure that can reach a client is an assay::Error with a code. The dispatcher
// (and only the dispatcher) catches it and renders application/problem+json. The public message
// is shown to the client; the internal message is only logged. Validation errors carry every
// {field, problem} at once; rule violations carry the rule ids (R1..R40) with their reasons;
// an illegal state transition carries the allowed transitions.
// Every text a client reads is a Message (assay/Message.hpp): a catalogue key with parameters,
// rendered by the dispatcher in the request's language. The string forms (Error(code, "text"),
// {field, "text"}) still compile and are carried as Message::legacy (code "legacy") until their
// module is converted; publicMessage() and FieldError::problem hold the English text (logs,
// tests).
// Thread-safety: a value type; safe to copy between threads.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "assay/Message.hpp"

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
    FieldError(std::string f, std::string legacyProblem)
        : field(std::move(f)), problem(std::move(legacyProblem)), message(Message::legacy(problem)) {}
    FieldError(std::string f, const char* legacyProblem) : FieldError(std::move(f), std::string(legacyProblem)) {}
    FieldError(std::string f, Message m) : field(std::move(f)), problem(m.english()), message(std::move(m)) {}
    FieldError(std::string f, const MessageDef& def) : FieldError(std::move(f), Message(def)) {}
    std::string field;
    std::string problem;  // English, as before (logs, tests); the client reads message rendered
    Message message;
};

struct RuleFailure {
    RuleFailure(std::string i, std::string legacyReason)
        : id(std::move(i)), reason(std::move(legacyReason)), message(Message::legacy(reason)) {}
    RuleFailure(std::string i, const char* legacyReason) : RuleFailure(std::move(i), std::string(legacyReason)) {}
    RuleFailure(std::string i, Message m) : id(std::move(i)), reason(m.english()), message(std::move(m)) {}
    RuleFailure(std::string i, const MessageDef& def) : RuleFailure(std::move(i), Message(def)) {}
    std::string id;      // "R10"
    std::string reason;  // English
    Message message;
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string publicMessage, std::string internalMessage = {});
    Error(ErrorCode code, Message detail, std::string internalMessage = {});

    static Error invalid(std::vector<FieldError> fields);
    static Error invalidField(const std::string& field, const std::string& problem);
    static Error invalidField(const std::string& field, Message problem);
    // "<what> not found"; what is the English name of the thing ("sample"), shown in Chinese
    // when the catalogue knows the noun (msg::noun).
    static Error notFound(const std::string& what);
    static Error conflict(const std::string& message, std::vector<std::string> allowed = {});
    static Error conflict(Message message, std::vector<std::string> allowed = {});
    static Error rule(const std::string& id, const std::string& reason);
    static Error rule(const std::string& id, Message reason);
    static Error rules(std::vector<RuleFailure> failures);
    static Error methodNotAllowed(const std::string& method, std::vector<std::string> allowed);
    static Error unauthenticated();
    static Error unauthenticated(const std::string& message);
    static Error unauthenticated(Message message);
    static Error forbidden(const std::string& permission);
    static Error tooManyRequests(const std::string& message, int retryAfterSeconds);
    static Error tooManyRequests(Message message, int retryAfterSeconds);
    static Error preconditionFailed(const std::string& message);
    static Error preconditionFailed(Message message);
    // A business precondition (422) that is not a numbered rule.
    static Error failedPrecondition(Message message);
    static Error internal(const std::string& internalMessage);
    static Error unavailable(const std::string& internalMessage, int retryAfterSeconds = 1);

    ErrorCode code() const noexcept { return code_; }
    const std::string& publicMessage() const noexcept { return public_; }  // English
    const Message& message() const noexcept { return detail_; }
    // The detail as the client reads it, and its stable code.
    std::string detail(Lang lang) const;
    std::string detailCode() const;
    const std::string& internalMessage() const noexcept { return internal_; }
    const std::vector<FieldError>& fieldErrors() const noexcept { return fields_; }
    const std::vector<RuleFailure>& ruleFailures() const noexcept { return rules_; }
    const std::vector<std::string>& allowed() const noexcept { return allowed_; }
    int retryAfterSeconds() const noexcept { return retry_after_; }

    int httpStatus() const noexcept;
    static const char* title(ErrorCode code) noexcept;  // English (also the type URN's slug)
    static const MessageDef& titleMessage(ErrorCode code) noexcept;

private:
    ErrorCode code_;
    std::string public_;
    Message detail_;
    std::string internal_;
    std::vector<FieldError> fields_;
    std::vector<RuleFailure> rules_;
    std::vector<std::string> allowed_;
    int retry_after_ = 0;
};

}  // namespace assay
