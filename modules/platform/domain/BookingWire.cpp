// BookingWire: booking messages on the link.
#include "domain/BookingWire.hpp"

#include "assay/Clock.hpp"
#include "assay/Json.hpp"

namespace assay::platform::wire {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) && !o->isNull(key) ? o->get(key).toString() : "";
}

std::optional<std::string> optStr(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key)) return std::nullopt;
    return o->get(key).toString();
}

std::int64_t idOf(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    const std::string s = str(o, key);
    if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(s);
}

Poco::JSON::Object::Ptr messageBody(std::int64_t bookingId, const ThreadMessage& m) {
    auto body = makeObject();
    body->set("booking_id", std::to_string(bookingId));
    body->set("id", std::to_string(m.id));
    body->set("author", m.author);
    body->set("body", m.body);
    body->set("at", formatRfc3339(fromEpochMillis(m.atMs)));
    if (m.attachment) {
        auto a = makeObject();
        a->set("name", m.attachmentName.value_or("attachment"));
        a->set("content_type", m.attachmentType.value_or("application/octet-stream"));
        a->set("size", m.attachmentSize.value_or(0));
        a->set("data", *m.attachment);
        body->set("attachment", a);
    }
    return body;
}

ThreadMessage messageOf(const Poco::JSON::Object::Ptr& body, const std::string& side, std::int64_t atMs) {
    ThreadMessage m;
    m.fromSide = side;
    m.id = idOf(body, "id");
    m.author = str(body, "author");
    m.body = str(body, "body");
    m.atMs = atMs;
    if (body->has("attachment") && !body->isNull("attachment")) {
        auto a = body->getObject("attachment");
        m.attachmentName = str(a, "name");
        m.attachmentType = str(a, "content_type");
        m.attachmentSize = a->optValue<std::int64_t>("size", 0);
        m.attachment = str(a, "data");
    }
    return m;
}

}  // namespace assay::platform::wire
