// Fuzzes the JSON Lines reader: one line -> parse_jsonl_article.
#include "fuzz_common.h"
#include "status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    telusur::parse_jsonl_article(std::string_view(reinterpret_cast<const char*>(data), size),
                                 "fuzz.jsonl", 1);
  } catch (const telusur::Error&) {
  }
  return 0;
}
