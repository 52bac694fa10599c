// Error: constructors and the code -> HTTP status mapping.
#include "assay/Error.hpp"

namespace assay {

Error::Error(ErrorCode code, std::string publicMessage, std::string internalMessage)
    : std::runtime_error(internalMessage.empty() ? publicMessage : internalMessage),
      code_(code), public_(std::move(publicMessage)), internal_(std::move(internalMessage)) {}

Error Error::invalid(std::vector<FieldError> fields) {
    std::string msg = "the request has invalid fields";
    if (fields.size() == 1) msg = fields[0].field + ": " + fields[0].problem;
    Error e(ErrorCode::InvalidArgument, msg);
    e.fields_ = std::move(fields);
    return e;
}

Error Error::invalidField(const std::string& field, const std::string& problem) {
    return invalid({{field, problem}});
}

Error Error::notFound(const std::string& what) { return Error(ErrorCode::NotFound, what + " not found"); }

Error Error::conflict(const std::string& message, std::vector<std::string> allowed) {
    Error e(ErrorCode::Conflict, message);
    e.allowed_ = std::move(allowed);
    return e;
}

Error Error::rule(const std::string& id, const std::string& reason) { return rules({{id, reason}}); }

Error Error::rules(std::vector<RuleFailure> failures) {
    std::string msg;
    for (const auto& f : failures) {
        if (!msg.empty()) msg += "; ";
        msg += f.id + ": " + f.reason;
    }
    Error e(ErrorCode::RuleViolation, msg);
    e.rules_ = std::move(failures);
    return e;
}

Error Error::methodNotAllowed(const std::string& method, std::vector<std::string> allowed) {
    Error e(ErrorCode::MethodNotAllowed, "method " + method + " is not allowed on this resource");
    e.allowed_ = std::move(allowed);
    return e;
}

Error Error::unauthenticated(const std::string& message) { return Error(ErrorCode::Unauthenticated, message); }

Error Error::forbidden(const std::string& permission) {
    return Error(ErrorCode::PermissionDenied, "this action needs the permission " + permission);
}

Error Error::tooManyRequests(const std::string& message, int retryAfterSeconds) {
    Error e(ErrorCode::TooManyRequests, message);
    e.retry_after_ = retryAfterSeconds;
    return e;
}

Error Error::preconditionFailed(const std::string& message) { return Error(ErrorCode::PreconditionFailed, message); }

Error Error::internal(const std::string& internalMessage) {
    return Error(ErrorCode::Internal, "internal error", internalMessage);
}

Error Error::unavailable(const std::string& internalMessage, int retryAfterSeconds) {
    Error e(ErrorCode::Unavailable, "the database is busy or unavailable; retry later", internalMessage);
    e.retry_after_ = retryAfterSeconds;
    return e;
}

int Error::httpStatus() const noexcept {
    switch (code_) {
        case ErrorCode::InvalidArgument: return 400;
        case ErrorCode::Unauthenticated: return 401;
        case ErrorCode::PermissionDenied: return 403;
        case ErrorCode::NotFound: return 404;
        case ErrorCode::MethodNotAllowed: return 405;
        case ErrorCode::Conflict: return 409;
        case ErrorCode::PreconditionFailed: return 412;
        case ErrorCode::PayloadTooLarge: return 413;
        case ErrorCode::UnsupportedMedia: return 415;
        case ErrorCode::RuleViolation: return 422;
        case ErrorCode::FailedPrecondition: return 422;
        case ErrorCode::TooManyRequests: return 429;
        case ErrorCode::Unavailable: return 503;
        case ErrorCode::Internal: return 500;
    }
    return 500;
}

const char* Error::title(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::InvalidArgument: return "Bad Request";
        case ErrorCode::Unauthenticated: return "Unauthorized";
        case ErrorCode::PermissionDenied: return "Forbidden";
        case ErrorCode::NotFound: return "Not Found";
        case ErrorCode::MethodNotAllowed: return "Method Not Allowed";
        case ErrorCode::Conflict: return "Conflict";
        case ErrorCode::PreconditionFailed: return "Precondition Failed";
        case ErrorCode::PayloadTooLarge: return "Payload Too Large";
        case ErrorCode::UnsupportedMedia: return "Unsupported Media Type";
        case ErrorCode::RuleViolation: return "Rule Violation";
        case ErrorCode::FailedPrecondition: return "Unprocessable Entity";
        case ErrorCode::TooManyRequests: return "Too Many Requests";
        case ErrorCode::Unavailable: return "Service Unavailable";
        case ErrorCode::Internal: return "Internal Server Error";
    }
    return "Error";
}

}  // namespace assay
