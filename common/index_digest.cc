#include "index_digest.h"

#include <xapian.h>

#include "hash.h"
#include "schema.h"
#include "status.h"

namespace telusur {

namespace {

// The bytes a digest is made of: each term and its wdf, then each value with
// its slot, separated so that no two documents run together. (Positions are
// left out: reading them costs ten times the rest, and they come from the
// same analysis as the terms.)
std::string document_bytes(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += *t;
    out += '\0' + std::to_string(t.get_wdf()) + '\n';
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
    out += std::to_string(v.get_valueno()) + '\0' + *v + '\n';
  return out;
}

}  // namespace

std::map<std::string, std::uint64_t> article_digests(const std::string& index_dir) {
  std::map<std::string, std::uint64_t> out;
  try {
    const Xapian::Database db(index_dir);
    const std::string prefix = str(schema::kIdPrefix);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {  // in docid order
      const Xapian::Document doc = db.get_document(*p);
      auto t = doc.termlist_begin();
      t.skip_to(prefix);
      const std::string id = t != doc.termlist_end() && (*t).starts_with(prefix)
                                 ? (*t).substr(prefix.size())
                                 : "(no id, document " + std::to_string(*p) + ")";
      out[id] ^= hash_of(document_bytes(doc));
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read index '" + index_dir + "': " + e.get_description());
  }
  return out;
}

}  // namespace telusur
