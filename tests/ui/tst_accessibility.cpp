#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/console/consolepanel.h"
#include "ui/journal/journalpanel.h"
#include "ui/lookup/lookuppanel.h"
#include "ui/mainwindow.h"
#include "ui/payloads/payloaddialog.h"
#include "ui/payloads/payloadspanel.h"
#include "ui/responder/responderpanel.h"
#include "ui/responder/rulespanel.h"
#include "ui/responder/schedulespanel.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/manyclientsdialog.h"
#include "ui/sockets/newsocketdialog.h"
#include "ui/sockets/socketspanel.h"
#include "ui/traffic/trafficexportdialog.h"
#include "ui/traffic/trafficpanel.h"
#include "ui/translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>

#include <sys/socket.h>

using namespace core;

namespace {

// A part of a control that a screen reader reaches through the control itself: the line edit of a
// spin box or combo box (and a combo's popup list), a tab bar's scroll buttons, scroll bars, item
// views' headers and a table's select-all corner, a line edit's clear button (no focus: the
// field itself is cleared from the keyboard), whatever lives in a popup window (a completer's
// list), and a tab bar with no tabs (the main window keeps one for docks tabbed later).
bool reachedThroughOwner(const QWidget *w)
{
    if (qobject_cast<const QScrollBar *>(w) || qobject_cast<const QHeaderView *>(w)
        || w->inherits("QTableCornerButton") || w->inherits("QLineEditIconButton"))
        return true;
    if (auto *tabs = qobject_cast<const QTabBar *>(w); tabs && tabs->count() == 0)
        return true;
    if (w->window()->windowType() == Qt::Popup)
        return true;
    if (qobject_cast<const QToolButton *>(w) && qobject_cast<const QTabBar *>(w->parentWidget()))
        return true;
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p))
            return true;
    return false;
}

bool interactive(const QWidget *w)
{
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w)
        || qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
        || qobject_cast<const QPlainTextEdit *>(w) || qobject_cast<const QTextEdit *>(w)
        || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QAbstractSlider *>(w)
        || qobject_cast<const QTabBar *>(w) || (w->focusPolicy() & Qt::TabFocus);
}

// The name a screen reader reads: the accessible name, else a button's text, else the text of the
// label whose buddy the widget is. On Unix a combo box's Name is its current item (the value), so
// its name is what labels it: its accessible name, else the relation to a buddy label or group box.
QString spokenName(QWidget *w)
{
    QAccessibleInterface *face = QAccessible::queryAccessibleInterface(w);
    if (!face)
        return {};
    if (!qobject_cast<QComboBox *>(w))
        return face->text(QAccessible::Name).trimmed();
    if (!w->accessibleName().trimmed().isEmpty())
        return w->accessibleName().trimmed();
    for (const auto &[label, relation] : face->relations(QAccessible::Label))
        if (!label->text(QAccessible::Name).trimmed().isEmpty())
            return label->text(QAccessible::Name).remove(QLatin1Char('&')).trimmed();
    return {};
}

// "▲", "✕" or "…" alone says nothing of what the button does.
bool saysSomething(const QString &name)
{
    return std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

QString describe(const QWidget *w, const QWidget *root)
{
    QStringList chain;
    for (const QWidget *p = w->parentWidget(); p && p != root->parentWidget(); p = p->parentWidget()) {
        QString step = QString::fromLatin1(p->metaObject()->className());
        if (!p->objectName().isEmpty())
            step += QLatin1Char('#') + p->objectName();
        else if (!p->accessibleName().isEmpty())
            step += QStringLiteral("(\"%1\")").arg(p->accessibleName());
        chain << step;
    }
    return QStringLiteral("%1#%2 in %3")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), chain.join(QStringLiteral(" < ")));
}

// Every interactive widget under root, shown or not, whose spoken name is empty or only symbols.
QStringList unnamed(QWidget *root)
{
    QStringList found;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!interactive(w) || reachedThroughOwner(w))
            continue;
        const QString name = spokenName(w);
        if (!saysSomething(name))
            found << describe(w, root) + (name.isEmpty() ? QString() : QStringLiteral(" named \"%1\"").arg(name));
    }
    return found;
}

// The focusable widgets of panel in the order Tab visits them, from the panel's first one.
QList<QWidget *> tabChain(QWidget *panel)
{
    QList<QWidget *> chain;
    for (QWidget *w = panel->nextInFocusChain(); w && w != panel; w = w->nextInFocusChain()) {
        if (chain.contains(w))
            break;
        if (!panel->isAncestorOf(w) || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy()
            || !w->isVisibleTo(panel) || reachedThroughOwner(w))
            continue;
        chain << w;
    }
    return chain;
}

// Where Tab goes back up, or left on the same row: "panel: A (x,y) → B (x,y)".
QStringList outOfReadingOrder(QWidget *panel, const QString &title)
{
    QStringList found;
    const QList<QWidget *> chain = tabChain(panel);
    if (chain.isEmpty())
        found << title + QStringLiteral(": nothing takes focus");
    for (qsizetype i = 1; i < chain.size(); ++i) {
        QWidget *a = chain.at(i - 1);
        QWidget *b = chain.at(i);
        const QPoint pa = a->mapTo(panel, QPoint(0, 0));
        const QPoint pb = b->mapTo(panel, QPoint(0, 0));
        const int band = qMax(4, qMin(a->height(), b->height()) / 2); // one row
        const bool nextRow = pb.y() > pa.y() + band;
        const bool laterOnRow = qAbs(pb.y() - pa.y()) <= band && pb.x() > pa.x();
        if (!nextRow && !laterOnRow) {
            auto where = [](QWidget *w, QPoint p) {
                const QString name = spokenName(w);
                return QStringLiteral("%1 \"%2\" (%3,%4)")
                    .arg(QString::fromLatin1(w->metaObject()->className()), name)
                    .arg(p.x())
                    .arg(p.y());
            };
            found << QStringLiteral("%1: %2 -> %3").arg(title, where(a, pa), where(b, pb));
        }
    }
    return found;
}

void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(10);
    }
}

// The window at its first size, shown, with every panel made (the console's is made when its dock
// first shows), and the dialogs the window opens, made as the window makes them.
struct Scene
{
    Workbench wb;
    ui::MainWindow window{wb};
    ui::NewSocketDialog newSocket;
    ui::ManyClientsDialog manyClients{{SavedPayload{QStringLiteral("hello"), ByteForm::Text, QStringLiteral("hi\\n"), {}}}};
    ui::PayloadDialog payload{SavedPayload{}, {}};
    ui::TrafficExportDialog trafficExport{wb.sockets(), 10, 2};

    bool show()
    {
        window.resize(1500, 950);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        window.console();
        settle();
        return true;
    }
    QList<std::pair<QDialog *, QString>> dialogs()
    {
        return {{&newSocket, QStringLiteral("New socket dialog")},
                {&manyClients, QStringLiteral("Many clients dialog")},
                {&payload, QStringLiteral("Payload dialog")},
                {&trafficExport, QStringLiteral("Traffic export dialog")}};
    }
};

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyControlHasAName();
    void tabFollowsReadingOrder();
};

void tst_Accessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings of a test never reach the user's
    ui::installTranslations();
}

// Every control of the window (every dock and tab page, shown or not) and of each dialog it opens
// has a name a screen reader can say.
void tst_Accessibility::everyControlHasAName()
{
    Scene scene;
    QVERIFY(scene.show());
    QStringList missing = unnamed(&scene.window);
    for (const auto &[dialog, title] : scene.dialogs())
        missing << unnamed(dialog);

    if (!missing.isEmpty())
        qWarning().noquote() << missing.size() << "controls without a name:\n  " + missing.join(QStringLiteral("\n  "));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 controls without a name").arg(missing.size())));
}

// In each panel and dialog Tab moves top to bottom, left to right.
void tst_Accessibility::tabFollowsReadingOrder()
{
    Scene scene;
    QVERIFY(scene.show());
    ui::MainWindow &window = scene.window;
    const int socket = scene.wb.createSocket(AF_INET, SOCK_STREAM).socketId; // the traffic log replaces the welcome page
    window.socketsPanel()->selectSocket(socket);

    QStringList wrong;
    // page: the tab page of the panel to show first (the panel's tab bar is checked with each page).
    auto check = [&](const char *dockName, QWidget *panel, const QString &title, QWidget *page = nullptr) {
        if (dockName) {
            auto *dock = window.findChild<QDockWidget *>(QLatin1String(dockName));
            QVERIFY(dock);
            dock->raise();
        }
        if (page) {
            auto *tabs = qobject_cast<QTabWidget *>(panel);
            (tabs ? tabs : panel->findChild<QTabWidget *>())->setCurrentWidget(page);
        }
        settle();
        QVERIFY2(panel->isVisible() && (!page || page->isVisible()), qPrintable(title));
        wrong << outOfReadingOrder(panel, title);
    };
    check("socketsDock", window.socketsPanel(), QStringLiteral("Sockets"));
    auto *socketTabs = window.socketPanel()->findChild<QTabWidget *>();
    QVERIFY(socketTabs);
    for (int i = 0; i < socketTabs->count(); ++i)
        check("socketDock", window.socketPanel(), QStringLiteral("Socket, ") + socketTabs->tabText(i).remove(QLatin1Char('&')),
              socketTabs->widget(i));
    check("composerDock", window.composer(), QStringLiteral("Composer"));
    check(nullptr, window.trafficPanel(), QStringLiteral("Traffic"));
    check("journalDock", window.journalPanel(), QStringLiteral("Journal"));
    check("lookupDock", window.lookupPanel(), QStringLiteral("Lookups"));
    check("consoleDock", window.console(), QStringLiteral("Console"));
    ui::ResponderPanel *responder = window.responderPanel();
    check("responderDock", responder, QStringLiteral("Responder, Rules"), responder->rules());
    check("responderDock", responder, QStringLiteral("Responder, Schedules"), responder->schedules());
    check("payloadsDock", window.payloadsPanel(), QStringLiteral("Payloads"));

    for (const auto &[dialog, title] : scene.dialogs()) {
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        settle();
        wrong << outOfReadingOrder(dialog, title);
        dialog->hide();
    }

    if (!wrong.isEmpty())
        qWarning().noquote() << "Tab goes against reading order:\n  " + wrong.join(QStringLiteral("\n  "));
    QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("%1 steps against reading order").arg(wrong.size())));
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
