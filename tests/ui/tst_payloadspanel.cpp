#include "core/workbench.h"
#include "ui/composer/composer.h"
#include "ui/mainwindow.h"
#include "ui/payloads/payloaddialog.h"
#include "ui/payloads/payloadspanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/translations.h"
#include "ui/widgets/fieldmessage.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using core::ByteForm;
using core::SavedPayload;
using Scope = ui::PayloadsPanel::Scope;

namespace {

SavedPayload saved(const QString &name, ByteForm form, const QString &content, const QString &note = {})
{
    return SavedPayload{name, form, content, note};
}

QToolButton *button(QWidget &panel, const QString &name)
{
    for (QToolButton *b : panel.findChildren<QToolButton *>()) {
        if (b->accessibleName() == name)
            return b;
    }
    return nullptr;
}

// Runs check on the payload dialog the next exec() opens, then leaves the dialog as check left it
// (a test that leaves it open fails: the dialog is rejected so the test goes on).
void onDialog(std::function<void(ui::PayloadDialog *)> check)
{
    QTimer::singleShot(0, qApp, [check] {
        auto *dialog = qobject_cast<ui::PayloadDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        check(dialog);
        if (dialog->isVisible()) {
            dialog->reject();
            QFAIL("the dialog stayed open");
        }
    });
}

// A plain POSIX client connected to 127.0.0.1:port, or -1.
int rawClient(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Reads from fd until want bytes have come or 5 s have passed.
QByteArray readSome(int fd, qsizetype want)
{
    QByteArray got;
    timeval wait{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    for (int i = 0; i < 100 && got.size() < want; ++i) {
        char buffer[256];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        got.append(buffer, n);
    }
    return got;
}

} // namespace

// The saved payloads panel: the dialog saves nothing invalid, the session list is the panel's to
// hand over, the global list lives in the settings, imports are whole or nothing, and a payload
// reaches the composer (and the wire) as exactly the bytes it stands for.
class tst_PayloadsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void dialogRefuses_data();
    void dialogRefuses();
    void newAndEditThroughTheDialog();
    void sessionListAndChanged();
    void globalListLivesInTheSettings();
    void unreadableSettingIsKeptAside();
    void searchFilters();
    void importIsWholeOrNothing();
    void toComposerPutsTheBytes_data();
    void toComposerPutsTheBytes();
    void sendPutsTheBytesOnTheWire();
};

void tst_PayloadsPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings of a test never reach the user's
    ui::installTranslations();
}

void tst_PayloadsPanel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|QSocketNotifier|thread|QAbstractItemModel")));
    QSettings().remove(QStringLiteral("payloads"));
}

void tst_PayloadsPanel::dialogRefuses_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("form");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("nameMessage");
    QTest::addColumn<QString>("contentMessage");
    QTest::newRow("no name") << QStringLiteral("  ") << int(ByteForm::Text) << QStringLiteral("hi")
                             << QStringLiteral("Give the payload a name") << QString();
    QTest::newRow("name taken") << QStringLiteral("taken") << int(ByteForm::Text) << QStringLiteral("hi")
                                << QStringLiteral("\"taken\" is already in this list") << QString();
    QTest::newRow("bad escape") << QStringLiteral("a") << int(ByteForm::Text) << QStringLiteral("hi\\q") << QString()
                                << QStringLiteral("unknown escape \\q at character 3");
    QTest::newRow("odd hex") << QStringLiteral("a") << int(ByteForm::Hex) << QStringLiteral("48 6") << QString()
                             << QStringLiteral("odd number of hex digits");
    QTest::newRow("no file") << QStringLiteral("a") << int(ByteForm::File) << QString() << QString()
                             << QStringLiteral("Choose a file");
    QTest::newRow("missing file") << QStringLiteral("a") << int(ByteForm::File) << QStringLiteral("/nonexistent/x.bin")
                                  << QString() << QStringLiteral("No file at /nonexistent/x.bin");
    QTest::newRow("a device") << QStringLiteral("a") << int(ByteForm::File) << QStringLiteral("/dev/zero") << QString()
                              << QStringLiteral("/dev/zero is not a regular file");
}

// What is wrong shows at its field, and OK keeps the dialog open.
void tst_PayloadsPanel::dialogRefuses()
{
    QFETCH(QString, name);
    QFETCH(int, form);
    QFETCH(QString, content);
    QFETCH(QString, nameMessage);
    QFETCH(QString, contentMessage);
    ui::PayloadDialog dialog(SavedPayload{}, {QStringLiteral("taken")});
    dialog.show();
    dialog.nameField()->setText(name);
    dialog.formBox()->setCurrentIndex(form);
    if (form == int(ByteForm::File))
        dialog.fileField()->setText(content);
    else
        dialog.contentEditor()->setPlainText(content);
    QVERIFY2(dialog.nameMessage()->message().contains(nameMessage), qPrintable(dialog.nameMessage()->message()));
    QVERIFY2(dialog.contentMessage()->message().contains(contentMessage), qPrintable(dialog.contentMessage()->message()));
    QVERIFY(dialog.nameMessage()->hasMessage() || dialog.contentMessage()->hasMessage());
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void tst_PayloadsPanel::newAndEditThroughTheDialog()
{
    ui::PayloadsPanel panel;
    panel.show();
    QCOMPARE(panel.currentScope(), Scope::Global); // nothing chosen: the list every session has
    onDialog([](ui::PayloadDialog *dialog) {
        dialog->nameField()->setText(QStringLiteral("hello"));
        dialog->contentEditor()->setPlainText(QStringLiteral("hi\\r\\n"));
        QCOMPARE(dialog->preview()->text(), QStringLiteral("4 bytes: b'hi\\r\\n'"));
        dialog->formBox()->setCurrentIndex(int(ByteForm::Hex)); // the same bytes, in hex
        QCOMPARE(dialog->contentEditor()->toPlainText(), QStringLiteral("68 69 0d 0a"));
        dialog->noteField()->setText(QStringLiteral("a greeting"));
        dialog->accept();
    });
    button(panel, QStringLiteral("New"))->click();
    QCOMPARE(panel.globalPayloads(), QList<SavedPayload>{saved(QStringLiteral("hello"), ByteForm::Hex,
                                                               QStringLiteral("68 69 0d 0a"), QStringLiteral("a greeting"))});
    QVERIFY(panel.currentPayload());
    QCOMPARE(panel.currentPayload()->name, QStringLiteral("hello"));

    // A bad edit is not saved: the dialog stays until it is fixed (or cancelled).
    onDialog([](ui::PayloadDialog *dialog) {
        QCOMPARE(dialog->nameField()->text(), QStringLiteral("hello"));
        QVERIFY(!dialog->nameMessage()->hasMessage()); // its own name is not "taken"
        dialog->contentEditor()->setPlainText(QStringLiteral("68 6"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->contentMessage()->hasMessage());
        dialog->nameField()->setText(QStringLiteral("hi"));
        dialog->contentEditor()->setPlainText(QStringLiteral("68 69"));
        dialog->accept();
    });
    button(panel, QStringLiteral("Edit"))->click();
    QCOMPARE(panel.globalPayloads(), QList<SavedPayload>{saved(QStringLiteral("hi"), ByteForm::Hex,
                                                               QStringLiteral("68 69"), QStringLiteral("a greeting"))});
    onDialog([](ui::PayloadDialog *dialog) { dialog->reject(); });
    button(panel, QStringLiteral("Edit"))->click();
    QCOMPARE(panel.globalPayloads().size(), 1);

    button(panel, QStringLiteral("Delete"))->click();
    QVERIFY(panel.globalPayloads().isEmpty());
    QVERIFY(!button(panel, QStringLiteral("Delete"))->isEnabled());
}

// The session's list is set and read whole by the window; changed() says the person changed it.
void tst_PayloadsPanel::sessionListAndChanged()
{
    ui::PayloadsPanel panel;
    QSignalSpy changed(&panel, &ui::PayloadsPanel::changed);
    const QList<SavedPayload> opened{saved(QStringLiteral("a"), ByteForm::Text, QStringLiteral("A")),
                                     saved(QStringLiteral("b"), ByteForm::File, QStringLiteral("/tmp/b.bin"))};
    panel.setSessionPayloads(opened);
    QCOMPARE(panel.sessionPayloads(), opened);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(panel.list()->topLevelItem(0)->childCount(), 2);

    QVERIFY(panel.addPayload(Scope::Session, saved(QStringLiteral("c"), ByteForm::Hex, QStringLiteral("43"))));
    QCOMPARE(changed.count(), 1);
    QVERIFY(!panel.addPayload(Scope::Session, saved(QStringLiteral("a"), ByteForm::Text, QStringLiteral("again"))));
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("\"a\" is already in This session")));
    QVERIFY(!panel.addPayload(Scope::Session, saved(QStringLiteral("d"), ByteForm::Text, QStringLiteral("\\q"))));
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("unknown escape")));
    QCOMPARE(changed.count(), 1);

    // Moved to the list of all sessions: the session's list changes, the settings keep it.
    QVERIFY(panel.selectPayload(Scope::Session, QStringLiteral("a")));
    QToolButton *move = button(panel, QStringLiteral("Move to All sessions"));
    QVERIFY(move);
    move->click();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(panel.sessionPayloads().size(), 2);
    QCOMPARE(panel.globalPayloads(), QList<SavedPayload>{opened[0]});
    QVERIFY(button(panel, QStringLiteral("Move to This session"))); // the selection followed it
    // A name the other list has already stays where it is.
    QVERIFY(panel.addPayload(Scope::Session, saved(QStringLiteral("a"), ByteForm::Text, QStringLiteral("other"))));
    QVERIFY(!panel.movePayload(Scope::Session, QStringLiteral("a")));
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("Not moved")));
    QCOMPARE(panel.sessionPayloads().size(), 3);
}

void tst_PayloadsPanel::globalListLivesInTheSettings()
{
    const SavedPayload payload = saved(QStringLiteral("ping"), ByteForm::Text, QStringLiteral("ping\\n"), QStringLiteral("n"));
    {
        ui::PayloadsPanel panel;
        QVERIFY(panel.addPayload(Scope::Global, payload));
        QVERIFY(panel.addPayload(Scope::Session, saved(QStringLiteral("only here"), ByteForm::Text, QStringLiteral("x"))));
    }
    const auto stored = core::payloadsFromJson(
        QJsonDocument::fromJson(QSettings().value(QStringLiteral("payloads/global")).toString().toUtf8()).array());
    QVERIFY(stored.ok());
    QCOMPARE(stored.value(), QList<SavedPayload>{payload});
    ui::PayloadsPanel again;
    QCOMPARE(again.globalPayloads(), QList<SavedPayload>{payload});
    QVERIFY(again.sessionPayloads().isEmpty());
}

void tst_PayloadsPanel::unreadableSettingIsKeptAside()
{
    const QString bad = QStringLiteral("[{\"name\": \"x\", \"form\": \"rot13\", \"content\": \"\"}]");
    QSettings().setValue(QStringLiteral("payloads/global"), bad);
    ui::PayloadsPanel panel;
    QVERIFY(panel.globalPayloads().isEmpty());
    QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("payload 1: \"form\" must be")),
             qPrintable(panel.statusLabel()->text()));
    QCOMPARE(QSettings().value(QStringLiteral("payloads/global")).toString(), bad); // untouched until the list changes
    QVERIFY(panel.addPayload(Scope::Global, saved(QStringLiteral("y"), ByteForm::Text, QStringLiteral("y"))));
    QCOMPARE(QSettings().value(QStringLiteral("payloads/global-unreadable")).toString(), bad);
}

void tst_PayloadsPanel::searchFilters()
{
    ui::PayloadsPanel panel;
    panel.setSessionPayloads({saved(QStringLiteral("HTTP GET"), ByteForm::Text, QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n")),
                              saved(QStringLiteral("login"), ByteForm::Text, QStringLiteral("USER me"), QStringLiteral("ftp"))});
    QVERIFY(panel.addPayload(Scope::Global, saved(QStringLiteral("dns query"), ByteForm::Hex, QStringLiteral("12 34"))));
    QTreeWidgetItem *session = panel.list()->topLevelItem(0);
    QTreeWidgetItem *global = panel.list()->topLevelItem(1);
    auto shown = [](QTreeWidgetItem *section) {
        QStringList names;
        for (int i = 0; i < section->childCount(); ++i) {
            if (!section->child(i)->isHidden())
                names << section->child(i)->text(0);
        }
        return names;
    };
    panel.searchField()->setText(QStringLiteral("FTP")); // a note
    QCOMPARE(shown(session), QStringList{QStringLiteral("login")});
    QCOMPARE(shown(global), QStringList());
    QCOMPARE(session->text(0), QStringLiteral("This session (1 of 2)"));
    panel.searchField()->setText(QStringLiteral("12 3")); // content
    QCOMPARE(shown(global), QStringList{QStringLiteral("dns query")});
    QCOMPARE(shown(session), QStringList());
    panel.searchField()->clear();
    QCOMPARE(shown(session).size(), 2);
    QCOMPARE(session->text(0), QStringLiteral("This session (2)"));
}

void tst_PayloadsPanel::importIsWholeOrNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("payloads.json"));
    ui::PayloadsPanel panel;
    const QList<SavedPayload> library{saved(QStringLiteral("a"), ByteForm::Text, QStringLiteral("A")),
                                      saved(QStringLiteral("b"), ByteForm::Hex, QStringLiteral("42"), QStringLiteral("bee"))};
    for (const SavedPayload &payload : library)
        QVERIFY(panel.addPayload(Scope::Global, payload));
    QVERIFY(panel.exportFile(path, Scope::Global));
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("Exported 2 payloads of All sessions")));

    QSignalSpy changed(&panel, &ui::PayloadsPanel::changed);
    QVERIFY(panel.importFile(path, Scope::Session));
    QCOMPARE(panel.sessionPayloads(), library);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(panel.statusLabel()->text(), QStringLiteral("Imported 2 payloads into This session"));
    // Again: what is there already is skipped.
    QVERIFY(panel.importFile(path, Scope::Session));
    QCOMPARE(panel.sessionPayloads(), library);
    QCOMPARE(panel.statusLabel()->text(), QStringLiteral("Imported 0 payloads into This session; 2 already there"));

    // A name used for another payload: nothing is imported, not even the payloads before it.
    panel.setSessionPayloads({saved(QStringLiteral("b"), ByteForm::Text, QStringLiteral("not bee"))});
    QVERIFY(!panel.importFile(path, Scope::Session));
    QCOMPARE(panel.sessionPayloads().size(), 1);
    QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("Nothing imported: This session has another payload named \"b\"")),
             qPrintable(panel.statusLabel()->text()));

    // A file that is not ours, or is broken half-way, changes nothing.
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"format":"socket-workbench-payloads","version":1,"payloads":[{"name":"c","form":"text","content":"C"},{"name":"d","form":"hex","content":"zz"}]})");
    broken.close();
    QVERIFY(!panel.importFile(path, Scope::Global));
    QCOMPARE(panel.globalPayloads(), library);
    QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("payload 2: \"d\": 'z' at character 1 is not a hex digit")),
             qPrintable(panel.statusLabel()->text()));
    QVERIFY(!panel.importFile(dir.path(), Scope::Global));
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("is a directory")));
}

void tst_PayloadsPanel::toComposerPutsTheBytes_data()
{
    QTest::addColumn<int>("form");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << int(ByteForm::Text) << QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n") << QByteArray("GET / HTTP/1.0\r\n\r\n");
    QTest::newRow("utf-8 and nul") << int(ByteForm::Text) << QStringLiteral("é\\x00") << QByteArray("\xc3\xa9\0", 3);
    QTest::newRow("hex") << int(ByteForm::Hex) << QStringLiteral("00 ff 0d 0a") << QByteArray("\0\xff\r\n", 4);
    QTest::newRow("file") << int(ByteForm::File) << QString() << QByteArray("file\0bytes", 10);
}

void tst_PayloadsPanel::toComposerPutsTheBytes()
{
    QFETCH(int, form);
    QFETCH(QString, content);
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    if (form == int(ByteForm::File)) {
        content = dir.filePath(QStringLiteral("payload.bin"));
        QFile file(content);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    core::Workbench wb;
    ui::MainWindow window(wb);
    ui::Composer *composer = window.composer();
    ui::PayloadsPanel *panel = window.payloadsPanel();
    QVERIFY(panel);
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("payloadsDock")));
    // Whatever the composer held, in whatever mode, goes.
    composer->setMode(ui::Composer::Text);
    composer->editor()->setPlainText(QStringLiteral("bad \\q"));
    QVERIFY(panel->addPayload(Scope::Session, saved(QStringLiteral("p"), ByteForm(form), content)));
    QVERIFY(panel->selectPayload(Scope::Session, QStringLiteral("p")));
    button(*panel, QStringLiteral("To composer"))->click();
    QCOMPARE(composer->modeBox()->currentIndex(), form);
    const auto payload = composer->payload();
    QVERIFY2(payload.ok(), qPrintable(payload.ok() ? QString() : payload.error().message));
    QCOMPARE(payload.value(), bytes);
}

// Send: on the composer's socket, as its send button would (the history keeps it too).
void tst_PayloadsPanel::sendPutsTheBytesOnTheWire()
{
    core::Workbench wb;
    ui::MainWindow window(wb);
    window.socketsPanel()->quickAddress()->setText(QStringLiteral("127.0.0.1:0"));
    const int listener = window.socketsPanel()->tcpServer();
    QTRY_COMPARE_WITH_TIMEOUT(wb.sockets().info(listener).state, core::SocketState::Listening, 3000);
    window.socketsPanel()->selectSocket(listener);
    const int peer = rawClient(wb.sockets().info(listener).local.port());
    QVERIFY(peer >= 0);
    ui::Composer *composer = window.composer();
    QTRY_VERIFY_WITH_TIMEOUT(composer->targetSocket() >= 0 && composer->targetSocket() != listener, 5000);

    ui::PayloadsPanel *panel = window.payloadsPanel();
    QVERIFY(panel->addPayload(Scope::Global, saved(QStringLiteral("bin"), ByteForm::Hex, QStringLiteral("00 01 fe ff"))));
    QVERIFY(panel->selectPayload(Scope::Global, QStringLiteral("bin")));
    button(*panel, QStringLiteral("Send"))->click();
    QCOMPARE(readSome(peer, 4), QByteArray("\0\1\xfe\xff", 4));
    QTRY_VERIFY(composer->statusLabel()->text().contains(QStringLiteral("→ 4")));
    QCOMPARE(composer->history()->count(), 1);

    // A payload whose file is gone says so in the panel, and nothing is sent.
    QVERIFY(panel->addPayload(Scope::Global, saved(QStringLiteral("gone"), ByteForm::File, QStringLiteral("/nonexistent/f"))));
    QVERIFY(panel->selectPayload(Scope::Global, QStringLiteral("gone")));
    button(*panel, QStringLiteral("Send"))->click();
    QVERIFY2(panel->statusLabel()->text().startsWith(QStringLiteral("Not sent: \"gone\": cannot read /nonexistent/f")),
             qPrintable(panel->statusLabel()->text()));
    QCOMPARE(composer->history()->count(), 1);
    ::close(peer);
}

QTEST_MAIN(tst_PayloadsPanel)
#include "tst_payloadspanel.moc"
