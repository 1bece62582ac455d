// Fuzzes the plain-text article reader: bytes -> decode_text -> parse_txt_article.
#include "fuzz_common.h"
#include "status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto text = telusur::fuzz::as_text(data, size);
  if (!text) return 0;
  try {
    telusur::parse_txt_article(*text, "fuzz", "fuzz.txt");
  } catch (const telusur::Error&) {
  }
  return 0;
}
