// Drawing charts with gnuplot (Debian package gnuplot-nox): the one place
// that runs it.
#pragma once

#include <string>

namespace telusur {

// Runs gnuplot on `script`, which draws `png`. Throws Error when gnuplot is
// missing ("install it") or fails (with its first error line).
void run_gnuplot(const std::string& script, const std::string& png);

// `s` as a gnuplot string literal.
std::string quoted(const std::string& s);

}  // namespace telusur
