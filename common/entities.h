// Entities across a collection: the names of every article (their names
// values, document.h) clustered into one entity per person, place or
// organisation, whatever the spelling. Variants are joined by these rules,
// each deterministic:
//   - spelling: the same name but for dots, apostrophes, a web domain or a
//     company form ("B.J. Habibie", "TEMPO.CO" = "Tempo", "PT Pertamina
//     (Persero)" = "Pertamina"), a party's "Partai", an organisation's "RI";
//   - aliases: the groups of data/names/aliases.txt;
//   - initials: "BJ Habibie" = "Bacharuddin Jusuf Habibie", when one full
//     name alone fits the initials;
//   - longer forms: a person's name of three or more words that ends with
//     another person's name of two or more ("Menpora Imam Nahrawi") or whose
//     first and last words are it ("Anies Rasyid Baswedan"), when one person
//     alone fits;
//   - acronyms: "KPK" = "Komisi Pemberantasan Korupsi", from articles that
//     write the acronym in brackets after the name, or where the initials of
//     one organisation's name alone spell it;
//   - short forms: a one- or two-word person name that articles link to a
//     full name ("Choe" in an article about Choe Son Hui), when no other
//     person of the collection whose name starts or ends with it competes
//     (is linked to it too, or is a tenth as frequent); a two-word form of
//     one person's name ("Thareq Kemal") joins it without a link.
//     A short form two persons share ("Habibie": BJ Habibie, Thareq Kemal
//     Habibie) stays an entity of its own: two persons are never merged
//     because they share a word.
// The same names give the same entities, in any order of articles.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace telusur {

struct StoredName;

struct EntityVariant {
  std::string name;            // as indexed (the most frequent display form)
  std::uint64_t articles = 0;  // articles that name it so
};

struct Entity {
  char type = 0;     // kPersonLetter, kPlaceLetter, kOrgLetter (document.h)
  std::string id;    // entity_id(type, name)
  std::string name;  // canonical: an alias group's first name, else the full
                     // variant in most articles
  std::uint64_t articles = 0;           // articles naming it under any variant
  std::vector<EntityVariant> variants;  // most articles first, then by name
};

// "person", "place" or "organisation" for a type letter ('p', 'l', 'o').
std::string_view entity_type_label(char type);

// The id of the entity of `type` whose canonical name is `name`: its type
// letter and 12 hex digits of the hash of its name key. It changes only when
// the canonical name does.
std::string entity_id(char type, std::string_view name);

// The key under which a name is compared for spelling: name_key() without
// dots, apostrophes, web domains (".co", ".com", ".id"), and for an
// organisation without "PT", "Partai", "Tbk", "(Persero)" and a closing "RI".
std::string loose_key(char type, std::string_view name);

// One distinct name of a type, as the resolver gathers it.
struct EntityNode {
  char type = 0;
  std::string key;                                        // name_key
  // Display forms and the articles writing each (a name has few: a vector).
  std::vector<std::pair<std::string, std::uint64_t>> forms;
  std::uint64_t articles = 0;
};

// Evidence across articles: (type letter + key of a shorter form, node of
// the full name) -> articles that link them; likewise for "Expansion
// (ACRONYM)" surfaces, (type + key of the acronym, node of the expansion).
using EntityLinks = std::map<std::pair<std::string, std::uint32_t>, std::uint64_t>;

class EntityResolver {
 public:
  // `aliases`: alias groups, canonical name first (builtin_alias_groups()).
  // What words written in front of a person's name are when they are no
  // part of it: 0 a part of it, 1 words that tell nothing ("menurut"), 2 a
  // role that may tell which person ("menhub"); as
  // NameExtractor::name_prefix. Without it, no such words are known.
  using PrefixFn = std::function<int(std::string_view)>;
  explicit EntityResolver(const std::vector<std::vector<std::string>>& aliases,
                          PrefixFn name_prefix = {});

  // The names of one article (decode_names of its names value).
  void add_article(const std::vector<StoredName>& names);

  // Every entity, most articles first, then by type and name.
  std::vector<Entity> resolve() const;

 private:
  std::uint32_t node_of(char type, std::string_view name);
  void add_cooccurrence_links(const std::vector<StoredName>& names,
                              const std::vector<std::uint32_t>& ids,
                              std::set<std::pair<std::string, std::uint32_t>>& shorts);

  std::vector<std::vector<std::string>> aliases_;
  PrefixFn name_prefix_;
  std::vector<EntityNode> nodes_;
  std::unordered_map<std::string, std::uint32_t> index_;  // type + key -> node
  std::vector<std::vector<std::uint32_t>> articles_;       // the nodes of each article
  EntityLinks short_links_, acronym_links_;
};

}  // namespace telusur
