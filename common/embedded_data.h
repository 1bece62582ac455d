// The data files compiled into the core library (common/CMakeLists.txt,
// telusur_embed): each the whole text of its file under data/.
#pragma once

namespace telusur::data {
extern const char kBoilerplateRules[];   // data/boilerplate.rules
extern const char kStopwords[];          // data/stopwords-id.txt
extern const char kStemmerDictionary[];  // data/stemmer-dictionary.txt
extern const char kNameCues[];           // data/names/cues.txt
extern const char kGazetteer[];          // data/names/gazetteer.txt
extern const char kNerTrainGazetteer[];  // data/names/gazetteer-from-ner-train.txt
extern const char kAliases[];            // data/names/aliases.txt
extern const char kNameTagger[];         // data/names/tagger.model
extern const char kNameWords[];          // data/names/name-words.txt
extern const char kWordClusters[];       // data/names/word-clusters.txt
}  // namespace telusur::data
