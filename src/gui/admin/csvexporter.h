#pragma once

#include "core/result.h"

#include <QString>

class QAbstractItemModel;

namespace certigram {

// Writes a table model's rows (as displayed: a filter proxy exports what is shown) to a
// CSV file: RFC 4180 quoting, UTF-8, a header row. Cells that a spreadsheet would take
// for a formula (= + - @ and tab/CR first) get a leading apostrophe, since log messages
// carry text from anyone.
class CsvExporter
{
public:
    static Result<void> write(const QAbstractItemModel &model, const QString &path);
    static QString toCsv(const QAbstractItemModel &model);
    static QString escapeCell(const QString &text);
};

} // namespace certigram
