// The outbox's pure parts: the back-off schedule and the names it accepts.
#include <boost/test/unit_test.hpp>

#include <set>

#include "OutboxWorker.hpp"
#include "assay/Outbox.hpp"

using namespace assay;

BOOST_AUTO_TEST_SUITE(outbox_backoff)

BOOST_AUTO_TEST_CASE(the_wait_doubles_per_failure_up_to_the_cap_and_is_drawn_from_the_upper_half_of_its_step) {
    // 1 s .. 5 min, the defaults: 1, 2, 4 ... 256 s, then 300 s for ever.
    const std::int64_t steps[] = {1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000};
    for (int failures = 1; failures <= 11; ++failures) {
        BOOST_TEST_CONTEXT("failures " << failures) {
            const std::int64_t step = steps[failures - 1];
            BOOST_TEST(outboxBackoffMs(failures, 1000, 300000, 0.0) == step / 2);
            BOOST_TEST(outboxBackoffMs(failures, 1000, 300000, 0.5) == step / 2 + step / 4);
            BOOST_TEST(outboxBackoffMs(failures, 1000, 300000, 0.999999) <= step);
            BOOST_TEST(outboxBackoffMs(failures, 1000, 300000, 0.999999) >= step - 1);
        }
    }
    // A long outage never overflows: still the cap.
    BOOST_TEST(outboxBackoffMs(1000000, 1000, 300000, 0.999) <= 300000);
    BOOST_TEST(outboxBackoffMs(1000000, 1000, 300000, 0.0) == 150000);
    // Nonsense bounds are made sane rather than giving zero or negative waits.
    BOOST_TEST(outboxBackoffMs(1, 0, 0, 0.0) >= 0);
    BOOST_TEST(outboxBackoffMs(3, 100, 50, 1.0) == 100);
}

BOOST_AUTO_TEST_CASE(jitter_spreads_the_retries_of_streams_that_failed_together) {
    std::set<std::int64_t> waits;
    for (int i = 0; i < 100; ++i) waits.insert(outboxBackoffMs(4, 1000, 300000, i / 100.0));
    BOOST_TEST(waits.size() == 100u);
    BOOST_TEST(*waits.begin() == 4000);
    BOOST_TEST(*waits.rbegin() < 8000);
}

BOOST_AUTO_TEST_CASE(topics_and_transport_names_are_short_lower_case_tokens) {
    BOOST_TEST(Outbox::validTopic("report.issued"));
    BOOST_TEST(Outbox::validTopic("result.failed_limit"));
    BOOST_TEST(!Outbox::validTopic(""));
    BOOST_TEST(!Outbox::validTopic("Report.Issued"));
    BOOST_TEST(!Outbox::validTopic("report issued"));
    BOOST_TEST(!Outbox::validTopic("webhook:x"));
    BOOST_TEST(!Outbox::validTopic(std::string(65, 'a')));
    BOOST_TEST(Outbox::validName("webhook:0123456789ab"));
    BOOST_TEST(!Outbox::validName("webhook:ABC"));
    BOOST_TEST(!Outbox::validName(std::string(65, 'a')));
}

BOOST_AUTO_TEST_SUITE_END()
