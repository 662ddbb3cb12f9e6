// The traffic log's views: the hex dump, the export dialog's choices, and the panel against a
// real UDP flood (tail-follow, selection, copy, filters, export) with every control named.
#include "ui/traffic/hexdumpview.h"
#include "ui/traffic/trafficexportdialog.h"
#include "ui/traffic/trafficmodel.h"
#include "ui/traffic/trafficpanel.h"

#include "core/net/errors.h"
#include "core/text/payload.h"
#include "core/workbench.h"
#include "tests/core/testsupport.h"
#include "tests/ui/trafficsupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

using namespace core;
using namespace trafficsupport;
using ui::TrafficModel;

class tst_TrafficPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void hexDumpView();
    void exportDialogChoices();
    void panelFollowsAFlood();
    void panelSelectionCopyAndFilters();
    void panelExports();
    void panelControlsAreNamed();
};

namespace {

// A plain POSIX UDP sender bound to loopback: the far end of the flood, outside the workbench.
struct Sender
{
    int fd = -1;
    quint16 port = 0;

    Sender()
    {
        fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0)
            qWarning("sender: %s", qPrintable(errnoName(errno)));
        socklen_t length = sizeof local;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length);
        port = ntohs(local.sin_port);
    }
    ~Sender() { ::close(fd); }

    static QByteArray payload(int i)
    {
        return QByteArray("datagram ").append(QByteArray::number(i).rightJustified(8, '0')).leftJustified(kPayloadBytes, '.');
    }

    // Sends datagrams first..first+count-1 to the receiver, keeping at most a window of them
    // unrecorded so the receiver's socket buffer never overflows. Returns how many went out.
    int flood(const SocketAddress &to, const TrafficStore &store, int first, int count)
    {
        constexpr qsizetype kWindow = 128;
        const qsizetype base = store.count();
        QDeadlineTimer deadline(30000);
        int sent = 0;
        while (sent < count && !deadline.hasExpired()) {
            if (sent - (store.count() - base) >= kWindow) {
                QCoreApplication::processEvents();
                std::this_thread::yield();
                continue;
            }
            const QByteArray data = payload(first + sent);
            if (::sendto(fd, data.constData(), size_t(data.size()), 0, to.data(), to.length()) == data.size())
                ++sent;
        }
        return sent;
    }
};

// A workbench UDP socket on loopback, watched, and its address.
struct Receiver
{
    int id = -1;
    SocketAddress address;
};

Receiver watchedUdpSocket(Workbench &wb)
{
    Receiver r;
    r.id = wb.createSocket(AF_INET, SOCK_DGRAM).socketId;
    wb.bind(r.id, testsupport::address(QStringLiteral("127.0.0.1:0"), AF_INET));
    r.address = testsupport::finished(wb, wb.sockName(r.id)).outcome.address;
    wb.setWatch(r.id, true);
    return r;
}

// A shown panel over a fresh workbench, a watched UDP socket in it, and a POSIX sender aimed at it.
struct LivePanel
{
    Workbench wb;
    ui::TrafficPanel panel{wb};
    Receiver receiver;
    Sender sender;
    int sent = 0;

    LivePanel()
    {
        panel.resize(900, 600);
        panel.show();
        receiver = watchedUdpSocket(wb);
    }

    // Sends the next count datagrams; returns how many went out.
    int send(int count)
    {
        const int n = sender.flood(receiver.address, wb.traffic(), sent, count);
        sent += n;
        return n;
    }
};

bool atBottom(const QTableView &view)
{
    return view.verticalScrollBar()->value() == view.verticalScrollBar()->maximum();
}

bool lastRowVisible(const QTableView &view)
{
    const int last = view.model()->rowCount() - 1;
    const QRect rect = view.visualRect(view.model()->index(last, 0));
    return last >= 0 && rect.isValid() && view.viewport()->rect().intersects(rect);
}

} // namespace

void tst_TrafficPanel::initTestCase()
{
    qRegisterMetaType<SocketAddress>();
}

void tst_TrafficPanel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|thread|QAbstractItemModel|model")));
}

void tst_TrafficPanel::hexDumpView()
{
    TrafficStore store;
    SocketRegistry sockets;
    sockets.publish(socketInfo(1, QStringLiteral("sk1")));
    const QByteArray big(100 * 1024, 'z');
    store.append(1, Direction::In, "hello", SocketAddress::ipv4(0x7f000001, 9), TrafficFlag::Peek);
    store.append(1, Direction::In, big);
    store.append(1, Direction::Out, {}, {}, TrafficFlag::Error, 0, EPIPE);

    ui::HexDumpView view(store, sockets);
    view.showRecord(0);
    QCOMPARE(view.recordIndex(), qsizetype(0));
    QCOMPARE(view.dumpText(), hexDumpLines("hello").join(QLatin1Char('\n')));
    QVERIFY2(view.headerText().contains(QStringLiteral("sk1  \u2190 in  127.0.0.1:9  5 bytes  [PEEK]")),
             qPrintable(view.headerText()));

    view.showRecord(1);
    const QStringList lines = view.dumpText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), int(ui::HexDumpView::kMaxDumpBytes / 16) + 1);
    QVERIFY2(lines.last().contains(QString::number(big.size() - ui::HexDumpView::kMaxDumpBytes)), qPrintable(lines.last()));

    view.showRecord(2);
    QVERIFY(view.headerText().contains(QStringLiteral("EPIPE")));
    QVERIFY(view.headerText().contains(QStringLiteral("[ERROR]")));
    QCOMPARE(view.dumpText(), QString());

    view.showRecord(-1);
    QCOMPARE(view.recordIndex(), qsizetype(-1));
    QCOMPARE(view.headerText(), QString());
}

void tst_TrafficPanel::exportDialogChoices()
{
    SocketRegistry sockets;
    sockets.publish(socketInfo(4, QStringLiteral("sk4")));
    sockets.publish(socketInfo(6, QStringLiteral("sk6")));
    ui::TrafficExportDialog dialog(sockets, 10, 0);
    QCOMPARE(dialog.format(), ui::TrafficExportDialog::Format::Text);
    QCOMPARE(dialog.defaultSuffix(), QStringLiteral("txt"));
    QVERIFY(!dialog.selectedOnly());
    dialog.setRawSource(6, Direction::Out);
    QCOMPARE(dialog.socketId(), 6);
    QCOMPARE(dialog.direction(), Direction::Out);
    auto *format = dialog.findChild<QComboBox *>();
    QVERIFY(format);
    QCOMPARE(format->accessibleName(), QStringLiteral("Format"));
    format->setCurrentIndex(2);
    QCOMPARE(dialog.format(), ui::TrafficExportDialog::Format::Raw);
    QCOMPARE(dialog.nameFilter(), QStringLiteral("Raw bytes (*.bin)"));
}

void tst_TrafficPanel::panelFollowsAFlood()
{
    LivePanel live;
    QVERIFY(QTest::qWaitForWindowExposed(&live.panel));
    QVERIFY(live.receiver.address.isValid());
    QVERIFY(live.sender.fd >= 0);
    QTableView *view = live.panel.view();
    TrafficModel *model = live.panel.model();

    constexpr int kFlood = 20'000;
    QCOMPARE(live.send(kFlood), kFlood);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kFlood, 15000);
    QCOMPARE(live.wb.traffic().count(), qsizetype(kFlood));
    QCOMPARE(cell(*model, kFlood - 1, TrafficModel::DataColumn), QString::fromLatin1(Sender::payload(kFlood - 1)));
    QCOMPARE(cell(*model, 0, TrafficModel::PeerColumn), QStringLiteral("127.0.0.1:%1").arg(live.sender.port));
    QTRY_COMPARE(cell(*model, 0, TrafficModel::SocketColumn), live.wb.sockets().info(live.receiver.id).name);

    // It was at the bottom all along, so it followed.
    QVERIFY(view->verticalScrollBar()->maximum() > 0);
    QTRY_VERIFY(atBottom(*view));
    QVERIFY(lastRowVisible(*view));

    // Scrolled up: it stays where the user put it.
    QScrollBar *bar = view->verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    const int parked = bar->value();
    QCOMPARE(live.send(2000), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kFlood + 2000, 10000);
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), parked);
    QVERIFY(!lastRowVisible(*view));

    // Back at the bottom: it follows again.
    view->scrollToBottom();
    QVERIFY(atBottom(*view));
    QCOMPARE(live.send(2000), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kFlood + 4000, 10000);
    QTRY_VERIFY(atBottom(*view));
    QVERIFY(lastRowVisible(*view));
}

void tst_TrafficPanel::panelSelectionCopyAndFilters()
{
    LivePanel live;
    QVERIFY(QTest::qWaitForWindowExposed(&live.panel));
    ui::TrafficPanel &panel = live.panel;
    TrafficModel *model = panel.model();
    QTableView *view = panel.view();
    const int socketId = live.receiver.id;
    QCOMPARE(live.send(50), 50);
    QTRY_COMPARE(model->rowCount(), 50);
    const QString name = live.wb.sockets().info(socketId).name;

    // The socket list learns the new socket; choosing it filters the model.
    auto *socketCombo = panel.findChild<QComboBox *>(QStringLiteral("socketFilter"));
    QVERIFY(socketCombo);
    QTRY_VERIFY(socketCombo->findData(socketId) >= 0);
    QVERIFY(socketCombo->itemText(socketCombo->findData(socketId)).startsWith(name));
    panel.setSocketFilter(socketId);
    QCOMPARE(socketCombo->currentData().toInt(), socketId);
    QCOMPARE(model->socketFilter(), socketId);
    QCOMPARE(model->rowCount(), 50);
    socketCombo->setCurrentIndex(0);
    QCOMPARE(model->socketFilter(), -1);
    panel.setSocketFilter(socketId + 1000); // unknown to the registry: still offered
    QCOMPARE(socketCombo->currentData().toInt(), socketId + 1000);
    QCOMPARE(model->rowCount(), 0);
    panel.setSocketFilter(-1);
    QCOMPARE(model->rowCount(), 50);

    // Selecting a record: the hex dump shows it, the composer hears socket and peer.
    QSignalSpy chosen(&panel, &ui::TrafficPanel::recordChosen);
    view->selectionModel()->setCurrentIndex(model->index(3, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toInt(), socketId);
    const SocketAddress peer = chosen.at(0).at(1).value<SocketAddress>();
    QCOMPARE(peer.toText(), QStringLiteral("127.0.0.1:%1").arg(live.sender.port));
    auto *dump = panel.findChild<ui::HexDumpView *>(QStringLiteral("hexDump"));
    QVERIFY(dump);
    QCOMPARE(dump->dumpText(), hexDumpLines(Sender::payload(3)).join(QLatin1Char('\n')));
    QVERIFY(dump->headerText().contains(name + QStringLiteral("  \u2190 in")));

    // Copy actions work on the selected rows, one line per record.
    auto *copyText = panel.findChild<QAction *>(QStringLiteral("copyText"));
    auto *copyHex = panel.findChild<QAction *>(QStringLiteral("copyHex"));
    auto *copyPython = panel.findChild<QAction *>(QStringLiteral("copyPython"));
    QVERIFY(copyText && copyHex && copyPython);
    QVERIFY(copyText->isEnabled());
    QVERIFY(view->actions().contains(copyText)); // in the context menu
    copyText->trigger();
    QCOMPARE(QApplication::clipboard()->text(), escapedText(Sender::payload(3)));
    copyHex->trigger();
    QCOMPARE(QApplication::clipboard()->text(), spacedHex(Sender::payload(3)));
    view->selectionModel()->select(model->index(5, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    copyPython->trigger();
    QCOMPARE(QApplication::clipboard()->text(),
             pythonBytesLiteral(Sender::payload(3)) + QLatin1Char('\n') + pythonBytesLiteral(Sender::payload(5)));

    // The text filter applies on Enter; a filter change keeps the current record selected.
    auto *text = panel.findChild<QLineEdit *>(QStringLiteral("textFilter"));
    QVERIFY(text);
    view->selectionModel()->setCurrentIndex(model->index(13, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    text->setFocus();
    QTest::keyClicks(text, QStringLiteral("datagram 0000001"));
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(model->textFilter(), QStringLiteral("datagram 0000001"));
    QCOMPARE(model->rowCount(), 10); // datagrams 10..19
    QCOMPARE(model->recordIndex(view->currentIndex().row()), qsizetype(13));
    text->setText(QStringLiteral("hex:6"));
    QTest::keyClick(text, Qt::Key_Return);
    QVERIFY(!model->textFilterError().isEmpty());
    QVERIFY(text->toolTip().contains(model->textFilterError()));
    auto *clear = panel.findChild<QAction *>(QStringLiteral("clearFilter"));
    QVERIFY(clear && clear->isEnabled());
    clear->trigger();
    QVERIFY(!model->isFiltered());
    QCOMPARE(text->text(), QString());
    QCOMPARE(model->rowCount(), 50);
}

void tst_TrafficPanel::panelExports()
{
    LivePanel live;
    ui::TrafficPanel &panel = live.panel;
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(live.send(40), 40);
    QTRY_COMPARE(panel.model()->rowCount(), 40);
    QTRY_VERIFY(panel.findChild<QAction *>(QStringLiteral("export"))->isEnabled());
    QTemporaryDir dir;

    // Drives the two modal dialogs the action opens: choose the format, then the file.
    const auto runExport = [&](int format, const QString &path) {
        QDeadlineTimer deadline(10000);
        QTimer driver;
        driver.setInterval(20);
        connect(&driver, &QTimer::timeout, &panel, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (deadline.hasExpired()) {
                if (auto *dialog = qobject_cast<QDialog *>(modal))
                    dialog->reject();
            } else if (auto *options = qobject_cast<ui::TrafficExportDialog *>(modal)) {
                options->findChild<QComboBox *>()->setCurrentIndex(format);
                options->accept();
            } else if (auto *files = qobject_cast<QFileDialog *>(modal)) {
                // selectFile() leaves a focused name field alone, so type into the field itself.
                auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                if (!files->testOption(QFileDialog::DontUseNativeDialog) || !name)
                    return files->reject();
                name->setText(path);
                static_cast<QDialog *>(files)->accept(); // QFileDialog::accept() is protected
            }
        });
        driver.start();
        panel.findChild<QAction *>(QStringLiteral("export"))->trigger();
        driver.stop();
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };

    panel.model()->setTextFilter(QStringLiteral("datagram 0000002")); // datagrams 20..29
    const QByteArray csv = runExport(1, dir.filePath(QStringLiteral("shown.csv")));
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 12); // header, ten rows, the empty tail after the last CRLF
    QVERIFY(lines.at(1).startsWith("21,"));
    QVERIFY(lines.at(1).contains(Sender::payload(20).toHex()));

    // The same ten records as a capture: a section header, then one packet block each.
    const QByteArray capture = runExport(3, dir.filePath(QStringLiteral("shown.pcapng")));
    QVERIFY(capture.startsWith(QByteArray::fromHex("0a0d0d0a")));
    int packets = 0;
    for (qsizetype at = 0; at + 8 <= capture.size();) {
        const quint32 type = qFromLittleEndian<quint32>(capture.constData() + at);
        const quint32 length = qFromLittleEndian<quint32>(capture.constData() + at + 4);
        QVERIFY(length >= 12);
        packets += type == 6;
        at += length;
    }
    QCOMPARE(packets, 10);

    panel.model()->clearFilters();
    panel.view()->selectionModel()->setCurrentIndex(panel.model()->index(0, 0),
                                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QByteArray raw = runExport(2, dir.filePath(QStringLiteral("in.bin")));
    QByteArray all;
    for (int i = 0; i < 40; ++i)
        all += Sender::payload(i);
    QCOMPARE(raw, all);
}

void tst_TrafficPanel::panelControlsAreNamed()
{
    Workbench wb;
    ui::TrafficPanel panel(wb);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QStringList unnamed;
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        const bool control = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget)
                             || qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget)
                             || qobject_cast<QPlainTextEdit *>(widget);
        if (control && widget->isVisibleTo(&panel)
            && (widget->accessibleName().isEmpty() || widget->toolTip().isEmpty()))
            unnamed << QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') + widget->objectName();
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

QTEST_MAIN(tst_TrafficPanel)
#include "tst_trafficpanel.moc"
