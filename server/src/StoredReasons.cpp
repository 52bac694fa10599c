// StoredReasons: verdicts as JSON text and back (assay/StoredReasons.hpp).
#include "assay/StoredReasons.hpp"

#include <Poco/JSON/Parser.h>

#include <sstream>

#include "assay/Text.hpp"

namespace assay {

namespace {
Poco::JSON::Object::Ptr toJson(const Message& m) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    if (m.isLegacy()) {
        o->set("t", m.english());
        return o;
    }
    o->set("k", std::string(m.def()->key));
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    for (const auto& [name, arg] : m.params()) {
        if (arg.message) params->set(name, toJson(*arg.message));
        else params->set(name, arg.text);
    }
    o->set("p", params);
    o->set("en", m.english());
    return o;
}

Message fromJson(const Poco::JSON::Object::Ptr& o) {
    if (!o->has("k")) return Message::legacy(o->optValue<std::string>("t", ""));
    const MessageDef* def = MessageCatalogue::global().find(o->getValue<std::string>("k"));
    if (!def) return Message::legacy(o->optValue<std::string>("en", ""));
    std::map<std::string, MessageArg> params;
    if (auto p = o->getObject("p"))
        for (const auto& [name, value] : *p) {
            if (value.type() == typeid(Poco::JSON::Object::Ptr)) params.emplace(name, MessageArg(fromJson(value.extract<Poco::JSON::Object::Ptr>())));
            else params.emplace(name, MessageArg(value.toString()));
        }
    return Message(*def, std::move(params));
}

// An English text as written before: "R1: reason; R13: reason".
std::vector<StoredReason> loadLegacy(std::string_view text) {
    std::vector<StoredReason> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find("; R", start);
        if (end == std::string_view::npos) end = text.size();
        std::string part(text.substr(start, end - start));
        std::string rule;
        const auto colon = part.find(": ");
        if (part.size() > 1 && part[0] == 'R' && colon != std::string::npos && colon <= 4) {
            rule = part.substr(0, colon);
            part = part.substr(colon + 2);
        }
        out.push_back({rule, Message::legacy(part)});
        start = end + 2;
    }
    return out;
}
}  // namespace

std::string storeReasons(const std::vector<StoredReason>& reasons, std::size_t maxChars) {
    Poco::JSON::Array list;
    for (const auto& r : reasons) {
        Poco::JSON::Object::Ptr o = toJson(r.message);
        if (!r.rule.empty()) o->set("rule", r.rule);
        list.add(o);
    }
    std::ostringstream out;
    list.stringify(out);
    std::string json = out.str();
    if (chars(json) <= maxChars) return json;
    return clip(renderReasons(reasons, Lang::en), maxChars);
}

std::vector<StoredReason> loadReasons(std::string_view stored) {
    if (stored.empty()) return {};
    if (stored.front() != '[') return loadLegacy(stored);
    try {
        Poco::JSON::Parser parser;
        auto list = parser.parse(std::string(stored)).extract<Poco::JSON::Array::Ptr>();
        std::vector<StoredReason> out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto o = list->getObject(static_cast<unsigned>(i));
            if (!o) continue;
            out.push_back({o->optValue<std::string>("rule", ""), fromJson(o)});
        }
        return out;
    } catch (const Poco::Exception&) {
        return loadLegacy(stored);
    }
}

std::string renderReasons(const std::vector<StoredReason>& reasons, Lang lang) {
    std::string out;
    for (const auto& r : reasons) {
        if (!out.empty()) out += "; ";
        if (!r.rule.empty()) out += r.rule + ": ";
        out += r.message.render(lang);
    }
    return out;
}

}  // namespace assay
