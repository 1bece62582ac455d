// Shared by the fuzz harnesses: fuzz input as UTF-8 text, the way the
// readers hand text to the rest of the core (decode_text), or nothing when
// the bytes are binary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "readers.h"

namespace telusur::fuzz {

inline std::optional<std::string> as_text(const uint8_t* data, size_t size) {
  std::string text, warning, error;
  if (!decode_text(std::string_view(reinterpret_cast<const char*>(data), size), text, warning,
                   error))
    return std::nullopt;
  return text;
}

}  // namespace telusur::fuzz
