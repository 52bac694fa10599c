// Envelope: canonical JSON, and reading a wire envelope with every bad field named.
#include "domain/Envelope.hpp"

#include <set>
#include <Poco/JSON/Array.h>

#include <cstdio>
#include <map>
#include <stdexcept>

#include "assay/Json.hpp"
#include "assay/Messages.hpp"
#include "domain/PlatformMessages.hpp"

namespace assay::platform {

namespace {
void appendString(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

void append(std::string& out, const Poco::Dynamic::Var& v) {
    if (v.isEmpty()) {
        out += "null";
    } else if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        auto o = v.extract<Poco::JSON::Object::Ptr>();
        std::map<std::string, Poco::Dynamic::Var> sorted;
        for (const auto& [k, val] : *o) sorted.emplace(k, val);
        out += '{';
        bool first = true;
        for (const auto& [k, val] : sorted) {
            if (!first) out += ',';
            first = false;
            appendString(out, k);
            out += ':';
            append(out, val);
        }
        out += '}';
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        auto a = v.extract<Poco::JSON::Array::Ptr>();
        out += '[';
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (i) out += ',';
            append(out, a->get(i));
        }
        out += ']';
    } else if (v.isString()) {
        appendString(out, v.extract<std::string>());
    } else if (v.isBoolean()) {
        out += v.extract<bool>() ? "true" : "false";
    } else if (v.isInteger()) {
        out += v.isSigned() ? std::to_string(v.convert<Poco::Int64>()) : std::to_string(v.convert<Poco::UInt64>());
    } else {
        throw std::invalid_argument("canonical JSON holds no fractional numbers");
    }
}

Poco::JSON::Object::Ptr signedObject(const Envelope& e) {
    auto o = makeObject();
    o->set("lab", std::to_string(e.lab));
    o->set("seq", static_cast<Poco::Int64>(e.seq));
    o->set("type", e.type);
    o->set("occurred_at", e.occurredAt);
    o->set("key_id", e.keyId);
    o->set("body", e.body ? e.body : makeObject());
    return o;
}
}  // namespace

bool knownType(const std::string& type) {
    static const std::set<std::string> kBooking{"booking.registered", "booking.declined", "booking.offer", "booking.state",
                                                "booking.question",   "booking.message",  "booking.report",
                                                "instrument_booking.decided", "instrument_booking.started", "instrument_booking.completed",
                                                "instrument_suspension.lifted"};
    return type == kTypeCatalogue || type == kTypeReport || type == kTypeKeyRotated || kBooking.count(type) != 0;
}

std::string canonicalJson(const Poco::Dynamic::Var& v) {
    std::string out;
    append(out, v);
    return out;
}

std::string signedText(const Envelope& e) { return canonicalJson(signedObject(e)); }

std::string wireJson(const Envelope& e) {
    auto o = signedObject(e);
    o->set("signature", e.signature);
    return canonicalJson(o);
}

ParsedEnvelope parseEnvelope(const std::string& json) {
    Poco::JSON::Object::Ptr obj;
    try {
        obj = parseObject(json);
    } catch (const Error& err) {
        ParsedEnvelope out;
        out.errors = err.fieldErrors().empty() ? std::vector<FieldError>{{"body", assay::msg::kBodyMalformed}} : err.fieldErrors();
        return out;
    } catch (const std::exception&) {
        ParsedEnvelope out;
        out.errors.push_back({"body", assay::msg::kBodyMalformed});
        return out;
    }
    return parseEnvelope(obj);
}

ParsedEnvelope parseEnvelope(const Poco::JSON::Object::Ptr& obj, const std::string& prefix) {
    ParsedEnvelope out;
    if (!obj) {
        out.errors.push_back({prefix.empty() ? "body" : prefix, msg::kBodyObject});
        return out;
    }
    JsonReader r(obj, prefix);
    Envelope e;
    const std::string lab = r.requiredString("lab", 20);
    const auto seq = r.requiredInt("seq", 1, 9007199254740991LL);
    e.type = r.requiredString("type", 64);
    e.occurredAt = r.requiredString("occurred_at", 40);
    e.keyId = r.requiredString("key_id", 64);
    e.signature = r.requiredString("signature", 200);
    r.allow("body");
    auto errors = r.errors();
    const auto path = [&](const std::string& k) { return prefix.empty() ? k : prefix + "." + k; };
    try {
        e.lab = std::stoll(lab);
        if (e.lab <= 0 || std::to_string(e.lab) != lab) throw std::invalid_argument("lab");
    } catch (const std::exception&) {
        if (!lab.empty()) errors.push_back({path("lab"), msg::kLabId});
    }
    if (!e.type.empty() && !knownType(e.type)) errors.push_back({path("type"), Message(msg::kUnknownType, {{"type", e.type}})});
    if (!obj->has("body") || obj->getObject("body").isNull()) {
        errors.push_back({path("body"), msg::kBodyObject});
    } else {
        e.body = obj->getObject("body");
        try {
            canonicalJson(e.body);
        } catch (const std::invalid_argument&) {
            errors.push_back({path("body"), msg::kBodyNoFractions});
        }
    }
    for (const auto& [k, v] : *obj) {
        (void)v;
        if (k != "lab" && k != "seq" && k != "type" && k != "occurred_at" && k != "key_id" && k != "signature" && k != "body")
            errors.push_back({path(k), assay::msg::kUnknownField});
    }
    if (!errors.empty()) {
        out.errors = std::move(errors);
        return out;
    }
    e.seq = *seq;
    out.envelope = std::move(e);
    return out;
}

}  // namespace assay::platform
