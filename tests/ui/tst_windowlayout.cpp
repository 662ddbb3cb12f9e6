// The window's layout: a message under a field or a socket's last error moves no button, and at
// each size every button of the socket panel, the composer and the lookups shows in its dock.
#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/lookup/lookuppanel.h"
#include "ui/mainwindow.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/traffic/trafficpanel.h"
#include "ui/translations.h"
#include "ui/widgets/fieldmessage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>
#include <QToolButton>

#include <sys/socket.h>

using namespace core;

class tst_WindowLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void messagesDoNotMoveControls();
    void layoutFitsEachSize_data();
    void layoutFitsEachSize();
};

void tst_WindowLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings of a test never reach the user's
    ui::installTranslations();
}

void tst_WindowLayout::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
}

// A message appearing under a field, or a socket getting a last error, moves no button.
void tst_WindowLayout::messagesDoNotMoveControls()
{
    Workbench wb;
    ui::MainWindow window(wb);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ui::SocketPanel *panel = window.socketPanel();
    const int s = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    QTRY_COMPARE(panel->socketId(), s);
    QApplication::processEvents(); // the first layout (dock sizes are set once the window shows)
    QPushButton *listen = panel->button(QStringLiteral("listen"));
    QPushButton *bind = panel->button(QStringLiteral("bind"));
    const QPoint listenAt = listen->mapTo(&window, QPoint());
    const QPoint bindAt = bind->mapTo(&window, QPoint());
    panel->addressField()->setText(QStringLiteral("127.0.0.1:99999"));
    QVERIFY(panel->addressMessage()->hasMessage());
    QApplication::processEvents();
    QCOMPARE(bind->mapTo(&window, QPoint()), bindAt);
    QCOMPARE(listen->mapTo(&window, QPoint()), listenAt);
    panel->addressField()->setText(QStringLiteral("127.0.0.1:1"));
    panel->button(QStringLiteral("connect"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(wb.sockets().info(s).lastError != 0, 5000);
    QApplication::processEvents();
    QCOMPARE(bind->mapTo(&window, QPoint()), bindAt);
    QCOMPARE(listen->mapTo(&window, QPoint()), listenAt);

    ui::Composer *composer = window.composer();
    QPushButton *send = nullptr;
    for (QPushButton *b : composer->findChildren<QPushButton *>())
        send = b->accessibleName() == QStringLiteral("send") ? b : send;
    QVERIFY(send);
    const QPoint sendAt = send->mapTo(&window, QPoint());
    composer->editor()->setPlainText(QString(400, QLatin1Char('x')) + QStringLiteral("\\q"));
    QApplication::processEvents();
    QCOMPARE(send->mapTo(&window, QPoint()), sendAt);
}

void tst_WindowLayout::layoutFitsEachSize_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1100x750") << QSize(1100, 750);
    QTest::newRow("1500x950") << QSize(1500, 950);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

// At each size, after View → Reset layout (a first start does the same), no button of the socket
// panel, the composer or the lookups lies outside what its dock shows; growing the window back
// from a small size gives the same layout as starting at that size.
void tst_WindowLayout::layoutFitsEachSize()
{
    QFETCH(QSize, size);
    Workbench wb;
    ui::MainWindow window(wb);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int s = window.socketsPanel()->newSocket(AF_INET, SOCK_STREAM);
    QTRY_COMPARE(window.socketPanel()->socketId(), s);
    window.resetLayout();
    QApplication::processEvents();
    QCOMPARE(window.size(), size);

    auto checkButtons = [&window](QWidget *panel, const QString &what) {
        // What shows of the panel: the scroll area's viewport when it scrolls, else the panel.
        QWidget *visible = panel;
        for (QWidget *w = panel->parentWidget(); w; w = w->parentWidget()) {
            if (w->objectName() == QStringLiteral("qt_scrollarea_viewport")) {
                visible = w;
                break;
            }
        }
        const QRect shown(visible->mapTo(&window, QPoint()), visible->size());
        QStringList outside;
        int checked = 0;
        for (QAbstractButton *button : panel->findChildren<QAbstractButton *>()) {
            if (!button->isVisibleTo(&window) || qobject_cast<QTabBar *>(button->parentWidget()))
                continue;
            ++checked;
            const QRect at(button->mapTo(&window, QPoint()), button->size());
            if (!shown.contains(at) || !window.rect().contains(at))
                outside << QStringLiteral("%1 at %2,%3 %4x%5 (shown: %6,%7 %8x%9)")
                               .arg(button->accessibleName().isEmpty() ? button->text() : button->accessibleName())
                               .arg(at.x()).arg(at.y()).arg(at.width()).arg(at.height())
                               .arg(shown.x()).arg(shown.y()).arg(shown.width()).arg(shown.height());
        }
        QVERIFY2(checked >= 3, qPrintable(what));
        QVERIFY2(outside.isEmpty(), qPrintable(what + QStringLiteral(": ") + outside.join(QStringLiteral("; "))));
    };
    checkButtons(window.socketPanel(), QStringLiteral("socket panel"));
    checkButtons(window.composer(), QStringLiteral("composer"));
    auto *lookupDock = window.findChild<QDockWidget *>(QStringLiteral("lookupDock"));
    lookupDock->raise();
    QApplication::processEvents();
    checkButtons(window.lookupPanel(), QStringLiteral("lookups"));
    // SWB_LAYOUT_SHOTS=dir: a picture of each size, to look at the layout as a person would.
    if (const QString shots = qEnvironmentVariable("SWB_LAYOUT_SHOTS"); !shots.isEmpty())
        window.grab().save(QDir(shots).filePath(QStringLiteral("layout-%1x%2.png").arg(size.width()).arg(size.height())));
    // Every traffic action shows with its label (none behind an overflow button).
    for (QToolButton *button : window.trafficPanel()->findChildren<QToolButton *>()) {
        if (button->accessibleName() == QStringLiteral("More traffic actions"))
            QVERIFY2(!button->isVisibleTo(&window), "traffic actions overflow");
    }

    // Small, then this size again: the docks follow the window back.
    const QList<int> fitted{window.findChild<QDockWidget *>(QStringLiteral("socketDock"))->width(),
                            window.findChild<QDockWidget *>(QStringLiteral("socketsDock"))->width()};
    window.resize(900, 650);
    QApplication::processEvents();
    window.resize(size);
    QTRY_COMPARE(window.findChild<QDockWidget *>(QStringLiteral("socketsDock"))->width(), fitted[1]);
    QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("socketDock"))->width(), fitted[0]);
}

QTEST_MAIN(tst_WindowLayout)
#include "tst_windowlayout.moc"
