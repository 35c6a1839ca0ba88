#include "crypto/opensslerror.h"

#include <openssl/err.h>

#include <QStringList>

namespace certigram::ossl {

QString drainErrors()
{
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        const char *reason = ERR_reason_error_string(code);
        const QString text
            = reason ? QString::fromLatin1(reason) : QStringLiteral("error %1").arg(code, 0, 16);
        if (!reasons.contains(text))
            reasons << text;
    }
    return reasons.join(QStringLiteral("; "));
}

Error error(ErrorCode code, const QString &what)
{
    const QString reasons = drainErrors();
    return Error(code, reasons.isEmpty() ? what : what + QStringLiteral(": ") + reasons);
}

void clearErrors()
{
    ERR_clear_error();
}

} // namespace certigram::ossl
