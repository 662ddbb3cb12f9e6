#include "core/text/payload.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace core;

class tst_Payload : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void escapes_data();
    void escapes();
    void badEscapes_data();
    void badEscapes();
    void hex_data();
    void hex();
    void badHex_data();
    void badHex();
    void escapedRoundTrip();
    void editableTextKeepsCharacters();
    void pythonBytes_data();
    void pythonBytes();
    void pythonBytesMatchesPython();
    void hexDump();
};

void tst_Payload::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread")));
}

void tst_Payload::escapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("plain") << "hello" << QByteArray("hello");
    QTest::newRow("http") << "GET / HTTP/1.0\\r\\n\\r\\n" << QByteArray("GET / HTTP/1.0\r\n\r\n");
    QTest::newRow("tab-nul") << "a\\tb\\0c" << QByteArray("a\tb\0c", 5);
    QTest::newRow("backslash") << "a\\\\b" << QByteArray("a\\b");
    QTest::newRow("hex") << "\\x00\\xff\\x41" << QByteArray("\x00\xff\x41", 3);
    QTest::newRow("hex-upper") << "\\xAB" << QByteArray("\xab");
    QTest::newRow("quotes") << "\\'\\\"" << QByteArray("'\"");
    QTest::newRow("utf8") << QString::fromUtf8("h\u00e9\u20ac") << QByteArray("h\xc3\xa9\xe2\x82\xac");
    QTest::newRow("empty") << "" << QByteArray();
    QTest::newRow("esc") << "\\e[0m" << QByteArray("\x1b[0m");
}

void tst_Payload::escapes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const auto result = decodeEscapes(text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), bytes);
}

void tst_Payload::badEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("lone-backslash") << "abc\\" << 3 << "lone backslash";
    QTest::newRow("unknown") << "ab\\q" << 2 << "unknown escape \\q";
    QTest::newRow("short-hex") << "\\x4" << 0 << "two hex digits";
    QTest::newRow("bad-hex") << "xx\\xg0" << 2 << "two hex digits";
    QTest::newRow("hex-at-end") << "\\x" << 0 << "two hex digits";
}

void tst_Payload::badEscapes()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, mentions);
    const auto result = decodeEscapes(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().position, position);
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
}

void tst_Payload::hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("compact") << "48656c6c6f" << QByteArray("Hello");
    QTest::newRow("spaces") << "48 65 6c 6c 6f" << QByteArray("Hello");
    QTest::newRow("colons") << "48:65:6C" << QByteArray("Hel");
    QTest::newRow("0x-each") << "0x48 0x65" << QByteArray("He");
    QTest::newRow("0x-whole") << "0x4865" << QByteArray("He");
    QTest::newRow("newlines") << "00\n01\t02" << QByteArray("\x00\x01\x02", 3);
    QTest::newRow("empty") << "   " << QByteArray();
    QTest::newRow("dashes") << "de-ad-be-ef" << QByteArray("\xde\xad\xbe\xef");
}

void tst_Payload::hex()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const auto result = decodeHex(text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), bytes);
}

void tst_Payload::badHex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("odd") << "486" << 2 << "odd number";
    QTest::newRow("odd-group") << "48 6 6c" << 3 << "odd number";
    QTest::newRow("stray") << "48 zz" << 3 << "'z' at character 4 is not a hex digit";
    QTest::newRow("stray-second") << "4g" << 1 << "'g' at character 2";
    QTest::newRow("bare-0x") << "48 0x" << 3 << "no digits";
}

void tst_Payload::badHex()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, mentions);
    const auto result = decodeHex(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().position, position);
    QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
}

void tst_Payload::editableTextKeepsCharacters()
{
    // Printable UTF-8 stays readable; control bytes, invalid and overlong sequences are escaped.
    QCOMPARE(editableText(QByteArray("h\xc3\xa9 \xe4\xb8\xad\r\n")), QString::fromUtf8("h\u00e9 \u4e2d\\r\\n"));
    QCOMPARE(editableText(QByteArray("\xc0\xaf\xff\xe4\xb8", 5)), QStringLiteral("\\xc0\\xaf\\xff\\xe4\\xb8"));
    QCOMPARE(editableText(QByteArray("\xed\xa0\x80")), QStringLiteral("\\xed\\xa0\\x80")); // a surrogate
    QCOMPARE(editableText(QByteArray("\xc2\x85")), QStringLiteral("\\xc2\\x85")); // NEL does not print
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    all += QByteArray("\xf0\x9f\x98\x80 \xe2\x82\xac");
    const auto back = decodeEscapes(editableText(all));
    QVERIFY(back.ok());
    QCOMPARE(back.value(), all);
}

void tst_Payload::escapedRoundTrip()
{
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    const QString text = escapedText(all);
    const auto back = decodeEscapes(text);
    QVERIFY(back.ok());
    QCOMPARE(back.value(), all);
    QCOMPARE(escapedText("abcdef", 3), QString::fromUtf8("abc\u2026"));
    // The same rendering as the journal's (Python's) bytes: NUL is \x00, never \0.
    QCOMPARE(escapedText(QByteArray("a\0\r\n\x7f\\", 6)), QStringLiteral("a\\x00\\r\\n\\x7f\\\\"));
    QCOMPARE(QStringLiteral("b'%1'").arg(escapedText(QByteArray("a\0\xff\t", 4))), pythonBytesLiteral(QByteArray("a\0\xff\t", 4)));
}

void tst_Payload::pythonBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("literal");
    QTest::newRow("plain") << QByteArray("hi") << "b'hi'";
    QTest::newRow("crlf") << QByteArray("a\r\n") << "b'a\\r\\n'";
    QTest::newRow("single-quote") << QByteArray("it's") << "b\"it's\"";
    QTest::newRow("both-quotes") << QByteArray("'\"") << "b'\\'\"'";
    QTest::newRow("binary") << QByteArray("\x00\x7f\xff", 3) << "b'\\x00\\x7f\\xff'";
    QTest::newRow("backslash") << QByteArray("\\") << "b'\\\\'";
    QTest::newRow("empty") << QByteArray() << "b''";
}

void tst_Payload::pythonBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, literal);
    QCOMPARE(pythonBytesLiteral(bytes), literal);
}

// The reference for how bytes are written is CPython itself.
void tst_Payload::pythonBytesMatchesPython()
{
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    all += "it's \"quoted\"";
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral("import sys; print(repr(sys.stdin.buffer.read()), end='')")});
    QVERIFY(python.waitForStarted(5000));
    python.write(all);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(10000));
    QCOMPARE(pythonBytesLiteral(all), QString::fromLatin1(python.readAllStandardOutput()));
}

void tst_Payload::hexDump()
{
    const QStringList lines = hexDumpLines(QByteArray("Hello, world!\r\n\x00\x01\x02", 18));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0d 0a 00  |Hello, world!...|"));
    QCOMPARE(lines[1], QStringLiteral("00000010  01 02                                             |..|"));
    QCOMPARE(spacedHex("AB"), QStringLiteral("41 42"));
    QVERIFY(hexDumpLines({}).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Payload)
#include "tst_payload.moc"
