#include "core/kernel/platform.h"
#include "core/recipes/callchain.h"
#include "core/session/quickopen.h"
#include "core/workbench.h"
#include "python/headless.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

namespace {

struct Options
{
    QCommandLineOption listen{QStringLiteral("listen"), QStringLiteral("Open a watched listener (repeatable)."), QStringLiteral("url")};
    QCommandLineOption connect{QStringLiteral("connect"), QStringLiteral("Open a watched connection (repeatable)."), QStringLiteral("url")};
    QCommandLineOption example{QStringLiteral("example"), QStringLiteral("Start the Loopback echo lab example.")};
    QCommandLineOption script{QStringLiteral("script"), QStringLiteral("Open the window and run a Python script in its console."),
                              QStringLiteral("file")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QStringLiteral(
            "A workbench for the BSD socket API: every action is the Python socket call it equals.\n"
            "Quick openers: tcp://HOST:PORT, udp://HOST:PORT, tcp://[V6]:PORT, unix:/PATH, unix:@ABSTRACT,\n"
            "unix-dgram:/PATH, unix-seqpacket:/PATH.\n"
            "Without a window: --run SCRIPT [ARGS...] runs a Python script whose socket calls go through the\n"
            "workbench (exit status: the script's); --transcript FILE before it writes the calls as Python,\n"
            "--pcapng FILE before it writes the script's traffic as a pcapng capture (Wireshark, tshark)."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("session"), QStringLiteral("A session file to open (JSON)."),
                                     QStringLiteral("[session]"));
        parser.addOptions({listen, connect, example, script});
    }
};

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Socket Workbench"));
    QCoreApplication::setOrganizationName(QStringLiteral("socket-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
}

// --help and --version print and exit; they must work where there is no display (a terminal over
// ssh, a build script), so they are answered before the window's application object exists.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version" || arg == "-?")
            return true;
    }
    return false;
}

// `--run SCRIPT [ARGS...]` (after an optional `--transcript FILE` and `--pcapng FILE`):
// everything after the script is the script's own, --help included.
struct RunRequest
{
    int scriptAt = -1;
    QString transcript;
    QString pcapng;
    bool bad = false;
};

// `--name VALUE` or `--name=VALUE` at argv[*i] (moving *i past the value); false for other arguments.
bool takeValue(int argc, char *argv[], int *i, QByteArrayView name, QString *value)
{
    const QByteArray arg(argv[*i]);
    if (arg == name && *i + 1 < argc) {
        *value = QString::fromLocal8Bit(argv[++*i]);
        return true;
    }
    if (arg.startsWith(name) && arg.mid(name.size()).startsWith('=')) {
        *value = QString::fromLocal8Bit(arg.mid(name.size() + 1));
        return true;
    }
    return false;
}

RunRequest runRequest(int argc, char *argv[])
{
    RunRequest request;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--run") {
            request.scriptAt = i + 1;
            request.bad = i + 1 >= argc;
            return request;
        }
        if (!takeValue(argc, argv, &i, "--transcript", &request.transcript))
            takeValue(argc, argv, &i, "--pcapng", &request.pcapng);
    }
    return request;
}

} // namespace

int main(int argc, char *argv[])
{
    if (const RunRequest run = runRequest(argc, argv); run.scriptAt > 0 || run.bad) {
        if (run.bad) {
            std::fprintf(stderr, "socket-workbench: --run needs a script: --run SCRIPT [ARGS...]\n");
            return 2;
        }
        const QString script = QString::fromLocal8Bit(argv[run.scriptAt]);
        QStringList args;
        for (int i = run.scriptAt + 1; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        int qtArgc = 1; // the script's arguments are not Qt's to read
        QCoreApplication app(qtArgc, argv);
        nameApplication();
        return py::runScript(script, args, run.transcript, run.pcapng);
    }
    const Options options;
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        nameApplication();
        QCommandLineParser parser;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    nameApplication();
    // The window may hold 10,000 clients (File > Connect N clients). A script run with --run keeps
    // the limit it was given, as under python3.
    core::platform::raiseDescriptorLimit();
    // The desktop file's name (Wayland's app id) joins the window to its menu entry and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(SWB_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/" SWB_APP_ID ".svg")));
    ui::installTranslations();
    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);
    const QCommandLineOption &listen = options.listen;
    const QCommandLineOption &connect = options.connect;
    const QCommandLineOption &example = options.example;

    // Every opener is checked before anything opens: a typo opens nothing.
    core::Session quick;
    QStringList openers; // as typed, for messages: --listen tcp://127.0.0.1:8080
    for (const auto &[option, isListen] : {std::pair{listen, true}, std::pair{connect, false}}) {
        for (const QString &url : parser.values(option)) {
            openers.append(QStringLiteral("--%1 %2").arg(option.names().first(), url));
            const auto spec = core::parseQuickOpen(url, isListen);
            if (!spec) {
                std::fprintf(stderr, "socket-workbench: --%s %s: %s\n", qPrintable(option.names().first()), qPrintable(url),
                             qPrintable(spec.error().message));
                return 2;
            }
            quick.sockets.append(spec.value());
        }
    }

    core::Workbench workbench;
    if (!workbench.startupError().isEmpty())
        std::fprintf(stderr, "socket-workbench: %s\n", qPrintable(workbench.startupError()));
    ui::MainWindow window(workbench);
    window.show();
    // A call that fails while the openers run (address in use, refused, no such directory) is
    // said on stderr as well as in the window: that socket stops there, nothing else opens for it.
    auto reportTo = [](QStringList names) {
        return [names](int index, const core::CallRecord &record, int skipped) {
            std::fprintf(stderr, "socket-workbench: %s: %s\n", qPrintable(names.value(index)),
                         qPrintable(core::CallChain::failureText(record, skipped)));
        };
    };
    for (const QString &path : parser.positionalArguments()) {
        QString error;
        core::CallChain *chain = window.openSessionFile(path, &error, ui::MainWindow::ExistingSockets::Keep);
        if (!chain) {
            std::fprintf(stderr, "socket-workbench: %s\n", qPrintable(error));
            return 2;
        }
        QObject::connect(chain, &core::CallChain::stepFailed, chain, [path](int index, const core::CallRecord &record, int skipped) {
            std::fprintf(stderr, "socket-workbench: %s: socket %d: %s\n", qPrintable(path), index + 1,
                         qPrintable(core::CallChain::failureText(record, skipped)));
        });
        QObject::connect(chain, &core::CallChain::noticed, chain, [path](int index, const QString &message) {
            std::fprintf(stderr, "socket-workbench: %s: socket %d: %s\n", qPrintable(path), index + 1, qPrintable(message));
        });
    }
    if (!quick.sockets.isEmpty()) {
        core::CallChain *chain = window.applySession(quick);
        QObject::connect(chain, &core::CallChain::stepFailed, chain, reportTo(openers));
    }
    if (parser.isSet(example))
        window.startExample();
    if (parser.isSet(options.script))
        window.runScript(parser.value(options.script));
    return app.exec();
}
