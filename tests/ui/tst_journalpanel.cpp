#include "core/net/constants.h"
#include "core/workbench.h"
#include "ui/journal/journalmodel.h"
#include "ui/journal/journalpanel.h"
#include "ui/widgets/themecolors.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using core::CallStatus;
using ui::JournalModel;
using ui::JournalPanel;

// The journal panel over a real Workbench on loopback: rows appear as calls are made, pending
// rows turn into results in place, failed rows are red, a waiting call can be cancelled from the
// panel, and the transcript and the script export carry the calls.
class tst_JournalPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void rowsFollowTheCalls();
    void cancelSelectedCall();
    void copyAndExport();
    void followsTheTailOnlyAtTheBottom();

private:
    static core::SocketAddress address(const QString &text);
    static QToolButton *tool(JournalPanel &panel, const QString &name);
    static QString cell(const JournalModel &model, int row, int column, int role = Qt::DisplayRole);
    // Creates a UDP socket bound on loopback and returns its id and address, waiting (bounded).
    static int boundUdp(core::Workbench &wb, core::SocketAddress *bound);
};

void tst_JournalPanel::init()
{
    // Warnings like these reveal a model or threading bug; they must fail the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QAbstractItemModel|thread|Timers")));
}

core::SocketAddress tst_JournalPanel::address(const QString &text)
{
    const auto parsed = core::parseAddress(text, core::sock::AfInet);
    return parsed ? parsed.value() : core::SocketAddress();
}

QToolButton *tst_JournalPanel::tool(JournalPanel &panel, const QString &name)
{
    for (QToolButton *button : panel.findChildren<QToolButton *>()) {
        if (button->accessibleName() == name)
            return button;
    }
    return nullptr;
}

QString tst_JournalPanel::cell(const JournalModel &model, int row, int column, int role)
{
    return model.data(model.index(row, column), role).toString();
}

int tst_JournalPanel::boundUdp(core::Workbench &wb, core::SocketAddress *bound)
{
    const int id = wb.createSocket(core::sock::AfInet, core::sock::Dgram).socketId;
    wb.bind(id, address(QStringLiteral("127.0.0.1:0")));
    const core::CallId name = wb.sockName(id);
    if (!wb.journal().wait(name, 5000))
        return -1;
    *bound = wb.journal().call(name).outcome.address;
    return id;
}

void tst_JournalPanel::rowsFollowTheCalls()
{
    core::Workbench wb;
    JournalPanel panel(wb);
    JournalModel *model = panel.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->columnCount(), int(JournalModel::ColumnCount));
    QCOMPARE(model->headerData(JournalModel::CallColumn, Qt::Horizontal).toString(), QStringLiteral("Call"));

    core::SocketAddress receiverAddress;
    const int receiver = boundUdp(wb, &receiverAddress);
    QVERIFY(receiver > 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 5000);
    QCOMPARE(cell(*model, 1, JournalModel::CallColumn), QStringLiteral("sk%1.bind(('127.0.0.1', 0))").arg(receiver));
    QCOMPARE(cell(*model, 1, JournalModel::ResultColumn), QStringLiteral("None"));
    QCOMPARE(cell(*model, 0, JournalModel::SeqColumn), QStringLiteral("1"));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}$"))
                .match(cell(*model, 0, JournalModel::TimeColumn)).hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("^[\\d.]+ (µs|ms|s)$"))
                .match(cell(*model, 0, JournalModel::DurationColumn)).hasMatch());

    // A recv that waits: a grey italic "pending" row, finished in place by a datagram.
    const core::CallId waiting = wb.recv(receiver, 100);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 5000);
    const int row = 3;
    QCOMPARE(model->data(model->index(row, 0), JournalModel::CallIdRole).value<core::CallId>(), waiting);
    QCOMPARE(cell(*model, row, JournalModel::ResultColumn), QStringLiteral("… pending"));
    QCOMPARE(model->data(model->index(row, JournalModel::ResultColumn), Qt::ForegroundRole).value<QColor>(),
             ui::ThemeColors::application().muted);
    QVERIFY(model->data(model->index(row, JournalModel::CallColumn), Qt::FontRole).value<QFont>().italic());
    QCOMPARE(cell(*model, row, JournalModel::DurationColumn), QString());
    QCOMPARE(model->pendingCount(), 1);

    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    const int sender = wb.createSocket(core::sock::AfInet, core::sock::Dgram).socketId;
    wb.sendTo(sender, "hello", receiverAddress);
    QTRY_COMPARE_WITH_TIMEOUT(cell(*model, row, JournalModel::ResultColumn), QStringLiteral("b'hello'"), 5000);
    QVERIFY(!changed.isEmpty());
    const auto rowChanged = [&](int r) {
        for (const QList<QVariant> &args : changed) {
            const auto from = args.at(0).toModelIndex(), to = args.at(1).toModelIndex();
            if (from.row() <= r && r <= to.row() && from.column() == 0 && to.column() == JournalModel::ColumnCount - 1)
                return true;
        }
        return false;
    };
    QVERIFY(rowChanged(row));
    QCOMPARE(model->pendingCount(), 0);
    QVERIFY(!model->data(model->index(row, JournalModel::CallColumn), Qt::FontRole).value<QFont>().italic());
    QVERIFY(!cell(*model, row, JournalModel::DurationColumn).isEmpty());
    QCOMPARE(cell(*model, row, JournalModel::CallColumn, Qt::ToolTipRole), QStringLiteral("sk%1.recv(100)").arg(receiver));

    // A failed call: the exception, the errno name, red. A bound TCP socket that never listens
    // refuses connections.
    const int tcpListenerless = wb.createSocket(core::sock::AfInet, core::sock::Stream).socketId;
    wb.bind(tcpListenerless, address(QStringLiteral("127.0.0.1:0")));
    const core::CallId named = wb.sockName(tcpListenerless);
    QVERIFY(wb.journal().wait(named, 5000));
    const int client = wb.createSocket(core::sock::AfInet, core::sock::Stream).socketId;
    const core::CallId refused = wb.connect(client, wb.journal().call(named).outcome.address);
    QVERIFY(wb.journal().wait(refused, 5000));
    const int refusedRow = int(refused) - 1;
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), refusedRow + 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(*model, refusedRow, JournalModel::ErrnoColumn), QStringLiteral("ECONNREFUSED"), 5000);
    QCOMPARE(cell(*model, refusedRow, JournalModel::ResultColumn),
             QStringLiteral("ConnectionRefusedError: [Errno 111] Connection refused"));
    QCOMPARE(model->data(model->index(refusedRow, JournalModel::ResultColumn), Qt::ForegroundRole).value<QColor>(),
             ui::ThemeColors::application().error);
    QCOMPARE(model->data(model->index(refusedRow, 0), JournalModel::StatusRole).toInt(), int(CallStatus::Failed));

    // Many calls at once arrive in batches, every one of them.
    for (int i = 0; i < 300; ++i)
        wb.sockName(receiver);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), int(wb.journal().count()), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(model->pendingCount(), 0, 5000);
    QCOMPARE(cell(*model, model->rowCount() - 1, JournalModel::ResultColumn),
             receiverAddress.toPython());
}

void tst_JournalPanel::cancelSelectedCall()
{
    core::Workbench wb;
    JournalPanel panel(wb);
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QToolButton *cancel = tool(panel, QStringLiteral("Cancel selected call"));
    QVERIFY(cancel);
    QVERIFY(!cancel->toolTip().isEmpty());
    QVERIFY(!cancel->isEnabled());

    core::SocketAddress bound;
    const int receiver = boundUdp(wb, &bound);
    const core::CallId waiting = wb.recv(receiver, 10);
    const int row = int(waiting) - 1;
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), row + 1, 5000);
    panel.view()->selectRow(0);
    QVERIFY(!cancel->isEnabled()); // a finished call cannot be cancelled
    panel.view()->selectRow(row);
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(cell(*panel.model(), row, JournalModel::ResultColumn),
                              QStringLiteral("cancelled (cancelled by the user)"), 5000);
    QCOMPARE(wb.journal().call(waiting).outcome.status, CallStatus::Cancelled);
    QVERIFY(!cancel->isEnabled());
}

void tst_JournalPanel::copyAndExport()
{
    core::Workbench wb;
    JournalPanel panel(wb);
    core::SocketAddress bound;
    const int receiver = boundUdp(wb, &bound);
    QVERIFY(receiver > 0);
    const core::CallId bad = wb.recv(receiver, -1); // ValueError, at once
    QVERIFY(wb.journal().wait(bad, 5000));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), int(wb.journal().count()), 5000);

    QToolButton *copy = tool(panel, QStringLiteral("Copy transcript"));
    QVERIFY(copy);
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString transcript = QApplication::clipboard()->text();
    QVERIFY2(transcript.startsWith(QStringLiteral(">>> sk%1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                                  ">>> sk%1.bind(('127.0.0.1', 0))\n>>> sk%1.getsockname()\n%2\n")
                                       .arg(receiver).arg(bound.toPython())),
             qPrintable(transcript));
    QVERIFY(transcript.endsWith(QStringLiteral(">>> sk%1.recv(-1)\nTraceback (most recent call last):\n"
                                               "  File \"<stdin>\", line 1, in <module>\n"
                                               "ValueError: negative buffersize in recv\n").arg(receiver)));

    QVERIFY(tool(panel, QStringLiteral("Export as Python script…")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("session.py"));
    QString error;
    QVERIFY(panel.exportScript(path, &error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString script = QString::fromUtf8(file.readAll());
    QVERIFY(script.startsWith(QStringLiteral("#!/usr/bin/env python3\n")));
    QVERIFY(script.contains(QStringLiteral("\nimport socket, struct\n")));
    QVERIFY(script.contains(QStringLiteral("\nsk%1.bind(('127.0.0.1', 0))  # -> None\n").arg(receiver)));
    QVERIFY(script.contains(QStringLiteral("    print(sk%1.recv(-1))  # raised ValueError").arg(receiver)));
    QVERIFY(QFile::permissions(path) & QFileDevice::ExeOwner);

    QVERIFY(!panel.exportScript(dir.filePath(QStringLiteral("no/such/dir/x.py")), &error));
    QVERIFY(!error.isEmpty());
}

void tst_JournalPanel::followsTheTailOnlyAtTheBottom()
{
    core::Workbench wb;
    JournalPanel panel(wb);
    panel.resize(700, 240);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    core::SocketAddress bound;
    const int id = boundUdp(wb, &bound);
    QScrollBar *bar = panel.view()->verticalScrollBar();

    for (int i = 0; i < 60; ++i)
        wb.fileno(id);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), int(wb.journal().count()), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), 5000);

    // Scrolled up to read: new rows must not pull the view down.
    bar->setValue(0);
    for (int i = 0; i < 60; ++i)
        wb.fileno(id);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), int(wb.journal().count()), 5000);
    QCOMPARE(bar->value(), 0);

    // Back at the bottom, it follows again.
    bar->setValue(bar->maximum());
    for (int i = 0; i < 60; ++i)
        wb.fileno(id);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), int(wb.journal().count()), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), 5000);
    QVERIFY(bar->value() > 0);
}

QTEST_MAIN(tst_JournalPanel)
#include "tst_journalpanel.moc"
