// Columns: one column map per entity — the SELECT list written from the map, rows read by name
// with the conversions of assay::rows (on an in-memory SQLite; tests/db reads MariaDB's types).
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "assay/Columns.hpp"

using namespace assay;

namespace {

struct Inner {
    std::int64_t id = 0;
    std::string title;
};

struct Thing {
    std::int64_t id = 0;
    std::optional<std::int64_t> parentId;
    int version = 0;
    std::optional<int> port;
    bool active = false;
    std::string name;
    std::optional<std::string> note;
    Decimal amount;
    std::optional<Decimal> limit;
    Inner inner;
    std::vector<std::string> tags;
};

const columns::ColumnMap<Thing> kThings{{
    {"id", columns::field<&Thing::id>},
    {"parent_id", columns::field<&Thing::parentId>},
    {"version", columns::field<&Thing::version>},
    {"port", columns::field<&Thing::port>},
    {"active", columns::field<&Thing::active>},
    {"name", columns::field<&Thing::name>},
    {"note", columns::field<&Thing::note>},
    {"amount", columns::field<&Thing::amount>},
    {"lim", columns::field<&Thing::limit>},
    {"i.id AS inner_id", columns::field<&Thing::inner, &Inner::id>},
    {"i.title", columns::field<&Thing::inner, &Inner::title>},
    {"tags", [](Thing& t, const columns::Cell& c) {
         const std::string s = c.str();
         for (std::size_t at = 0; at < s.size();) {
             auto comma = s.find(',', at);
             if (comma == std::string::npos) comma = s.size();
             t.tags.push_back(s.substr(at, comma - at));
             at = comma + 1;
         }
     }},
}};

struct Memory {
    soci::session sql{soci::sqlite3, ":memory:"};
    Memory() {
        sql << "CREATE TABLE things (id INTEGER PRIMARY KEY, parent_id BIGINT, version INTEGER NOT NULL, port INTEGER, "
               "active INTEGER NOT NULL, name VARCHAR(40), note TEXT, amount TEXT, lim TEXT, inner_id BIGINT, tags TEXT)";
        sql << "CREATE TABLE inners (id BIGINT PRIMARY KEY, title TEXT NOT NULL)";
        sql << "INSERT INTO inners (id, title) VALUES (7, '标题')";
        sql << "INSERT INTO things VALUES (1, 9007199254740993, 3, 8080, 1, '样品', 'n', '0.0850', '1.50', 7, 'a,b')";
        sql << "INSERT INTO things VALUES (2, NULL, 1, NULL, 0, NULL, NULL, NULL, NULL, 7, '')";
    }
    std::vector<Thing> all(const std::string& text) {
        soci::rowset<soci::row> rs = (sql.prepare << text);
        return kThings.all(rs);
    }
};

constexpr const char* kFrom = "FROM things t JOIN inners i ON i.id = t.inner_id ORDER BY t.id";

}  // namespace

BOOST_AUTO_TEST_SUITE(columns_map)

BOOST_AUTO_TEST_CASE(the_select_list_is_written_from_the_map_with_its_alias_and_typed_nulls) {
    BOOST_TEST(kThings.list() == "id, parent_id, version, port, active, name, note, amount, lim, i.id AS inner_id, i.title, tags");
    BOOST_TEST(kThings.select("FROM things t WHERE t.id = :id", {.alias = "t"}) ==
               "SELECT t.id, t.parent_id, t.version, t.port, t.active, t.name, t.note, t.amount, t.lim, i.id AS inner_id, "
               "i.title, t.tags FROM things t WHERE t.id = :id");
    BOOST_TEST(kThings.select("FROM things", {.asNull = {"note", "tags"}}) ==
               "SELECT id, parent_id, version, port, active, name, CAST(NULL AS CHAR(1)) AS note, amount, lim, i.id AS inner_id, "
               "i.title, CAST(NULL AS CHAR(1)) AS tags FROM things");
}

BOOST_AUTO_TEST_CASE(every_kind_reads_as_the_rows_helpers_do_and_null_keeps_their_defaults) {
    Memory m;
    auto things = m.all(kThings.select(kFrom, {.alias = "t"}));
    BOOST_TEST_REQUIRE(things.size() == 2u);
    const Thing& a = things[0];
    BOOST_TEST(a.id == 1);
    BOOST_TEST(a.parentId.value() == 9007199254740993LL);
    BOOST_TEST(a.version == 3);
    BOOST_TEST(a.port.value() == 8080);
    BOOST_TEST(a.active);
    BOOST_TEST(a.name == "样品");
    BOOST_TEST(a.note.value() == "n");
    BOOST_TEST(a.amount.toString() == "0.0850");
    BOOST_TEST(a.limit.value().toString() == "1.50");
    BOOST_TEST(a.inner.id == 7);
    BOOST_TEST(a.inner.title == "标题");
    BOOST_TEST((a.tags == std::vector<std::string>{"a", "b"}));
    const Thing& b = things[1];
    BOOST_TEST(!b.parentId);
    BOOST_TEST(!b.port);
    BOOST_TEST(!b.active);
    BOOST_TEST(b.name == "");
    BOOST_TEST(!b.note);
    BOOST_TEST(b.amount.sign() == 0);
    BOOST_TEST(!b.limit);
    BOOST_TEST(b.tags.empty());
}

BOOST_AUTO_TEST_CASE(columns_are_read_by_name_in_whatever_order_the_row_has_them) {
    Memory m;
    auto byMap = m.all(kThings.select(kFrom, {.alias = "t"}));
    auto reordered = m.all("SELECT t.tags, i.title, t.id, 42 AS extra, t.lim, t.amount, t.note, t.name, t.active, t.port, t.version, "
                           "i.id AS inner_id, t.parent_id " + std::string(kFrom));
    BOOST_TEST_REQUIRE(reordered.size() == byMap.size());
    for (std::size_t k = 0; k < byMap.size(); ++k) {
        BOOST_TEST((reordered[k].id == byMap[k].id));
        BOOST_TEST((reordered[k].parentId == byMap[k].parentId));
        BOOST_TEST((reordered[k].name == byMap[k].name));
        BOOST_TEST((reordered[k].limit == byMap[k].limit));
        BOOST_TEST((reordered[k].inner.title == byMap[k].inner.title));
        BOOST_TEST((reordered[k].tags == byMap[k].tags));
    }
}

BOOST_AUTO_TEST_CASE(a_column_missing_from_the_row_is_an_error_naming_it) {
    Memory m;
    try {
        m.all("SELECT t.id, t.parent_id " + std::string(kFrom));
        BOOST_FAIL("read a row without its columns");
    } catch (const soci::soci_error& e) {
        BOOST_TEST(std::string(e.what()).find("'version'") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_column_selected_as_null_reads_as_null) {
    Memory m;
    auto things = m.all(kThings.select(kFrom, {.alias = "t", .asNull = {"note", "lim"}}));
    BOOST_TEST_REQUIRE(things.size() == 2u);
    BOOST_TEST(!things[0].note);
    BOOST_TEST(!things[0].limit);
    BOOST_TEST(things[0].name == "样品");
}

BOOST_AUTO_TEST_CASE(first_reads_one_row_or_none) {
    Memory m;
    long long id = 2;
    soci::rowset<soci::row> rs = (m.sql.prepare << kThings.select("FROM things t JOIN inners i ON i.id = t.inner_id WHERE t.id = :id",
                                                                  {.alias = "t"}),
                                  soci::use(id, "id"));
    auto one = kThings.first(rs);
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST(one->version == 1);
    id = 3;
    soci::rowset<soci::row> none = (m.sql.prepare << kThings.select("FROM things t JOIN inners i ON i.id = t.inner_id WHERE t.id = :id",
                                                                    {.alias = "t"}),
                                    soci::use(id, "id"));
    BOOST_TEST(!kThings.first(none).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
