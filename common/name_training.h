// The name tagger's CoNLL side: tagging CoNLL sentences as the extractor
// tags an article, the capital-letter evidence of a CoNLL collection, and
// training the tagger on gold CoNLL data (telusur-names --conll, --train).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "conll.h"
#include "name_tagger.h"
#include "names.h"

namespace telusur {

// The IOB tag ("B-PER", "I-LOC", "O", ...) of each token of one sentence as
// `extractor` finds the names in the tokens joined by spaces. Mentions found
// by the rules alone (NameMention::rules_only) are left out, except places
// (a country named as an actor, "militer Israel") with `rules_only_places`.
std::vector<std::string> tag_tokens(const NameExtractor& extractor,
                                    const std::vector<std::string>& tokens,
                                    const CapitalEvidence* evidence = nullptr,
                                    bool rules_only_places = false);

// The evidence of a set of CoNLL sentences, each read as one text.
CapitalEvidence conll_evidence(const std::vector<ConllSentence>& sentences);

// Trains the name tagger on gold sentences (PER/PERSON, LOC/LOCATION,
// ORG/ORGANIZATION; other tags read as O) for `epochs` passes and returns the
// model text (see name_tagger.h), the mean of `options.runs` models trained
// on differently shuffled data. The rule and gazetteer features of a
// sentence come from an extractor whose NER gazetteer is built from the other
// four of five folds, so the model does not learn to trust a gazetteer that
// already knows every training name; every other sentence is read with the
// collection's CapitalEvidence and the rest without, so the model works with
// and without it. `log` gets progress lines.
struct TaggerTrainingOptions {
  int epochs = 10;           // passes over the sentences
  int runs = 3;              // models trained on differently shuffled data, averaged
  double min_weight = 0.01;  // features with no weight this large are left out
};
std::string train_name_tagger(const std::vector<ConllSentence>& sentences,
                              const TaggerTrainingOptions& options,
                              const std::function<void(const std::string&)>& log);

// builtin_rules() with `ner_gazetteer` (TYPE<TAB>name lines) in place of
// the built-in NER gazetteer (data/names/gazetteer-from-ner-train.txt).
NameExtractor training_extractor(std::string_view ner_gazetteer);

}  // namespace telusur
