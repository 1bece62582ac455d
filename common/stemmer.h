// Stemmer choice. The stemmer is picked at index time, recorded in the index
// metadata, and the searcher always uses the one the index names.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// Xapian's Snowball Indonesian stemmer (Tala's rules): the default.
inline constexpr std::string_view kDefaultStemmer = "snowball";

// Every name make_stemmer() accepts: "snowball", "none".
std::vector<std::string> stemmer_names();

// The stemmer called `name`. "none" returns an identity Xapian::Stem. Throws
// telusur::Error listing the known names for an unknown one.
Xapian::Stem make_stemmer(std::string_view name);

}  // namespace telusur
