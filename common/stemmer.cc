#include "stemmer.h"

#include <xapian.h>

#include "status.h"

namespace telusur {

std::vector<std::string> stemmer_names() { return {"snowball", "none"}; }

Xapian::Stem make_stemmer(std::string_view name) {
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
