#include "protocol/jsonfields.h"
#include "protocol/ramessages.h"
#include "protocol/rfc3339.h"
#include "protocol/stepcamessages.h"
#include "protocol/telegramid.h"
#include "protocol/timeduration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QtTest>

#include <functional>

using namespace certigram;
using namespace Qt::StringLiterals;

namespace {

// Parses a body with a message type and gives back what its toJson() writes, so that one
// data-driven test covers every type.
using Parser = std::function<Result<QJsonObject>(const QJsonObject &)>;

template<typename T>
Parser parserFor()
{
    return [](const QJsonObject &json) -> Result<QJsonObject> {
        auto parsed = T::fromJson(json);
        if (!parsed)
            return parsed.error();
        return parsed->toJson();
    };
}

// What a field holds, to know which values are of a wrong type for it.
enum class Kind {
    String,
    NullableString, // null means "not set" (step-ca's notBefore/notAfter)
    Integer,
    Bool,
    StringArray,
    Object,
    ObjectArray,
    StringOrInteger, // the prototype's "number"
};

struct Field
{
    const char *name;
    Kind kind;
    bool required;
};

struct MessageSpec
{
    const char *type;
    const char *goodBody; // canonical: toJson() writes exactly this
    QList<Field> fields;
    Parser parse;
};

const QList<MessageSpec> &messageSpecs()
{
    static const QList<MessageSpec> specs = {
        // step-ca
        {"SignRequest",
         R"({"csr":"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
             "ott":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln","notBefore":"2024-05-01T12:00:00Z","notAfter":"24h"})",
         {{"csr", Kind::String, true},
          {"ott", Kind::String, true},
          {"notBefore", Kind::NullableString, false},
          {"notAfter", Kind::NullableString, false}},
         parserFor<SignRequest>()},
        {"SignResponse",
         R"({"crt":"LEAF","ca":"INTERMEDIATE","certChain":["LEAF","INTERMEDIATE"],
             "tlsOptions":{"minVersion":1.2,"cipherSuites":["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"]}})",
         {{"crt", Kind::String, true},
          {"ca", Kind::String, true},
          {"certChain", Kind::StringArray, true},
          {"tlsOptions", Kind::Object, false}},
         parserFor<SignResponse>()},
        {"RevokeRequest",
         R"({"serial":"340282366920938463463374607431768211455","ott":"eyJ.e30.c2ln",
             "reasonCode":1,"reason":"key compromise","passive":true})",
         {{"serial", Kind::String, true},
          {"ott", Kind::String, false},
          {"reasonCode", Kind::Integer, false},
          {"reason", Kind::String, false},
          {"passive", Kind::Bool, false}},
         parserFor<RevokeRequest>()},
        {"RevokeResponse",
         R"({"status":"ok"})",
         {{"status", Kind::String, true}},
         parserFor<RevokeResponse>()},
        {"RootsResponse",
         R"({"crts":["ROOT1","ROOT2"]})",
         {{"crts", Kind::StringArray, true}},
         parserFor<RootsResponse>()},
        {"RootResponse",
         R"({"ca":"ROOT"})",
         {{"ca", Kind::String, true}},
         parserFor<RootResponse>()},
        {"HealthResponse",
         R"({"status":"ok"})",
         {{"status", Kind::String, true}},
         parserFor<HealthResponse>()},
        {"VersionResponse",
         R"({"version":"0.19.0","requireClientAuthentication":true})",
         {{"version", Kind::String, true}, {"requireClientAuthentication", Kind::Bool, false}},
         parserFor<VersionResponse>()},
        {"ProvisionersResponse",
         R"({"provisioners":[{"type":"JWK","name":"admin","key":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"},
             "encryptedKey":"eyJ.a.b.c.d"},{"type":"ACME","name":"acme"}],"nextCursor":""})",
         {{"provisioners", Kind::ObjectArray, true}, {"nextCursor", Kind::String, true}},
         parserFor<ProvisionersResponse>()},
        {"ApiError",
         R"({"status":400,"message":"missing ott"})",
         {{"status", Kind::Integer, true}, {"message", Kind::String, true}},
         parserFor<ApiError>()},
        // RA
        {"CodeRequest",
         R"({"subject":"123456789","purpose":"enroll"})",
         {{"subject", Kind::String, true}, {"purpose", Kind::String, true}},
         parserFor<CodeRequest>()},
        {"CodeResponse",
         R"({"expiresAt":"2024-05-01T12:05:00Z","resendAfter":"2024-05-01T12:01:00.250Z"})",
         {{"expiresAt", Kind::String, true}, {"resendAfter", Kind::String, true}},
         parserFor<CodeResponse>()},
        {"TokenRequest",
         R"({"subject":"123456789","code":"012345","purpose":"enroll"})",
         {{"subject", Kind::String, true},
          {"code", Kind::String, true},
          {"purpose", Kind::String, true}},
         parserFor<TokenRequest>()},
        {"TokenResponse",
         R"({"ott":"eyJ.e30.c2ln","caUrl":"https://ca.example.org:9000","expiresAt":"2024-05-01T12:05:00Z"})",
         {{"ott", Kind::String, true},
          {"caUrl", Kind::String, true},
          {"expiresAt", Kind::String, true}},
         parserFor<TokenResponse>()},
        {"RevocationTokenRequest",
         R"({"certificate":"-----BEGIN CERTIFICATE-----\n","code":"123456"})",
         {{"certificate", Kind::String, true}, {"code", Kind::String, false}},
         parserFor<RevocationTokenRequest>()},
        {"RevocationTokenResponse",
         R"({"ott":"eyJ.e30.c2ln","caUrl":"https://localhost/","expiresAt":"2024-05-01T12:05:00Z",
             "serial":"1234567890"})",
         {{"ott", Kind::String, true},
          {"caUrl", Kind::String, true},
          {"expiresAt", Kind::String, true},
          {"serial", Kind::String, true}},
         parserFor<RevocationTokenResponse>()},
        // the prototype's
        {"LegacyRegistrationRequest",
         R"({"number":"123456789"})",
         {{"number", Kind::StringOrInteger, true}},
         parserFor<LegacyRegistrationRequest>()},
        {"LegacySendTokenRequest",
         R"({"number":"123456789","token":"01234"})",
         {{"number", Kind::StringOrInteger, true}, {"token", Kind::String, true}},
         parserFor<LegacySendTokenRequest>()},
        {"LegacyRevokeTokenRequest",
         R"({"number":"123456789"})",
         {{"number", Kind::StringOrInteger, true}},
         parserFor<LegacyRevokeTokenRequest>()},
        {"LegacyMessage",
         R"({"msg":"Error, wrong Telegram token"})",
         {{"msg", Kind::String, true}},
         parserFor<LegacyMessage>()},
    };
    return specs;
}

const MessageSpec &specFor(const QString &type)
{
    for (const MessageSpec &spec : messageSpecs()) {
        if (type == QLatin1String(spec.type))
            return spec;
    }
    qFatal("no message spec for %s", qPrintable(type));
}

QJsonObject goodObject(const MessageSpec &spec)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(spec.goodBody, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad good body for %s: %s", spec.type, qPrintable(error.errorString()));
    return document.object();
}

// Values that are of a wrong type for a field of `kind`, each with a label.
QList<QPair<const char *, QJsonValue>> wrongValues(Kind kind)
{
    const QPair<const char *, QJsonValue> number{"number", 42};
    const QPair<const char *, QJsonValue> string{"string", u"x"_s};
    const QPair<const char *, QJsonValue> boolean{"bool", true};
    const QPair<const char *, QJsonValue> array{"array", QJsonArray{1}};
    const QPair<const char *, QJsonValue> object{"object", QJsonObject{{"a"_L1, 1}}};
    const QPair<const char *, QJsonValue> null{"null", QJsonValue::Null};
    switch (kind) {
    case Kind::String: return {number, boolean, array, object, null};
    case Kind::NullableString: return {number, boolean, array, object};
    case Kind::Integer: return {string, boolean, array, object, null};
    case Kind::Bool: return {number, string, array, object, null};
    case Kind::StringArray:
        return {number, string, boolean, object, null, {"array of numbers", QJsonArray{1}}};
    case Kind::Object: return {number, string, boolean, array, null};
    case Kind::ObjectArray:
        return {number, string, boolean, object, null, {"array of strings", QJsonArray{u"x"_s}}};
    case Kind::StringOrInteger: return {boolean, array, object, null};
    }
    return {};
}

QString fieldTag(const QString &name)
{
    return u"field \"%1"_s.arg(name);
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    // Bodies
    void parseObjectAccepts();
    void parseObjectRejects_data();
    void parseObjectRejects();

    // JsonFields
    void integersAreStrict_data();
    void integersAreStrict();
    void optionalFieldsRefuseNull();
    void nestedFieldsAreNamedWithTheirPath();

    // Every message type
    void goodBodiesRoundTrip_data();
    void goodBodiesRoundTrip();
    void missingRequiredFieldIsNamed_data();
    void missingRequiredFieldIsNamed();
    void optionalFieldsMayBeAbsent_data();
    void optionalFieldsMayBeAbsent();
    void wrongTypeIsNamed_data();
    void wrongTypeIsNamed();
    void invalidValueIsNamed_data();
    void invalidValueIsNamed();
    void acceptedEdgeValues_data();
    void acceptedEdgeValues();
    void everyParserIsTotal();
    void signResponseCompactJsonIsQtsOwn_data();
    void signResponseCompactJsonIsQtsOwn();

    // Specific semantics
    void revokeRequestDefaultsFollowStepCa();
    void reasonCodeSevenIsInBoundsButUnassigned();
    void signRequestTimesParse();
    void legacyNumberAcceptsStringOrInteger_data();
    void legacyNumberAcceptsStringOrInteger();
    void telegramIdRules_data();
    void telegramIdRules();
    void codeResponseTimesAreUtc();
    void apiErrorMapsErrorCodes();

    // Value types
    void rfc3339Parses_data();
    void rfc3339Parses();
    void rfc3339Rejects_data();
    void rfc3339Rejects();
    void rfc3339Formats();
    void goDurationParses_data();
    void goDurationParses();
    void goDurationRejects_data();
    void goDurationRejects();
    void timeDurationResolves();
};

// Bodies

void TestProtocol::parseObjectAccepts()
{
    auto object = JsonFields::parseObject(R"( {"a": 1} )");
    QVERIFY(object.ok());
    QCOMPARE(object->value("a"_L1).toInt(), 1);
}

void TestProtocol::parseObjectRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("whitespace") << QByteArray(" \r\n\t") << u"empty"_s;
    QTest::newRow("array") << QByteArray("[]") << u"not an array"_s;
    QTest::newRow("array of objects") << QByteArray(R"([{"csr":"x"}])") << u"not an array"_s;
    QTest::newRow("garbage") << QByteArray("csr=x&ott=y") << u"not valid JSON"_s;
    QTest::newRow("string") << QByteArray(R"("x")") << u"JSON object"_s;
    QTest::newRow("number") << QByteArray("1") << u"JSON object"_s;
    QTest::newRow("true") << QByteArray("true") << u"JSON object"_s;
    QTest::newRow("null") << QByteArray("null") << u"JSON object"_s;
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xff\xfe\"}") << u"not valid JSON"_s;
    QTest::newRow("overlong UTF-8") << QByteArray("{\"a\":\"\xc0\xaf\"}") << u"not valid JSON"_s;
    QTest::newRow("truncated") << QByteArray(R"({"csr":)") << u"not valid JSON"_s;
    QTest::newRow("truncated string") << QByteArray(R"({"csr":"abc)") << u"not valid JSON"_s;
    QTest::newRow("garbage after") << QByteArray(R"({} x)") << u"not valid JSON"_s;
    QTest::newRow("two objects") << QByteArray(R"({}{})") << u"not valid JSON"_s;
    QTest::newRow("single quotes") << QByteArray(R"({'a':1})") << u"not valid JSON"_s;
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})") << u"not valid JSON"_s;
    QTest::newRow("NaN") << QByteArray(R"({"a":NaN})") << u"not valid JSON"_s;
    QTest::newRow("huge exponent") << QByteArray(R"({"a":1e400})") << u"not valid JSON"_s;
    QTest::newRow("deep nesting") << QByteArray("{\"a\":" + QByteArray(100000, '['))
                                  << u"not valid JSON"_s;
    QTest::newRow("NUL byte") << QByteArray("{\"a\":1}\0", 8) << u"not valid JSON"_s;
}

void TestProtocol::parseObjectRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    auto object = JsonFields::parseObject(body);
    QVERIFY(!object.ok());
    QCOMPARE(object.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(object.error().message().contains(expected), qPrintable(object.error().message()));
}

// JsonFields

void TestProtocol::integersAreStrict_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");
    QTest::newRow("zero") << QByteArray(R"({"n":0})") << true << qint64(0);
    QTest::newRow("negative") << QByteArray(R"({"n":-5})") << true << qint64(-5);
    QTest::newRow("5.0 is 5") << QByteArray(R"({"n":5.0})") << true << qint64(5);
    QTest::newRow("1e3 is 1000") << QByteArray(R"({"n":1e3})") << true << qint64(1000);
    QTest::newRow("int64 max") << QByteArray(R"({"n":9223372036854775807})") << true
                               << std::numeric_limits<qint64>::max();
    QTest::newRow("int64 min") << QByteArray(R"({"n":-9223372036854775808})") << true
                               << std::numeric_limits<qint64>::min();
    QTest::newRow("int64 max + 1")
        << QByteArray(R"({"n":9223372036854775808})") << false << qint64(0);
    QTest::newRow("1e19") << QByteArray(R"({"n":1e19})") << false << qint64(0);
    QTest::newRow("1e300") << QByteArray(R"({"n":1e300})") << false << qint64(0);
    QTest::newRow("fraction") << QByteArray(R"({"n":1.5})") << false << qint64(0);
    QTest::newRow("tiny fraction") << QByteArray(R"({"n":1e-300})") << false << qint64(0);
    QTest::newRow("string") << QByteArray(R"({"n":"5"})") << false << qint64(0);
}

void TestProtocol::integersAreStrict()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    auto object = JsonFields::parseObject(body);
    QVERIFY(object.ok());
    auto number = JsonFields(*object).requiredInt64("n"_L1);
    QCOMPARE(number.ok(), ok);
    if (ok)
        QCOMPARE(*number, value);
    else
        QVERIFY2(number.error().message().startsWith(fieldTag(u"n"_s)),
                 qPrintable(number.error().message()));

    // A narrower range refuses what does not fit it.
    auto small = JsonFields(*object).requiredInt("n"_L1, 0, 10);
    QCOMPARE(small.ok(), ok && value >= 0 && value <= 10);
}

void TestProtocol::optionalFieldsRefuseNull()
{
    const JsonFields fields(QJsonObject{{"s"_L1, QJsonValue::Null}});
    QVERIFY(!fields.optionalString("s"_L1).ok());
    QVERIFY(!fields.optionalInt("s"_L1).ok());
    QVERIFY(!fields.optionalBool("s"_L1).ok());
    QVERIFY(!fields.optionalObject("s"_L1).ok());
    QVERIFY(!fields.optionalStringArray("s"_L1).ok());
    QCOMPARE(fields.optionalString("s"_L1).error().message(),
             u"field \"s\" must be a string, not null"_s);
    auto orNull = fields.optionalStringOrNull("s"_L1);
    QVERIFY(orNull.ok());
    QVERIFY(!orNull->has_value());
    auto absent = fields.optionalString("other"_L1);
    QVERIFY(absent.ok());
    QVERIFY(!absent->has_value());
}

void TestProtocol::nestedFieldsAreNamedWithTheirPath()
{
    auto missingKey = ProvisionersResponse::fromJson(
        QJsonDocument::fromJson(
            R"({"provisioners":[{"type":"ACME","name":"a"},{"type":"JWK","name":"b"}],
                                    "nextCursor":""})")
            .object());
    QVERIFY(!missingKey.ok());
    QCOMPARE(missingKey.error().message(), u"field \"provisioners[1].key\" is required"_s);

    auto wrongName = ProvisionersResponse::fromJson(
        QJsonDocument::fromJson(
            R"({"provisioners":[{"type":"JWK","name":7,"key":{}}],"nextCursor":""})")
            .object());
    QVERIFY(!wrongName.ok());
    QCOMPARE(wrongName.error().message(),
             u"field \"provisioners[0].name\" must be a string, not a number"_s);

    auto wrongElement = SignResponse::fromJson(
        QJsonDocument::fromJson(R"({"crt":"A","ca":"B","certChain":["A",null]})").object());
    QVERIFY(!wrongElement.ok());
    QCOMPARE(wrongElement.error().message(),
             u"field \"certChain[1]\" must be a string, not null"_s);
}

// Every message type

void TestProtocol::goodBodiesRoundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("body");
    for (const MessageSpec &spec : messageSpecs())
        QTest::newRow(spec.type) << QString::fromLatin1(spec.type) << QByteArray(spec.goodBody);
    QTest::newRow("SignRequest minimal")
        << u"SignRequest"_s << QByteArray(R"({"csr":"PEM","ott":"T"})");
    QTest::newRow("SignResponse without tlsOptions")
        << u"SignResponse"_s << QByteArray(R"({"crt":"A","ca":"B","certChain":["A","B"]})");
    QTest::newRow("RevokeRequest by mutual TLS")
        << u"RevokeRequest"_s
        << QByteArray(R"({"serial":"1","ott":"","reasonCode":0,"reason":"","passive":true})");
    QTest::newRow("VersionResponse without flag")
        << u"VersionResponse"_s << QByteArray(R"({"version":"0.25.2"})");
    QTest::newRow("ProvisionersResponse empty page")
        << u"ProvisionersResponse"_s << QByteArray(R"({"provisioners":[],"nextCursor":"abc"})");
    QTest::newRow("CodeRequest revoke")
        << u"CodeRequest"_s
        << QByteArray(R"({"subject":"9223372036854775807","purpose":"revoke"})");
    QTest::newRow("RevocationTokenRequest without code")
        << u"RevocationTokenRequest"_s << QByteArray(R"({"certificate":"PEM"})");
    QTest::newRow("ApiError 599") << u"ApiError"_s << QByteArray(R"({"status":599,"message":""})");
    QTest::newRow("LegacyMessage empty") << u"LegacyMessage"_s << QByteArray(R"({"msg":""})");
}

void TestProtocol::signResponseCompactJsonIsQtsOwn_data()
{
    QTest::addColumn<SignResponse>("response");
    const QString pem = u"-----BEGIN CERTIFICATE-----\nMIIB+zCCAaGgAwIBAgIQ\n"
                        "-----END CERTIFICATE-----\n"_s;
    QString ascii;
    for (char16_t c = 1; c < 0x80; ++c)
        ascii += QChar(c);
    QTest::newRow("PEM chain") << SignResponse{pem, pem, {pem, pem}, std::nullopt};
    QTest::newRow("every ASCII character") << SignResponse{ascii, u"ca"_s, {ascii}, std::nullopt};
    QTest::newRow("beyond ASCII") << SignResponse{
        u"caf\u00e9 \u20ac \U0001F600"_s, u"\u00ff"_s, {}, std::nullopt};
    QTest::newRow("empty strings") << SignResponse{QString(), QString(), {QString()}, std::nullopt};
    QTest::newRow("tlsOptions") << SignResponse{
        pem,
        pem,
        {pem},
        QJsonObject{{u"minVersion"_s, 1.2}, {u"cipherSuites"_s, QJsonArray{u"A"_s, u"B\n"_s}}}};
}

void TestProtocol::signResponseCompactJsonIsQtsOwn()
{
    QFETCH(SignResponse, response);
    const QByteArray expected = QJsonDocument(response.toJson()).toJson(QJsonDocument::Compact);
    QCOMPARE(response.toCompactJson(), expected);
}

void TestProtocol::goodBodiesRoundTrip()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, body);
    auto object = JsonFields::parseObject(body);
    QVERIFY2(object.ok(), qPrintable(object.ok() ? QString() : object.error().message()));
    auto written = specFor(type).parse(*object);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message()));
    QCOMPARE(*written, *object);

    // Unknown fields are ignored, not refused.
    QJsonObject extended = *object;
    extended.insert("someFutureField"_L1, QJsonArray{1, u"two"_s});
    auto tolerant = specFor(type).parse(extended);
    QVERIFY(tolerant.ok());
    QCOMPARE(*tolerant, *object);
}

void TestProtocol::missingRequiredFieldIsNamed_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    for (const MessageSpec &spec : messageSpecs()) {
        for (const Field &field : spec.fields) {
            if (field.required) {
                QTest::addRow("%s without %s", spec.type, field.name)
                    << QString::fromLatin1(spec.type) << QString::fromLatin1(field.name);
            }
        }
    }
}

void TestProtocol::missingRequiredFieldIsNamed()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    const MessageSpec &spec = specFor(type);
    QJsonObject body = goodObject(spec);
    body.remove(field);
    auto parsed = spec.parse(body);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code(), ErrorCode::InvalidInput);
    QCOMPARE(parsed.error().message(), u"field \"%1\" is required"_s.arg(field));
}

void TestProtocol::optionalFieldsMayBeAbsent_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    for (const MessageSpec &spec : messageSpecs()) {
        for (const Field &field : spec.fields) {
            if (!field.required) {
                QTest::addRow("%s without %s", spec.type, field.name)
                    << QString::fromLatin1(spec.type) << QString::fromLatin1(field.name);
            }
        }
    }
}

void TestProtocol::optionalFieldsMayBeAbsent()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    const MessageSpec &spec = specFor(type);
    QJsonObject body = goodObject(spec);
    body.remove(field);
    auto parsed = spec.parse(body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
}

void TestProtocol::wrongTypeIsNamed_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    for (const MessageSpec &spec : messageSpecs()) {
        for (const Field &field : spec.fields) {
            for (const auto &[label, value] : wrongValues(field.kind)) {
                QTest::addRow("%s.%s as %s", spec.type, field.name, label)
                    << QString::fromLatin1(spec.type) << QString::fromLatin1(field.name) << value;
            }
        }
    }
}

void TestProtocol::wrongTypeIsNamed()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    const MessageSpec &spec = specFor(type);
    QJsonObject body = goodObject(spec);
    body.insert(field, value);
    auto parsed = spec.parse(body);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code(), ErrorCode::InvalidInput);
    // "field \"certChain[0]\" …" names the field too.
    QVERIFY2(parsed.error().message().startsWith(fieldTag(field)),
             qPrintable(parsed.error().message()));
    QVERIFY2(parsed.error().message().contains(u"must be"_s), qPrintable(parsed.error().message()));
}

void TestProtocol::invalidValueIsNamed_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");

    const auto row
        = [](const QByteArray &tag, const char *type, const char *field, const QJsonValue &value) {
              QTest::newRow(tag.constData())
                  << QString::fromLatin1(type) << QString::fromLatin1(field) << value;
          };

    // Subjects: ASCII digits, 1–19 of them, no leading zero, > 0, fits int64.
    for (const char *type : {"CodeRequest", "TokenRequest"}) {
        const QByteArray prefix = QByteArray(type) + " subject ";
        const QList<QPair<const char *, QString>> subjects = {
            {"with letters", u"12a45"_s},
            {"separator", u" ;; "_s},
            {"with separator", u"123 ;; 1.2.3.4"_s},
            {"newline", u"123\n"_s},
            {"forged line", u"1\nINFO ;; 2020-01-01 00:00:00,000 ;; forged ;; 1.2.3.4"_s},
            {"CR", u"123\r"_s},
            {"NUL", u"12\u00003"_s},
            {"20 digits", u"12345678901234567890"_s},
            {"int64 max + 1", u"9223372036854775808"_s},
            {"zero", u"0"_s},
            {"leading zero", u"0123"_s},
            {"negative", u"-5"_s},
            {"plus sign", u"+5"_s},
            {"space", u" 5"_s},
            {"empty", QString()},
            {"fullwidth digits", u"\uff11\uff12\uff13"_s},
            {"Arabic-Indic digits", u"\u0661\u0662\u0663"_s},
            {"SQL", u"1' OR '1'='1"_s},
        };
        for (const auto &[label, subject] : subjects)
            row(prefix + label, type, "subject", subject);
    }

    // Purposes and codes.
    row("CodeRequest purpose upper case", "CodeRequest", "purpose", u"ENROLL"_s);
    row("CodeRequest purpose unknown", "CodeRequest", "purpose", u"delete"_s);
    row("CodeRequest purpose empty", "CodeRequest", "purpose", QString());
    row("TokenRequest code too short", "TokenRequest", "code", u"123"_s);
    row("TokenRequest code too long", "TokenRequest", "code", u"12345678901"_s);
    row("TokenRequest code letters", "TokenRequest", "code", u"12a456"_s);
    row("TokenRequest code newline", "TokenRequest", "code", u"123456\n"_s);
    row("TokenRequest code empty", "TokenRequest", "code", QString());
    row("TokenRequest code as number", "TokenRequest", "code", 123456);
    row("RevocationTokenRequest code empty", "RevocationTokenRequest", "code", QString());
    row("RevocationTokenRequest code letters", "RevocationTokenRequest", "code", u"abcdef"_s);
    row("LegacySendTokenRequest token as number", "LegacySendTokenRequest", "token", 12345);
    row("LegacySendTokenRequest token letters", "LegacySendTokenRequest", "token", u"x ;; y"_s);
    row("CodeRequest subject as number", "CodeRequest", "subject", 123456789);

    // The prototype's number.
    row("Legacy number letters", "LegacyRegistrationRequest", "number", u"12a"_s);
    row("Legacy number separator", "LegacyRegistrationRequest", "number", u"1 ;; 2"_s);
    row("Legacy number newline", "LegacyRegistrationRequest", "number", u"1\n2"_s);
    row("Legacy number 20 digits", "LegacyRegistrationRequest", "number",
        u"12345678901234567890"_s);
    row("Legacy number zero", "LegacyRegistrationRequest", "number", u"0"_s);
    row("Legacy number int zero", "LegacyRegistrationRequest", "number", 0);
    row("Legacy number int negative", "LegacyRevokeTokenRequest", "number", -5);
    row("Legacy number fraction", "LegacySendTokenRequest", "number", 1.5);
    row("Legacy number huge", "LegacyRegistrationRequest", "number", 1e30);

    // step-ca revocation.
    row("RevokeRequest reasonCode 11", "RevokeRequest", "reasonCode", 11);
    row("RevokeRequest reasonCode -1", "RevokeRequest", "reasonCode", -1);
    row("RevokeRequest reasonCode 1.5", "RevokeRequest", "reasonCode", 1.5);
    row("RevokeRequest reasonCode 1e300", "RevokeRequest", "reasonCode", 1e300);
    row("RevokeRequest reasonCode int64 max", "RevokeRequest", "reasonCode",
        std::numeric_limits<qint64>::max());
    row("RevokeRequest reasonCode 2^32", "RevokeRequest", "reasonCode", qint64(1) << 32);
    row("RevokeRequest serial empty", "RevokeRequest", "serial", QString());
    row("RevokeRequest serial hex", "RevokeRequest", "serial", u"0x1f"_s);
    row("RevokeRequest serial negative", "RevokeRequest", "serial", u"-1"_s);
    row("RevokeRequest serial spaces", "RevokeRequest", "serial", u"12 34"_s);
    row("RevokeRequest serial 50 digits", "RevokeRequest", "serial", QString(50, u'9'));
    row("RevocationTokenResponse serial letters", "RevocationTokenResponse", "serial", u"abc"_s);

    // step-ca signing.
    row("SignRequest csr empty", "SignRequest", "csr", QString());
    row("SignRequest ott empty", "SignRequest", "ott", QString());
    row("SignRequest notBefore nonsense", "SignRequest", "notBefore", u"tomorrow"_s);
    row("SignRequest notAfter unknown unit", "SignRequest", "notAfter", u"1d"_s);
    row("SignRequest notAfter bad date", "SignRequest", "notAfter", u"2024-13-01T00:00:00Z"_s);
    row("SignRequest notAfter overflow", "SignRequest", "notAfter", u"9999999999h"_s);
    row("SignResponse certChain empty", "SignResponse", "certChain", QJsonArray());
    row("SignResponse crt empty", "SignResponse", "crt", QString());
    row("RootsResponse crts empty", "RootsResponse", "crts", QJsonArray());
    row("VersionResponse version empty", "VersionResponse", "version", QString());
    row("ApiError status 99", "ApiError", "status", 99);
    row("ApiError status 600", "ApiError", "status", 600);
    row("ApiError status fraction", "ApiError", "status", 400.5);
    row("ProvisionersResponse JWK entry without key", "ProvisionersResponse", "provisioners",
        QJsonArray{QJsonObject{{"type"_L1, u"JWK"_s}, {"name"_L1, u"admin"_s}}});
    row("ProvisionersResponse entry without type", "ProvisionersResponse", "provisioners",
        QJsonArray{QJsonObject{{"name"_L1, u"admin"_s}}});

    // Times and URLs.
    row("CodeResponse expiresAt without zone", "CodeResponse", "expiresAt",
        u"2024-05-01T12:00:00"_s);
    row("CodeResponse resendAfter as seconds text", "CodeResponse", "resendAfter", u"60"_s);
    row("CodeResponse expiresAt as number", "CodeResponse", "expiresAt", 1714564800);
    row("TokenResponse caUrl ftp", "TokenResponse", "caUrl", u"ftp://ca.example.org"_s);
    row("TokenResponse caUrl relative", "TokenResponse", "caUrl", u"/1.0/sign"_s);
    row("TokenResponse caUrl no host", "TokenResponse", "caUrl", u"https://"_s);
    row("TokenResponse caUrl text", "TokenResponse", "caUrl", u"not a url"_s);
    row("TokenResponse ott empty", "TokenResponse", "ott", QString());
    row("RevocationTokenResponse expiresAt garbage", "RevocationTokenResponse", "expiresAt",
        u"soon"_s);
}

void TestProtocol::invalidValueIsNamed()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    const MessageSpec &spec = specFor(type);
    QJsonObject body = goodObject(spec);
    body.insert(field, value);
    auto parsed = spec.parse(body);
    QVERIFY2(!parsed.ok(), qPrintable(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    QCOMPARE(parsed.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(parsed.error().message().startsWith(fieldTag(field)),
             qPrintable(parsed.error().message()));
    // The message never echoes the rejected value (it may be hostile).
    if (value.isString() && value.toString().size() > 3)
        QVERIFY(!parsed.error().message().contains(value.toString()));
}

void TestProtocol::acceptedEdgeValues_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    const auto row
        = [](const QByteArray &tag, const char *type, const char *field, const QJsonValue &value) {
              QTest::newRow(tag.constData())
                  << QString::fromLatin1(type) << QString::fromLatin1(field) << value;
          };
    row("subject 1", "CodeRequest", "subject", u"1"_s);
    row("subject int64 max", "CodeRequest", "subject", u"9223372036854775807"_s);
    row("code 4 digits", "TokenRequest", "code", u"0000"_s);
    row("code 10 digits", "TokenRequest", "code", u"0123456789"_s);
    row("reasonCode 0", "RevokeRequest", "reasonCode", 0);
    row("reasonCode 10", "RevokeRequest", "reasonCode", 10);
    row("reasonCode 7 (step-ca's bounds)", "RevokeRequest", "reasonCode", 7);
    row("reasonCode 3.0", "RevokeRequest", "reasonCode", 3.0);
    row("serial 49 digits", "RevokeRequest", "serial", QString(49, u'9'));
    row("passive false (a 501 for the CA)", "RevokeRequest", "passive", false);
    row("notBefore null", "SignRequest", "notBefore", QJsonValue::Null);
    row("notBefore empty", "SignRequest", "notBefore", QString());
    row("notAfter negative duration", "SignRequest", "notAfter", u"-5m"_s);
    row("notAfter offset time", "SignRequest", "notAfter", u"2024-05-01T14:00:00+02:00"_s);
    row("legacy number as integer", "LegacyRegistrationRequest", "number", qint64(123456789));
    row("legacy number int64 max", "LegacyRegistrationRequest", "number",
        std::numeric_limits<qint64>::max());
    row("expiresAt with offset", "CodeResponse", "expiresAt", u"2024-05-01T14:05:00+02:00"_s);
    row("caUrl http loopback", "TokenResponse", "caUrl", u"http://127.0.0.1:8443"_s);
    row("msg with separators", "LegacyMessage", "msg", u"Error ;; \n"_s);
}

void TestProtocol::acceptedEdgeValues()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    const MessageSpec &spec = specFor(type);
    QJsonObject body = goodObject(spec);
    body.insert(field, value);
    auto parsed = spec.parse(body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
    // What toJson() writes parses again to the same thing.
    auto again = spec.parse(*parsed);
    QVERIFY(again.ok());
    QCOMPARE(*again, *parsed);
}

void TestProtocol::everyParserIsTotal()
{
    // Random objects built from every field name any message uses and values of every
    // type: each parse gives a value or an InvalidInput error, nothing else.
    QStringList names;
    for (const MessageSpec &spec : messageSpecs()) {
        for (const Field &field : spec.fields)
            names.append(QString::fromLatin1(field.name));
    }
    names.append({u"type"_s, u"name"_s, u"key"_s});
    const QList<QJsonValue> values = {
        QJsonValue::Null,
        true,
        false,
        0,
        -1,
        7,
        1.5,
        1e300,
        -1e300,
        std::numeric_limits<qint64>::max(),
        std::numeric_limits<qint64>::min(),
        QString(),
        u"0"_s,
        u"123456"_s,
        u"JWK"_s,
        u"enroll"_s,
        u"2024-05-01T12:00:00Z"_s,
        u"24h"_s,
        u"https://x"_s,
        u"\u0000 ;; \n"_s,
        QJsonArray(),
        QJsonArray{1, u"x"_s},
        QJsonArray{QJsonObject{{"type"_L1, u"JWK"_s}}},
        QJsonObject(),
        QJsonObject{{"kty"_L1, u"EC"_s}},
    };
    QRandomGenerator random(20240501); // fixed: a failure must be reproducible
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        QJsonObject object;
        const int count = int(random.bounded(6));
        for (int i = 0; i < count; ++i)
            object.insert(names.at(random.bounded(int(names.size()))),
                          values.at(random.bounded(int(values.size()))));
        for (const MessageSpec &spec : messageSpecs()) {
            auto parsed = spec.parse(object);
            if (parsed.ok())
                ++accepted;
            else
                QCOMPARE(parsed.error().code(), ErrorCode::InvalidInput);
        }
    }
    QVERIFY(accepted > 0);
}

// Specific semantics

void TestProtocol::revokeRequestDefaultsFollowStepCa()
{
    // step-ca decodes into Go zero values: absent ott = mutual TLS, absent reasonCode = 0,
    // absent passive = false (answered 501 by the CA, not refused by the parser).
    auto request = RevokeRequest::fromJson(QJsonObject{{"serial"_L1, u"42"_s}});
    QVERIFY(request.ok());
    QCOMPARE(request->serial, u"42"_s);
    QVERIFY(!request->revokesByToken());
    QCOMPARE(request->reasonCode, 0);
    QVERIFY(request->reason.isEmpty());
    QVERIFY(!request->passive);
    const QJsonObject written = request->toJson();
    QCOMPARE(written.value("passive"_L1), QJsonValue(false));
    QCOMPARE(written.value("reasonCode"_L1), QJsonValue(0));
}

void TestProtocol::reasonCodeSevenIsInBoundsButUnassigned()
{
    for (int code = -1; code <= 11; ++code) {
        auto request = RevokeRequest::fromJson(
            QJsonObject{{"serial"_L1, u"1"_s}, {"reasonCode"_L1, code}, {"passive"_L1, true}});
        QCOMPARE(request.ok(), code >= 0 && code <= 10);
        QCOMPARE(RevokeRequest::isAssignedReasonCode(code), code >= 0 && code <= 10 && code != 7);
    }
    auto outOfBounds
        = RevokeRequest::fromJson(QJsonObject{{"serial"_L1, u"1"_s}, {"reasonCode"_L1, 11}});
    QCOMPARE(outOfBounds.error().message(),
             u"field \"reasonCode\" must be an integer from 0 to 10"_s);
}

void TestProtocol::signRequestTimesParse()
{
    auto request = SignRequest::fromJson(QJsonDocument::fromJson(R"({"csr":"C","ott":"T",
        "notBefore":"2024-05-01T14:00:00.5+02:00","notAfter":"1h30m"})")
                                             .object());
    QVERIFY(request.ok());
    QVERIFY(request->notBefore.isTime());
    QCOMPARE(request->notBefore.time(),
             QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 500), QTimeZone::utc()));
    QVERIFY(request->notAfter.isDuration());
    QCOMPARE(request->notAfter.duration(), std::chrono::minutes(90));
    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), QTimeZone::utc());
    QCOMPARE(request->notAfter.resolve(now), now.addSecs(90 * 60));
    // The original text is what goes back out.
    QCOMPARE(request->toJson().value("notBefore"_L1).toString(), u"2024-05-01T14:00:00.5+02:00"_s);

    // null and "" both mean "not set" and are not written back.
    auto unset = SignRequest::fromJson(
        QJsonDocument::fromJson(R"({"csr":"C","ott":"T","notBefore":null,"notAfter":""})")
            .object());
    QVERIFY(unset.ok());
    QVERIFY(!unset->notBefore.isSet());
    QVERIFY(!unset->notAfter.isSet());
    QVERIFY(!unset->notAfter.resolve(now).isValid());
    QCOMPARE(unset->toJson().keys(), QStringList({u"csr"_s, u"ott"_s}));
}

void TestProtocol::legacyNumberAcceptsStringOrInteger_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("number");
    QTest::newRow("string") << QByteArray(R"({"number":"123456789"})") << qint64(123456789);
    QTest::newRow("integer") << QByteArray(R"({"number":123456789})") << qint64(123456789);
    QTest::newRow("integer above 2^53, exact")
        << QByteArray(R"({"number":9007199254740993})") << qint64(9007199254740993);
    QTest::newRow("integer written 5.0") << QByteArray(R"({"number":5.0})") << qint64(5);
}

void TestProtocol::legacyNumberAcceptsStringOrInteger()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, number);
    auto object = JsonFields::parseObject(body);
    QVERIFY(object.ok());
    auto registration = LegacyRegistrationRequest::fromJson(*object);
    QVERIFY(registration.ok());
    QCOMPARE(registration->number.value(), number);
    // Written back as the prototype's clients wrote it: a string.
    QCOMPARE(registration->toJson().value("number"_L1), QJsonValue(QString::number(number)));
    auto revoke = LegacyRevokeTokenRequest::fromJson(*object);
    QVERIFY(revoke.ok());
    QCOMPARE(revoke->number.value(), number);
}

void TestProtocol::telegramIdRules_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("one") << u"1"_s << true;
    QTest::newRow("typical") << u"123456789"_s << true;
    QTest::newRow("19 digits max") << u"9223372036854775807"_s << true;
    QTest::newRow("19 digits over") << u"9223372036854775808"_s << false;
    QTest::newRow("19 nines") << u"9999999999999999999"_s << false;
    QTest::newRow("20 digits") << u"10000000000000000000"_s << false;
    QTest::newRow("zero") << u"0"_s << false;
    QTest::newRow("00") << u"00"_s << false;
    QTest::newRow("leading zero") << u"01"_s << false;
    QTest::newRow("negative") << u"-1"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("trailing space") << u"1 "_s << false;
    QTest::newRow("hex") << u"0x10"_s << false;
    QTest::newRow("exponent") << u"1e5"_s << false;
    QTest::newRow("superscript digit") << u"1\u00b2"_s << false;
}

void TestProtocol::telegramIdRules()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    auto id = TelegramId::fromString(text);
    QCOMPARE(id.ok(), ok);
    if (ok) {
        QCOMPARE(id->toString(), text);
        QVERIFY(!id->isNull());
    } else {
        QCOMPARE(id.error().code(), ErrorCode::InvalidInput);
    }
    QVERIFY(TelegramId().isNull());
    QVERIFY(!TelegramId::fromInteger(0).ok());
    QVERIFY(!TelegramId::fromInteger(-7).ok());
}

void TestProtocol::codeResponseTimesAreUtc()
{
    const QDateTime expires(QDate(2024, 5, 1), QTime(12, 5), QTimeZone::utc());
    const CodeResponse response{expires, expires.addSecs(-240)};
    const QJsonObject json = response.toJson();
    QCOMPARE(json.value("expiresAt"_L1).toString(), u"2024-05-01T12:05:00Z"_s);
    QCOMPARE(json.value("resendAfter"_L1).toString(), u"2024-05-01T12:01:00Z"_s);
    auto parsed = CodeResponse::fromJson(json);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->expiresAt, expires);

    // A time given in another zone is the same instant in UTC.
    const QDateTime berlin(QDate(2024, 5, 1), QTime(14, 5), QTimeZone(7200));
    const CodeResponse shifted{berlin, berlin};
    QCOMPARE(shifted.toJson().value("expiresAt"_L1).toString(), u"2024-05-01T12:05:00Z"_s);
}

void TestProtocol::apiErrorMapsErrorCodes()
{
    QCOMPARE(ApiError::httpStatus(ErrorCode::InvalidInput), 400);
    QCOMPARE(ApiError::httpStatus(ErrorCode::Unauthorized), 401);
    QCOMPARE(ApiError::httpStatus(ErrorCode::Forbidden), 403);
    QCOMPARE(ApiError::httpStatus(ErrorCode::NotFound), 404);
    QCOMPARE(ApiError::httpStatus(ErrorCode::Conflict), 409);
    QCOMPARE(ApiError::httpStatus(ErrorCode::RateLimited), 429);
    QCOMPARE(ApiError::httpStatus(ErrorCode::Unsupported), 501);
    QCOMPARE(ApiError::httpStatus(ErrorCode::IoError), 500);

    const ApiError bad
        = ApiError::fromError(Error(ErrorCode::InvalidInput, u"field \"x\" is required"_s));
    QCOMPARE(bad.toJson(),
             QJsonObject({{"status"_L1, 400}, {"message"_L1, u"field \"x\" is required"_s}}));
    // Internal details stay on the server.
    const ApiError internal
        = ApiError::fromError(Error(ErrorCode::IoError, u"cannot open /var/lib/certigram/db"_s));
    QCOMPARE(internal.status, 500);
    QVERIFY(!internal.message.contains(u"/var/lib"_s));

    const Error back = ApiError{429, u"slow down"_s}.toError();
    QCOMPARE(back.code(), ErrorCode::RateLimited);
    QVERIFY(back.message().contains(u"429"_s));
    QVERIFY(back.message().contains(u"slow down"_s));
}

// Value types

void TestProtocol::rfc3339Parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDate day(2024, 5, 1);
    QTest::newRow("Z") << u"2024-05-01T12:00:00Z"_s
                       << QDateTime(day, QTime(12, 0), QTimeZone::utc());
    QTest::newRow("offset") << u"2024-05-01T14:00:00+02:00"_s
                            << QDateTime(day, QTime(12, 0), QTimeZone::utc());
    QTest::newRow("negative offset")
        << u"2024-05-01T07:30:00-04:30"_s << QDateTime(day, QTime(12, 0), QTimeZone::utc());
    QTest::newRow("fraction 1") << u"2024-05-01T12:00:00.5Z"_s
                                << QDateTime(day, QTime(12, 0, 0, 500), QTimeZone::utc());
    QTest::newRow("fraction 9") << u"2024-05-01T12:00:00.123456789Z"_s
                                << QDateTime(day, QTime(12, 0, 0, 123), QTimeZone::utc());
    QTest::newRow("leap day") << u"2024-02-29T00:00:00Z"_s
                              << QDateTime(QDate(2024, 2, 29), QTime(0, 0), QTimeZone::utc());
    QTest::newRow("day change") << u"2024-05-01T23:00:00-02:00"_s
                                << QDateTime(QDate(2024, 5, 2), QTime(1, 0), QTimeZone::utc());
}

void TestProtocol::rfc3339Parses()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    auto parsed = Rfc3339::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(text));
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
}

void TestProtocol::rfc3339Rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("no zone") << u"2024-05-01T12:00:00"_s;
    QTest::newRow("space for T") << u"2024-05-01 12:00:00Z"_s;
    QTest::newRow("lower-case t") << u"2024-05-01t12:00:00Z"_s;
    QTest::newRow("lower-case z") << u"2024-05-01T12:00:00z"_s;
    QTest::newRow("offset without colon") << u"2024-05-01T12:00:00+0200"_s;
    QTest::newRow("offset hours 24") << u"2024-05-01T12:00:00+24:00"_s;
    QTest::newRow("empty fraction") << u"2024-05-01T12:00:00.Z"_s;
    QTest::newRow("10 fraction digits") << u"2024-05-01T12:00:00.1234567890Z"_s;
    QTest::newRow("leap second") << u"2024-05-01T23:59:60Z"_s;
    QTest::newRow("hour 24") << u"2024-05-01T24:00:00Z"_s;
    QTest::newRow("30 February") << u"2024-02-30T00:00:00Z"_s;
    QTest::newRow("29 February 2023") << u"2023-02-29T00:00:00Z"_s;
    QTest::newRow("month 13") << u"2024-13-01T00:00:00Z"_s;
    QTest::newRow("one-digit month") << u"2024-5-01T00:00:00Z"_s;
    QTest::newRow("trailing space") << u"2024-05-01T12:00:00Z "_s;
    QTest::newRow("date only") << u"2024-05-01"_s;
    QTest::newRow("year 0") << u"0000-01-01T00:00:00Z"_s;
    QTest::newRow("Arabic-Indic digits") << u"\u0662\u0660\u0662\u0664-05-01T12:00:00Z"_s;
}

void TestProtocol::rfc3339Rejects()
{
    QFETCH(QString, text);
    auto parsed = Rfc3339::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code(), ErrorCode::InvalidInput);
}

void TestProtocol::rfc3339Formats()
{
    const QDate day(2024, 5, 1);
    QCOMPARE(Rfc3339::format(QDateTime(day, QTime(12, 0), QTimeZone::utc())),
             u"2024-05-01T12:00:00Z"_s);
    QCOMPARE(Rfc3339::format(QDateTime(day, QTime(12, 0, 0, 250), QTimeZone::utc())),
             u"2024-05-01T12:00:00.250Z"_s);
    QCOMPARE(Rfc3339::format(QDateTime(day, QTime(14, 0), QTimeZone(7200))),
             u"2024-05-01T12:00:00Z"_s);
    QCOMPARE(Rfc3339::format(QDateTime()), QString());
}

void TestProtocol::goDurationParses_data()
{
    using namespace std::chrono;
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nanoseconds");
    const auto ns = [](auto d) { return qint64(duration_cast<nanoseconds>(d).count()); };
    QTest::newRow("0") << u"0"_s << qint64(0);
    QTest::newRow("-0") << u"-0"_s << qint64(0);
    QTest::newRow("24h") << u"24h"_s << ns(hours(24));
    QTest::newRow("1h30m") << u"1h30m"_s << ns(minutes(90));
    QTest::newRow("1.5h") << u"1.5h"_s << ns(minutes(90));
    QTest::newRow("-5m") << u"-5m"_s << -ns(minutes(5));
    QTest::newRow("+5s") << u"+5s"_s << ns(seconds(5));
    QTest::newRow("300ms") << u"300ms"_s << ns(milliseconds(300));
    QTest::newRow("us") << u"2us"_s << qint64(2000);
    QTest::newRow("micro sign") << u"2\u00b5s"_s << qint64(2000);
    QTest::newRow("Greek mu") << u"2\u03bcs"_s << qint64(2000);
    QTest::newRow("ns") << u"7ns"_s << qint64(7);
    QTest::newRow(".5s") << u".5s"_s << ns(milliseconds(500));
    QTest::newRow("1.s") << u"1.s"_s << ns(seconds(1));
    QTest::newRow("0.000000001s") << u"0.000000001s"_s << qint64(1);
    QTest::newRow("many fraction digits") << u"1.0000000000000000000001s"_s << ns(seconds(1));
    QTest::newRow("repeated units") << u"1h1h"_s << ns(hours(2));
    QTest::newRow("max") << u"9223372036854775807ns"_s << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << u"-9223372036854775808ns"_s << std::numeric_limits<qint64>::min();
    QTest::newRow("max in hours") << u"2562047h"_s << ns(hours(2562047));
}

void TestProtocol::goDurationParses()
{
    QFETCH(QString, text);
    QFETCH(qint64, nanoseconds);
    auto parsed = TimeDuration::parseGoDuration(text);
    QVERIFY2(parsed.ok(), qPrintable(text));
    QCOMPARE(qint64(parsed->count()), nanoseconds);
}

void TestProtocol::goDurationRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("sign only") << u"-"_s;
    QTest::newRow("unit only") << u"h"_s;
    QTest::newRow("no unit") << u"1"_s;
    QTest::newRow("days") << u"1d"_s;
    QTest::newRow("dot only") << u".h"_s;
    QTest::newRow("inner sign") << u"1h-5m"_s;
    QTest::newRow("double sign") << u"--1h"_s;
    QTest::newRow("space") << u"1 h"_s;
    QTest::newRow("overflow ns") << u"9223372036854775808ns"_s;
    QTest::newRow("overflow h") << u"2562048h"_s;
    QTest::newRow("overflow sum") << u"2562047h48m"_s;
    QTest::newRow("overflow digits") << u"99999999999999999999999h"_s;
}

void TestProtocol::goDurationRejects()
{
    QFETCH(QString, text);
    QVERIFY(!TimeDuration::parseGoDuration(text).ok());
}

void TestProtocol::timeDurationResolves()
{
    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), QTimeZone::utc());
    auto hence = TimeDuration::parse(u"-1m"_s);
    QVERIFY(hence.ok());
    QCOMPARE(hence->resolve(now), now.addSecs(-60));
    auto fixed = TimeDuration::parse(u"2030-01-01T00:00:00Z"_s);
    QVERIFY(fixed.ok());
    QCOMPARE(fixed->resolve(now), QDateTime(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc()));
    auto empty = TimeDuration::parse(QString());
    QVERIFY(empty.ok());
    QVERIFY(!empty->isSet());
    QVERIFY(!TimeDuration::parse(u"later"_s).ok());
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
