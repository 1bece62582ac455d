#include "names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "name_tables.h"
#include "status.h"

namespace telusur {
namespace {

// "type:name" for every name found, e.g. "person:Wang Yi".
std::set<std::string> found(std::string_view body, std::string_view title = "",
                            const NameExtractor& extractor = NameExtractor::builtin()) {
  std::set<std::string> out;
  for (const Name& n : extractor.extract(title, body))
    out.insert(std::string(name_type_label(n.type)) + ":" + n.name);
  return out;
}

struct Case {
  const char* text;
  std::set<std::string> must;
  std::set<std::string> must_not;
};

TEST(NameExtractor, Rules) {
  const Case cases[] = {
      // A role is not part of the name; a country between role and name is a place.
      {"Ia bertemu Menteri Luar Negeri Cina Wang Yi di sana.",
       {"person:Wang Yi", "place:China"},
       {"person:Menteri Luar Negeri Cina Wang Yi"}},
      {"Hal itu disampaikan Presiden Rusia Vladimir Putin kemarin.",
       {"person:Vladimir Putin", "place:Rusia"},
       {}},
      {"Menurut pemimpin Korea Utara Kim Jong Un, hubungan membaik.",
       {"person:Kim Jong Un", "place:Korea Utara"},
       {}},
      // Speech verbs.
      {"Hubungan akan membaik, kata Budiman kepada wartawan.", {"person:Budiman"}, {}},
      // Organisation heads and acronyms.
      {"Ia anggota Partai Buruh Korea sejak lama.", {"organisation:Partai Buruh Korea"}, {}},
      {"Laporan itu dikutip oleh KCNA pada Jumat.", {"organisation:Kantor Berita Pusat Korea"}, {}},
      {"Data itu dirilis oleh BPJS kemarin.", {"organisation:BPJS"}, {}},
      // Place prepositions.
      {"Ia tinggal di Purwokerto sejak kecil.", {"place:Purwokerto"}, {}},
      // Place heads, and compass words after a place.
      {"Pameran dibuka Bupati Kabupaten Klaten kemarin.", {"place:Kabupaten Klaten"}, {}},
      {"Kapal itu tenggelam di Selat Sunda pada malam hari.", {"place:Selat Sunda"}, {}},
      {"Kekeringan melanda Afrika timur tahun ini.", {"place:Afrika Timur"}, {"place:Afrika"}},
      // Countries come from ICU's Indonesian region names.
      {"Hal itu dikatakan Presiden Sudan Omar Beshir kemarin.",
       {"person:Omar Beshir", "place:Sudan"},
       {"person:Sudan Omar Beshir"}},
      // A known person's full name is one whole person.
      {"Hal ini mengikuti kunjungan pemimpin Korea Utara Kim Jong-un awal bulan ini.",
       {"person:Kim Jong Un", "place:Korea Utara"},
       {"person:Kim"}},
      // A full name that later short mentions name as a person is a person.
      {"Ia bertemu mitranya dari Korea Utara, Choe Son-hui, di Beijing. Kunjungan Choe "
       "berlangsung empat hari. \"Baik,\" kata Choe.",
       {"person:Choe Son Hui"},
       {"place:Choe Son Hui"}},
      // A known place is no person; a lone organisation head is no name.
      {"Tokoh yang pernah menjabat sebagai presiden ketiga RI ini meninggal.",
       {},
       {"person:Indonesia", "person:RI"}},
      {"Memasuki jenjang SMA, ia pindah ke Bandung.", {}, {"organisation:SMA"}},
      // A parenthesised acronym is not part of an organisation's name; a
      // person's other name in parentheses is a name of its own.
      {"Sikap Partai Persatuan Pembangunan (PPP) jelas.",
       {"organisation:Partai Persatuan Pembangunan"},
       {"organisation:Partai Persatuan Pembangunan (PPP)"}},
      {"Hal itu disampaikan Presiden Joko Widodo (Jokowi) kemarin.",
       {"person:Joko Widodo"},
       {"person:Joko Widodo (Jokowi)", "person:Joko Widodo Jokowi"}},
      // A lone letter is no name.
      {"Ia bertemu Budi dan M kemarin.", {}, {"person:M"}},
      // A day name ends a name.
      {"Usul itu ditolak Amanda Vanstone Selasa lalu.", {}, {"person:Amanda Vanstone Selasa"}},
      {"Ia didampingi Ny Herawati Boediono.", {"person:Herawati Boediono"}, {}},
      // A sentence-initial word needs evidence.
      {"Pertemuan itu berlangsung lama. Sementara itu harga naik.",
       {},
       {"person:Pertemuan", "place:Pertemuan", "person:Sementara"}},
      // A common word opening a sentence is no organisation or place, nor
      // part of the acronym after it.
      {"Putusan itu berat. Hari ini MK membacakannya. Para hakim hadir.",
       {"organisation:MK"},
       {"organisation:Hari", "place:Hari", "organisation:Para", "organisation:Hari ini MK"}},
      {"Putusan MK dibacakan pada Senin.", {"organisation:MK"}, {"organisation:Putusan MK"}},
      {"Harga naik. Namun pasokan cukup. Salah satu pedagang mengeluh.",
       {},
       {"person:Namun", "person:Salah", "organisation:Namun", "place:Salah"}},
      // "dan" joins organisations' words, never one person's.
      {"Film itu dibintangi Antonio Banderas dan Catherine Zeta-Jones.",
       {"person:Antonio Banderas"},
       {"person:Antonio Banderas dan Catherine Zeta Jones",
        "person:Antonio Banderas dan Catherine"}},
  };
  for (const Case& c : cases) {
    const auto got = found(c.text);
    for (const auto& m : c.must) EXPECT_TRUE(got.count(m)) << c.text << " must give " << m;
    for (const auto& m : c.must_not) EXPECT_FALSE(got.count(m)) << c.text << " must not give " << m;
  }
}

// The rules alone (the tagger's features; what --rules-only prints).
TEST(NameExtractor, RulesAlone) {
  const Case cases[] = {
      // A given name before a known surname ("Kagame" is in the NER gazetteer).
      {"Hal itu dikatakan Presiden Paul Kagame kemarin.",
       {"person:Paul Kagame"},
       {"person:Kagame"}},
      // A day name ends a run of capitalised words.
      {"Usul itu ditolak Amanda Vanstone Selasa lalu.",
       {"person:Amanda Vanstone"},
       {"person:Amanda Vanstone Selasa"}},
      {"Kekeringan melanda Afrika timur tahun ini.", {"place:Afrika Timur"}, {"place:Afrika"}},
      {"Pameran dibuka Bupati Kabupaten Klaten kemarin.", {"place:Kabupaten Klaten"}, {}},
  };
  for (const Case& c : cases) {
    const auto got = found(c.text, "", NameExtractor::builtin_rules());
    for (const auto& m : c.must) EXPECT_TRUE(got.count(m)) << c.text << " must give " << m;
    for (const auto& m : c.must_not) EXPECT_FALSE(got.count(m)) << c.text << " must not give " << m;
  }
}

TEST(NameExtractor, CountryGazetteerFromIcu) {
  const std::string& text = country_gazetteer();
  for (const char* line : {"LOC\tSudan\n", "LOC\tKorea Utara\n", "LOC\tTiongkok\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
  EXPECT_EQ(text.find_first_of("()&"), std::string::npos);
  EXPECT_EQ(text.find("Kinshasa"), std::string::npos);
}

TEST(NameExtractor, NormalisesAndLinksWithinAnArticle) {
  const auto names =
      NameExtractor::builtin().extract("",
                                       "Menteri Luar Negeri Korea Utara Choe Son-hui tiba. "
                                       "Kunjungan pertama Choe ke Beijing. \"Bagus,\" kata Choe.");
  const Name* choe = nullptr;
  for (const Name& n : names)
    if (n.type == NameType::kPerson) choe = &n;
  ASSERT_NE(choe, nullptr);
  EXPECT_EQ(choe->name, "Choe Son Hui");  // hyphen and case normalised
  EXPECT_EQ(choe->key, "choe son hui");
  EXPECT_EQ(choe->mentions, 3u);  // "Choe" twice, linked to the full name
  EXPECT_EQ(found("Presiden Xi Jinping hadir. \"Baik,\" ujar Xi.").count("person:Xi"), 0u);
}

// What one article says of a name holds for the whole article: the same
// words tagged once are the same name everywhere in it, a bracketed acronym
// belongs to the name before it, a speaker after a speech verb is a person.
TEST(NameExtractor, OneArticleOneReading) {
  struct Mentions {
    const char* title;
    const char* body;
    const char* name;
    unsigned mentions;
    const char* surface;  // one surface the name must list
  };
  const Mentions cases[] = {
      {"Sidang di Mahkamah Konstitusi", "Hakim Mahkamah Konstitusi (MK) membacakan putusan.",
       "Mahkamah Konstitusi", 2, "Mahkamah Konstitusi (MK)"},
      {"", "Hubungan akan membaik, kata Budiman kepada wartawan.", "Budiman", 1, "Budiman"},
      {"", "Menlu Choe Son-hui tiba. Kunjungan pertama Choe ke Beijing lancar.", "Choe Son Hui", 2,
       "Choe"},
  };
  for (const Mentions& c : cases) {
    const Name* hit = nullptr;
    const auto names = NameExtractor::builtin().extract(c.title, c.body);
    for (const Name& n : names)
      if (n.name == c.name) hit = &n;
    ASSERT_NE(hit, nullptr) << c.body;
    EXPECT_EQ(hit->mentions, c.mentions) << c.body;
    EXPECT_NE(std::find(hit->surfaces.begin(), hit->surfaces.end(), c.surface), hit->surfaces.end())
        << c.body;
  }
}

TEST(NameExtractor, AliasesGiveOneCanonicalName) {
  EXPECT_TRUE(found("Pejabat senior dari Tiongkok hadir.").count("place:China"));
  EXPECT_TRUE(found("Ia pergi ke Korut pekan lalu.").count("place:Korea Utara"));
  EXPECT_TRUE(found("Hubungan dengan AS memburuk.").count("place:Amerika Serikat"));
  bool china = false;
  for (const auto& g : NameExtractor::builtin().alias_groups())
    if (g.front() == "China") china = std::find(g.begin(), g.end(), "Tiongkok") != g.end();
  EXPECT_TRUE(china);
}

TEST(NameExtractor, NameKeys) {
  EXPECT_EQ(name_key("Kim Jong-un"), "kim jong un");
  EXPECT_EQ(name_key("  Choe   Son-Hui "), "choe son hui");
}

TEST(NameExtractor, RejectsBadDataFiles) {
  EXPECT_THROW(NameExtractor("badkind Presiden\n", {}, ""), Error);
  EXPECT_THROW(NameExtractor("", {"XYZ\tName\n"}, ""), Error);
  EXPECT_THROW(NameExtractor("", {"no tab here\n"}, ""), Error);
  EXPECT_THROW(NameExtractor("", {}, "Solo\n"), Error);
}

// Words in front of a person's name that are no part of it.
TEST(NameExtractor, NamePrefixes) {
  using P = NameExtractor::Prefix;
  const NameExtractor& ex = NameExtractor::builtin_rules();
  const struct {
    const char* key;
    P kind;
  } cases[] = {
      {"menurut", P::kWords},        // a speech cue
      {"menhub", P::kRole},          // a role of the cue list
      {"menko polhukam", P::kRole},  // a role of two words
      {"tommy", P::kNone},           // a given name
      {"", P::kNone},
  };
  for (const auto& c : cases) EXPECT_EQ(ex.name_prefix(c.key), c.kind) << c.key;
  if (ex.tables().common_words) {                      // hunspell-id installed
    EXPECT_EQ(ex.name_prefix("keamanan"), P::kWords);  // derived from "aman"
    EXPECT_EQ(ex.name_prefix("putri"), P::kNone);      // a root: a given name too
    EXPECT_EQ(ex.name_prefix("menurut keamanan"), P::kWords);
    EXPECT_EQ(ex.name_prefix("keamanan tommy"), P::kNone);
  }
}

}  // namespace
}  // namespace telusur
