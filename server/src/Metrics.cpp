// Metrics: Prometheus exposition.
#include "Metrics.hpp"

#include <sstream>

#include "assay/Db.hpp"

namespace assay {

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, method, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++buckets_[i];
    ++count_;
    sum_ += seconds;
}

namespace {
std::string esc(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '\\' || c == '"') o += '\\';
        if (c == '\n') { o += "\\n"; continue; }
        o += c;
    }
    return o;
}
}  // namespace

std::string Metrics::render(const Db& db) const {
    std::ostringstream o;
    std::lock_guard lock(mutex_);
    o << "# HELP assay_http_requests_total HTTP requests by route pattern, method and status.\n"
         "# TYPE assay_http_requests_total counter\n";
    for (const auto& [k, v] : requests_)
        o << "assay_http_requests_total{route=\"" << esc(std::get<0>(k)) << "\",method=\"" << std::get<1>(k)
          << "\",status=\"" << std::get<2>(k) << "\"} " << v << "\n";
    o << "# HELP assay_http_request_duration_seconds Request latency.\n"
         "# TYPE assay_http_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        o << "assay_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << buckets_[i] << "\n";
    o << "assay_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "assay_http_request_duration_seconds_sum " << sum_ << "\n"
      << "assay_http_request_duration_seconds_count " << count_ << "\n";
    o << "# HELP assay_db_pool_size Database sessions in the pool.\n# TYPE assay_db_pool_size gauge\n"
      << "assay_db_pool_size " << db.poolSize() << "\n"
      << "# HELP assay_db_pool_in_use Database sessions leased now.\n# TYPE assay_db_pool_in_use gauge\n"
      << "assay_db_pool_in_use " << db.inUse() << "\n"
      << "# HELP assay_db_retries_total Transactions retried after deadlock or BUSY.\n"
         "# TYPE assay_db_retries_total counter\n"
      << "assay_db_retries_total " << db.retries() << "\n";
    return o.str();
}

}  // namespace assay
