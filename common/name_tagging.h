// The name extractor's tagger step (names.cc): the tagger's view of the
// words, and its tags read back as names linked to full names. Internal to
// the extractor; the public interface is names.h.
#pragma once

#include <vector>

#include "name_tagger.h"
#include "name_tables.h"
#include "name_tokens.h"

namespace telusur {

class CapitalEvidence;

// The tagger's view of the words: shape, cues, common words, the
// gazetteers' and the rules' tags (`rules`: rule_names of the same tokens).
// The tokens point into `toks`. `evidence` may be null.
std::vector<TaggerToken> tagger_tokens(const NameTables& tables,
                                       const std::vector<NameToken>& toks,
                                       const std::vector<LinkedName>& rules,
                                       const CapitalEvidence* evidence);

// The names `tables.tagger` (not null) finds, in text order, each linked to
// its full name: the rules' link for the same words ("Choe" -> "Choe Son
// Hui"), else a lone word that is the first or last word of exactly one
// person's full name tagged here; with the rules' places and acronyms the
// tagger left out, marked rules_only.
std::vector<LinkedName> tagged_names(const NameTables& tables, const std::vector<NameToken>& toks,
                                     const std::vector<LinkedName>& rules,
                                     const CapitalEvidence* evidence);

}  // namespace telusur
