#include "document.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "schema.h"

namespace telusur {
namespace {

TEST(Document, NamesValueRoundTrips) {
  const struct {
    char type;
    std::string name;
  } names[] = {{kPersonLetter, "Kim Jong Un"}, {kPlaceLetter, "Korea Utara"},
               {kOrgLetter, "Partai Buruh Korea"}, {kPersonLetter, "X"}};
  std::string value;
  for (const auto& n : names) append_name(value, n.type, n.name);
  EXPECT_EQ(value, "p\tKim Jong Un\nl\tKorea Utara\no\tPartai Buruh Korea\np\tX\n");
  const std::vector<StoredName> back = decode_names(value);
  ASSERT_EQ(back.size(), std::size(names));
  for (std::size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].type, names[i].type) << i;
    EXPECT_EQ(back[i].name, names[i].name) << i;
  }
}

TEST(Document, SurfacesRoundTripAndOldValuesHaveNone) {
  std::string value;
  append_name(value, kPersonLetter, "Choe Son Hui", {"Choe", "Choe Son-hui"});
  append_name(value, kOrgLetter, "Komisi Pemberantasan Korupsi",
              {"Komisi Pemberantasan Korupsi (KPK)"});
  append_name(value, kPlaceLetter, "Korea Utara");
  EXPECT_EQ(value,
            "p\tChoe Son Hui\tChoe\tChoe Son-hui\n"
            "o\tKomisi Pemberantasan Korupsi\tKomisi Pemberantasan Korupsi (KPK)\n"
            "l\tKorea Utara\n");
  const std::vector<StoredName> back = decode_names(value);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].name, "Choe Son Hui");
  EXPECT_EQ(back[0].surfaces, (std::vector<std::string_view>{"Choe", "Choe Son-hui"}));
  EXPECT_EQ(back[1].surfaces.size(), 1u);
  EXPECT_TRUE(back[2].surfaces.empty());
  // An empty surface (two tabs) is skipped; a line without a name is no name.
  const std::vector<StoredName> odd = decode_names("p\tA\t\tB\np\t\tC\n");
  ASSERT_EQ(odd.size(), 1u);
  EXPECT_EQ(odd[0].surfaces, (std::vector<std::string_view>{"B"}));
}

TEST(Document, LinesThatAreNoNamesAreSkipped) {
  const struct {
    std::string value;
    std::size_t names;
  } cases[] = {{"", 0}, {"\n\n", 0}, {"p\t\n", 0}, {"pKim\n", 0}, {"p\tA\nbroken\nl\tB", 2}};
  for (const auto& c : cases) EXPECT_EQ(decode_names(c.value).size(), c.names) << c.value;
}

TEST(Document, ArticleIdComesFromTheIdTerm) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document with;
  with.add_boolean_term(str(schema::kIdPrefix) + "001_abc");
  with.add_term("korea");
  Xapian::Document without;
  without.add_term("korea");
  const Xapian::docid a = db.add_document(with), b = db.add_document(without);
  EXPECT_EQ(article_id(db, a), "001_abc");
  EXPECT_EQ(article_id(db, b), "");
}

TEST(Document, XapianErrorsReadWithTheirSystemError) {
  EXPECT_EQ(describe(Xapian::DatabaseOpeningError("cannot open")), "cannot open");
  const std::string with = describe(Xapian::DatabaseOpeningError("cannot open", "", ENOENT));
  EXPECT_EQ(with.rfind("cannot open (", 0), 0u) << with;
  EXPECT_EQ(with.back(), ')');
}

}  // namespace
}  // namespace telusur
