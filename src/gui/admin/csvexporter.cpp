#include "admin/csvexporter.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace certigram {

QString CsvExporter::escapeCell(const QString &text)
{
    QString cell = text;
    if (!cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(cell.front()))
        cell.prepend(QLatin1Char('\''));
    if (cell.contains(QLatin1Char('"')) || cell.contains(QLatin1Char(','))
        || cell.contains(QLatin1Char('\n')) || cell.contains(QLatin1Char('\r'))
        || cell != cell.trimmed()) {
        cell.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        cell = QLatin1Char('"') + cell + QLatin1Char('"');
    }
    return cell;
}

QString CsvExporter::toCsv(const QAbstractItemModel &model)
{
    QString csv;
    const int columns = model.columnCount();
    QStringList cells;
    for (int column = 0; column < columns; ++column)
        cells << escapeCell(model.headerData(column, Qt::Horizontal).toString());
    csv += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int row = 0; row < model.rowCount(); ++row) {
        cells.clear();
        for (int column = 0; column < columns; ++column)
            cells << escapeCell(model.index(row, column).data().toString());
        csv += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return csv;
}

Result<void> CsvExporter::write(const QAbstractItemModel &model, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::IoError,
                     QCoreApplication::translate("certigram::CsvExporter", "Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write(toCsv(model).toUtf8());
    if (!file.commit())
        return Error(ErrorCode::IoError,
                     QCoreApplication::translate("certigram::CsvExporter", "Cannot save %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace certigram
