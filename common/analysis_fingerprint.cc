#include "analysis_fingerprint.h"

#include "hash.h"

namespace telusur::data {
extern const char kBoilerplateRules[];
extern const char kStopwords[];
extern const char kStemmerDictionary[];
extern const char kNameCues[];
extern const char kGazetteer[];
extern const char kNerTrainGazetteer[];
extern const char kAliases[];
extern const char kNameTagger[];
}  // namespace telusur::data

namespace telusur {

const std::string& analysis_fingerprint() {
  static const std::string fingerprint = [] {
    std::string all;
    for (const char* part : {data::kBoilerplateRules, data::kStopwords, data::kStemmerDictionary,
                             data::kNameCues, data::kGazetteer, data::kNerTrainGazetteer,
                             data::kAliases, data::kNameTagger}) {
      all += part;
      all += '\0';
    }
    return std::string(TELUSUR_VERSION) + "/" + hex64(hash_of(all));
  }();
  return fingerprint;
}

}  // namespace telusur
