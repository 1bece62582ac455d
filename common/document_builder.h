// An article made into a Xapian document for the index writer: its terms
// (words, stems, fields, names), values, answer markers and data, made on an
// analysis thread (prepare()). Internal to the index writer.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "schema.h"
#include "status.h"
#include "stemmer.h"
#include "text.h"

namespace telusur {

// Positions between two names in a name field.
inline constexpr Xapian::termpos kNameGap = 10;
// Mirrors Xapian's rule for which words get a stemmed Z-term: those starting
// with a lower-case or uncased letter (not digits).
bool should_stem(const std::string& term);

// Name fields hold no stemmed terms: a name is matched as written (the query
// front end makes QueryParser leave name-field words unstemmed).
bool is_name_prefix(std::string_view prefix);

class TermIndexer {
 public:
  explicit TermIndexer(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {}

  // Adds `text` as positional terms with `prefix` (and unprefixed too when
  // `also_plain`), plus stemmed Z-terms; positions continue from `pos`.
  void index(Xapian::Document& doc, std::string_view text, std::string_view prefix,
             Xapian::termcount wdf, Xapian::termpos& pos, bool also_plain) {
    index(doc, tokenize(normalize(text)), prefix, wdf, pos, also_plain);
  }

  // The same for text already split into tokens. A one-word name gets no
  // position: only phrases need positions, and a phrase never matches it.
  void index(Xapian::Document& doc, const std::vector<Token>& tokens, std::string_view prefix,
             Xapian::termcount wdf, Xapian::termpos& pos, bool also_plain) {
    const bool name = !also_plain && is_name_prefix(prefix);
    const bool positions = !name || tokens.size() > 1;
    for (const Token& t : tokens) {
      ++pos;
      const bool stem = should_stem(t.term) && !name;
      const std::string& stemmed = stem ? stem_of(t.term) : t.term;
      if (!prefix.empty()) {
        if (positions)
          doc.add_posting(str(prefix) + t.term, pos, wdf);
        else
          doc.add_term(str(prefix) + t.term, wdf);
        if (stem) doc.add_term(str(schema::kStemPrefix) + str(prefix) + stemmed, wdf);
      }
      if (also_plain) {
        doc.add_posting(t.term, pos, wdf);
        if (stem) doc.add_term(str(schema::kStemPrefix) + stemmed, wdf);
      }
    }
  }

  // Hands the words stemmed since the last call to `fn(word, stem)`.
  template <typename Fn>
  void drain_new_stems(Fn&& fn) {
    for (const std::string* word : new_words_) fn(*word, cache_.at(*word));
    new_words_.clear();
  }

 private:
  // Stems are memoised: word frequencies are Zipfian.
  const std::string& stem_of(const std::string& word) {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (cache_.size() > kMaxCachedStems && new_words_.empty()) cache_.clear();
    it = cache_.emplace(word, stemmer_(word)).first;
    new_words_.push_back(&it->first);
    return it->second;
  }

  static constexpr std::size_t kMaxCachedStems = 1000000;
  Xapian::Stem stemmer_;
  std::unordered_map<std::string, std::string> cache_;
  std::vector<const std::string*> new_words_;  // keys of cache_ (stable addresses)
};

// What is done with names: nothing, keep them for facets and display only
// (value slot), or also index them as search fields and exact terms.
enum class NameIndexing { kNone, kFacets, kFields };

// The answer-type markers of a text (schema::kHasNumberTerm, kHasDateTerm).
void add_answer_markers(Xapian::Document& doc, const std::vector<Word>& ws);

// One article made into a Xapian document, ready to be written.
struct Prepared {
  std::string id_term;
  Xapian::Document doc;
  std::vector<std::pair<std::string, std::string>> new_stems;  // word, stem
};

// What an analysis thread needs besides the article.
struct JobInfo {
  std::string signature;  // value of schema::kSignatureSlot
  std::string file_term;  // schema::kFilePrefix term of the article's file
};

// Analyses an article: words, terms, names, values and data. Runs on an
// analysis thread; touches no database.
Prepared prepare(const Article& a, const JobInfo& info, TermIndexer& ix, NameIndexing names_mode);

}  // namespace telusur
