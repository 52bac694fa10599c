// HTTP tests: each fixture starts the real assayd binary on a free loopback port.
#define BOOST_TEST_MODULE assay_http
#include <boost/test/unit_test.hpp>
