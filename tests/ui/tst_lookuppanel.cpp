#include "core/net/constants.h"
#include "core/workbench.h"
#include "ui/lookup/lookuppanel.h"
#include "ui/widgets/themecolors.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using ui::LookupPanel;

// The lookup panel against the machine's resolver (no network here: only localhost and
// 127.0.0.1 resolve, a .invalid name never does). Each button starts a lookup in the Workbench;
// the panel shows the result, its duration and the addresses, and hands an address on.
class tst_LookupPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void everyControlIsNamedAndExplained();
    void gethostbynameLocalhost();
    void getaddrinfoFillsTheTable();
    void reverseLookups();
    void gethostnameAndEx();
    void invalidNameShowsGaierror();

private:
    template<typename T>
    static T *named(QWidget &root, const QString &name)
    {
        for (T *widget : root.findChildren<T *>()) {
            if (widget->accessibleName() == name)
                return widget;
        }
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return nullptr;
    }
    static QString resultOf(LookupPanel &panel) { return named<QLabel>(panel, QStringLiteral("Result"))->text(); }
    static bool isPending(LookupPanel &panel) { return resultOf(panel).endsWith(QStringLiteral("pending")); }
    static void click(LookupPanel &panel, const QString &button)
    {
        QTest::mouseClick(named<QPushButton>(panel, button), Qt::LeftButton);
    }
};

void tst_LookupPanel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QAbstractItemModel|thread|Timers|no Q")));
}

void tst_LookupPanel::everyControlIsNamedAndExplained()
{
    core::Workbench wb;
    LookupPanel panel(wb);
    const QStringList buttons{QStringLiteral("gethostname"),   QStringLiteral("gethostbyname"),
                              QStringLiteral("gethostbyname_ex"), QStringLiteral("getaddrinfo"),
                              QStringLiteral("gethostbyaddr"), QStringLiteral("getnameinfo"),
                              QStringLiteral("Use as address"), QStringLiteral("Cancel lookup")};
    for (const QString &name : buttons) {
        QPushButton *button = named<QPushButton>(panel, name);
        QVERIFY(button);
        QCOMPARE(button->text(), name);
        QVERIFY2(!button->toolTip().isEmpty(), qPrintable(name));
    }
    for (QWidget *field : panel.findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(field) || qobject_cast<QComboBox *>(field) || qobject_cast<QCheckBox *>(field)) {
            QVERIFY2(!field->accessibleName().isEmpty(), field->metaObject()->className());
            QVERIFY2(!field->toolTip().isEmpty(), qPrintable(field->accessibleName()));
        }
    }
    QVERIFY(named<QCheckBox>(panel, QStringLiteral("AI_CANONNAME")));
    QVERIFY(named<QCheckBox>(panel, QStringLiteral("NI_NUMERICHOST")));

    // The buttons' tooltips are the calls they would make with what is typed.
    named<QLineEdit>(panel, QStringLiteral("Host"))->setText(QStringLiteral("localhost"));
    named<QLineEdit>(panel, QStringLiteral("Port"))->setText(QStringLiteral("8080"));
    named<QComboBox>(panel, QStringLiteral("Type"))->setCurrentText(QStringLiteral("SOCK_STREAM"));
    named<QCheckBox>(panel, QStringLiteral("AI_CANONNAME"))->setChecked(true);
    QCOMPARE(named<QPushButton>(panel, QStringLiteral("getaddrinfo"))->toolTip(),
             QStringLiteral("socket.getaddrinfo('localhost', 8080, 0, socket.SOCK_STREAM, 0, socket.AI_CANONNAME)"));
    QCOMPARE(named<QPushButton>(panel, QStringLiteral("gethostbyname"))->toolTip(),
             QStringLiteral("socket.gethostbyname('localhost')"));
    QCOMPARE(named<QPushButton>(panel, QStringLiteral("getnameinfo"))->toolTip(),
             QStringLiteral("socket.getnameinfo(('127.0.0.1', 8080), 0)"));
}

void tst_LookupPanel::gethostbynameLocalhost()
{
    core::Workbench wb;
    LookupPanel panel(wb);
    QSignalSpy chosen(&panel, &LookupPanel::addressChosen);
    auto *table = named<QTableWidget>(panel, QStringLiteral("Addresses"));
    QVERIFY(table);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    named<QLineEdit>(panel, QStringLiteral("Host"))->setText(QStringLiteral("localhost"));
    named<QLineEdit>(panel, QStringLiteral("Port"))->setText(QStringLiteral("9000"));
    click(panel, QStringLiteral("gethostbyname"));
    QCOMPARE(named<QLabel>(panel, QStringLiteral("Call"))->text(), QStringLiteral("socket.gethostbyname('localhost')"));
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(panel), QStringLiteral("'127.0.0.1'"), 10000);
    QVERIFY(!named<QLabel>(panel, QStringLiteral("Duration"))->text().isEmpty());
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("AF_INET"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("127.0.0.1"));

    // No port in the result: the typed one is used.
    QVERIFY(named<QPushButton>(panel, QStringLiteral("Use as address"))->isEnabled());
    QTest::mouseClick(named<QPushButton>(panel, QStringLiteral("Use as address")), Qt::LeftButton);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("127.0.0.1:9000"));
    QCOMPARE(chosen.at(0).at(1).toInt(), core::sock::AfInet);

    // The same by double-click, without a port: the address as it is.
    named<QLineEdit>(panel, QStringLiteral("Port"))->clear();
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QPoint cell = table->visualItemRect(table->item(0, 4)).center();
    // As a person does it: press and release, then the second press arrives as a double-click.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell);
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), QStringLiteral("127.0.0.1:0"));
}

void tst_LookupPanel::getaddrinfoFillsTheTable()
{
    core::Workbench wb;
    LookupPanel panel(wb);
    QSignalSpy chosen(&panel, &LookupPanel::addressChosen);
    auto *table = named<QTableWidget>(panel, QStringLiteral("Addresses"));
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    named<QLineEdit>(panel, QStringLiteral("Host"))->setText(QStringLiteral("127.0.0.1"));
    named<QLineEdit>(panel, QStringLiteral("Port"))->setText(QStringLiteral("8080"));
    named<QComboBox>(panel, QStringLiteral("Family"))->setCurrentText(QStringLiteral("AF_INET"));
    named<QComboBox>(panel, QStringLiteral("Type"))->setCurrentText(QStringLiteral("SOCK_STREAM"));
    click(panel, QStringLiteral("getaddrinfo"));
    QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 10000);
    QCOMPARE(resultOf(panel), QStringLiteral("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', "
                                             "('127.0.0.1', 8080))]"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("AF_INET"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("SOCK_STREAM"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("6"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("127.0.0.1:8080"));

    // localhost with AI_CANONNAME and any type: one row per socket type, the canonical name.
    named<QLineEdit>(panel, QStringLiteral("Host"))->setText(QStringLiteral("localhost"));
    named<QComboBox>(panel, QStringLiteral("Type"))->setCurrentText(QStringLiteral("Any"));
    named<QCheckBox>(panel, QStringLiteral("AI_CANONNAME"))->setChecked(true);
    click(panel, QStringLiteral("getaddrinfo"));
    QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 10000);
    QVERIFY2(resultOf(panel).startsWith(QStringLiteral("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, 'localhost', ('127.0.0.1', 8080))")),
             qPrintable(resultOf(panel)));
    QVERIFY(table->rowCount() >= 2);
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("localhost"));
    QStringList types;
    for (int row = 0; row < table->rowCount(); ++row)
        types << table->item(row, 1)->text();
    QVERIFY(types.contains(QStringLiteral("SOCK_DGRAM")));

    QTest::mouseClick(named<QPushButton>(panel, QStringLiteral("Use as address")), Qt::LeftButton);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("127.0.0.1:8080"));
    QCOMPARE(chosen.at(0).at(1).toInt(), core::sock::AfInet);

    // Every lookup is in the journal too.
    QCOMPARE(wb.journal().at(wb.journal().count() - 1).call,
             QStringLiteral("socket.getaddrinfo('localhost', 8080, socket.AF_INET, 0, 0, socket.AI_CANONNAME)"));
}

void tst_LookupPanel::reverseLookups()
{
    core::Workbench wb;
    LookupPanel panel(wb);
    named<QLineEdit>(panel, QStringLiteral("Address"))->setText(QStringLiteral("127.0.0.1"));
    click(panel, QStringLiteral("gethostbyaddr"));
    QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 10000);
    QVERIFY2(resultOf(panel).contains(QStringLiteral("['127.0.0.1']")), qPrintable(resultOf(panel)));

    named<QLineEdit>(panel, QStringLiteral("Port"))->setText(QStringLiteral("80"));
    named<QCheckBox>(panel, QStringLiteral("NI_NUMERICHOST"))->setChecked(true);
    named<QCheckBox>(panel, QStringLiteral("NI_NUMERICSERV"))->setChecked(true);
    click(panel, QStringLiteral("getnameinfo"));
    QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 10000);
    QCOMPARE(resultOf(panel), QStringLiteral("('127.0.0.1', '80')"));

    // An address that is not one: said at once, nothing started.
    const qsizetype calls = wb.journal().count();
    named<QLineEdit>(panel, QStringLiteral("Address"))->setText(QStringLiteral("300.1.1.1"));
    click(panel, QStringLiteral("getnameinfo"));
    QVERIFY(!resultOf(panel).isEmpty());
    QCOMPARE(named<QLabel>(panel, QStringLiteral("Result"))->palette().color(QPalette::WindowText), ui::ThemeColors::application().error);
    QCOMPARE(wb.journal().count(), calls);
}

void tst_LookupPanel::gethostnameAndEx()
{
    core::Workbench wb;
    LookupPanel panel(wb);
    click(panel, QStringLiteral("gethostname"));
    QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 10000);
    QVERIFY(QRegularExpression(QStringLiteral("^'.+'$")).match(resultOf(panel)).hasMatch());

    named<QLineEdit>(panel, QStringLiteral("Host"))->setText(QStringLiteral("localhost"));
    click(panel, QStringLiteral("gethostbyname_ex"));
    QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 10000);
    QVERIFY2(resultOf(panel).startsWith(QStringLiteral("('localhost', ")), qPrintable(resultOf(panel)));
    QVERIFY(resultOf(panel).endsWith(QStringLiteral("['127.0.0.1'])")));
    QCOMPARE(named<QTableWidget>(panel, QStringLiteral("Addresses"))->rowCount(), 1);
}

void tst_LookupPanel::invalidNameShowsGaierror()
{
    core::Workbench wb;
    LookupPanel panel(wb);
    named<QLineEdit>(panel, QStringLiteral("Host"))->setText(QStringLiteral("nonexistent.invalid"));
    for (const QString &button : {QStringLiteral("gethostbyname"), QStringLiteral("getaddrinfo")}) {
        click(panel, button);
        QTRY_VERIFY_WITH_TIMEOUT(!isPending(panel), 15000);
        QVERIFY2(resultOf(panel).startsWith(QStringLiteral("socket.gaierror: [Errno ")), qPrintable(resultOf(panel)));
        QCOMPARE(named<QLabel>(panel, QStringLiteral("Result"))->palette().color(QPalette::WindowText),
                 ui::ThemeColors::application().error);
        QCOMPARE(named<QTableWidget>(panel, QStringLiteral("Addresses"))->rowCount(), 0);
        QVERIFY(!named<QPushButton>(panel, QStringLiteral("Use as address"))->isEnabled());
    }
}

QTEST_MAIN(tst_LookupPanel)
#include "tst_lookuppanel.moc"
