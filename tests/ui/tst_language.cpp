#include "core/net/errors.h"
#include "core/net/socketaddress.h"
#include "core/store/socketregistry.h"
#include "core/workbench.h"
#include "ui/mainwindow.h"
#include "ui/socket/socketpanel.h"
#include "ui/translations.h"

#include <QAbstractButton>
#include <QActionGroup>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <sys/socket.h>

#include <cerrno>

// The window in Simplified Chinese, as a student whose system speaks it (or who chose it under
// View → Language) meets it: menus, the socket panel and Qt's own buttons in Chinese.
class tst_Language : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void windowSpeaksChinese();
    void qtsOwnWordsToo();
    void coreSpeaksChineseToo();
    void languageMenuKeepsTheChoice();

private:
    static bool chinese(const QString &text) { return text.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))); }
};

void tst_Language::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings of a test never reach the user's
    QSettings().clear();
    ui::chooseLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(ui::chosenLanguage(), QStringLiteral("zh_CN"));
    ui::installTranslations();
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
}

void tst_Language::windowSpeaksChinese()
{
    core::Workbench wb;
    ui::MainWindow window(wb);
    window.show();
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus << action->text();
    QVERIFY2(menus.size() >= 4, qPrintable(menus.join(QLatin1Char('|'))));
    for (const QString &menu : menus)
        QVERIFY2(chinese(menu), qPrintable(menu));
    QVERIFY2(menus.contains(QStringLiteral("文件(&F)")), qPrintable(menus.join(QLatin1Char('|'))));

    // The socket panel: its labels in Chinese; the buttons named after Python calls stay as
    // python3 spells them (bind, connect...), since that is what a student types.
    auto *panel = window.findChild<ui::SocketPanel *>();
    QVERIFY(panel);
    int chineseLabels = 0;
    for (QLabel *label : panel->findChildren<QLabel *>())
        chineseLabels += chinese(label->text()) ? 1 : 0;
    QVERIFY2(chineseLabels >= 3, qPrintable(QString::number(chineseLabels)));
    QStringList buttons;
    for (QAbstractButton *button : panel->findChildren<QAbstractButton *>())
        buttons << button->text();
    QVERIFY2(buttons.contains(QStringLiteral("connect")), qPrintable(buttons.join(QLatin1Char('|'))));
}

void tst_Language::qtsOwnWordsToo()
{
    // qtbase_zh_CN.qm (Debian's qt6-translations-l10n): the standard buttons of every dialog.
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
}

void tst_Language::coreSpeaksChineseToo()
{
    // What core makes for the window (context "core"): socket states, field errors. What
    // python3 prints (the repr, exception lines) stays as Python spells it.
    const QString connected = core::stateName(core::SocketState::Connected);
    QVERIFY2(connected != QLatin1String("connected") && chinese(connected), qPrintable(connected));
    const auto parsed = core::parseAddress(u"127.0.0.1", AF_INET);
    QVERIFY(!parsed);
    QVERIFY2(chinese(parsed.error().message), qPrintable(parsed.error().message));
    QCOMPARE(core::stateSourceName(core::SocketState::Connected), QStringLiteral("connected"));
    QCOMPARE(core::pythonOsError(ECONNREFUSED), QStringLiteral("ConnectionRefusedError: [Errno 111] Connection refused"));
}

void tst_Language::languageMenuKeepsTheChoice()
{
    QWidget parent;
    bool told = false;
    QMenu *menu = ui::languageMenu(&parent, [&] { told = true; });
    QCOMPARE(menu->title(), QStringLiteral("语言(&L)"));
    const QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.size(), 3); // the system's, English, 简体中文
    QCOMPARE(actions.at(1)->text(), QStringLiteral("English"));
    QVERIFY(actions.at(2)->isChecked());
    actions.at(1)->trigger();
    QVERIFY(told);
    QCOMPARE(ui::chosenLanguage(), QStringLiteral("en"));
    actions.at(0)->trigger();
    QCOMPARE(ui::chosenLanguage(), QString()); // the system's again: nothing kept
    QVERIFY(!QSettings().contains(QStringLiteral("language")));
}

QTEST_MAIN(tst_Language)
#include "tst_language.moc"
