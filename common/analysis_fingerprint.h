// What the documents of an index depend on besides the options of a run:
// the program's version and the data compiled into it (boilerplate rules,
// stopwords, stemmer dictionary, name cues, gazetteers, aliases, tagger
// model). Two builds with the same fingerprint and options make the same
// document of the same article; a resumed build trusts only such parts.
#pragma once

#include <string>

namespace telusur {

// "VERSION/HEX": the version and 16 hex digits of the hash of the data.
const std::string& analysis_fingerprint();

}  // namespace telusur
