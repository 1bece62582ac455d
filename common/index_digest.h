// A digest of each article of an index, to check that two builds of the same
// articles hold the same documents (a resumed build against a clean one):
// what the digest covers is everything a document holds but its docid.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace telusur {

// Article id -> hash of its document's terms (with wdf and positions) and
// values. Throws IndexError when the index cannot be read.
std::map<std::string, std::uint64_t> article_digests(const std::string& index_dir);

}  // namespace telusur
