// Schedules without sockets: what a schedule's payload template expands to, and every schedule
// checkSchedule refuses, with the field and position it names.
#include "core/responder/responder.h"
#include "core/responder/rule.h"
#include "tests/core/testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using namespace core;
using namespace testsupport;

Q_DECLARE_METATYPE(core::ScheduleField)
Q_DECLARE_METATYPE(core::Schedule)

class tst_ScheduleCheck : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void scheduleTemplates();
    void scheduleErrors_data();
    void scheduleErrors();

private:
    QTemporaryDir m_dir;
};

void tst_ScheduleCheck::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_ScheduleCheck::scheduleTemplates()
{
    // A schedule's template has no captures and nothing received.
    using Uses = PayloadTemplate::Uses;
    const Result<PayloadTemplate> counter = PayloadTemplate::parse(u"n={counter}\\n", Uses::Schedule, false);
    QVERIFY(counter);
    QVERIFY(!counter->isConstant());
    TemplateInput input;
    input.counter = 12;
    QCOMPARE(counter->expand(input), QByteArray("n=12\n"));
    const Result<PayloadTemplate> plain = PayloadTemplate::parse(u"a{{b}}", Uses::Schedule, false);
    QVERIFY(plain);
    QVERIFY(plain->isConstant());
    QCOMPARE(plain->expand(input), QByteArray("a{b}"));
    QCOMPARE(PayloadTemplate::constant("\x00{1}").expand(input), QByteArray("\x00{1}"));

    const Result<PayloadTemplate> capture = PayloadTemplate::parse(u"x{1}", Uses::Schedule, false);
    QVERIFY(!capture);
    QVERIFY2(capture.error().message.contains(QStringLiteral("only a rule's reply")), qPrintable(capture.error().message));
    QCOMPARE(capture.error().position, 1);
    for (const QString &name : {QStringLiteral("length"), QStringLiteral("hex")}) {
        const Result<PayloadTemplate> received = PayloadTemplate::parse(QStringLiteral("ab{%1}").arg(name), Uses::Schedule, false);
        QVERIFY(!received);
        QVERIFY2(received.error().message.contains(QStringLiteral("{%1} is about bytes received").arg(name)),
                 qPrintable(received.error().message));
        QCOMPARE(received.error().position, 2);
    }
}

void tst_ScheduleCheck::scheduleErrors_data()
{
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<ScheduleField>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position");

    Schedule good;
    good.socketId = 1;
    good.payload = QStringLiteral("tick {counter} at {time} {unixtime} {random}\\n");
    good.intervalMs = 10;
    good.count = 20;
    QTest::newRow("good") << good << true << ScheduleField::Payload << QString() << -1;

    Schedule s = good;
    s.intervalMs = 0;
    QTest::newRow("interval 0") << s << false << ScheduleField::Interval << QStringLiteral("the interval is 1 ms to 24 hours") << -1;
    s.intervalMs = kMaxScheduleIntervalMs + 1;
    QTest::newRow("interval past a day") << s << false << ScheduleField::Interval << QStringLiteral("the interval is") << -1;
    s.burst = true;
    s.count = 5;
    QTest::newRow("a burst has no interval") << s << true << ScheduleField::Payload << QString() << -1;
    s.count = 0;
    QTest::newRow("burst without count") << s << false << ScheduleField::Count << QStringLiteral("a burst needs a count") << -1;
    s = good;
    s.count = -1;
    QTest::newRow("negative count") << s << false << ScheduleField::Count << QStringLiteral("the count is 0") << -1;
    s.count = 0;
    QTest::newRow("until stopped") << s << true << ScheduleField::Payload << QString() << -1;

    s = good;
    s.kind = CallKind::SendTo;
    QTest::newRow("sendto without address") << s << false << ScheduleField::Address << QStringLiteral("sendto needs an address")
                                            << -1;
    s.address = address(QStringLiteral("127.0.0.1:9"), AF_INET);
    QTest::newRow("sendto with address") << s << true << ScheduleField::Payload << QString() << -1;
    s = good;
    s.kind = CallKind::Recv;
    QTest::newRow("recv") << s << false << ScheduleField::Payload << QStringLiteral("send, sendall or sendto") << -1;
    s.kind = CallKind::Send;
    QTest::newRow("send") << s << true << ScheduleField::Payload << QString() << -1;

    s = good;
    s.payload = QStringLiteral("got {1}");
    QTest::newRow("template {1}") << s << false << ScheduleField::Payload << QStringLiteral("{1} is a capture") << 4;
    s.payload = QStringLiteral("{length}");
    QTest::newRow("template {length}") << s << false << ScheduleField::Payload << QStringLiteral("{length} is about bytes received") << 0;
    s.payload = QStringLiteral("x{hex}");
    QTest::newRow("template {hex}") << s << false << ScheduleField::Payload << QStringLiteral("{hex} is about bytes received") << 1;
    s.payload = QStringLiteral("{peer} {bogus}");
    QTest::newRow("template unknown") << s << false << ScheduleField::Payload << QStringLiteral("unknown macro {bogus}") << 7;
    s.payload = QStringLiteral("a\\q");
    QTest::newRow("template bad escape") << s << false << ScheduleField::Payload << QStringLiteral("unknown escape") << 1;
    s.payload = QStringLiteral("{1}");
    s.form = ByteForm::Hex;
    QTest::newRow("hex payload") << s << false << ScheduleField::Payload << QStringLiteral("not a hex digit") << 0;
    s.payload = QStringLiteral("de ad");
    QTest::newRow("hex payload good") << s << true << ScheduleField::Payload << QString() << -1;
    s.form = ByteForm::File;
    s.payload = m_dir.filePath(QStringLiteral("no-such-payload"));
    QTest::newRow("file missing") << s << false << ScheduleField::Payload << QStringLiteral("no such file") << -1;
    s.payload = m_dir.path();
    QTest::newRow("file is a directory") << s << false << ScheduleField::Payload << QStringLiteral("not a regular file") << -1;
    // The payload is checked before the interval.
    s = good;
    s.payload = QStringLiteral("}");
    s.intervalMs = 0;
    QTest::newRow("payload first") << s << false << ScheduleField::Payload << QStringLiteral("a lone }") << 0;
}

void tst_ScheduleCheck::scheduleErrors()
{
    QFETCH(Schedule, schedule);
    QFETCH(bool, ok);
    QFETCH(ScheduleField, field);
    QFETCH(QString, message);
    QFETCH(int, position);
    const std::optional<ScheduleError> error = checkSchedule(schedule);
    QCOMPARE(!error, ok);
    if (ok)
        return;
    QVERIFY2(error->error.message.contains(message), qPrintable(error->error.message));
    QCOMPARE(error->field, field);
    QCOMPARE(error->error.position, position);
}

QTEST_GUILESS_MAIN(tst_ScheduleCheck)
#include "tst_schedulecheck.moc"
