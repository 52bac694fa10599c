// BatchIssue: the queue, the single worker, and the progress counters.
#include "jobs/BatchIssue.hpp"

#include <algorithm>
#include <set>

#include "assay/Error.hpp"
#include "assay/Messages.hpp"
#include "domain/ReportsMessages.hpp"
#include "domain/Signing.hpp"

namespace assay::reports {

namespace {
constexpr std::size_t kKeep = 200;  // finished jobs kept for their progress pages

// "R10: ...; R32: ...": each part in the catalogue's words, so the progress page renders it in the
// reader's language (the web page splits it at "; " and bolds the rule ids).
Message problemOf(const Error& e) {
    std::vector<Message> parts;
    for (const auto& r : e.ruleFailures()) parts.push_back(Message(msg::kBatchProblemPart, {{"id", r.id}, {"reason", r.message}}));
    for (const auto& f : e.fieldErrors()) parts.push_back(Message(msg::kBatchProblemPart, {{"id", f.field}, {"reason", f.message}}));
    if (parts.empty()) return e.message();
    Message out = parts.back();
    for (std::size_t k = parts.size() - 1; k-- > 0;) out = Message(msg::kBatchProblems, {{"first", parts[k]}, {"rest", out}});
    return out;
}
}  // namespace

int BatchJob::done() const {
    return static_cast<int>(std::count_if(items.begin(), items.end(), [](const BatchItem& i) { return i.status != "pending"; }));
}
int BatchJob::failed() const {
    return static_cast<int>(std::count_if(items.begin(), items.end(), [](const BatchItem& i) { return i.status == "failed"; }));
}
int BatchJob::percent() const { return items.empty() ? 100 : done() * 100 / static_cast<int>(items.size()); }

BatchIssue::BatchIssue(ReportIssuing& reports, const Clock& clock) : reports_(reports), clock_(clock), worker_([this] { run(); }) {}

BatchIssue::~BatchIssue() { stop(); }

void BatchIssue::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& q : queue_) {  // the unfinished drafts stay drafts; their passwords go
        std::fill(q->password.begin(), q->password.end(), '\0');
        q->password.clear();
    }
}

BatchJob BatchIssue::submit(const Principal& p, const std::vector<std::int64_t>& reportIds, const std::string& password,
                            const std::string& requestId) {
    if (reportIds.empty()) throw Error::invalidField("report_ids", msg::kBatchRequired);
    if (reportIds.size() > kMaxReports) throw Error::invalidField("report_ids", Message(msg::kBatchTooMany, {{"max", kMaxReports}}));
    std::set<std::int64_t> seen;
    for (std::size_t k = 0; k < reportIds.size(); ++k)
        if (!seen.insert(reportIds[k]).second) throw Error::invalidField("report_ids[" + std::to_string(k) + "]", msg::kBatchRepeated);
    if (p.kind != PrincipalKind::User || !p.orgId) throw Error::forbidden("reports:sign");
    reports_.confirmSigner(p, password, "sign a batch of " + std::to_string(reportIds.size()) + " reports", requestId);  // 400 password
    auto e = std::make_shared<Entry>();
    e->job.id = randomCode();
    e->job.labId = *p.orgId;
    e->job.userId = p.userId;
    e->job.createdAtMs = toEpochMillis(clock_.now());
    for (auto id : reportIds) e->job.items.push_back({id, "pending", std::nullopt, std::nullopt});
    e->principal = p;
    e->password = password;
    e->requestId = requestId;
    BatchJob snapshot;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) throw Error::unavailable("the server is stopping");
        const auto open = std::count_if(queue_.begin(), queue_.end(), [&](const auto& q) { return q->job.userId == p.userId; });
        if (open >= kMaxOpenJobsPerUser) throw Error::tooManyRequests(msg::kBatchBusy, 5);
        queue_.push_back(e);
        jobs_[e->job.id] = e;
        while (jobs_.size() > kKeep) {  // forget the oldest finished job
            auto oldest = std::min_element(jobs_.begin(), jobs_.end(), [](const auto& a, const auto& b) {
                const bool af = a.second->job.status == "finished", bf = b.second->job.status == "finished";
                return af != bf ? af : a.second->job.createdAtMs < b.second->job.createdAtMs;
            });
            if (oldest->second->job.status != "finished") break;
            jobs_.erase(oldest);
        }
        snapshot = e->job;
    }
    wake_.notify_one();
    return snapshot;
}

BatchJob BatchIssue::job(const Principal& p, const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || !p.orgId || it->second->job.labId != *p.orgId) throw Error::notFound("batch");
    return it->second->job;
}

void BatchIssue::run() {
    for (;;) {
        std::shared_ptr<Entry> e;
        std::size_t next = 0;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            e = queue_.front();
            e->job.status = "running";
            while (next < e->job.items.size() && e->job.items[next].status != "pending") ++next;
            if (next == e->job.items.size()) {
                e->job.status = "finished";
                e->job.finishedAtMs = toEpochMillis(clock_.now());
                std::fill(e->password.begin(), e->password.end(), '\0');
                e->password.clear();
                queue_.pop_front();
                continue;
            }
        }
        // One report, outside the lock: its own transaction, its own audit entry.
        const std::int64_t reportId = e->job.items[next].reportId;
        BatchItem result{reportId, "failed", std::nullopt, std::nullopt};
        try {
            const Report issued = reports_.issueConfirmed(e->principal, reportId, std::nullopt, e->password,
                                                          e->requestId + "/" + std::to_string(next + 1));
            result.status = "issued";
            result.number = issued.number;
        } catch (const Error& err) {
            result.problem = problemOf(err);
        } catch (const std::exception& err) {
            result.problem = Message(assay::msg::kInternal);  // what() goes to no client
        }
        std::lock_guard<std::mutex> lock(mutex_);
        e->job.items[next] = result;
    }
}

}  // namespace assay::reports
