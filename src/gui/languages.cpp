#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace certigram {

QList<QPair<QString, QString>> Languages::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("pt_BR"), QStringLiteral("Português (Brasil)")}};
}

QString Languages::install(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *translator = new QTranslator(QCoreApplication::instance());
    // Looks for certigram_pt_BR, then certigram_pt, … in the resources.
    if (!translator->load(locale, QStringLiteral("certigram"), QStringLiteral("_"),
                          QStringLiteral(":/i18n"))) {
        delete translator;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(translator);
    // Qt's own dialogs (QWizard buttons, QMessageBox) in the same language, when installed.
    auto *qtTranslator = new QTranslator(QCoreApplication::instance());
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    return locale.name();
}

} // namespace certigram
