// The Socket panel's views of what a program does to one socket: its waiting calls with who made
// them (the window, a script's file, line and thread) and a cancel for the one chosen; any
// option by number with the kernel's answer; and sendmsg/recvmsg with ancillary data, where a
// descriptor passed over a UNIX socket appears as a new socket on the other side.
#include "core/net/ancillary.h"
#include "core/workbench.h"
#include "ui/socket/messagespanel.h"
#include "ui/socket/optionspanel.h"
#include "ui/socket/socketpanel.h"
#include "ui/widgets/fieldmessage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace core;

namespace {

CallRecord finished(Workbench &wb, CallId id)
{
    if (!wb.journal().wait(id, 5000))
        qWarning("call %llu did not finish: %s", id, qPrintable(wb.journal().call(id).call));
    return wb.journal().call(id);
}

QPushButton *buttonNamed(QWidget *panel, const QString &name)
{
    for (QPushButton *b : panel->findChildren<QPushButton *>()) {
        if (b->accessibleName() == name)
            return b;
    }
    qWarning("no button %s", qPrintable(name));
    return nullptr;
}

QStringList lines(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

} // namespace

class tst_SocketPanel : public QObject
{
    Q_OBJECT
private slots:
    void waitingCallsSayWhoMadeThem();
    void rawOptionsReachTheKernel();
    void descriptorPassedAppearsAsASocket();
    void badAncillaryCellIsRefusedAtTheField();
};

void tst_SocketPanel::waitingCallsSayWhoMadeThem()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QCOMPARE(finished(wb, pair.call).outcome.status, CallStatus::Done);
    ui::SocketPanel panel(wb);
    panel.resize(700, 900);
    panel.show();
    panel.setSocket(pair.first);
    QTreeWidget *waiting = panel.waitingCalls();
    QCOMPARE(waiting->topLevelItemCount(), 0);

    // A blocking recv from the window, then one a script's reader thread made.
    panel.button(QStringLiteral("recv"))->click();
    Call fromScript;
    fromScript.kind = CallKind::Recv;
    fromScript.socketId = pair.first;
    fromScript.size = 100;
    fromScript.origin = CallOrigin::Script;
    fromScript.source.file = QStringLiteral("lab.py");
    fromScript.source.line = 12;
    fromScript.source.thread = QStringLiteral("reader");
    const CallId scriptCall = wb.submit(fromScript);
    QTRY_COMPARE_WITH_TIMEOUT(waiting->topLevelItemCount(), 2, 3000);
    QVERIFY2(waiting->topLevelItem(0)->text(0).contains(QLatin1String("recv(")), qPrintable(waiting->topLevelItem(0)->text(0)));
    QCOMPARE(waiting->topLevelItem(0)->text(1), callOriginName(CallOrigin::Window));
    QVERIFY2(waiting->topLevelItem(1)->text(1).contains(QLatin1String("lab.py:12, thread reader")),
             qPrintable(waiting->topLevelItem(1)->text(1)));
    QPushButton *cancel = panel.button(QStringLiteral("Cancel waiting call"));
    QVERIFY(cancel->isEnabled());

    // Cancel the script's call, chosen in the list: the window's stays waiting.
    waiting->setCurrentItem(waiting->topLevelItem(1));
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(wb.journal().call(scriptCall).outcome.status, CallStatus::Cancelled, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(waiting->topLevelItemCount(), 1, 3000);
    QCOMPARE(waiting->topLevelItem(0)->text(1), callOriginName(CallOrigin::Window));

    // Bytes from the peer end it; the list is empty and says so.
    QCOMPARE(finished(wb, wb.send(pair.second, "hi")).outcome.status, CallStatus::Done);
    QTRY_COMPARE_WITH_TIMEOUT(waiting->topLevelItemCount(), 0, 3000);
    QVERIFY(!cancel->isEnabled());
    const QLabel *title = nullptr;
    for (const QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->buddy() == waiting)
            title = label;
    }
    QVERIFY(title);
    QVERIFY2(title->text().contains(QLatin1String("none")), qPrintable(title->text()));
}

void tst_SocketPanel::rawOptionsReachTheKernel()
{
    Workbench wb;
    const auto tcp = wb.createSocket(AF_INET6, SOCK_STREAM);
    QCOMPARE(finished(wb, tcp.call).outcome.status, CallStatus::Done);
    ui::OptionsPanel panel(wb);
    panel.show();
    panel.setSocket(tcp.socketId);

    // SOL_SOCKET 7 is SO_SNDBUF: set by number, read back by number (the kernel doubles it).
    panel.rawLevel()->setText(QStringLiteral("SOL_SOCKET"));
    panel.rawOption()->setText(QStringLiteral("7"));
    panel.rawValue()->setText(QStringLiteral("65536"));
    panel.setRaw();
    QTRY_VERIFY_WITH_TIMEOUT(panel.rawResult()->text().startsWith(QLatin1String(">>> ")), 3000);
    QVERIFY2(panel.rawResult()->text().contains(QLatin1String("setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)")),
             qPrintable(panel.rawResult()->text()));
    panel.rawResult()->clear();
    panel.readRaw();
    QTRY_VERIFY_WITH_TIMEOUT(panel.rawResult()->text().startsWith(QLatin1String(">>> ")), 3000);
    QVERIFY2(panel.rawResult()->text().contains(QLatin1String("\n131072")), qPrintable(panel.rawResult()->text()));

    // IPV6_RECVHOPLIMIT (41, 51) is not in the table: the numbers reach the kernel.
    panel.rawLevel()->setText(QStringLiteral("41"));
    panel.rawOption()->setText(QStringLiteral("51"));
    panel.rawValue()->setText(QStringLiteral("1"));
    panel.rawResult()->clear();
    panel.setRaw();
    QTRY_VERIFY_WITH_TIMEOUT(panel.rawResult()->text().startsWith(QLatin1String(">>> ")), 3000);
    QVERIFY2(panel.rawResult()->text().contains(QLatin1String("setsockopt(socket.IPPROTO_IPV6, 51, 1)"))
                 || panel.rawResult()->text().contains(QLatin1String("setsockopt(41, 51, 1)")),
             qPrintable(panel.rawResult()->text()));
    QVERIFY2(panel.rawResult()->text().contains(QLatin1String("\nNone")), qPrintable(panel.rawResult()->text()));

    // An option the kernel does not have: its errno, by name, next to the call.
    panel.rawLevel()->setText(QStringLiteral("SOL_SOCKET"));
    panel.rawOption()->setText(QStringLiteral("9999"));
    panel.rawResult()->clear();
    panel.readRaw();
    QTRY_VERIFY_WITH_TIMEOUT(panel.rawResult()->text().startsWith(QLatin1String(">>> ")), 3000);
    QVERIFY2(panel.rawResult()->text().contains(QLatin1String("ENOPROTOOPT")), qPrintable(panel.rawResult()->text()));

    // Bad input is said at the field and nothing is called.
    const qsizetype calls = wb.journal().count();
    panel.rawOption()->setText(QStringLiteral("SO_NOSUCH"));
    panel.setRaw();
    QTest::qWait(50);
    QCOMPARE(wb.journal().count(), calls);
    panel.rawOption()->setText(QStringLiteral("7"));
    panel.rawForm()->setCurrentIndex(1); // bytes (hex)
    panel.rawValue()->setText(QStringLiteral("zz"));
    panel.setRaw();
    QTest::qWait(50);
    QCOMPARE(wb.journal().count(), calls);
    bool said = false;
    for (const ui::FieldMessage *m : panel.findChildren<ui::FieldMessage *>())
        said = said || !m->message().isEmpty();
    QVERIFY(said);
}

void tst_SocketPanel::descriptorPassedAppearsAsASocket()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QCOMPARE(finished(wb, pair.call).outcome.status, CallStatus::Done);
    const auto udp = wb.createSocket(AF_INET, SOCK_DGRAM);
    QCOMPARE(finished(wb, udp.call).outcome.status, CallStatus::Done);
    QCOMPARE(finished(wb, wb.bind(udp.socketId, TypedAddress{parseAddress(QStringLiteral("127.0.0.1:0"), AF_INET).value()})).outcome.status,
             CallStatus::Done);
    const SocketAddress bound = wb.sockets().info(udp.socketId).local;

    ui::SocketPanel panel(wb);
    panel.resize(700, 900);
    panel.show();
    panel.setSocket(pair.first);
    ui::MessagesPanel *messages = panel.messages();
    QComboBox *pass = messages->passChoice();
    const int udpRow = pass->findData(udp.socketId);
    QVERIFY(udpRow >= 0);
    pass->setCurrentIndex(udpRow);
    buttonNamed(messages, QStringLiteral("Add descriptor"))->click();
    QCOMPARE(messages->ancillaryTable()->rowCount(), 1);
    QCOMPARE(messages->ancillaryTable()->item(0, 1)->text(), QStringLiteral("SCM_RIGHTS"));
    QCOMPARE(messages->ancillaryTable()->item(0, 3)->text(),
             QStringLiteral("SCM_RIGHTS: descriptors %1").arg(wb.sockets().info(udp.socketId).fd));
    buttonNamed(messages, QStringLiteral("Add credentials"))->click();
    messages->dataField()->setText(QStringLiteral("fd\\n"));
    const qsizetype before = wb.journal().count();
    buttonNamed(messages, QStringLiteral("sendmsg"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(wb.journal().count(), before + 1, 3000);
    const CallRecord sent = finished(wb, wb.journal().at(before).id);
    QCOMPARE(sent.outcome.status, CallStatus::Done);
    QVERIFY2(sent.call.startsWith(QLatin1String("sk")) && sent.call.contains(QLatin1String(".sendmsg([b'fd\\n'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS")),
             qPrintable(sent.call));
    QCOMPARE(sent.outcome.result, QStringLiteral("3"));

    // The other end receives the descriptor (and, with SO_PASSCRED, the credentials) and adopts it.
    QCOMPARE(finished(wb, wb.setOption(pair.second, OptionRef::byNumber(SOL_SOCKET, SO_PASSCRED), encodeRawOption(u"1", false).value()))
                 .outcome.status,
             CallStatus::Done);
    panel.setSocket(pair.second);
    const int socketsBefore = int(wb.sockets().snapshot().size());
    buttonNamed(messages, QStringLiteral("recvmsg"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(lines(messages->received()).join(QLatin1Char('\n')).contains(QLatin1String(" is now sk")), 5000);
    const QStringList got = lines(messages->received());
    QVERIFY2(got.join(QLatin1Char('\n')).contains(QLatin1String("SCM_RIGHTS: descriptors ")), qPrintable(got.join(QLatin1Char('\n'))));
    QVERIFY2(got.join(QLatin1Char('\n')).contains(QStringLiteral("SCM_CREDENTIALS: pid %1").arg(::getpid())),
             qPrintable(got.join(QLatin1Char('\n'))));
    QTRY_COMPARE_WITH_TIMEOUT(int(wb.sockets().snapshot().size()), socketsBefore + 1, 3000);
    SocketInfo adopted;
    for (const SocketInfo &info : wb.sockets().snapshot()) {
        if (info.id > adopted.id)
            adopted = info;
    }
    QCOMPARE(adopted.family, AF_INET);
    QCOMPARE(adopted.type, SOCK_DGRAM);
    // The same socket under another descriptor: it is bound where the passed one is.
    QCOMPARE(finished(wb, wb.sockName(adopted.id)).outcome.status, CallStatus::Done);
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(adopted.id).local, bound, 3000);
}

void tst_SocketPanel::badAncillaryCellIsRefusedAtTheField()
{
    Workbench wb;
    const auto pair = wb.socketPair(AF_UNIX, SOCK_STREAM);
    QCOMPARE(finished(wb, pair.call).outcome.status, CallStatus::Done);
    ui::MessagesPanel messages(wb);
    messages.show();
    messages.setSocket(pair.first);
    buttonNamed(&messages, QStringLiteral("Add item"))->click();
    QTableWidget *table = messages.ancillaryTable();
    QCOMPARE(table->rowCount(), 1);
    table->item(0, 1)->setText(QStringLiteral("SCM_NOPE"));
    QVERIFY2(messages.ancillaryMessage()->message().contains(QLatin1String("item 1")), qPrintable(messages.ancillaryMessage()->message()));
    const qsizetype before = wb.journal().count();
    messages.sendMessage();
    QTest::qWait(50);
    QCOMPARE(wb.journal().count(), before);
    table->item(0, 1)->setText(QStringLiteral("SCM_RIGHTS"));
    table->item(0, 2)->setText(QStringLiteral("0g"));
    QVERIFY(!messages.ancillaryMessage()->message().isEmpty());
    table->item(0, 2)->setText(QString());
    QVERIFY(messages.ancillaryMessage()->message().isEmpty());
}

QTEST_MAIN(tst_SocketPanel)
#include "tst_socketpanel.moc"
