// BatchIssue: issuing many report drafts as one job, with progress, on one background thread.
//
// Purpose: a signatory submits up to 500 drafts they are the chosen signatory of, with their
// password; the password is checked once (re-authentication, R11) when the job is submitted, then
// a single worker thread issues the drafts one by one through ReportIssuing::issueConfirmed, each
// in its own transaction (a draft is either issued and signed or stays a draft: nothing is
// half-issued). Progress: total, done, failed, percent, and per report its number or the problem
// (rule ids and reasons). One worker for the whole server, so a batch never takes more than one
// core from interactive requests (B5).
// Jobs live in memory: after a restart the unfinished drafts are simply still drafts and the job
// is submitted again. The password is kept only while the job runs, then wiped.
// Thread-safety: submit/job from any request thread; the worker is internal.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "assay/Clock.hpp"
#include "assay/Message.hpp"
#include "assay/Principal.hpp"
#include "domain/ReportIssuing.hpp"

namespace assay::reports {

struct BatchItem {
    std::int64_t reportId = 0;
    std::string status = "pending";  // pending | issued | failed
    std::optional<std::string> number;
    std::optional<Message> problem;  // why it failed ("R10: ...; R32: ..."), rendered in the reader's language on read
};

struct BatchJob {
    std::string id;
    std::int64_t labId = 0;
    std::int64_t userId = 0;
    std::string status = "queued";  // queued | running | finished
    std::vector<BatchItem> items;
    std::int64_t createdAtMs = 0;
    std::optional<std::int64_t> finishedAtMs;
    int done() const;    // issued + failed
    int failed() const;
    int percent() const;
};

class BatchIssue {
public:
    static constexpr std::size_t kMaxReports = 500;
    static constexpr int kMaxOpenJobsPerUser = 2;  // queued or running; each holds its password while open
    BatchIssue(ReportIssuing& reports, const Clock& clock);
    ~BatchIssue();
    BatchIssue(const BatchIssue&) = delete;
    BatchIssue& operator=(const BatchIssue&) = delete;

    // Errors: 400 report_ids (empty, too many, repeated) or password; 403 without a user; 429 with
    // kMaxOpenJobsPerUser jobs of the user still open.
    BatchJob submit(const Principal& p, const std::vector<std::int64_t>& reportIds, const std::string& password,
                    const std::string& requestId);
    // The job, for its submitter's lab only. Errors: 404.
    BatchJob job(const Principal& p, const std::string& id);
    void stop();  // finishes the report in hand, leaves the rest as drafts

private:
    struct Entry {
        BatchJob job;
        Principal principal;
        std::string password;
        std::string requestId;
    };
    void run();

    ReportIssuing& reports_;
    const Clock& clock_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Entry>> queue_;
    std::map<std::string, std::shared_ptr<Entry>> jobs_;  // the last kKeep jobs
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace assay::reports
