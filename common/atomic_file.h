// Files that appear whole or not at all: written beside their path and
// renamed over it, so a reader (or a crash) never sees half a file.
#pragma once

#include <string>
#include <string_view>

namespace telusur {

// Writes `bytes` to `path` atomically (PATH.tmp, then a rename). Throws
// Error "cannot write 'PATH': why", leaving any earlier file as it was.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace telusur
