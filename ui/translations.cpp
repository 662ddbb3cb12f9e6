#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace ui {

void installTranslations()
{
    // Translators installed later are asked first: the language's own, then English.
    auto *english = new QTranslator(QCoreApplication::instance());
    if (english->load(QStringLiteral(":/i18n/socketworkbench_en.qm")))
        QCoreApplication::installTranslator(english);
    else
        qWarning("socket-workbench: the English plural forms are missing from the build (:/i18n)");
    auto *local = new QTranslator(QCoreApplication::instance());
    if (QLocale().language() != QLocale::English
        && local->load(QLocale(), QStringLiteral("socketworkbench"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(local);
    else
        delete local;
}

} // namespace ui
