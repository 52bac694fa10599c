// Instruments: shared instruments' terms, windows and fees.
#include "domain/Instruments.hpp"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <regex>

#include "assay/Clock.hpp"
#include "assay/Api.hpp"
#include "assay/Json.hpp"
#include "assay/Messages.hpp"
#include "domain/InstrumentMessages.hpp"

namespace assay::platform {

std::optional<int> minutesOf(const std::string& s) {
    static const std::regex kTime("^([01][0-9]|2[0-4]):([0-5][0-9])$");
    std::smatch m;
    if (!std::regex_match(s, m, kTime)) return std::nullopt;
    const int minutes = std::stoi(m[1]) * 60 + std::stoi(m[2]);
    if (minutes > 24 * 60 || minutes % kSlotMinutes != 0) return std::nullopt;
    return minutes;
}

std::string hhmm(int minutes) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
    return buf;
}

std::int64_t labMillis(const std::string& date, int minutes) {
    const auto d = parseIsoDate(date);
    const std::int64_t days = d ? d->time_since_epoch().count() : 0;
    return (days * 24 * 60 + minutes - 8 * 60) * 60 * 1000;
}

namespace {
// {from, to} in a window list, checked; errors named under at.
std::optional<Window> readWindow(const Poco::JSON::Object::Ptr& o, const std::string& at, std::vector<FieldError>& errors) {
    JsonReader r(o, at);
    const auto from = minutesOf(r.requiredString("from", 5)), to = minutesOf(r.requiredString("to", 5));
    if (!from) r.addError("from", Message(msg::kHalfHour));
    if (!to) r.addError("to", Message(msg::kHalfHour));
    else if (from && *to <= *from) r.addError("to", Message(msg::kWindowOrder));
    r.allow("weekday"), r.allow("date"), r.allow("closed");
    for (const auto& e : r.errors()) errors.push_back(e);
    if (!from || !to || *to <= *from) return std::nullopt;
    return Window{*from, *to};
}

Poco::JSON::Object::Ptr readRates(JsonReader& r, const Poco::JSON::Object::Ptr& fees, const std::string& key, std::vector<FieldError>& errors) {
    if (!fees || !fees->has(key) || fees->isNull(key)) return nullptr;
    auto o = fees->getObject(key);
    if (!o) {
        errors.push_back({"fees." + key, assay::msg::kNotObject});
        return nullptr;
    }
    JsonReader fr(o, "fees." + key);
    auto out = makeObject();
    for (const char* rate : {"member", "non_member"}) {
        const auto v = fr.optionalString(rate, 24);
        if (!v) continue;
        const auto d = Decimal::parse(*v);
        if (!d || d->toString().find('-') != std::string::npos) fr.addError(rate, Message(assay::msg::kNotDecimal));
        else out->set(rate, d->toString());
    }
    try {
        fr.finish();
    } catch (const Error& e) {
        for (const auto& f : e.fieldErrors()) errors.push_back(f);
    }
    (void)r;
    return out->size() ? out : nullptr;
}
}  // namespace

Poco::JSON::Object::Ptr readInstrumentTerms(const Poco::JSON::Object::Ptr& body) {
    JsonReader r(body);
    std::vector<FieldError> errors;
    auto t = makeObject();
    t->set("description", r.requiredString("description", 2000, Lines::many));
    Poco::JSON::Array::Ptr techniques = new Poco::JSON::Array;
    for (const auto& s : r.stringArray("techniques", false, 20, 100)) techniques->add(s);
    t->set("techniques", techniques);
    if (auto p = r.optionalString("typical_parameters", 2000, Lines::many)) t->set("typical_parameters", *p);
    r.allow("fees");
    auto fees = body->has("fees") && !body->isNull("fees") ? body->getObject("fees") : nullptr;
    auto feesOut = makeObject();
    if (auto h = readRates(r, fees, "per_hour", errors)) feesOut->set("per_hour", h);
    if (auto s = readRates(r, fees, "per_sample", errors)) feesOut->set("per_sample", s);
    if (!feesOut->has("per_hour") && !feesOut->has("per_sample")) errors.push_back({"fees", msg::kFeesRequired});
    t->set("fees", feesOut);
    r.allow("weekly");
    Poco::JSON::Array::Ptr weekly = new Poco::JSON::Array;
    auto wk = body->has("weekly") && !body->isNull("weekly") ? body->getArray("weekly") : nullptr;
    for (std::size_t i = 0; wk && i < wk->size() && i < 50; ++i) {
        const std::string at = "weekly[" + std::to_string(i) + "]";
        auto o = wk->getObject(static_cast<unsigned>(i));
        if (!o) {
            errors.push_back({at, assay::msg::kNotObject});
            continue;
        }
        const int weekday = o->optValue<int>("weekday", 0);
        if (weekday < 1 || weekday > 7) errors.push_back({at + ".weekday", Message(assay::msg::kIntRange, {{"min", 1}, {"max", 7}})});
        if (auto w = readWindow(o, at, errors); w && weekday >= 1 && weekday <= 7) {
            auto x = makeObject();
            x->set("weekday", weekday);
            x->set("from", hhmm(w->fromMin));
            x->set("to", hhmm(w->toMin));
            weekly->add(x);
        }
    }
    if (!wk || wk->size() == 0) errors.push_back({"weekly", msg::kWeeklyRequired});
    t->set("weekly", weekly);
    r.allow("exceptions");
    Poco::JSON::Array::Ptr exceptions = new Poco::JSON::Array;
    auto ex = body->has("exceptions") && !body->isNull("exceptions") ? body->getArray("exceptions") : nullptr;
    for (std::size_t i = 0; ex && i < ex->size() && i < 366; ++i) {
        const std::string at = "exceptions[" + std::to_string(i) + "]";
        auto o = ex->getObject(static_cast<unsigned>(i));
        if (!o || !o->has("date") || !parseIsoDate(o->optValue<std::string>("date", ""))) {
            errors.push_back({at + ".date", Message(assay::msg::kNotDate)});
            continue;
        }
        auto x = makeObject();
        x->set("date", o->getValue<std::string>("date"));
        if (o->optValue<bool>("closed", false)) x->set("closed", true);
        else if (auto w = readWindow(o, at, errors)) {
            x->set("from", hhmm(w->fromMin));
            x->set("to", hhmm(w->toMin));
        }
        exceptions->add(x);
    }
    t->set("exceptions", exceptions);
    const std::string operatedBy = r.optionalString("operated_by", 16).value_or("staff");
    if (operatedBy != "staff" && operatedBy != "trained_user")
        r.addError("operated_by", Message(assay::msg::kOneOf, {{"choices", "staff, trained_user"}}));
    t->set("operated_by", operatedBy);
    if (auto tr = r.optionalString("training", 1000, Lines::many)) t->set("training", *tr);
    t->set("approval_required", r.optionalBool("approval_required").value_or(false));
    finishWith(r, errors);
    return t;
}

std::vector<Window> windowsOn(const Poco::JSON::Object::Ptr& terms, const std::string& date) {
    std::vector<Window> out;
    bool excepted = false;
    if (auto ex = terms->getArray("exceptions")) {
        for (std::size_t i = 0; i < ex->size(); ++i) {
            auto o = ex->getObject(static_cast<unsigned>(i));
            if (o->optValue<std::string>("date", "") != date) continue;
            excepted = true;
            if (!o->optValue<bool>("closed", false))
                out.push_back({*minutesOf(o->getValue<std::string>("from")), *minutesOf(o->getValue<std::string>("to"))});
        }
    }
    if (excepted) return out;
    const auto d = parseIsoDate(date);
    if (!d) return out;
    const unsigned weekday = std::chrono::weekday(*d).iso_encoding();  // 1 = Monday
    if (auto wk = terms->getArray("weekly")) {
        for (std::size_t i = 0; i < wk->size(); ++i) {
            auto o = wk->getObject(static_cast<unsigned>(i));
            if (static_cast<unsigned>(o->getValue<int>("weekday")) == weekday)
                out.push_back({*minutesOf(o->getValue<std::string>("from")), *minutesOf(o->getValue<std::string>("to"))});
        }
    }
    return out;
}

std::optional<Decimal> feeOf(const Poco::JSON::Object::Ptr& terms, int halfHours, int samples, bool member) {
    auto fees = terms->getObject("fees");
    if (!fees) return std::nullopt;
    const char* which = member ? "member" : "non_member";
    auto rate = [&](const char* key) -> std::optional<Decimal> {
        auto o = fees->getObject(key);
        if (!o) return std::nullopt;
        if (o->has(which)) return Decimal::parse(o->getValue<std::string>(which));
        if (o->has("non_member")) return Decimal::parse(o->getValue<std::string>("non_member"));  // no member rate: the one rate
        return std::nullopt;
    };
    const auto hour = rate("per_hour"), sample = rate("per_sample");
    if (!hour && !sample) return std::nullopt;
    Decimal total = Decimal::fromInt(0);
    if (hour) total = total + *hour * Decimal::fromInt(halfHours) * *Decimal::parse("0.5");
    if (sample) total = total + *sample * Decimal::fromInt(samples);
    return total.roundToDecimals(2);
}

}  // namespace assay::platform
