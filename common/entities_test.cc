#include "entities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "document.h"
#include "entity_table.h"

namespace telusur {
namespace {

// One article's names: "p:Name|surface|surface" per name.
using Article = std::vector<std::string>;

std::vector<StoredName> names_of(const Article& a, std::vector<std::string>& keep) {
  std::string value;
  for (const std::string& spec : a) {
    std::vector<std::string> parts;
    std::size_t start = 2;
    while (true) {
      const std::size_t bar = spec.find('|', start);
      parts.push_back(spec.substr(start, bar == std::string::npos ? bar : bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    append_name(value, spec[0], parts[0], std::vector<std::string>(parts.begin() + 1, parts.end()));
  }
  keep.push_back(value);
  return decode_names(keep.back());
}

// Words in front of a name, as NameExtractor::name_prefix tells them.
int test_prefix(std::string_view key) {
  if (key == "menurut" || key == "keamanan") return 1;
  if (key == "menhub" || key == "menko polhukam") return 2;
  return 0;
}

std::vector<Entity> resolve(const std::vector<Article>& articles,
                            const std::vector<std::vector<std::string>>& aliases = {}) {
  EntityResolver r(aliases, test_prefix);
  std::vector<std::string> keep;
  keep.reserve(articles.size());
  for (const Article& a : articles) r.add_article(names_of(a, keep));
  return r.resolve();
}

// The entity holding `variant`: its canonical name, or "" when none does.
std::string entity_of(const std::vector<Entity>& entities, std::string_view variant) {
  for (const Entity& e : entities)
    for (const EntityVariant& v : e.variants)
      if (v.name == variant) return e.name;
  return "";
}

std::vector<Article> repeated(const Article& a, int n) { return std::vector<Article>(n, a); }

std::vector<Article> operator+(std::vector<Article> a, const std::vector<Article>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(LooseKey, DropsWhatDoesNotTellNamesApart) {
  const struct {
    char type;
    const char* name;
    const char* key;
  } cases[] = {
      {'p', "B.J. Habibie", "bj habibie"},
      {'o', "TEMPO.CO", "tempo"},
      {'o', "Kompas.com", "kompas"},
      {'o', "PT Pertamina (Persero)", "pertamina"},
      {'o', "PT Bank Mandiri Tbk", "bank mandiri"},
      {'o', "Partai Golkar", "golkar"},
      {'o', "DPR RI", "dpr"},
      {'o', "Mahkamah Agung Republik Indonesia", "mahkamah agung"},
      {'p', "Ma'ruf Amin", "maruf amin"},
      {'p', "Kim Jong-un", "kim jong un"},
      {'p', "Partai Golkar", "partai golkar"},  // company and party forms are organisations'
      {'o', "RI", "ri"},                        // a name is never stripped to nothing
  };
  for (const auto& c : cases) EXPECT_EQ(loose_key(c.type, c.name), c.key) << c.name;
}

TEST(EntityResolver, JoinsVariantsByEachRule) {
  const struct {
    const char* rule;
    std::vector<Article> articles;
    const char* variant;
    const char* entity;  // canonical name of its entity
  } cases[] = {
      {"spelling", {{"o:Tempo"}, {"o:TEMPO.CO"}, {"o:Tempo"}}, "TEMPO.CO", "Tempo"},
      {"party", {{"o:Partai Golkar"}, {"o:Golkar"}}, "Golkar", "Partai Golkar"},
      {"alias", {{"l:Amerika Serikat"}, {"l:AS"}}, "AS", "Amerika Serikat"},
      {"initials", repeated({"p:Bacharuddin Jusuf Habibie"}, 3) + repeated({"p:BJ Habibie"}, 5),
       "Bacharuddin Jusuf Habibie", "BJ Habibie"},
      {"initials, a rare misspelling aside",
       repeated({"p:Bacharuddin Jusuf Habibie"}, 10) + repeated({"p:Baharuddin Jusuf Habibie"}, 1) +
           repeated({"p:BJ Habibie"}, 4),
       "BJ Habibie", "Bacharuddin Jusuf Habibie"},
      {"acronym in brackets",
       {{"o:Komisi Pemberantasan Korupsi|Komisi Pemberantasan Korupsi (KPK)"},
        {"o:KPK"},
        {"o:KPK"}},
       "KPK",
       "Komisi Pemberantasan Korupsi"},
      {"acronym by its initials", repeated({"o:Mahkamah Konstitusi"}, 3) + repeated({"o:MK"}, 4),
       "MK", "Mahkamah Konstitusi"},
      {"a title kept in front",
       repeated({"p:Imam Nahrawi"}, 3) + repeated({"p:Menpora Imam Nahrawi"}, 1),
       "Menpora Imam Nahrawi", "Imam Nahrawi"},
      {"a middle name",
       repeated({"p:Anies Baswedan"}, 3) + repeated({"p:Anies Rasyid Baswedan"}, 2),
       "Anies Rasyid Baswedan", "Anies Baswedan"},
      {"short form linked in articles",
       {{"p:Choe Son Hui|Choe"}, {"p:Choe Son Hui"}, {"p:Choe"}},
       "Choe",
       "Choe Son Hui"},
      {"short form beside the full name in articles",
       {{"p:Yasonna Laoly", "p:Yasonna"}, {"p:Yasonna Laoly"}, {"p:Yasonna"}},
       "Yasonna",
       "Yasonna Laoly"},
      {"a speech cue in front", repeated({"p:Wiranto"}, 3) + repeated({"p:Menurut Wiranto"}, 1),
       "Menurut Wiranto", "Wiranto"},
      {"a role of two words in front",
       repeated({"p:Wiranto"}, 6) + repeated({"p:Menko Polhukam Wiranto"}, 2),
       "Menko Polhukam Wiranto", "Wiranto"},
      {"a word of no meaning in front, a shared rest",
       repeated({"p:Budi"}, 6) + repeated({"p:Budi Gunawan"}, 2) + repeated({"p:Menurut Budi"}, 1),
       "Menurut Budi", "Budi"},
  };
  for (const auto& c : cases) {
    const std::vector<Entity> entities = resolve(c.articles, {{"Amerika Serikat", "AS", "USA"}});
    EXPECT_EQ(entity_of(entities, c.variant), c.entity) << c.rule;
  }
}

TEST(EntityResolver, NeverMergesTwoPersonsWhoShareAWord) {
  // Two Habibies: the lone "Habibie" could be either, so it stays apart,
  // although articles link it to one of them.
  const std::vector<Entity> two =
      resolve(repeated({"p:BJ Habibie|Habibie"}, 5) + repeated({"p:Thareq Kemal Habibie"}, 2) +
              repeated({"p:Habibie"}, 3));
  EXPECT_EQ(entity_of(two, "Habibie"), "Habibie");
  EXPECT_EQ(entity_of(two, "BJ Habibie"), "BJ Habibie");
  EXPECT_EQ(entity_of(two, "Thareq Kemal Habibie"), "Thareq Kemal Habibie");
  // With one Habibie in the collection, the linked short form joins him.
  const std::vector<Entity> one =
      resolve(repeated({"p:BJ Habibie|Habibie"}, 5) + repeated({"p:Habibie"}, 3));
  EXPECT_EQ(entity_of(one, "Habibie"), "BJ Habibie");
  // A holder far rarer than the most frequent one, which a tenth as many
  // articles link the short form to, does not compete ("Tweet Trump", a
  // headline read as a person).
  const std::vector<Entity> rare_link =
      resolve(repeated({"p:Donald Trump|Trump"}, 30) + repeated({"p:Tweet Trump|Trump"}, 1) +
              repeated({"p:Tweet Trump"}, 1) + repeated({"p:Trump"}, 3));
  EXPECT_EQ(entity_of(rare_link, "Trump"), "Donald Trump");
  EXPECT_EQ(entity_of(rare_link, "Tweet Trump"), "Tweet Trump");
  // Linked in more articles, it competes, and the short form stays apart.
  const std::vector<Entity> both_linked =
      resolve(repeated({"p:Donald Trump|Trump"}, 30) + repeated({"p:Melania Trump|Trump"}, 3) +
              repeated({"p:Trump"}, 3));
  EXPECT_EQ(entity_of(both_linked, "Trump"), "Trump");
  // Without a link in any article, a short form stays apart.
  const std::vector<Entity> unlinked =
      resolve(repeated({"p:Budi Gunawan"}, 5) + repeated({"p:Budi"}, 3));
  EXPECT_EQ(entity_of(unlinked, "Budi"), "Budi");
  // Initials two full names fit equally stay apart.
  const std::vector<Entity> initials =
      resolve(repeated({"p:Susilo Bambang Yudhoyono"}, 3) +
              repeated({"p:Sri Bintang Yudhoyono"}, 3) + repeated({"p:SB Yudhoyono"}, 2));
  EXPECT_EQ(entity_of(initials, "SB Yudhoyono"), "SB Yudhoyono");
  // An acronym no article writes with a name, and a far rarer expansion.
  const std::vector<Entity> usd =
      resolve(repeated({"o:USD"}, 20) + repeated({"o:Universitas Sanata Dharma"}, 2));
  EXPECT_EQ(entity_of(usd, "USD"), "USD");
  // A longer name two persons' names fit stays apart.
  const std::vector<Entity> longer =
      resolve(repeated({"p:Kemal Habibie"}, 2) + repeated({"p:Thareq Habibie"}, 2) +
              repeated({"p:Thareq Kemal Habibie"}, 2));
  EXPECT_EQ(entity_of(longer, "Thareq Kemal Habibie"), "Thareq Kemal Habibie");
  // A short form beside two full names it fits stays apart.
  const std::vector<Entity> beside =
      resolve(repeated({"p:BJ Habibie", "p:Thareq Kemal Habibie", "p:Habibie"}, 3) +
              repeated({"p:Habibie"}, 2));
  EXPECT_EQ(entity_of(beside, "Habibie"), "Habibie");
  // A given name in front is part of the name ("Tommy Soeharto" is no
  // Soeharto), and so is an initial.
  const std::vector<Entity> given =
      resolve(repeated({"p:Soeharto"}, 9) + repeated({"p:Tommy Soeharto"}, 2) +
              repeated({"p:Syarif"}, 9) + repeated({"p:M Syarif"}, 2));
  EXPECT_EQ(entity_of(given, "Tommy Soeharto"), "Tommy Soeharto");
  EXPECT_EQ(entity_of(given, "M Syarif"), "M Syarif");
  // A role in front may tell which of several persons a one-word rest is.
  const std::vector<Entity> role = resolve(
      repeated({"p:Budi"}, 9) + repeated({"p:Budi Gunawan"}, 2) + repeated({"p:Menhub Budi"}, 2));
  EXPECT_EQ(entity_of(role, "Menhub Budi"), "Menhub Budi");
  // A rest not written three times as often stays apart.
  const std::vector<Entity> rare =
      resolve(repeated({"p:Wiranto"}, 2) + repeated({"p:Menurut Wiranto"}, 1));
  EXPECT_EQ(entity_of(rare, "Menurut Wiranto"), "Menurut Wiranto");
  // Types stay apart.
  const std::vector<Entity> types = resolve({{"p:Tempo"}, {"o:TEMPO.CO"}});
  EXPECT_EQ(entity_of(types, "Tempo"), "Tempo");
  EXPECT_EQ(types.size(), 2u);
}

TEST(EntityResolver, CountsArticlesOnceAndDoesNotDependOnOrder) {
  std::vector<Article> articles = {
      {"o:Tempo", "o:TEMPO.CO"},
      {"o:Tempo"},
      {"p:Choe Son Hui|Choe", "o:KPK"},
      {"p:Choe"},
      {"o:Komisi Pemberantasan Korupsi|Komisi Pemberantasan Korupsi (KPK)"}};
  const std::vector<Entity> forward = resolve(articles);
  std::reverse(articles.begin(), articles.end());
  const std::vector<Entity> backward = resolve(articles);
  ASSERT_EQ(forward.size(), backward.size());
  for (std::size_t i = 0; i < forward.size(); ++i) {
    EXPECT_EQ(forward[i].id, backward[i].id);
    EXPECT_EQ(forward[i].articles, backward[i].articles);
    EXPECT_EQ(forward[i].variants.size(), backward[i].variants.size());
  }
  const auto tempo = std::find_if(forward.begin(), forward.end(),
                                  [](const Entity& e) { return e.name == "Tempo"; });
  ASSERT_NE(tempo, forward.end());
  EXPECT_EQ(tempo->articles, 2u);  // both variants in one article count it once
  EXPECT_EQ(tempo->id, entity_id('o', "Tempo"));
  // Most articles first, ties by type and name: "Komisi Pemberantasan
  // Korupsi" (KPK in brackets, and KPK) and Tempo have two each.
  ASSERT_GE(forward.size(), 2u);
  EXPECT_EQ(forward[0].name, "Komisi Pemberantasan Korupsi");
  EXPECT_EQ(forward[1].name, "Tempo");
}

TEST(EntityTable, RoundTripsAndFindsByVariant) {
  const std::vector<Entity> entities = resolve(
      {{"o:Tempo", "p:Kim Jong Un"}, {"o:TEMPO.CO"}, {"l:AS"}}, {{"Amerika Serikat", "AS"}});
  const std::string merged = EntityTable::encode_merged(entities);
  const std::string singles = EntityTable::encode_singles(entities);
  EXPECT_NE(merged.find("TEMPO.CO"), std::string::npos);
  EXPECT_NE(merged.find("Amerika Serikat"),
            std::string::npos);  // an alias name: kept with the merged
  EXPECT_EQ(singles, "p\t1\tKim Jong Un\n");
  const EntityTable all = EntityTable::decode(merged, singles);
  ASSERT_EQ(all.entities().size(), entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    EXPECT_EQ(all.entities()[i].id, entities[i].id);
    EXPECT_EQ(all.entities()[i].name, entities[i].name);
    EXPECT_EQ(all.entities()[i].articles, entities[i].articles);
  }
  const EntityTable search = EntityTable::decode(merged);
  ASSERT_NE(search.find('o', "tempo.co"), nullptr);  // by name_key
  EXPECT_EQ(search.find('o', "Tempo")->name, "Tempo");
  EXPECT_EQ(search.find('p', "Tempo"), nullptr);
  EXPECT_EQ(search.find('p', "Kim Jong Un"), nullptr);  // an entity of its own
  EXPECT_EQ(all.find('o', "TEMPO.CO"),
            search.find('o', "TEMPO.CO") ? all.find('o', "Tempo") : nullptr);
  // Malformed lines are skipped.
  EXPECT_TRUE(EntityTable::decode("o\tid\tx\tTempo\tTempo\t1\nbroken\n", "p\tNaN\tX\n").empty());
}

}  // namespace
}  // namespace telusur
