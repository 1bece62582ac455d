#include "version.h"

#include <unicode/uversion.h>
#include <xapian.h>

namespace telusur {

std::string_view telusur_version() { return TELUSUR_VERSION; }

std::string version_report(std::string_view tool) {
  char icu[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo v;
  u_getVersion(v);
  u_versionToString(v, icu);
  return std::string(tool) + " " + std::string(telusur_version()) + "\nXapian " +
         Xapian::version_string() + "\nICU " + icu +
         "\nXGBoost: loaded from libxgboost.so.0 to train a reranker\n";
}

}  // namespace telusur
