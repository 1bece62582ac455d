#include "analysis_fingerprint.h"

#include "embedded_data.h"
#include "hash.h"

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
