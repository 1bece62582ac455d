// Stemmer choice. The stemmer is picked at index time, recorded in the index
// metadata, and the searcher always uses the one the index names.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// Telusur's dictionary-backed Indonesian stemmer (indonesian_stemmer.h): the default.
inline constexpr std::string_view kDefaultStemmer = "dictionary";

// Every name make_stemmer() accepts: "dictionary", "snowball" (Xapian's
// Snowball Indonesian, Tala's rules), "none".
std::vector<std::string> stemmer_names();

// The stemmer called `name`. "none" returns an identity Xapian::Stem;
// "dictionary" loads the root dictionary once per process. Throws
// telusur::Error listing the known names for an unknown one, or saying what is
// missing when the dictionary cannot be loaded.
Xapian::Stem make_stemmer(std::string_view name);

// How many dictionary stemmers make_stemmer() has made in this process: each
// needs the whole root dictionary (loaded by the first). The searcher's
// tests assert that a query needs none.
std::size_t dictionary_stemmers_made();

// True when a stemmer is costly to create (it loads a dictionary), so the
// index records the stem of every indexed word and the searcher looks words
// up instead of creating the stemmer.
bool stemmer_uses_lookup_table(std::string_view name);

// Metadata key under which the index records the stem of `word`.
std::string stem_table_key(std::string_view word);

}  // namespace telusur
