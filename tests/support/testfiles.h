#pragma once

#include "core/error.h"
#include "processrunner.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace certigram::test {

// Small helpers every crypto suite needs.
QByteArray readFile(const QString &path);
// Writes `bytes` to `dir`/`name` and returns the path (empty when writing failed).
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes);
// "code-name: message", for QVERIFY2 messages.
QString errorMessage(const Error &error);
// The openssl CLI (no shell); secrets go in `input`, never in `arguments`.
ProcessOutput openssl(const QStringList &arguments, const QByteArray &input = {});

} // namespace certigram::test
