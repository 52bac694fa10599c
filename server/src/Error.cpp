// Error: constructors and the code -> HTTP status mapping.
#include "assay/Error.hpp"

#include "assay/Messages.hpp"

namespace assay {

Error::Error(ErrorCode code, std::string publicMessage, std::string internalMessage)
    : std::runtime_error(internalMessage.empty() ? publicMessage : internalMessage),
      code_(code), public_(std::move(publicMessage)), detail_(Message::legacy(public_)),
      internal_(std::move(internalMessage)) {}

Error::Error(ErrorCode code, Message detail, std::string internalMessage)
    : Error(code, detail.english(), std::move(internalMessage)) {
    detail_ = std::move(detail);
}

std::string Error::detail(Lang lang) const {
    if (rules_.size() > 1) {
        std::string out;
        for (const auto& f : rules_) {
            if (!out.empty()) out += lang == Lang::en ? "; " : "；";
            out += Message(msg::kRuleBroken, {{"id", f.id}, {"reason", f.message}}).render(lang);
        }
        return out;
    }
    return detail_.render(lang);
}

std::string Error::detailCode() const {
    if (rules_.size() > 1) return msg::kRuleBroken.key;
    return detail_.code();
}

Error Error::invalid(std::vector<FieldError> fields) {
    Error e(ErrorCode::InvalidArgument,
            fields.size() == 1 ? Message(msg::kInvalidField, {{"field", fields[0].field}, {"problem", fields[0].message}})
                               : Message(msg::kInvalidFields));
    e.fields_ = std::move(fields);
    return e;
}

Error Error::invalidField(const std::string& field, const std::string& problem) {
    return invalid({FieldError(field, problem)});
}

Error Error::invalidField(const std::string& field, Message problem) {
    return invalid({FieldError(field, std::move(problem))});
}

Error Error::notFound(const std::string& what) {
    const MessageDef* noun = msg::noun(what);
    return Error(ErrorCode::NotFound, Message(msg::kNotFound, {{"what", noun ? MessageArg(Message(*noun)) : MessageArg(what)}}));
}

Error Error::conflict(const std::string& message, std::vector<std::string> allowed) {
    Error e(ErrorCode::Conflict, message);
    e.allowed_ = std::move(allowed);
    return e;
}

Error Error::conflict(Message message, std::vector<std::string> allowed) {
    Error e(ErrorCode::Conflict, std::move(message));
    e.allowed_ = std::move(allowed);
    return e;
}

Error Error::rule(const std::string& id, const std::string& reason) { return rules({RuleFailure(id, reason)}); }

Error Error::rule(const std::string& id, Message reason) { return rules({RuleFailure(id, std::move(reason))}); }

Error Error::rules(std::vector<RuleFailure> failures) {
    std::string msg;
    for (const auto& f : failures) {
        if (!msg.empty()) msg += "; ";
        msg += f.id + ": " + f.reason;
    }
    Error e(ErrorCode::RuleViolation, msg);
    if (failures.size() == 1)
        e.detail_ = Message(msg::kRuleBroken, {{"id", failures[0].id}, {"reason", failures[0].message}});
    e.rules_ = std::move(failures);
    return e;
}

Error Error::methodNotAllowed(const std::string& method, std::vector<std::string> allowed) {
    Error e(ErrorCode::MethodNotAllowed, Message(msg::kMethodNotAllowed, {{"method", method}}));
    e.allowed_ = std::move(allowed);
    return e;
}

Error Error::unauthenticated() { return Error(ErrorCode::Unauthenticated, Message(msg::kUnauthenticated)); }

Error Error::unauthenticated(const std::string& message) { return Error(ErrorCode::Unauthenticated, message); }

Error Error::unauthenticated(Message message) { return Error(ErrorCode::Unauthenticated, std::move(message)); }

Error Error::forbidden(const std::string& permission) {
    return Error(ErrorCode::PermissionDenied, Message(msg::kForbidden, {{"permission", permission}}));
}

Error Error::tooManyRequests(const std::string& message, int retryAfterSeconds) {
    Error e(ErrorCode::TooManyRequests, message);
    e.retry_after_ = retryAfterSeconds;
    return e;
}

Error Error::tooManyRequests(Message message, int retryAfterSeconds) {
    Error e(ErrorCode::TooManyRequests, std::move(message));
    e.retry_after_ = retryAfterSeconds;
    return e;
}

Error Error::preconditionFailed(const std::string& message) { return Error(ErrorCode::PreconditionFailed, message); }

Error Error::preconditionFailed(Message message) { return Error(ErrorCode::PreconditionFailed, std::move(message)); }

Error Error::failedPrecondition(Message message) { return Error(ErrorCode::FailedPrecondition, std::move(message)); }

Error Error::internal(const std::string& internalMessage) {
    return Error(ErrorCode::Internal, Message(msg::kInternal), internalMessage);
}

Error Error::unavailable(const std::string& internalMessage, int retryAfterSeconds) {
    Error e(ErrorCode::Unavailable, Message(msg::kUnavailable), internalMessage);
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

const MessageDef& Error::titleMessage(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::InvalidArgument: return msg::kTitleBadRequest;
        case ErrorCode::Unauthenticated: return msg::kTitleUnauthorized;
        case ErrorCode::PermissionDenied: return msg::kTitleForbidden;
        case ErrorCode::NotFound: return msg::kTitleNotFound;
        case ErrorCode::MethodNotAllowed: return msg::kTitleMethodNotAllowed;
        case ErrorCode::Conflict: return msg::kTitleConflict;
        case ErrorCode::PreconditionFailed: return msg::kTitlePrecondition;
        case ErrorCode::PayloadTooLarge: return msg::kTitleTooLarge;
        case ErrorCode::UnsupportedMedia: return msg::kTitleUnsupportedMedia;
        case ErrorCode::RuleViolation: return msg::kTitleRule;
        case ErrorCode::FailedPrecondition: return msg::kTitleUnprocessable;
        case ErrorCode::TooManyRequests: return msg::kTitleTooManyRequests;
        case ErrorCode::Unavailable: return msg::kTitleUnavailable;
        case ErrorCode::Internal: return msg::kTitleInternal;
    }
    return msg::kTitleInternal;
}

}  // namespace assay
