// Enum: every state and scheme table (assay/Enum.hpp) names each value once and reads it back;
// the column maps, soci's use/into, the JSON field tables and JsonReader go through the table.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include <Poco/JSON/Parser.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "assay/Columns.hpp"
#include "assay/Enum.hpp"
#include "assay/Error.hpp"
#include "assay/Json.hpp"
#include "assay/JsonFields.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/Scheme.hpp"
#include "assay/testing/ResultStatus.hpp"
#include "domain/Capture.hpp"
#include "domain/Equipment.hpp"
#include "domain/Nonconformity.hpp"
#include "domain/Order.hpp"
#include "domain/Qc.hpp"
#include "domain/Report.hpp"
#include "domain/Sample.hpp"

using namespace assay;

namespace {

// Every value from the first to `last` has its own name, and that name reads back as the value;
// the table has no name beyond `last`.
template <NamedEnum E>
void roundTrips(E last) {
    const auto n = static_cast<std::size_t>(last) + 1;
    BOOST_TEST(EnumNames<E>::names.size() == n);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
        const E e = static_cast<E>(i);
        const std::string name = toString(e);
        BOOST_TEST(!name.empty());
        BOOST_TEST(seen.insert(name).second, "duplicate name " << name);
        BOOST_TEST((parseEnum<E>(name) == e));
    }
    BOOST_TEST(!parseEnum<E>("").has_value());
    BOOST_TEST(!parseEnum<E>("no such value").has_value());
}

struct Row {
    std::int64_t id = 0;
    reports::ReportStatus status = reports::ReportStatus::Draft;
    std::optional<accreditation::Scheme> scheme;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(enums)

BOOST_AUTO_TEST_CASE(every_state_and_scheme_table_names_each_value_once_and_reads_it_back) {
    roundTrips(accreditation::Scheme::Cnas);
    roundTrips(accreditation::CertificateStatus::None);
    roundTrips(accreditation::StandardStatus::Replaced);
    roundTrips(accreditation::MethodStatus::Withdrawn);
    roundTrips(accreditation::ServiceStatus::Retired);
    roundTrips(accreditation::NcStatus::Closed);
    roundTrips(intake::OrderStatus::Cancelled);
    roundTrips(intake::SampleStatus::Cancelled);
    roundTrips(testing::ResultStatus::Invalidated);
    roundTrips(testing::BatchStatus::Rejected);
    roundTrips(reports::ReportStatus::Discarded);
    roundTrips(capture::RunStatus::Rejected);
    roundTrips(capture::ReadingStatus::Rejected);
    // The API's and the database's spellings.
    BOOST_TEST(toString(accreditation::Scheme::Cma) == "CMA");
    BOOST_TEST(toString(intake::SampleStatus::InTesting) == "in_testing");
    BOOST_TEST(enumChoices<accreditation::Scheme>() == "CMA or CNAS");
    BOOST_TEST(enumChoices<testing::ResultStatus>() == "entered, checked, approved or invalidated");
}

BOOST_AUTO_TEST_CASE(a_stored_name_reads_back_by_its_table_and_a_name_it_lacks_is_a_corrupt_row) {
    soci::session sql(soci::sqlite3, ":memory:");
    sql << "CREATE TABLE t (id INTEGER, status TEXT, scheme TEXT)";
    const reports::ReportStatus issued = reports::ReportStatus::Issued;
    const accreditation::Scheme cnas = accreditation::Scheme::Cnas;
    sql << "INSERT INTO t VALUES (1, :s, :c)", soci::use(issued), soci::use(cnas);
    sql << "INSERT INTO t VALUES (2, 'draft', NULL)";
    std::string stored;
    sql << "SELECT status FROM t WHERE id = 1", soci::into(stored);
    BOOST_TEST(stored == "issued");  // use() binds the name

    const columns::ColumnMap<Row> kRows{{
        {"id", columns::field<&Row::id>},
        {"status", columns::field<&Row::status>},
        {"scheme", columns::field<&Row::scheme>},
    }};
    soci::rowset<soci::row> rs = (sql.prepare << kRows.select("FROM t ORDER BY id"));
    const auto rows = kRows.all(rs);
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[0].status == reports::ReportStatus::Issued);
    BOOST_TEST((rows[0].scheme == accreditation::Scheme::Cnas));
    BOOST_TEST(rows[1].status == reports::ReportStatus::Draft);
    BOOST_TEST(!rows[1].scheme.has_value());

    reports::ReportStatus back = reports::ReportStatus::Draft;
    sql << "SELECT status FROM t WHERE id = 1", soci::into(back);
    BOOST_TEST(back == reports::ReportStatus::Issued);  // into() reads by the table

    sql << "UPDATE t SET status = 'lost' WHERE id = 2";
    soci::rowset<soci::row> bad = (sql.prepare << kRows.select("FROM t WHERE id = 2"));
    BOOST_CHECK_EXCEPTION(kRows.all(bad), std::runtime_error, [](const std::runtime_error& e) {
        return std::string(e.what()).find("'lost'") != std::string::npos;
    });
}

BOOST_AUTO_TEST_CASE(json_renders_a_state_by_its_name_and_a_request_naming_another_is_a_problem_naming_the_field) {
    constexpr auto kFields = fields<Row>(field::text("status", &Row::status), field::optText("scheme", &Row::scheme));
    Row r{7, reports::ReportStatus::Withdrawn, std::nullopt};
    auto o = kFields(r);
    BOOST_TEST(o->getValue<std::string>("status") == "withdrawn");
    BOOST_TEST(o->isNull("scheme"));

    Poco::JSON::Parser parser;
    auto body = parser.parse(R"({"scheme": "CMX", "status": "issued"})").extract<Poco::JSON::Object::Ptr>();
    JsonReader reader(body);
    BOOST_TEST(!reader.optionalEnum<accreditation::Scheme>("scheme").has_value());
    BOOST_TEST(reader.requiredEnum<reports::ReportStatus>("status") == reports::ReportStatus::Issued);
    reader.requiredEnum<testing::ResultStatus>("result_status");
    BOOST_TEST_REQUIRE(reader.errors().size() == 2u);
    BOOST_TEST(reader.errors()[0].field == "scheme");
    BOOST_TEST(reader.errors()[0].problem == "must be one of: CMA or CNAS");
    BOOST_TEST(reader.errors()[1].field == "result_status");
    BOOST_TEST(reader.errors()[1].problem == "required");
}

BOOST_AUTO_TEST_SUITE_END()
