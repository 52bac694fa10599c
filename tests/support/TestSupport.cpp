// TestSupport: process spawning with fork/exec, Poco HTTP(S) client.
#include "TestSupport.hpp"

#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#ifndef ASSAYD_BIN
#error "ASSAYD_BIN must be defined"
#endif

extern char** environ;

namespace assay::test {

TempDir::TempDir() {
    char tmpl[] = "/tmp/assay-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    try {
        Poco::File(path_).remove(true);
    } catch (...) {
    }
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

bool waitFor(const std::function<bool()>& cond, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return cond();
}

namespace {
pid_t spawn(const std::string& program, const std::vector<std::string>& args,
            const std::map<std::string, std::string>& env, const std::string& logPath, const std::string& stdinPath) {
    std::vector<std::string> envStrings;
    for (char** e = environ; *e; ++e) {
        std::string s = *e;
        const std::string key = s.substr(0, s.find('='));
        if (key.rfind("ASSAY_", 0) == 0 && !env.count(key)) continue;  // tests control every ASSAY_ key
        if (!env.count(key)) envStrings.push_back(s);
    }
    for (const auto& [k, v] : env) envStrings.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& s : envStrings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argStrings = {program};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    for (auto& s : argStrings) argv.push_back(s.data());
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        const int out = open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, 1);
        dup2(out, 2);
        const int in = open(stdinPath.empty() ? "/dev/null" : stdinPath.c_str(), O_RDONLY);
        dup2(in, 0);
        execve(program.c_str(), argv.data(), envp.data());
        _exit(127);
    }
    return pid;
}

int waitExit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
}  // namespace

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env, const std::string& stdinText) {
    TempDir tmp;
    std::string stdinPath;
    if (!stdinText.empty()) {
        stdinPath = tmp.file("stdin");
        writeFile(stdinPath, stdinText);
    }
    const pid_t pid = spawn(program, args, env, tmp.file("out"), stdinPath);
    ProcessResult r;
    int status = 0;
    const bool exited = waitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; }, std::chrono::seconds(120));
    if (!exited) {  // a program that should have stopped did not: kill it and report
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        r.exitCode = -1;
    } else {
        r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    r.out = readFile(tmp.file("out"));
    return r;
}

std::string HttpResponse::header(const std::string& name) const {
    std::string k = name;
    for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = headers.find(k);
    return it == headers.end() ? "" : it->second;
}

HttpClient::HttpClient(std::string host, int port, bool tls) : host_(std::move(host)), port_(port), tls_(tls) {}

HttpResponse HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                                 const std::map<std::string, std::string>& headers) {
    std::unique_ptr<Poco::Net::HTTPClientSession> s;
    if (tls_) {
        Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                             Poco::Net::Context::VERIFY_NONE);
        s = std::make_unique<Poco::Net::HTTPSClientSession>(host_, static_cast<Poco::UInt16>(port_), ctx);
    } else {
        s = std::make_unique<Poco::Net::HTTPClientSession>(host_, static_cast<Poco::UInt16>(port_));
    }
    s->setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    // The texts most tests compare are English; a test of the Chinese texts names its language.
    req.set("Accept-Language", "en");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT")
        req.setContentLength(static_cast<std::streamsize>(body.size()));
    auto& out = s->sendRequest(req);
    out << body;
    Poco::Net::HTTPResponse resp;
    auto& in = s->receiveResponse(resp);
    HttpResponse r;
    r.status = resp.getStatus();
    for (const auto& [k, v] : resp) {
        std::string key = k;
        for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[key] = v;
    }
    Poco::StreamCopier::copyToString(in, r.body);
    return r;
}

HttpResponse HttpClient::get(const std::string& path, const std::string& token) {
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return request("GET", path, {}, h);
}

HttpResponse HttpClient::postJson(const std::string& path, const std::string& json, const std::string& token) {
    std::map<std::string, std::string> h = {{"Content-Type", "application/json"}};
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return request("POST", path, json, h);
}

std::string HttpClient::login(const std::string& username, const std::string& password) {
    auto r = postJson("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    if (r.status != 200) throw std::runtime_error("login of " + username + " failed: " + std::to_string(r.status) + " " + r.body);
    return jsonString(r.body, "token");
}

std::string jsonString(const std::string& json, const std::string& key) {
    Poco::JSON::Parser p;
    auto obj = p.parse(json).extract<Poco::JSON::Object::Ptr>();
    return obj->has(key) && !obj->isNull(key) ? obj->getValue<std::string>(key) : std::string();
}

TestServer::TestServer(std::map<std::string, std::string> extraEnv, bool tls) : tls_(tls) {
    env_ = {
        {"ASSAY_HTTP_PORT", "0"},
        {"ASSAY_HTTP_PORT_FILE", dir_.file("port")},
        {"ASSAY_DB_URL", "sqlite:" + dir_.file("assay.db")},
        {"ASSAY_DATA_DIR", dir_.path()},
        {"ASSAY_ADMIN_PASSWORD", adminPassword()},
    };
    for (auto& [k, v] : extraEnv) env_[k] = v;
    startAndWait();
}

void TestServer::startAndWait() {
    std::remove(dir_.file("port").c_str());
    pid_ = spawn(ASSAYD_BIN, {}, env_, dir_.file("assayd.log"), {});
    const bool up = waitFor(
        [&] {
            const std::string p = readFile(dir_.file("port"));
            if (p.empty()) return false;
            port_ = std::stoi(p);
            return true;
        },
        std::chrono::seconds(60));
    if (!up) {
        kill(pid_, SIGKILL);
        waitExit(pid_);
        pid_ = -1;
        throw std::runtime_error("assayd did not start; log:\n" + log());
    }
}

int TestServer::kill9() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGKILL);
    const int code = waitExit(pid_);
    pid_ = -1;
    return code;
}

void TestServer::restart(const std::map<std::string, std::string>& extraEnv) {
    if (pid_ > 0) kill9();
    oldLogs_ += readFile(dir_.file("assayd.log"));
    for (const auto& [k, v] : extraEnv) env_[k] = v;
    startAndWait();
}

TestServer::~TestServer() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        const bool exited = waitFor([&] { return waitpid(pid_, nullptr, WNOHANG) == pid_; }, std::chrono::seconds(30));
        if (!exited) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
}

std::string TestServer::log() const { return oldLogs_ + readFile(dir_.file("assayd.log")); }

ProcessResult TestServer::startExpectingFailure(const std::map<std::string, std::string>& env,
                                                const std::vector<std::string>& args) {
    TempDir tmp;
    std::map<std::string, std::string> e = {{"ASSAY_HTTP_PORT", "0"},
                                            {"ASSAY_DB_URL", "sqlite:" + tmp.file("assay.db")},
                                            {"ASSAY_DATA_DIR", tmp.path()},
                                            {"ASSAY_ADMIN_PASSWORD", adminPassword()}};
    for (auto& [k, v] : env) e[k] = v;
    return runProcess(ASSAYD_BIN, args, e);
}

}  // namespace assay::test
