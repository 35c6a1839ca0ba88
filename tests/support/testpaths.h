#pragma once

#include <QString>

namespace certigram::test {

// tests/fixtures/<relative> in the source tree.
QString fixturePath(const QString &relative);
// The workplace's shared/ folder (step-ca tools), as configured at build time.
QString sharedPath(const QString &relative);

} // namespace certigram::test
