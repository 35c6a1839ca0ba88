#include "codeprompt.h"

#include "client/raclient.h"
#include "clioutput.h"
#include "terminal.h"

namespace certigram {

void obtainCode(const std::optional<QString> &given, const CaProfile &profile,
                const QString &subject, CodePurpose purpose, const CliOutput &output,
                std::chrono::milliseconds timeout, QObject *context, ClientCallback<QString> done)
{
    if (given) {
        done(*given == QLatin1String("-") ? Terminal::readLine() : Result<QString>(*given));
        return;
    }
    if (!Terminal::isInteractive()) {
        done(Error(ErrorCode::InvalidInput,
                   QStringLiteral("no --code given and no terminal to ask on: request one with "
                                  "`certigram-cli request-code --subject %1 --purpose %2`, "
                                  "then pass it with --code")
                       .arg(subject, codePurposeName(purpose))));
        return;
    }
    auto *ra = new RaClient(profile.raUrl, profile.root, context);
    ra->setTimeout(timeout);
    ra->requestCode(
        subject, purpose, context,
        [ra, &output, subject, done = std::move(done)](Result<CodeResponse> sent) {
            ra->deleteLater();
            if (!sent && sent.error().reason() != QLatin1String("code-pending")) {
                done(sent.error());
                return;
            }
            output.progress(
                sent ? QStringLiteral("A code is on its way to Telegram user %1 "
                                      "(valid until %2).")
                           .arg(subject, CliOutput::time(sent->expiresAt))
                     : QStringLiteral("A code was already sent to Telegram user %1.").arg(subject));
            done(Terminal::ask(QStringLiteral("Code: ")));
        });
}

} // namespace certigram
