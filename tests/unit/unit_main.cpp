// Unit tests: pure logic of the host (no database, no network).
#define BOOST_TEST_MODULE assay_unit
#include <boost/test/unit_test.hpp>
