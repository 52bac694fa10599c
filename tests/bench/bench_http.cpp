// bench_http: the HTTP floor server and the B2 idle-connection client.
//
//   bench_http floor --port-file F [--threads N]
//       a bare Poco HTTP server answering a constant JSON body, with the same thread-pool and
//       keep-alive settings as assayd: the floor that B1 is compared to.
//   bench_http idle --port P --idle N --probes M [--path /api/health]
//       B2: opens N keep-alive connections, sends one request on each and leaves them idle, then
//       sends M probe requests on fresh connections one after another; prints p50/p99/max of
//       the probes and how many idle connections the server dropped meanwhile.
// Every loop is bounded in count and time; it talks only to 127.0.0.1.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/ServerApplication.h>

namespace {

class ConstHandler final : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
        static const std::string body = R"({"status":"ok","db":"sqlite","version":"floor"})";
        resp.setContentType("application/json; charset=utf-8");
        resp.setContentLength(static_cast<std::streamsize>(body.size()));
        resp.send() << body;
    }
};

class ConstFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new ConstHandler;
    }
};

std::map<std::string, std::string> options(int argc, char** argv) {
    std::map<std::string, std::string> o;
    for (int i = 2; i + 1 < argc; i += 2) o[argv[i] + 2] = argv[i + 1];
    return o;
}

class Floor final : public Poco::Util::ServerApplication {
public:
    explicit Floor(std::map<std::string, std::string> o) : o_(std::move(o)) {}

protected:
    int main(const std::vector<std::string>&) override {
        const int threads = o_.count("threads") ? std::stoi(o_["threads"]) : 512;
        Poco::ThreadPool pool(4, threads, 60);
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(threads);
        params->setMaxQueued(1024);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(5, 0));
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 1024);
        Poco::Net::HTTPServer server(new ConstFactory, pool, socket, params);
        server.start();
        std::ofstream(o_["port-file"]) << socket.address().port() << "\n";
        waitForTerminationRequest();
        server.stopAll(true);
        return 0;
    }

private:
    std::map<std::string, std::string> o_;
};

bool roundTrip(Poco::Net::StreamSocket& s, const std::string& req) {
    s.sendBytes(req.data(), static_cast<int>(req.size()));
    char buf[4096];
    const int n = s.receiveBytes(buf, sizeof buf);
    return n > 12 && std::strncmp(buf, "HTTP/1.1 200", 12) == 0;
}

int idle(std::map<std::string, std::string> o) {
    const auto port = static_cast<Poco::UInt16>(std::stoi(o["port"]));
    const int idleCount = std::stoi(o["idle"]);
    const int probes = std::stoi(o["probes"]);
    const std::string path = o.count("path") ? o["path"] : "/api/health";
    const std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
    const Poco::Net::SocketAddress addr("127.0.0.1", port);
    std::vector<std::unique_ptr<Poco::Net::StreamSocket>> idle;
    int failedIdle = 0;
    for (int i = 0; i < idleCount; ++i) {
        auto s = std::make_unique<Poco::Net::StreamSocket>(addr);
        s->setReceiveTimeout(Poco::Timespan(10, 0));
        if (!roundTrip(*s, req)) ++failedIdle;
        idle.push_back(std::move(s));
    }
    std::vector<double> ms;
    int errors = 0;
    for (int i = 0; i < probes; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        try {
            Poco::Net::StreamSocket s(addr);
            s.setReceiveTimeout(Poco::Timespan(30, 0));
            if (!roundTrip(s, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) ++errors;
        } catch (const std::exception&) {
            ++errors;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    // Idle connections still usable? (the probes took far less than the keep-alive timeout)
    int dropped = 0;
    for (auto& s : idle) {
        try {
            if (!roundTrip(*s, req)) ++dropped;
        } catch (const std::exception&) {
            ++dropped;
        }
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
    std::printf("idle=%d idle_failed=%d probes=%d errors=%d p50=%.2fms p99=%.2fms max=%.2fms dropped=%d\n", idleCount,
                failedIdle, probes, errors, pct(0.50), pct(0.99), ms.empty() ? 0.0 : ms.back(), dropped);
    return errors == 0 && failedIdle == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_http floor --port-file F | idle --port P --idle N --probes M\n";
        return 2;
    }
    const std::string mode = argv[1];
    auto o = options(argc, argv);
    if (mode == "floor") {
        Floor app(o);
        std::vector<std::string> args = {"bench_http"};
        return app.run(args);
    }
    if (mode == "idle") return idle(o);
    std::cerr << "unknown mode " << mode << "\n";
    return 2;
}
