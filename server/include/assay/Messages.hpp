// Messages: the host's own catalogue entries (assay/Message.hpp), declared here and written, in
// both languages, in server/src/Message.cpp: the problems of fields that
// every module's input shares (JsonReader, assay/Text.hpp, assay/Api.hpp) and the generic errors
// of assay::Error. A module's own messages live beside the module (<module>/domain/*Messages.hpp)
// and reach the catalogue through Module::messages().
#pragma once

#include "assay/Message.hpp"

namespace assay::msg {

// Fields (errors[].problem).
extern const MessageDef kRequired;
extern const MessageDef kRequiredInt;
extern const MessageDef kRequiredId;
extern const MessageDef kRequiredDate;
extern const MessageDef kEmpty;
extern const MessageDef kTooLong;
extern const MessageDef kAtMostChars;
extern const MessageDef kNotString;
extern const MessageDef kNotObject;
extern const MessageDef kIntRange;
extern const MessageDef kIntegerRange;
extern const MessageDef kNotBool;
extern const MessageDef kNotStringArray;
extern const MessageDef kTooManyItems;
extern const MessageDef kUnknownField;
extern const MessageDef kOneOf;
extern const MessageDef kInvalidUtf8;
extern const MessageDef kControlChars;
extern const MessageDef kSingleLine;
extern const MessageDef kNoTab;
extern const MessageDef kNotDate;
extern const MessageDef kNotId;
extern const MessageDef kNotIdShort;
extern const MessageDef kNotDecimal;
extern const MessageDef kDecimalAsString;
extern const MessageDef kNumberOutOfRange;
extern const MessageDef kInFuture;
extern const MessageDef kGreaterThanZero;
extern const MessageDef kPositive;
extern const MessageDef kListedTwice;
extern const MessageDef kMalformedCursor;
extern const MessageDef kRowChanged;
extern const MessageDef kBodyRequired;
extern const MessageDef kBodyMalformed;
extern const MessageDef kBodyNotObject;
// The unified social credit code (assay/Uscc.hpp), shared by organizations and samples.
extern const MessageDef kUsccLength;
extern const MessageDef kUsccCharacter;
extern const MessageDef kUsccDivision;
extern const MessageDef kUsccCheck;

// Details (problem+json detail) of the generic errors.
extern const MessageDef kInvalidFields;
extern const MessageDef kInvalidField;
extern const MessageDef kRuleBroken;
extern const MessageDef kNotFound;
extern const MessageDef kNoRoute;
extern const MessageDef kMethodNotAllowed;
extern const MessageDef kUnauthenticated;
extern const MessageDef kCredentialInvalid;
extern const MessageDef kTooLarge;
extern const MessageDef kForbidden;
extern const MessageDef kInternal;
extern const MessageDef kUnavailable;
extern const MessageDef kStale;

// The titles of problem+json, by status.
extern const MessageDef kTitleBadRequest;
extern const MessageDef kTitleUnauthorized;
extern const MessageDef kTitleForbidden;
extern const MessageDef kTitleNotFound;
extern const MessageDef kTitleMethodNotAllowed;
extern const MessageDef kTitleConflict;
extern const MessageDef kTitlePrecondition;
extern const MessageDef kTitleTooLarge;
extern const MessageDef kTitleUnsupportedMedia;
extern const MessageDef kTitleRule;
extern const MessageDef kTitleUnprocessable;
extern const MessageDef kTitleTooManyRequests;
extern const MessageDef kTitleUnavailable;
extern const MessageDef kTitleInternal;

// The things a 404 names (Error::notFound("sample") -> "找不到样品"): the noun by its English name.
// An unknown name is shown as it is.
const MessageDef* noun(std::string_view english);

}  // namespace assay::msg
