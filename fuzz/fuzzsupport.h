// Shared bits of the libFuzzer entry points in fuzz/.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <openssl/ui.h>

#include "core/error.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace certigram::fuzz {

// Qt's warnings (and ours) would flood the fuzzer's output and slow it down; fatal
// messages (Q_ASSERT, qFatal) still abort after the handler returns, which libFuzzer
// reports as a crash.
inline void silenceQtMessages()
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

// OpenSSL's PEM readers fall back to prompting for a passphrase on the controlling
// terminal when they meet an encrypted PEM and the caller gave no callback. A parser of
// untrusted input must never do that (a CLI run from a terminal would block on it): the
// fuzzers make any such prompt a crash.
inline void forbidPassphrasePrompts()
{
    static UI_METHOD *method = [] {
        UI_METHOD *m = UI_create_method("certigram-fuzz: no terminal prompts");
        UI_method_set_opener(m, [](UI *) -> int {
            std::fprintf(stderr, "certigram fuzz invariant failed: OpenSSL asked for a "
                                 "passphrase on the terminal (a PEM reader without a "
                                 "passphrase callback)\n");
            std::abort();
        });
        return m;
    }();
    UI_set_default_method(method);
}

// The input as a QByteArray without copying (valid during the call only).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                   static_cast<qsizetype>(size));
}

// The input parsed as a JSON object, as the servers do with a request body; an empty
// object when it is not one (the parsers must cope with that too).
inline QJsonObject jsonObject(const QByteArray &input)
{
    return QJsonDocument::fromJson(input).object();
}

// An invariant of ours broke: report it and abort, which libFuzzer records as a crash.
[[noreturn]] inline void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "certigram fuzz invariant failed: %s: %s\n", what,
                 detail.toLocal8Bit().constData());
    std::abort();
}

[[noreturn]] inline void fail(const char *what, const Error &error)
{
    fail(what, error.message());
}

// Keeps a computed value alive so the optimiser does not drop the call that made it.
template<typename T>
inline void use(const T &value)
{
    asm volatile("" : : "r"(&value) : "memory");
}

// Message::fromJson on `json`; what it accepts must be written back by toJson and read
// again (the RA's and step-ca's request and answer bodies).
template<typename Message>
void roundTrip(const QJsonObject &json)
{
    const auto parsed = Message::fromJson(json);
    if (!parsed.ok()) {
        use(parsed.error().message());
        return;
    }
    const QJsonObject written = parsed.value().toJson();
    const auto again = Message::fromJson(written);
    if (!again.ok())
        fail("an accepted message does not parse again after toJson", again.error());
    use(again.value().toJson());
}

} // namespace certigram::fuzz

#define CERTIGRAM_FUZZ_INIT                                                                  \
    extern "C" int LLVMFuzzerInitialize(int *, char ***)                                     \
    {                                                                                        \
        certigram::fuzz::silenceQtMessages();                                                \
        certigram::fuzz::forbidPassphrasePrompts();                                          \
        return 0;                                                                            \
    }
