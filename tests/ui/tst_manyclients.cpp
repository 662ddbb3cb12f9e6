#include "core/recipes/clientgroup.h"
#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/mainwindow.h"
#include "ui/sockets/manyclientsdialog.h"
#include "ui/sockets/socketspanel.h"
#include "ui/sockets/sockettreemodel.h"
#include "ui/translations.h"
#include "ui/widgets/fieldmessage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <sys/socket.h>

using namespace core;

// "Connect N clients" in the window: the dialog explains what it cannot use and connects only
// what it can; the group shows as one node of the Sockets tree, whose buttons act on every client.
class tst_ManyClients : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void dialogExplainsAndRefuses();
    void groupInTheTreeIsClosedAtOnce();
};

namespace {

QPushButton *findButton(QWidget *in, const QString &name)
{
    for (QPushButton *b : in->findChildren<QPushButton *>()) {
        if (b->accessibleName() == name)
            return b;
    }
    qWarning("no button %s", qPrintable(name));
    return nullptr;
}

// The traffic of the sockets accepted by listenerId, in one direction.
int recordsUnder(const Workbench &wb, int listenerId, QByteArray *bytes = nullptr)
{
    QSet<int> accepted;
    for (const SocketInfo &info : wb.sockets().snapshot()) {
        if (info.parentId == listenerId)
            accepted.insert(info.id);
    }
    int n = 0;
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const TrafficRecord r = wb.traffic().at(i);
        if (r.direction == Direction::In && accepted.contains(r.socketId) && r.length > 0) {
            ++n;
            if (bytes)
                bytes->append(wb.traffic().payload(r));
        }
    }
    return n;
}

} // namespace

void tst_ManyClients::initTestCase()
{
    ui::installTranslations(); // as the app does: "50 open", "2 bytes"
}

void tst_ManyClients::init()
{
    // Qt's warnings about objects, timers or notifiers used from the wrong thread fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
}

void tst_ManyClients::dialogExplainsAndRefuses()
{
    QTemporaryDir dir;
    const QList<SavedPayload> saved{{QStringLiteral("greeting"), ByteForm::Text, QStringLiteral("hi\\r\\n"), {}},
                                    {QStringLiteral("gone"), ByteForm::File, dir.filePath(QStringLiteral("none")), {}}};
    ui::ManyClientsDialog dialog(saved);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Every control says what it is.
    for (QWidget *w : std::initializer_list<QWidget *>{dialog.kindBox(), dialog.addressField(), dialog.countBox(),
                                                      dialog.payloadBox(), dialog.payloadField(), dialog.savedBox(),
                                                      dialog.connectButton()})
        QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());

    QPushButton *connect = dialog.connectButton();
    QVERIFY(connect->isEnabled()); // 10 TCP clients to 127.0.0.1:8080, sending nothing
    ClientGroupSpec spec = dialog.spec();
    QCOMPARE(spec.family, AF_INET);
    QCOMPARE(spec.type, SOCK_STREAM);
    QCOMPARE(spec.count, 10);
    QVERIFY(spec.payload.isEmpty());

    dialog.addressField()->setText(QStringLiteral("127.0.0.1:99999"));
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.addressMessage()->message().contains(QStringLiteral("65535")));
    dialog.addressField()->setText(QStringLiteral("127.0.0.1:0"));
    QVERIFY(!connect->isEnabled());
    QCOMPARE(dialog.addressMessage()->message(), QStringLiteral("port 0 is no server's port: give the port the clients connect to"));
    dialog.addressField()->clear();
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.addressMessage()->hasMessage());
    dialog.setAddressText(QStringLiteral("[::1]:9000"));
    QVERIFY(connect->isEnabled());
    QVERIFY(!dialog.addressMessage()->hasMessage());
    QCOMPARE(dialog.kindBox()->currentText(), QStringLiteral("TCP6"));
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findText(QStringLiteral("UDP6")));
    QCOMPARE(dialog.spec().type, SOCK_DGRAM);
    dialog.setAddressText(dir.filePath(QStringLiteral("server.sock")));
    QCOMPARE(dialog.kindBox()->currentText(), QStringLiteral("UNIX datagram")); // stays datagram
    QVERIFY(connect->isEnabled());
    QCOMPARE(dialog.spec().address.address.unixPath(), dir.filePath(QStringLiteral("server.sock")).toUtf8());

    dialog.countBox()->setValue(20000);
    QCOMPARE(dialog.countBox()->value(), kMaxClients);
    dialog.countBox()->setValue(0);
    QCOMPARE(dialog.countBox()->value(), kMinClients);

    // Payloads: hex, text with escapes, a saved one; what does not decode is explained.
    QVERIFY(!dialog.payloadField()->isVisible());
    dialog.payloadBox()->setCurrentIndex(ui::ManyClientsDialog::HexPayload);
    QVERIFY(dialog.payloadField()->isVisible());
    QVERIFY(!connect->isEnabled()); // nothing typed yet
    dialog.payloadField()->setText(QStringLiteral("68 6z"));
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.payloadMessage()->hasMessage());
    dialog.payloadField()->setText(QStringLiteral("68 69"));
    QVERIFY(connect->isEnabled());
    QCOMPARE(dialog.spec().payload, QByteArray("hi"));
    dialog.payloadBox()->setCurrentIndex(ui::ManyClientsDialog::TextPayload);
    dialog.payloadField()->setText(QStringLiteral("a\\q"));
    QVERIFY(!connect->isEnabled());
    dialog.payloadField()->setText(QStringLiteral("GET /\\r\\n"));
    QVERIFY(connect->isEnabled());
    QCOMPARE(dialog.spec().payload, QByteArray("GET /\r\n"));
    dialog.payloadBox()->setCurrentIndex(ui::ManyClientsDialog::SavedPayload);
    QVERIFY(dialog.savedBox()->isVisible());
    QVERIFY(!dialog.payloadField()->isVisible());
    QCOMPARE(dialog.savedBox()->count(), 2);
    QCOMPARE(dialog.spec().payload, QByteArray("hi\r\n"));
    dialog.savedBox()->setCurrentIndex(1);
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.payloadMessage()->message().contains(QStringLiteral("gone")));
    dialog.payloadBox()->setCurrentIndex(ui::ManyClientsDialog::NoPayload);
    QVERIFY(connect->isEnabled());

    ui::ManyClientsDialog none({});
    none.payloadBox()->setCurrentIndex(ui::ManyClientsDialog::SavedPayload);
    QVERIFY(!none.connectButton()->isEnabled());
    QVERIFY(none.payloadMessage()->message().contains(QStringLiteral("Payloads panel")));
}

void tst_ManyClients::groupInTheTreeIsClosedAtOnce()
{
    Workbench wb;
    ui::MainWindow window(wb);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ui::SocketsPanel *sockets = window.socketsPanel();
    ui::SocketTreeModel *tree = sockets->model();
    QAbstractItemModelTester tester(tree, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // A watched listener of the workbench: it accepts every client and reads what each sends.
    const int listener = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    wb.bind(listener, parseAddress(u"127.0.0.1:0", AF_INET).value());
    wb.listen(listener);
    wb.setWatch(listener, true);
    const CallId named = wb.sockName(listener);
    QVERIFY(wb.journal().wait(named, 5000));
    const SocketAddress address = wb.journal().call(named).outcome.address;
    sockets->quickAddress()->setText(address.toText());

    bool filled = false;
    QTimer::singleShot(0, qApp, [&filled] {
        auto *dialog = qobject_cast<ui::ManyClientsDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->kindBox()->currentText(), QStringLiteral("TCP"));
        dialog->countBox()->setValue(50);
        dialog->payloadBox()->setCurrentIndex(ui::ManyClientsDialog::TextPayload);
        dialog->payloadField()->setText(QStringLiteral("hello\\n"));
        QVERIFY(dialog->connectButton()->isEnabled());
        QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
        filled = true;
        if (dialog->isVisible())
            dialog->reject();
    });
    QTest::mouseClick(findButton(sockets, QStringLiteral("Connect N clients")), Qt::LeftButton);
    QVERIFY(filled);

    // One node for the group, selected, its clients under it; the buttons for it shown.
    const QString name = QStringLiteral("clients %1 → %2 (50), %3");
    int group = -1;
    QTRY_VERIFY_WITH_TIMEOUT((group = sockets->currentGroup()) >= 1, 5000);
    const QModelIndex node = tree->indexOfGroup(group);
    QVERIFY(node.isValid());
    QCOMPARE(tree->parent(node), QModelIndex());
    QCOMPARE(tree->socketId(node), -1);
    QCOMPARE(tree->data(node, ui::SocketTreeModel::GroupRole).toInt(), group);
    QCOMPARE(tree->rowCount(node), 50);
    QCOMPARE(groupMembers(wb.sockets(), group).size(), 50);
    QCOMPARE(tree->parent(tree->indexOf(groupMembers(wb.sockets(), group).first())), node);
    QTRY_COMPARE_WITH_TIMEOUT(tree->data(node).toString(), name.arg(group).arg(address.toText(), QStringLiteral("50 open")), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsUnder(wb, listener), 50, 10000);
    QVERIFY(sockets->view()->isFirstColumnSpanned(node.row(), {}));
    QVERIFY(sockets->groupBar()->isVisible());
    QCOMPARE(window.composer()->targetSocket(), -1); // a group is no socket to send on

    // Send to all: the composer's bytes on every client.
    window.composer()->editor()->setPlainText(QStringLiteral("more"));
    QTest::mouseClick(findButton(sockets, QStringLiteral("Send to all")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(recordsUnder(wb, listener), 100, 10000);
    QByteArray received;
    recordsUnder(wb, listener, &received);
    QCOMPARE(received.count("hello\n"), 50);
    QCOMPARE(received.count("more"), 50);

    // Close all: every client closed, the node stays, greyed, with none open.
    QTest::mouseClick(findButton(sockets, QStringLiteral("Close all")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tree->data(node).toString(), name.arg(group).arg(address.toText(), QStringLiteral("0 open")), 10000);
    for (int id : groupMembers(wb.sockets(), group))
        QCOMPARE(wb.sockets().info(id).state, SocketState::Closed);
    QCOMPARE(tree->rowCount(node), 50);

    // A socket selected: the group's buttons go.
    sockets->selectSocket(listener);
    QVERIFY(!sockets->groupBar()->isVisible());
    QCOMPARE(sockets->currentGroup(), -1);
    sockets->selectGroup(group);
    QVERIFY(sockets->groupBar()->isVisible());
}

QTEST_MAIN(tst_ManyClients)
#include "tst_manyclients.moc"
