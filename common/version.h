// Telusur's version and those of the libraries it runs with, for --version.
#pragma once

#include <string>
#include <string_view>

namespace telusur {

// Telusur's version ("0.1.0").
std::string_view telusur_version();

// What `TOOL --version` prints: "TOOL VERSION" on the first line, then one
// line for each library with the version it runs with (Xapian, ICU) or
// loads when needed (XGBoost).
std::string version_report(std::string_view tool);

}  // namespace telusur
