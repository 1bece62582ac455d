// Fuzzes the date parsers: dates in article text, and --since/--until bounds.
#include "dates.h"
#include "fuzz_common.h"
#include "query.h"
#include "status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto text = telusur::fuzz::as_text(data, size);
  if (!text) return 0;
  telusur::find_date(*text);
  for (bool upper : {false, true}) {
    try {
      telusur::resolve_date_bound(*text, upper, "20261122");
    } catch (const telusur::QueryError&) {
    }
  }
  return 0;
}
