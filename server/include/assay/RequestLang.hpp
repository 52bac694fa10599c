// RequestLang: the language of the request being handled on this thread, for the catalogue texts
// (assay/Message.hpp) that a response body carries outside problem+json, such as the reasons of a
// report's checks. The dispatcher sets it from Accept-Language for the duration of the handler;
// elsewhere (jobs, start-up, tests) it is zh-CN.
// Thread-safety: one value per thread.
#pragma once

#include "assay/Message.hpp"

namespace assay {

Lang requestLang();

// Sets the thread's request language until the end of the scope.
class RequestLangScope {
public:
    explicit RequestLangScope(Lang lang);
    ~RequestLangScope();
    RequestLangScope(const RequestLangScope&) = delete;
    RequestLangScope& operator=(const RequestLangScope&) = delete;

private:
    Lang previous_;
};

}  // namespace assay
