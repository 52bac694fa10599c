// Message: every text the server shows a user, as a stable key with named parameters, rendered
// in the reader's language (zh-CN or en) from one catalogue.
//
// Purpose: problem+json details, field problems and rule reasons used to be English sentences
// built where the error was raised. Now a message is raised as its definition (the key and both
// texts, declared once beside the module that owns it) plus its parameters; the text is only made
// when the answer is written, in the language of the request's Accept-Language (zh-CN unless the
// client asks for English). The key travels beside the text as the stable `code`, so a client can
// match on it across versions and languages. Parameters are never formatted into the text by the
// raiser: `{max}` is filled in at rendering.
//
//   // modules/intake/domain/IntakeMessages.hpp, beside the module
//   inline constexpr MessageDef kOrderNotReviewed{"order.not_reviewed",
//       "委托单尚未完成合同评审", "the order has not passed contract review"};
//   // raising it
//   throw Error(ErrorCode::FailedPrecondition, Message(kOrderNotReviewed));
//   errors.push_back({"name", Message(msg::kFieldTooLong, {{"max", 255}})});
//
// The catalogue (MessageCatalogue::global()) lists every definition: the host's own (field and
// generic errors, Messages.cpp) and each module's (Module::messages(); a plugin returns its own
// the same way). Keys are dotted, lower case, unique across modules; a key once published is never
// reused for another meaning. Both texts must exist and carry the same {placeholders}
// (MessageCatalogue::problems, checked by the unit tests and at start-up).
//
// A text not yet converted still works: Message::legacy(text) carries the English sentence, code
// "legacy", and is shown as it is in every language (docs/architecture.md lists what remains).
// Logs stay English (Message::english()).
// Thread-safety: definitions are constants; a Message is a value; the catalogue is filled on the
// start-up thread (add) and only read afterwards.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

// The languages the server writes. zh-CN is the default (API.md "Languages").
enum class Lang { zhCN, en };

// The language of an Accept-Language header: en when the most preferred language the client
// names is English (en, en-US ...), zh-CN otherwise (absent, zh, zh-CN, anything else).
Lang langFromAcceptLanguage(std::string_view header);
const char* langTag(Lang lang);

// One catalogue entry: the stable key and its texts with {name} placeholders.
struct MessageDef {
    const char* key;
    const char* zh;
    const char* en;
    const char* text(Lang lang) const { return lang == Lang::en ? en : zh; }
};

class Message;

// A parameter value: a text shown as it is (a number, a code, a name), or a message rendered in
// the same language (a field problem inside a detail).
struct MessageArg {
    MessageArg(std::string v) : text(std::move(v)) {}  // NOLINT: implicit by design
    MessageArg(const char* v) : text(v) {}              // NOLINT
    MessageArg(std::string_view v) : text(v) {}         // NOLINT
    MessageArg(std::int64_t v) : text(std::to_string(v)) {}  // NOLINT
    MessageArg(int v) : text(std::to_string(v)) {}           // NOLINT
    MessageArg(std::size_t v) : text(std::to_string(v)) {}   // NOLINT
    MessageArg(const Message& m);                            // NOLINT
    std::string text;
    std::shared_ptr<const Message> message;
};

class Message {
public:
    Message() = default;
    Message(const MessageDef& def, std::map<std::string, MessageArg> params = {})  // NOLINT: implicit
        : def_(&def), params_(std::move(params)) {}
    // A sentence not yet in the catalogue: shown as it is in every language, code "legacy".
    static Message legacy(std::string text);

    // The stable code: the key, or "legacy".
    std::string code() const;
    bool isLegacy() const { return def_ == nullptr; }
    const MessageDef* def() const { return def_; }
    const std::map<std::string, MessageArg>& params() const { return params_; }
    bool empty() const { return def_ == nullptr && legacy_.empty(); }

    // The text in lang with every {name} filled in; a placeholder without a parameter stays as is.
    std::string render(Lang lang) const;
    std::string english() const { return render(Lang::en); }

private:
    const MessageDef* def_ = nullptr;
    std::map<std::string, MessageArg> params_;
    std::string legacy_;
};

// The {placeholders} of a text, sorted, each once.
std::vector<std::string> placeholders(std::string_view text);

class MessageCatalogue {
public:
    // The process's catalogue, holding the host's own definitions from the start.
    static MessageCatalogue& global();

    // Adds definitions under an owner (a module id). Errors: std::runtime_error naming both owners
    // when a key is already held by another definition.
    void add(const std::string& owner, const std::vector<const MessageDef*>& defs);
    const MessageDef* find(std::string_view key) const;
    // Every definition by key.
    const std::map<std::string, const MessageDef*, std::less<>>& all() const { return byKey_; }
    // What is wrong with the catalogue: a key not dotted lower case, a text missing in a language,
    // placeholders that differ between the languages. Empty when all is well.
    static std::vector<std::string> problems(const MessageDef& def);
    std::vector<std::string> problems() const;

private:
    std::map<std::string, const MessageDef*, std::less<>> byKey_;
    std::map<std::string, std::string, std::less<>> owner_;
};

// The host's own definitions (assay/Messages.hpp declares them by name).
const std::vector<const MessageDef*>& hostMessages();

}  // namespace assay
