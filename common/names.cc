#include "names.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>

#include "embedded_data.h"
#include "indonesian_stemmer.h"
#include "name_rules.h"
#include "name_tables.h"
#include "name_tagger.h"
#include "name_tagging.h"
#include "name_tokens.h"
#include "name_training.h"
#include "status.h"
#include "text.h"

namespace telusur {

std::string_view name_type_label(NameType type) {
  switch (type) {
    case NameType::kPerson:
      return "person";
    case NameType::kPlace:
      return "place";
    case NameType::kOrganisation:
      return "organisation";
  }
  return "";
}

std::string name_key(std::string_view name) {
  std::string folded = fold_case(name);
  std::string out;
  for (char c : folded) {
    const char d = (c == '-' || c == '\t' || c == '\n') ? ' ' : c;
    if (d == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += d;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

NameExtractor::NameExtractor(std::shared_ptr<const NameTables> tables)
    : tables_(std::move(tables)) {}

NameExtractor::NameExtractor(std::string_view cues, const std::vector<std::string_view>& gazetteers,
                             std::string_view aliases)
    : tables_(std::make_shared<const NameTables>(parse_name_tables(cues, gazetteers, aliases))) {}

const std::vector<std::vector<std::string>>& NameExtractor::alias_groups() const {
  return tables_->alias_groups;
}

const std::vector<std::vector<std::string>>& builtin_alias_groups() {
  static const std::vector<std::vector<std::string>> kGroups = parse_alias_groups(data::kAliases);
  return kGroups;
}

const std::string& country_gazetteer() {
  static const std::string kText = [] {
    std::string text;
    const icu::Locale indonesian("id");
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
      icu::UnicodeString display;
      icu::Locale("", *code).getDisplayCountry(indonesian, display);
      std::string name;
      display.toUTF8String(name);
      // "Kongo - Kinshasa", "Myanmar (Burma)", "Hong Kong DAK Tiongkok", "Kep."
      if (name.empty() || name == *code || name.find_first_of("()&.") != std::string::npos ||
          name.find(" - ") != std::string::npos || name.find("DAK") != std::string::npos)
        continue;
      text += "LOC\t" + name + "\n";
    }
    return text;
  }();
  return kText;
}

// The built-in extractors are never destroyed (their maps, dictionary and
// model would be freed at every exit for nothing).
const NameExtractor& NameExtractor::builtin_rules() {
  static const NameExtractor& extractor = *new NameExtractor([] {
    NameTables tables = parse_name_tables(
        data::kNameCues, {data::kGazetteer, country_gazetteer(), data::kNerTrainGazetteer},
        data::kAliases);
    tables.name_words = parse_name_words(data::kNameWords);
    tables.word_clusters = parse_word_clusters(data::kWordClusters);
    tables.index_words();
    try {
      tables.common_words = RootDictionary::load_default();
    } catch (const Error&) {
      // Without hunspell-id the extractor works, with less evidence.
    }
    return std::make_shared<const NameTables>(std::move(tables));
  }());
  return extractor;
}

NameExtractor NameExtractor::with_tagger(std::string_view model) const {
  auto tables = std::make_shared<NameTables>(*tables_);
  tables->tagger = std::make_shared<const NameTagger>(model);
  return NameExtractor(std::move(tables));
}

const NameExtractor& NameExtractor::builtin() {
  static const NameExtractor& extractor =
      *new NameExtractor(builtin_rules().with_tagger(data::kNameTagger));
  return extractor;
}

std::vector<Name> NameExtractor::extract(std::string_view title, std::string_view body) const {
  return extract(title, words(title), body, words(body));
}

std::vector<Name> NameExtractor::extract(std::string_view title,
                                         const std::vector<Word>& title_words,
                                         std::string_view body,
                                         const std::vector<Word>& body_words) const {
  std::map<std::pair<NameType, std::string>, Name> names;
  for (const NameMention& m : mentions(title, title_words, body, body_words)) {
    std::string display = m.name;
    std::string key = name_key(display);
    if (auto it = tables_->canonical.find(key); it != tables_->canonical.end()) {
      display = it->second;
      key = name_key(display);
    }
    Name& name = names[{m.type, key}];
    if (name.mentions == 0) {
      name.type = m.type;
      name.name = display;
      name.key = key;
    }
    ++name.mentions;
    const std::string surface(m.surface);
    if (std::find(name.surfaces.begin(), name.surfaces.end(), surface) == name.surfaces.end())
      name.surfaces.push_back(surface);
  }
  std::vector<Name> out;
  for (auto& [_, name] : names) out.push_back(std::move(name));
  std::stable_sort(out.begin(), out.end(),
                   [](const Name& x, const Name& y) { return x.mentions > y.mentions; });
  return out;
}

std::vector<NameMention> NameExtractor::mentions(std::string_view title,
                                                 const std::vector<Word>& title_words,
                                                 std::string_view body,
                                                 const std::vector<Word>& body_words,
                                                 const CapitalEvidence* evidence) const {
  std::vector<NameToken> toks;
  toks.reserve(title_words.size() + body_words.size());
  append_name_tokens(title, title_words, toks);
  lower_title_case(*tables_, toks, body_words);
  append_name_tokens(body, body_words, toks);
  tables_->annotate(toks);
  std::vector<LinkedName> linked = rule_names(*tables_, toks);
  if (tables_->tagger && !tables_->tagger->empty())
    linked = tagged_names(*tables_, toks, linked, evidence);
  std::vector<NameMention> out;
  for (const LinkedName& l : linked) {
    // As written: the words from first to last with what stands between them.
    const char* from = toks[l.a].text.data();
    const std::string_view& text =
        from >= title.data() && from < title.data() + title.size() ? title : body;
    // A span never runs from the title into the body (they are two texts):
    // it ends with its last word in the text it starts in.
    std::size_t last = l.b - 1;
    while (last > l.a && !(toks[last].text.data() >= text.data() &&
                           toks[last].text.data() < text.data() + text.size()))
      --last;
    const char* to = toks[last].text.data() + toks[last].text.size();
    // "(PPP" takes its closing parenthesis.
    if (std::string_view(from, static_cast<std::size_t>(to - from)).find('(') !=
        std::string_view::npos) {
      const char* end = text.data() + text.size();
      const char* c = to;
      while (c < end && *c == ' ') ++c;
      if (c < end && *c == ')') to = c + 1;
    }
    out.push_back({l.type, std::string_view(from, static_cast<std::size_t>(to - from)),
                   display_of(toks, l.fa, l.fb), l.rules_only});
  }
  return out;
}

NameExtractor::Prefix NameExtractor::name_prefix(std::string_view key) const {
  const NameTables& t = *tables_;
  if (key.empty()) return Prefix::kNone;
  if (t.roles.count(std::string(key))) return Prefix::kRole;
  const IndonesianStemmer stemmer(t.common_words);
  Prefix out = Prefix::kWords;
  for (std::string_view part : split(key, ' ')) {
    const std::string word(part);
    if (t.roles.count(word)) {
      out = Prefix::kRole;
      continue;
    }
    if (t.speech.count(word)) continue;
    if (!t.has_common_root(stemmer, word)) return Prefix::kNone;
  }
  return out;
}

NameExtractor training_extractor(std::string_view ner_gazetteer) {
  NameTables tables = parse_name_tables(
      data::kNameCues, {data::kGazetteer, country_gazetteer(), ner_gazetteer}, data::kAliases);
  tables.common_words = NameExtractor::builtin_rules().tables().common_words;
  tables.name_words = NameExtractor::builtin_rules().tables().name_words;
  tables.word_clusters = NameExtractor::builtin_rules().tables().word_clusters;
  tables.index_words();
  return NameExtractor(std::make_shared<const NameTables>(std::move(tables)));
}

}  // namespace telusur
