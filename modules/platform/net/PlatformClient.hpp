// PlatformClient: the lab's HTTP calls to its platform (the lab always starts the connection).
//
// Purpose: one request, its answer's status and body (at most 1 MiB read). TLS when the URL is
// https (the platform's certificate is checked against the system CAs; for the loopback of role
// `both`, which has no name to check, it is not). Never throws: a connection problem is status 0
// with the reason in body.
// Thread-safety: stateless; any thread.
#pragma once

#include <map>
#include <string>

namespace assay::platform {

struct PlatformAnswer {
    int status = 0;  // 0: no answer (the reason is in body)
    std::string body;
};

PlatformAnswer platformCall(const std::string& baseUrl, const std::string& method, const std::string& pathAndQuery,
                            const std::string& jsonBody, const std::map<std::string, std::string>& headers, int timeoutMs);
// Whether url is an http:// or https:// URL with a host.
bool isPlatformUrl(const std::string& url);

}  // namespace assay::platform
