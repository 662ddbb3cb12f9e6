#include "mainwindow.h"
#include "workbench.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Socket Workbench"));
    QApplication::setOrganizationName(QStringLiteral("Socket Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A workbench for the BSD socket API"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    core::Workbench workbench;
    ui::MainWindow window(workbench);
    window.show();
    return app.exec();
}
