// Fuzzes the name extractor (rules and tagger): first line title, rest body.
#include "fuzz_common.h"
#include "names.h"
#include "text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto text = telusur::fuzz::as_text(data, size);
  if (!text) return 0;
  const std::string normalized = telusur::normalize(*text);
  const std::size_t nl = normalized.find('\n');
  const std::string title = normalized.substr(0, nl);
  const std::string body = nl == std::string::npos ? std::string() : normalized.substr(nl + 1);
  telusur::NameExtractor::builtin().extract(title, body);
  return 0;
}
