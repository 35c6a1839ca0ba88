#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QCoreApplication;

namespace certigram {

// The languages the app is translated into, and switching to one at start-up.
class Languages
{
public:
    // (code, native name) pairs, English first: ("en", "English"), ("pt_BR", "Português (Brasil)").
    static QList<QPair<QString, QString>> available();
    // Installs the translation for `language` ("" = the system's UI language), falling back
    // to English (the source language) when there is none. Returns the code installed.
    static QString install(const QString &language);
};

} // namespace certigram
