#include "stemmer.h"

#include <xapian.h>

#include <atomic>

#include "indonesian_stemmer.h"
#include "status.h"

namespace telusur {

std::vector<std::string> stemmer_names() { return {"dictionary", "snowball", "none"}; }

bool stemmer_uses_lookup_table(std::string_view name) { return name == "dictionary"; }

std::string stem_table_key(std::string_view word) { return "stem:" + std::string(word); }

namespace {
std::atomic<std::size_t> dictionary_stemmers{0};
}  // namespace

std::size_t dictionary_stemmers_made() { return dictionary_stemmers.load(); }

Xapian::Stem make_stemmer(std::string_view name) {
  if (name == "dictionary") {
    ++dictionary_stemmers;
    // Never destroyed: freeing the dictionary's ~100,000 entries at exit
    // would cost a short run more than its work.
    static const auto& roots =
        *new std::shared_ptr<const RootDictionary>(RootDictionary::load_default());
    return Xapian::Stem(new IndonesianStemmer(roots));
  }
  try {
    if (name == "snowball") return Xapian::Stem("indonesian");
    if (name == "none") return Xapian::Stem("none");
  } catch (const Xapian::Error& e) {
    throw Error("cannot create stemmer '" + std::string(name) + "': " + e.get_description());
  }
  std::string known;
  for (const std::string& n : stemmer_names()) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown stemmer '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace telusur
