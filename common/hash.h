// The 64-bit hash of bytes (xxHash's XXH3) and its hex form: what the index
// records of files, articles, lines and dictionaries to tell a change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace telusur {

std::uint64_t hash_of(std::string_view bytes);

// `v` as 16 lower-case hex digits.
std::string hex64(std::uint64_t v);

}  // namespace telusur
