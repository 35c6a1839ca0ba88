#include "terminal.h"

#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace certigram {

bool Terminal::isInteractive()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin)) && _isatty(_fileno(stderr));
#else
    return ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO);
#endif
}

Result<QString> Terminal::ask(const QString &prompt)
{
    const QByteArray bytes = prompt.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
    return readLine();
}

Result<QString> Terminal::readLine()
{
    std::string line;
    if (!std::getline(std::cin, line))
        return Error(ErrorCode::InvalidInput, QStringLiteral("no input: standard input ended"));
    return QString::fromLocal8Bit(line.data(), static_cast<qsizetype>(line.size())).trimmed();
}

} // namespace certigram
