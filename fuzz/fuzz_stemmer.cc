// Fuzzes the dictionary stemmer on the words of the input.
#include <xapian.h>

#include "fuzz_common.h"
#include "stemmer.h"
#include "text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Xapian::Stem stem = telusur::make_stemmer("dictionary");
  const auto text = telusur::fuzz::as_text(data, size);
  if (!text) return 0;
  for (const telusur::Token& t : telusur::tokenize(telusur::normalize(*text))) stem(t.term);
  return 0;
}
