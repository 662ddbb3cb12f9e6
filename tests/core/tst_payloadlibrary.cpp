#include "core/session/payloadlibrary.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace core;

Q_DECLARE_METATYPE(core::SavedPayload)

namespace {

SavedPayload saved(const QString &name, ByteForm form, const QString &content, const QString &note = {})
{
    return SavedPayload{name, form, content, note};
}

QJsonArray parsedArray(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

} // namespace

// Saved payloads: their bytes, their JSON (a session's "payloads" list and the import/export
// file) read strictly, the files they name read only when regular, and the search.
class tst_PayloadLibrary : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void bytes_data();
    void bytes();
    void badBytes_data();
    void badBytes();
    void roundTrip();
    void rejects_data();
    void rejects();
    void libraryRejects_data();
    void libraryRejects();
    void readsOnlyRegularFiles();
    void search_data();
    void search();
};

void tst_PayloadLibrary::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_PayloadLibrary::bytes_data()
{
    QTest::addColumn<SavedPayload>("payload");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("text") << saved(QStringLiteral("get"), ByteForm::Text, QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"))
                          << QByteArray("GET / HTTP/1.0\r\n\r\n");
    QTest::newRow("text utf-8 and nul") << saved(QStringLiteral("u"), ByteForm::Text, QStringLiteral("é\\0\\xff"))
                                        << QByteArray("\xc3\xa9\0\xff", 4);
    QTest::newRow("empty text") << saved(QStringLiteral("nothing"), ByteForm::Text, QString()) << QByteArray();
    QTest::newRow("hex") << saved(QStringLiteral("h"), ByteForm::Hex, QStringLiteral("48 65:6c,0x6c6f")) << QByteArray("Hello");
}

void tst_PayloadLibrary::bytes()
{
    QFETCH(SavedPayload, payload);
    QFETCH(QByteArray, expected);
    const auto bytes = payloadBytes(payload);
    QVERIFY2(bytes.ok(), qPrintable(bytes.ok() ? QString() : bytes.error().message));
    QCOMPARE(bytes.value(), expected);
}

void tst_PayloadLibrary::badBytes_data()
{
    QTest::addColumn<SavedPayload>("payload");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<int>("position");
    QTest::newRow("unknown escape") << saved(QStringLiteral("greeting"), ByteForm::Text, QStringLiteral("hi\\q"))
                                    << QStringLiteral("\"greeting\": unknown escape \\q at character 3") << 2;
    QTest::newRow("short \\x") << saved(QStringLiteral("x"), ByteForm::Text, QStringLiteral("\\x4"))
                               << QStringLiteral("\"x\": \\x at character 1 needs two hex digits") << 0;
    QTest::newRow("lone backslash") << saved(QStringLiteral("end"), ByteForm::Text, QStringLiteral("a\\"))
                                    << QStringLiteral("\"end\": lone backslash") << 1;
    QTest::newRow("odd hex") << saved(QStringLiteral("odd"), ByteForm::Hex, QStringLiteral("48 6"))
                             << QStringLiteral("\"odd\": odd number of hex digits") << 3;
    QTest::newRow("not hex") << saved(QStringLiteral("g"), ByteForm::Hex, QStringLiteral("4g"))
                             << QStringLiteral("\"g\": 'g' at character 2 is not a hex digit") << 1;
    QTest::newRow("no file") << saved(QStringLiteral("f"), ByteForm::File, QStringLiteral("  "))
                             << QStringLiteral("\"f\": no file given") << -1;
    QTest::newRow("missing file") << saved(QStringLiteral("gone"), ByteForm::File, QStringLiteral("/nonexistent/payload.bin"))
                                  << QStringLiteral("\"gone\": cannot read /nonexistent/payload.bin: No such file or directory (ENOENT)")
                                  << -1;
}

void tst_PayloadLibrary::badBytes()
{
    QFETCH(SavedPayload, payload);
    QFETCH(QString, mentions);
    QFETCH(int, position);
    const auto bytes = payloadBytes(payload);
    QVERIFY(!bytes.ok());
    QVERIFY2(bytes.error().message.contains(mentions), qPrintable(bytes.error().message));
    QCOMPARE(bytes.error().position, position);
}

void tst_PayloadLibrary::roundTrip()
{
    const QList<SavedPayload> payloads{
        saved(QStringLiteral("get"), ByteForm::Text, QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"), QStringLiteral("a request")),
        saved(QStringLiteral("ping ☃"), ByteForm::Hex, QStringLiteral("00 01 ff"), QStringLiteral("two\nlines")),
        saved(QStringLiteral("firmware"), ByteForm::File, QStringLiteral("/tmp/fw.bin")),
        saved(QStringLiteral("empty"), ByteForm::Text, QString()),
    };
    const QJsonArray array = payloadsToJson(payloads);
    QCOMPARE(array.size(), 4);
    QCOMPARE(array[1].toObject().value(QLatin1String("form")).toString(), QStringLiteral("hex"));
    QVERIFY(!array[2].toObject().contains(QLatin1String("note"))); // left out when empty
    const auto back = payloadsFromJson(array);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), payloads);

    const QByteArray file = payloadLibraryToJson(payloads);
    QVERIFY(file.contains("\"format\": \"socket-workbench-payloads\""));
    QVERIFY(file.contains("\"version\": 1"));
    const auto fromFile = payloadLibraryFromJson(file);
    QVERIFY2(fromFile.ok(), qPrintable(fromFile.ok() ? QString() : fromFile.error().message));
    QCOMPARE(fromFile.value(), payloads);
    QCOMPARE(payloadLibraryFromJson(payloadLibraryToJson({}))->size(), 0);
}

void tst_PayloadLibrary::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not a list") << QByteArray(R"({"payloads": {}})") << "payloads must be a list";
    QTest::newRow("not an object") << QByteArray(R"([3])") << "payload 1: not an object";
    QTest::newRow("no name") << QByteArray(R"([{"form":"text","content":"a"}])") << "payload 1: needs a \"name\"";
    QTest::newRow("empty name") << QByteArray(R"([{"name":" ","form":"text","content":"a"}])") << "payload 1: needs a \"name\"";
    QTest::newRow("name number") << QByteArray(R"([{"name":5,"form":"text","content":"a"}])") << "payload 1: needs a \"name\"";
    QTest::newRow("unknown form") << QByteArray(R"([{"name":"a","form":"base64","content":"a"}])")
                                  << "payload 1: \"form\" must be \"text\", \"hex\" or \"file\"";
    QTest::newRow("no form") << QByteArray(R"([{"name":"a","content":"a"}])") << "payload 1: \"form\" must be";
    QTest::newRow("form upper") << QByteArray(R"([{"name":"a","form":"Text","content":"a"}])") << "payload 1: \"form\" must be";
    QTest::newRow("no content") << QByteArray(R"([{"name":"a","form":"text"}])") << "payload 1: \"content\" must be a string";
    QTest::newRow("content list") << QByteArray(R"([{"name":"a","form":"hex","content":[72]}])")
                                  << "payload 1: \"content\" must be a string";
    QTest::newRow("note number") << QByteArray(R"([{"name":"a","form":"text","content":"a","note":1}])")
                                 << "payload 1: \"note\" must be a string";
    QTest::newRow("unknown field") << QByteArray(R"([{"name":"a","form":"text","content":"a","bytes":"a"}])")
                                   << "payload 1: unknown field \"bytes\"";
    QTest::newRow("bad escape") << QByteArray(R"([{"name":"a","form":"text","content":"a"},{"name":"b","form":"text","content":"\\q"}])")
                                << "payload 2: \"b\": unknown escape \\q";
    QTest::newRow("bad hex") << QByteArray(R"([{"name":"h","form":"hex","content":"zz"}])")
                             << "payload 1: \"h\": 'z' at character 1 is not a hex digit";
    QTest::newRow("file without path") << QByteArray(R"([{"name":"f","form":"file","content":""}])")
                                       << "payload 1: a file payload needs a path";
    QTest::newRow("same name") << QByteArray(R"([{"name":"a","form":"text","content":"1"},{"name":"b","form":"text","content":"2"},{"name":"a","form":"hex","content":"33"}])")
                               << "payload 3: the name \"a\" is already used by payload 1";
}

void tst_PayloadLibrary::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : doc.object().value(QLatin1String("payloads"));
    const auto result = payloadsFromJson(value);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
    // The same list in a payload file is refused with the same message.
    const QByteArray file = R"({"format":"socket-workbench-payloads","version":1,"payloads":)"
        + QJsonDocument(value.isArray() ? value.toArray() : QJsonArray{}).toJson(QJsonDocument::Compact) + "}";
    if (value.isArray()) {
        const auto fromFile = payloadLibraryFromJson(file);
        QVERIFY(!fromFile.ok());
        QCOMPARE(fromFile.error().message, result.error().message);
    }
}

void tst_PayloadLibrary::libraryRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("hello") << "not a payload file";
    QTest::newRow("other json") << QByteArray(R"({"a": 1})") << "not a Socket Workbench payload file";
    QTest::newRow("array") << QByteArray(R"([{"name":"a","form":"text","content":"a"}])") << "not a Socket Workbench payload file";
    QTest::newRow("a session") << QByteArray(R"({"format":"socket-workbench-session","version":1,"sockets":[]})")
                               << "not a Socket Workbench payload file";
    QTest::newRow("version 2") << QByteArray(R"({"format":"socket-workbench-payloads","version":2,"payloads":[]})")
                               << "payload file version 2 is newer than this program reads (1)";
    QTest::newRow("version huge") << QByteArray(R"({"format":"socket-workbench-payloads","version":1e20,"payloads":[]})") << "newer";
    QTest::newRow("version 0") << QByteArray(R"({"format":"socket-workbench-payloads","version":0,"payloads":[]})")
                               << "no valid \"version\"";
    QTest::newRow("version text") << QByteArray(R"({"format":"socket-workbench-payloads","version":"1","payloads":[]})")
                                  << "no valid \"version\"";
    QTest::newRow("version 0.5") << QByteArray(R"({"format":"socket-workbench-payloads","version":0.5,"payloads":[]})")
                                 << "no valid \"version\"";
    QTest::newRow("no payloads") << QByteArray(R"({"format":"socket-workbench-payloads","version":1})") << "no \"payloads\" list";
    QTest::newRow("payloads object") << QByteArray(R"({"format":"socket-workbench-payloads","version":1,"payloads":{}})")
                                     << "no \"payloads\" list";
}

void tst_PayloadLibrary::libraryRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto result = payloadLibraryFromJson(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
}

// A File payload and an import file are read only when they are regular files: a FIFO would
// wait for a writer, a device would never end.
void tst_PayloadLibrary::readsOnlyRegularFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto fileFails = [](const QString &path, const QString &mentions) {
        const auto bytes = payloadBytes(saved(QStringLiteral("p"), ByteForm::File, path));
        if (bytes.ok())
            return QStringLiteral("read %1").arg(path);
        if (!bytes.error().message.startsWith(QStringLiteral("\"p\": ")) || !bytes.error().message.contains(mentions))
            return bytes.error().message;
        const auto imported = readPayloadLibraryFile(path);
        if (imported.ok() || !imported.error().message.contains(mentions))
            return imported.ok() ? QStringLiteral("imported %1").arg(path) : imported.error().message;
        return QString();
    };
    QCOMPARE(fileFails(QStringLiteral("/dev/zero"), QStringLiteral("/dev/zero is a device, not a payload file")), QString());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QCOMPARE(fileFails(fifo, QStringLiteral("is a FIFO")), QString());
    QCOMPARE(fileFails(dir.path(), QStringLiteral("is a directory")), QString());
    QCOMPARE(fileFails(dir.filePath(QStringLiteral("missing")), QStringLiteral("No such file or directory (ENOENT)")), QString());

    const QString big = dir.filePath(QStringLiteral("big.bin"));
    QFile bigFile(big);
    QVERIFY(bigFile.open(QIODevice::WriteOnly));
    QVERIFY(bigFile.resize(kMaxPayloadFileBytes + 1));
    bigFile.close();
    QCOMPARE(fileFails(big, QStringLiteral("larger than 16 MiB")), QString());

    const QString exact = dir.filePath(QStringLiteral("exact.bin"));
    QFile exactFile(exact);
    QVERIFY(exactFile.open(QIODevice::WriteOnly));
    QVERIFY(exactFile.resize(kMaxPayloadFileBytes));
    exactFile.close();
    QCOMPARE(payloadBytes(saved(QStringLiteral("p"), ByteForm::File, exact))->size(), kMaxPayloadFileBytes);

    const QString small = dir.filePath(QStringLiteral("hello.bin"));
    QFile smallFile(small);
    QVERIFY(smallFile.open(QIODevice::WriteOnly));
    smallFile.write(QByteArray("hi\0\xff", 4));
    smallFile.close();
    QCOMPARE(payloadBytes(saved(QStringLiteral("p"), ByteForm::File, small)).value(), QByteArray("hi\0\xff", 4));

    const QString library = dir.filePath(QStringLiteral("payloads.json"));
    QFile libraryFile(library);
    QVERIFY(libraryFile.open(QIODevice::WriteOnly));
    libraryFile.write(payloadLibraryToJson({saved(QStringLiteral("a"), ByteForm::Text, QStringLiteral("x"))}));
    libraryFile.close();
    const auto imported = readPayloadLibraryFile(library);
    QVERIFY(imported.ok());
    QCOMPARE(imported->size(), 1);
    const auto notLibrary = readPayloadLibraryFile(small);
    QVERIFY(!notLibrary.ok());
    QVERIFY2(notLibrary.error().message.startsWith(small + QStringLiteral(": not a payload file")),
             qPrintable(notLibrary.error().message));
}

void tst_PayloadLibrary::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("matches");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("blank") << QStringLiteral("  ") << true;
    QTest::newRow("name, other case") << QStringLiteral("hTTp get") << true;
    QTest::newRow("note") << QStringLiteral("LOGIN") << true;
    QTest::newRow("content") << QStringLiteral("host: example") << true;
    QTest::newRow("content escape as typed") << QStringLiteral("\\r\\n") << true;
    QTest::newRow("padded") << QStringLiteral(" get ") << true;
    QTest::newRow("absent") << QStringLiteral("POST") << false;
    QTest::newRow("across fields") << QStringLiteral("get before") << false;
}

void tst_PayloadLibrary::search()
{
    QFETCH(QString, query);
    QFETCH(bool, matches);
    const SavedPayload payload = saved(QStringLiteral("HTTP GET"), ByteForm::Text,
                                       QStringLiteral("GET / HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n"),
                                       QStringLiteral("before the login"));
    QCOMPARE(payloadMatches(payload, query), matches);
}

QTEST_GUILESS_MAIN(tst_PayloadLibrary)
#include "tst_payloadlibrary.moc"
