#include "crypto/certificate.h"
#include "crypto/chainverifier.h"
#include "crypto/privatekey.h"
#include "processrunner.h"
#include "testfiles.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace certigram;
using certigram::test::errorMessage;
using certigram::test::openssl;
using certigram::test::readFile;
using certigram::test::runProcess;

namespace {

// Extension sections for the openssl-made PKI below.
const char kOpensslConfig[] = R"([req]
distinguished_name = dn
prompt = no
[dn]
[root_ext]
basicConstraints = critical,CA:TRUE,pathlen:1
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[intermediate_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth,serverAuth
subjectAltName = DNS:leaf.example.com,IP:192.0.2.10,IP:2001:db8::10,email:leaf@example.com,URI:https://example.com/leaf
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[client_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
)";

// A decimal serial of 40 digits (132 bits, 17 bytes): more than fits in any machine integer.
const char kLeafSerial[] = "1234567890123456789012345678901234567890";

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
}

// "key=value\n" from `openssl x509 -noout -<field>` → value.
QString fieldValue(const QByteArray &output, const char *key)
{
    for (const QByteArray &line : output.split('\n')) {
        if (line.startsWith(QByteArray(key) + '='))
            return QString::fromUtf8(line.mid(qstrlen(key) + 1)).trimmed();
    }
    return {};
}

// Schoolbook conversion of upper-case hex to decimal, independent of OpenSSL's BIGNUM.
QString hexToDecimal(const QString &hex)
{
    std::vector<int> digits{0}; // little-endian decimal digits
    for (QChar c : hex) {
        int carry = QString(c).toInt(nullptr, 16);
        for (int &digit : digits) {
            const int value = digit * 16 + carry;
            digit = value % 10;
            carry = value / 10;
        }
        for (; carry > 0; carry /= 10)
            digits.push_back(carry % 10);
    }
    QString text;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it)
        text += QChar(u'0' + *it);
    return text;
}

} // namespace

class TestCertificate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsOpensslCertificate();
    void agreesWithOpensslOnSerials_data();
    void agreesWithOpensslOnSerials();
    void readsStepCaFixtures();
    void readsChainsFromPem();
    void verifiesChains();
    void rejectsBadChains();
    void rejectsWrongPurpose();
    void matchesPrivateKey();
    void validityHelpers();
    void copiesShareTheCertificate();
    void nullCertificateIsSafe();
    void rejectsGarbage_data();
    void rejectsGarbage();

private:
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    // Runs `openssl <arguments>` and fails the test when it fails.
    bool run(const QStringList &arguments);
    Certificate load(const char *name) const;

    QTemporaryDir m_dir;
    Certificate m_root;
    Certificate m_otherRoot;
    Certificate m_intermediate;
    Certificate m_impostor; // same name as m_intermediate, another key
    Certificate m_leaf; // issued by m_root
    Certificate m_deepLeaf; // issued by m_intermediate
    Certificate m_clientLeaf; // clientAuth only, issued by m_root
};

bool TestCertificate::run(const QStringList &arguments)
{
    const auto output = openssl(arguments);
    if (!output.succeeded())
        qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')),
                 output.standardError.constData());
    return output.succeeded();
}

Certificate TestCertificate::load(const char *name) const
{
    auto certificate = Certificate::fromPem(readFile(path(name)));
    return certificate.ok() ? certificate.value() : Certificate();
}

void TestCertificate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile config(path("openssl.cnf"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(kOpensslConfig);
    config.close();
    const QString cnf = path("openssl.cnf");
    const QStringList ec = words("-newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc");

    // Two roots, one intermediate (and an impostor of the same name), three leaves.
    for (const char *name : {"root", "other-root"}) {
        QVERIFY(run(QStringList{QStringLiteral("req"), QStringLiteral("-x509"),
                                QStringLiteral("-config"), cnf, QStringLiteral("-extensions"),
                                QStringLiteral("root_ext")}
                    << ec
                    << QStringList{QStringLiteral("-keyout"), path(name) + QStringLiteral(".key"),
                                   QStringLiteral("-out"), path(name) + QStringLiteral(".crt"),
                                   QStringLiteral("-subj"),
                                   QStringLiteral("/O=Certigram Test/CN=Test Root"),
                                   QStringLiteral("-days"), QStringLiteral("3650"),
                                   QStringLiteral("-set_serial"), QStringLiteral("4096")}));
    }
    const auto issue = [&](const char *name, const QStringList &newKey, const char *subject,
                           const char *issuer, const char *section, const char *serial) {
        const QString base = path(name);
        return run(QStringList{QStringLiteral("req"), QStringLiteral("-new"),
                               QStringLiteral("-config"), cnf}
                   << newKey
                   << QStringList{QStringLiteral("-noenc"), QStringLiteral("-keyout"),
                                  base + QStringLiteral(".key"), QStringLiteral("-out"),
                                  base + QStringLiteral(".csr"), QStringLiteral("-subj"),
                                  QString::fromLatin1(subject)})
            && run(QStringList{QStringLiteral("x509"), QStringLiteral("-req"),
                               QStringLiteral("-in"), base + QStringLiteral(".csr"),
                               QStringLiteral("-CA"), path(issuer) + QStringLiteral(".crt"),
                               QStringLiteral("-CAkey"), path(issuer) + QStringLiteral(".key"),
                               QStringLiteral("-set_serial"), QString::fromLatin1(serial),
                               QStringLiteral("-days"), QStringLiteral("30"),
                               QStringLiteral("-extfile"), cnf, QStringLiteral("-extensions"),
                               QString::fromLatin1(section), QStringLiteral("-out"),
                               base + QStringLiteral(".crt")});
    };
    const QStringList ecKey = words("-newkey ec -pkeyopt ec_paramgen_curve:P-256");
    QVERIFY(issue("leaf", words("-newkey rsa:2048"),
                  "/O=Certigram Test/OU=Unit/CN=leaf.example.com", "root", "leaf_ext",
                  kLeafSerial));
    QVERIFY(issue("intermediate", ecKey, "/O=Certigram Test/CN=Test Intermediate", "root",
                  "intermediate_ext", "2"));
    QVERIFY(issue("impostor", ecKey, "/O=Certigram Test/CN=Test Intermediate", "root",
                  "intermediate_ext", "3"));
    QVERIFY(issue("deep-leaf", ecKey, "/CN=deep.example.com", "intermediate", "leaf_ext", "4"));
    QVERIFY(issue("client", ecKey, "/CN=client", "root", "client_ext", "5"));

    m_root = load("root.crt");
    m_otherRoot = load("other-root.crt");
    m_intermediate = load("intermediate.crt");
    m_impostor = load("impostor.crt");
    m_leaf = load("leaf.crt");
    m_deepLeaf = load("deep-leaf.crt");
    m_clientLeaf = load("client.crt");
    for (const Certificate *certificate :
         {&m_root, &m_otherRoot, &m_intermediate, &m_impostor, &m_leaf, &m_deepLeaf, &m_clientLeaf})
        QVERIFY(!certificate->isNull());
}

void TestCertificate::readsOpensslCertificate()
{
    const Certificate &leaf = m_leaf;
    const QString leafPath = path("leaf.crt");
    auto fields = openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), leafPath,
                                      QStringLiteral("-noout")}
                          << words("-subject -issuer -serial -dates -fingerprint -sha256 "
                                   "-nameopt RFC2253 -dateopt iso_8601"));
    QVERIFY2(fields.succeeded(), fields.standardError.constData());
    const QByteArray &out = fields.standardOutput;

    QCOMPARE(leaf.subject(), QStringLiteral("CN=leaf.example.com,OU=Unit,O=Certigram Test"));
    QCOMPARE(leaf.subject(), fieldValue(out, "subject"));
    QCOMPARE(leaf.issuer(), QStringLiteral("CN=Test Root,O=Certigram Test"));
    QCOMPARE(leaf.issuer(), fieldValue(out, "issuer"));
    QCOMPARE(leaf.issuer(), m_root.subject());
    QCOMPARE(leaf.commonName(), QStringLiteral("leaf.example.com"));

    QCOMPARE(leaf.serialDecimal(), QString::fromLatin1(kLeafSerial));
    QCOMPARE(leaf.serialHex(), fieldValue(out, "serial"));
    QCOMPARE(hexToDecimal(leaf.serialHex()), QString::fromLatin1(kLeafSerial));

    const auto isoTime = [&](const char *key) {
        QDateTime time
            = QDateTime::fromString(fieldValue(out, key), QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'"));
        time.setTimeSpec(Qt::UTC);
        return time;
    };
    QVERIFY(isoTime("notBefore").isValid());
    QCOMPARE(leaf.notBefore(), isoTime("notBefore"));
    QCOMPARE(leaf.notAfter(), isoTime("notAfter"));
    QCOMPARE(leaf.notBefore().timeSpec(), Qt::UTC);
    QCOMPARE(leaf.notBefore().daysTo(leaf.notAfter()), 30);

    const QString fingerprint = leaf.sha256Fingerprint();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(fingerprint).hasMatch());
    QCOMPARE(Certificate::colonSeparatedHex(fingerprint), fieldValue(out, "sha256 Fingerprint"));
    QCOMPARE(fingerprint,
             QString::fromLatin1(
                 QCryptographicHash::hash(leaf.toDer(), QCryptographicHash::Sha256).toHex()));

    QCOMPARE(leaf.keyUsage(),
             (QStringList{QStringLiteral("digitalSignature"), QStringLiteral("keyEncipherment")}));
    QCOMPARE(leaf.extendedKeyUsage(),
             (QStringList{QStringLiteral("clientAuth"), QStringLiteral("serverAuth")}));
    SubjectAltNames names;
    names.dnsNames = {QStringLiteral("leaf.example.com")};
    names.ipAddresses = {QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::10")};
    names.emailAddresses = {QStringLiteral("leaf@example.com")};
    names.uris = {QStringLiteral("https://example.com/leaf")};
    QCOMPARE(leaf.subjectAltNames(), names);
    QCOMPARE(leaf.subjectAltNames().all(), names.all());

    QVERIFY(!leaf.isCertificateAuthority());
    QCOMPARE(leaf.pathLength(), -1);
    QVERIFY(m_root.isCertificateAuthority());
    QCOMPARE(m_root.pathLength(), 1);
    QCOMPARE(m_root.keyUsage(),
             (QStringList{QStringLiteral("keyCertSign"), QStringLiteral("cRLSign")}));
    QVERIFY(m_root.extendedKeyUsage().isEmpty());
    QVERIFY(m_root.isSelfSigned());
    QVERIFY(!leaf.isSelfSigned());

    // Key identifiers: ours in openssl's colon form, and the leaf points at its root.
    auto identifiers = openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), leafPath,
                                           QStringLiteral("-noout"), QStringLiteral("-ext"),
                                           QStringLiteral("subjectKeyIdentifier")});
    QVERIFY(identifiers.succeeded());
    QVERIFY(!leaf.subjectKeyId().isEmpty());
    QVERIFY(identifiers.standardOutput.contains(
        Certificate::colonSeparatedHex(leaf.subjectKeyId()).toLatin1()));
    QCOMPARE(leaf.authorityKeyId(), m_root.subjectKeyId());
    // root_ext asks for no AKI; newer openssl releases add one that names the root itself.
    QVERIFY(m_root.authorityKeyId().isEmpty() || m_root.authorityKeyId() == m_root.subjectKeyId());

    const PublicKey publicKey = leaf.publicKey();
    QCOMPARE(publicKey.keyType(), std::optional<KeyType>(KeyType::Rsa2048));
    QCOMPARE(m_root.publicKey().description(), QStringLiteral("ECDSA P-256"));

    // PEM and DER round trips.
    auto again = Certificate::fromDer(leaf.toDer());
    QVERIFY(again.ok());
    QVERIFY(again.value() == leaf);
    QCOMPARE(leaf.toPem(), readFile(leafPath));
}

void TestCertificate::agreesWithOpensslOnSerials_data()
{
    QTest::addColumn<QString>("decimal");
    QTest::addColumn<QString>("hex");
    QTest::newRow("0") << QStringLiteral("0") << QStringLiteral("00");
    QTest::newRow("1") << QStringLiteral("1") << QStringLiteral("01");
    QTest::newRow("127") << QStringLiteral("127") << QStringLiteral("7F");
    QTest::newRow("128 (DER needs a zero byte)") << QStringLiteral("128") << QStringLiteral("80");
    QTest::newRow("256") << QStringLiteral("256") << QStringLiteral("0100");
    QTest::newRow("2^64") << QStringLiteral("18446744073709551616")
                          << QStringLiteral("010000000000000000");
    QTest::newRow("2^128 - 1") << QStringLiteral("340282366920938463463374607431768211455")
                               << QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
}

void TestCertificate::agreesWithOpensslOnSerials()
{
    QFETCH(QString, decimal);
    QFETCH(QString, hex);
    const QString certificatePath = path("serial.crt");
    QVERIFY(
        run(QStringList{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-key"),
                        path("root.key"), QStringLiteral("-subj"), QStringLiteral("/CN=serial"),
                        QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-set_serial"),
                        decimal, QStringLiteral("-out"), certificatePath}));
    auto certificate = Certificate::fromPem(readFile(certificatePath));
    QVERIFY(certificate.ok());
    auto printed
        = openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), certificatePath,
                              QStringLiteral("-noout"), QStringLiteral("-serial")});
    QVERIFY(printed.succeeded());
    QCOMPARE(certificate->serialHex(), hex);
    QCOMPARE(certificate->serialHex(), fieldValue(printed.standardOutput, "serial"));
    QCOMPARE(certificate->serialDecimal(), decimal);
    QCOMPARE(hexToDecimal(certificate->serialHex()), decimal);
}

void TestCertificate::readsStepCaFixtures()
{
    auto root = Certificate::fromPem(
        readFile(test::fixturePath(QStringLiteral("step-ca-0.19/root_ca.crt"))));
    auto intermediate = Certificate::fromPem(
        readFile(test::fixturePath(QStringLiteral("step-ca-0.19/intermediate_ca.crt"))));
    QVERIFY(root.ok());
    QVERIFY(intermediate.ok());

    QCOMPARE(root->subject(), QStringLiteral("CN=Test Root CA,O=Test"));
    QCOMPARE(root->issuer(), root->subject());
    QCOMPARE(intermediate->subject(), QStringLiteral("CN=Test Intermediate CA,O=Test"));
    QCOMPARE(intermediate->issuer(), root->subject());
    QCOMPARE(root->commonName(), QStringLiteral("Test Root CA"));
    QVERIFY(root->isSelfSigned());
    QVERIFY(!intermediate->isSelfSigned());
    QVERIFY(root->isCertificateAuthority());
    QVERIFY(intermediate->isCertificateAuthority());
    QCOMPARE(root->pathLength(), 1);
    QCOMPARE(intermediate->pathLength(), 0);
    const QStringList caUsage{QStringLiteral("keyCertSign"), QStringLiteral("cRLSign")};
    QCOMPARE(root->keyUsage(), caUsage);
    QCOMPARE(intermediate->keyUsage(), caUsage);
    QCOMPARE(intermediate->authorityKeyId(), root->subjectKeyId());
    QVERIFY(!root->subjectKeyId().isEmpty());
    QCOMPARE(root->serialHex(), QStringLiteral("42C76D105E59BA556EC8100CA2B4E0C2"));
    // Ten years of 365 days, as the step CLI makes them.
    QCOMPARE(root->notBefore(), QDateTime(QDate(2026, 11, 28), QTime(15, 13, 2), Qt::UTC));
    QCOMPARE(root->notAfter(), QDateTime(QDate(2036, 11, 25), QTime(15, 13, 2), Qt::UTC));

    auto fingerprint = openssl(QStringList{
        QStringLiteral("x509"), QStringLiteral("-in"),
        test::fixturePath(QStringLiteral("step-ca-0.19/root_ca.crt")), QStringLiteral("-noout"),
        QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    QVERIFY(fingerprint.succeeded());
    QCOMPARE(Certificate::colonSeparatedHex(root->sha256Fingerprint()),
             fieldValue(fingerprint.standardOutput, "sha256 Fingerprint"));

    // The intermediate chains to the root at a time inside both validity periods.
    ChainVerifier verifier(root.value());
    verifier.setCheckTime(intermediate->notBefore().addDays(1));
    auto verified = verifier.verifiedPath(intermediate.value());
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : errorMessage(verified.error())));
    QCOMPARE(verified->size(), 2);
    QVERIFY(verified->at(1) == root.value());
    // A root verifies to itself.
    QVERIFY(verifier.verify(root.value()).ok());
    // Before the CA existed, it did not.
    verifier.setCheckTime(intermediate->notBefore().addDays(-1));
    auto early = verifier.verify(intermediate.value());
    QVERIFY(!early.ok());
    QVERIFY2(early.error().message().contains(QStringLiteral("not yet valid")),
             qPrintable(early.error().message()));
}

void TestCertificate::readsChainsFromPem()
{
    const QByteArray intermediate
        = readFile(test::fixturePath(QStringLiteral("step-ca-0.19/intermediate_ca.crt")));
    const QByteArray root = readFile(test::fixturePath(QStringLiteral("step-ca-0.19/root_ca.crt")));
    const QByteArray key = readFile(path("root.key"));
    // Text around the blocks and a key between them, as in a bundle someone pasted together.
    const QByteArray bundle = "leaf chain follows\n" + intermediate + "\n" + key + root + "end\n";

    auto chain = Certificate::chainFromPem(bundle);
    QVERIFY2(chain.ok(), qPrintable(chain.ok() ? QString() : errorMessage(chain.error())));
    QCOMPARE(chain->size(), 2);
    QCOMPARE(chain->at(0).commonName(), QStringLiteral("Test Intermediate CA"));
    QCOMPARE(chain->at(1).commonName(), QStringLiteral("Test Root CA"));
    auto first = Certificate::fromPem(bundle);
    QVERIFY(first.ok());
    QVERIFY(first.value() == chain->at(0));

    // A damaged second certificate fails the whole chain and says which one.
    QByteArray damaged = root;
    damaged.replace(damaged.indexOf('\n') + 1, 4, "!!!!");
    auto broken = Certificate::chainFromPem(intermediate + damaged);
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().code(), ErrorCode::InvalidInput);
    QVERIFY2(broken.error().message().startsWith(QStringLiteral("certificate 2")),
             qPrintable(broken.error().message()));
    // Well-formed base64 but not a certificate.
    auto notDer = Certificate::chainFromPem(
        intermediate + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    QVERIFY(!notDer.ok());

    for (const QByteArray &nothing : {QByteArray(), key, QByteArray("no pem here")}) {
        auto none = Certificate::chainFromPem(nothing);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code(), ErrorCode::InvalidInput);
    }
}

void TestCertificate::verifiesChains()
{
    ChainVerifier verifier(m_root);
    auto direct = verifier.verifiedPath(m_leaf);
    QVERIFY2(direct.ok(), qPrintable(direct.ok() ? QString() : errorMessage(direct.error())));
    QCOMPARE(direct->size(), 2);

    auto deep = verifier.verifiedPath(m_deepLeaf, {m_intermediate});
    QVERIFY2(deep.ok(), qPrintable(deep.ok() ? QString() : errorMessage(deep.error())));
    QCOMPARE(deep->size(), 3);
    QVERIFY(deep->at(0) == m_deepLeaf);
    QVERIFY(deep->at(1) == m_intermediate);
    QVERIFY(deep->at(2) == m_root);

    // Unrelated extra intermediates do no harm.
    QVERIFY(verifier.verify(m_deepLeaf, {m_impostor, m_intermediate, m_leaf}).ok());

    // Either of several roots will do.
    ChainVerifier several(QList<Certificate>{m_otherRoot, m_root});
    QVERIFY(several.verify(m_leaf).ok());

    for (CertificatePurpose purpose : {CertificatePurpose::ClientAuth,
                                       CertificatePurpose::ServerAuth, CertificatePurpose::Any}) {
        verifier.setPurpose(purpose);
        QVERIFY(verifier.verify(m_deepLeaf, {m_intermediate}).ok());
    }
}

void TestCertificate::rejectsBadChains()
{
    const auto failure = [](const ChainVerifier &verifier, const Certificate &leaf,
                            const QList<Certificate> &intermediates) {
        auto verdict = verifier.verify(leaf, intermediates);
        if (verdict.ok())
            return QStringLiteral("verified");
        if (verdict.error().code() != ErrorCode::VerificationFailed)
            return errorMessage(verdict.error());
        return verdict.error().message();
    };

    // A root of the same name but another key is not ours.
    const QString untrusted = failure(ChainVerifier(m_otherRoot), m_leaf, {});
    QVERIFY2(untrusted.startsWith(QStringLiteral("issuer not trusted")), qPrintable(untrusted));
    QVERIFY2(untrusted.contains(QStringLiteral("leaf.example.com")), qPrintable(untrusted));

    // No intermediate, or the wrong one (same name, other key).
    ChainVerifier verifier(m_root);
    const QString missing = failure(verifier, m_deepLeaf, {});
    QVERIFY2(missing.startsWith(QStringLiteral("issuer not trusted")), qPrintable(missing));
    const QString wrong = failure(verifier, m_deepLeaf, {m_impostor});
    QVERIFY2(wrong.startsWith(QStringLiteral("issuer not trusted")), qPrintable(wrong));

    // Trusting only the intermediate is not enough: partial chains are off.
    const QString partial = failure(ChainVerifier(m_intermediate), m_deepLeaf, {});
    QVERIFY2(partial.startsWith(QStringLiteral("issuer not trusted")), qPrintable(partial));

    // Expired, and not yet valid, at the check time.
    verifier.setCheckTime(m_leaf.notAfter().addSecs(1));
    const QString expired = failure(verifier, m_leaf, {});
    QVERIFY2(expired.startsWith(QStringLiteral("certificate has expired")), qPrintable(expired));
    // (OpenSSL treats notAfter itself as expired, a second earlier than RFC 5280.)
    verifier.setCheckTime(m_leaf.notAfter().addSecs(-1));
    QCOMPARE(failure(verifier, m_leaf, {}), QStringLiteral("verified"));
    verifier.setCheckTime(m_leaf.notBefore().addSecs(-1));
    const QString early = failure(verifier, m_leaf, {});
    QVERIFY2(early.startsWith(QStringLiteral("certificate is not yet valid")), qPrintable(early));

    // No roots at all.
    QVERIFY(failure(ChainVerifier(QList<Certificate>{}), m_leaf, {})
                .startsWith(QStringLiteral("issuer not trusted")));
    auto nothing = ChainVerifier(m_root).verify(Certificate());
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().code(), ErrorCode::InvalidInput);
}

void TestCertificate::rejectsWrongPurpose()
{
    ChainVerifier verifier(m_root);
    verifier.setPurpose(CertificatePurpose::ClientAuth);
    QVERIFY(verifier.verify(m_clientLeaf).ok());
    verifier.setPurpose(CertificatePurpose::ServerAuth);
    auto verdict = verifier.verify(m_clientLeaf);
    QVERIFY(!verdict.ok());
    QCOMPARE(verdict.error().code(), ErrorCode::VerificationFailed);
    QVERIFY2(verdict.error().message().contains(QStringLiteral("certificate purpose")),
             qPrintable(verdict.error().message()));
}

void TestCertificate::matchesPrivateKey()
{
    auto leafKey = PrivateKey::fromPem(readFile(path("leaf.key")));
    auto rootKey = PrivateKey::fromPem(readFile(path("root.key")));
    QVERIFY(leafKey.ok());
    QVERIFY(rootKey.ok());
    QVERIFY(m_leaf.matchesPrivateKey(leafKey.value()));
    QVERIFY(!m_leaf.matchesPrivateKey(rootKey.value()));
    QVERIFY(m_root.matchesPrivateKey(rootKey.value()));
    QVERIFY(!m_otherRoot.matchesPrivateKey(rootKey.value())); // same name, other key
    QVERIFY(!m_leaf.matchesPrivateKey(PrivateKey()));
    QVERIFY(!Certificate().matchesPrivateKey(leafKey.value()));
}

void TestCertificate::validityHelpers()
{
    const QDateTime from = m_leaf.notBefore();
    const QDateTime until = m_leaf.notAfter();
    QVERIFY(m_leaf.isValidAt(from));
    QVERIFY(m_leaf.isValidAt(until));
    QVERIFY(!m_leaf.isValidAt(from.addSecs(-1)));
    QVERIFY(!m_leaf.isValidAt(until.addSecs(1)));
    QVERIFY(!m_leaf.isValidAt(QDateTime()));

    QCOMPARE(m_leaf.lifetimeUsedFraction(from), 0.0);
    QCOMPARE(m_leaf.lifetimeUsedFraction(from.addDays(-3)), 0.0);
    QCOMPARE(m_leaf.lifetimeUsedFraction(until), 1.0);
    QCOMPARE(m_leaf.lifetimeUsedFraction(until.addDays(3)), 1.0);
    QCOMPARE(m_leaf.lifetimeUsedFraction(from.addDays(15)), 0.5); // 30-day certificate
    QCOMPARE(m_leaf.lifetimeUsedFraction(from.addDays(6)), 0.2);
}

void TestCertificate::copiesShareTheCertificate()
{
    const Certificate copy = m_leaf;
    QCOMPARE(copy.native(), m_leaf.native());
    QVERIFY(copy == m_leaf);
    Certificate assigned;
    assigned = m_root;
    QCOMPARE(assigned.native(), m_root.native());
    assigned = copy;
    QVERIFY(assigned == m_leaf);
    QVERIFY(assigned != m_root);
    Certificate moved = std::move(assigned);
    QVERIFY(moved == m_leaf);
    QCOMPARE(m_leaf.commonName(), QStringLiteral("leaf.example.com")); // still intact
}

void TestCertificate::nullCertificateIsSafe()
{
    const Certificate certificate;
    QVERIFY(certificate.isNull());
    QVERIFY(certificate.toPem().isEmpty());
    QVERIFY(certificate.toDer().isEmpty());
    QVERIFY(certificate.subject().isEmpty());
    QVERIFY(certificate.issuer().isEmpty());
    QVERIFY(certificate.commonName().isEmpty());
    QVERIFY(certificate.serialHex().isEmpty());
    QVERIFY(certificate.serialDecimal().isEmpty());
    QVERIFY(certificate.subjectAltNames().isEmpty());
    QVERIFY(!certificate.notBefore().isValid());
    QVERIFY(!certificate.notAfter().isValid());
    QVERIFY(certificate.publicKey().isNull());
    QVERIFY(certificate.sha256Fingerprint().isEmpty());
    QVERIFY(certificate.keyUsage().isEmpty());
    QVERIFY(certificate.extendedKeyUsage().isEmpty());
    QVERIFY(!certificate.isCertificateAuthority());
    QCOMPARE(certificate.pathLength(), -1);
    QVERIFY(certificate.subjectKeyId().isEmpty());
    QVERIFY(certificate.authorityKeyId().isEmpty());
    QVERIFY(!certificate.isSelfSigned());
    QVERIFY(!certificate.isValidAt(QDateTime::currentDateTimeUtc()));
    QCOMPARE(certificate.lifetimeUsedFraction(QDateTime::currentDateTimeUtc()), 0.0);
    QVERIFY(certificate == Certificate());
    QVERIFY(certificate != m_leaf);
    const Certificate copy = certificate;
    QVERIFY(copy.isNull());
}

void TestCertificate::rejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("pem");
    const QByteArray der = m_root.toDer();
    QTest::newRow("empty pem") << QByteArray() << true;
    QTest::newRow("text") << QByteArray("hello") << true;
    QTest::newRow("request label")
        << QByteArray("-----BEGIN CERTIFICATE REQUEST-----\n" + der.toBase64()
                      + "\n-----END CERTIFICATE REQUEST-----\n")
        << true;
    QTest::newRow("trailing byte in pem") << QByteArray(
        "-----BEGIN CERTIFICATE-----\n" + (der + 'x').toBase64() + "\n-----END CERTIFICATE-----\n")
                                          << true;
    QTest::newRow("empty der") << QByteArray() << false;
    QTest::newRow("truncated der") << der.left(der.size() / 2) << false;
    QTest::newRow("trailing byte") << der + 'x' << false;
    QTest::newRow("pem as der") << m_root.toPem() << false;
}

void TestCertificate::rejectsGarbage()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, pem);
    auto certificate = pem ? Certificate::fromPem(input) : Certificate::fromDer(input);
    QVERIFY(!certificate.ok());
    QCOMPARE(certificate.error().code(), ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestCertificate)
#include "tst_certificate.moc"
