#include "ui/translations.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTranslator>

namespace ui {

namespace {
constexpr auto kLanguageKey = "language";

// A translator for locale from dir, installed when its file is there.
bool install(const QLocale &locale, const QString &file, const QString &dir)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, file, QStringLiteral("_"), dir)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}
} // namespace

QList<Language> languages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")}, {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString chosenLanguage()
{
    const QString code = QSettings().value(QLatin1String(kLanguageKey)).toString();
    for (const Language &language : languages()) {
        if (language.code == code)
            return code;
    }
    return {}; // unset, or a language this build no longer has: the system's
}

void chooseLanguage(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(QLatin1String(kLanguageKey));
    else
        settings.setValue(QLatin1String(kLanguageKey), code);
}

QMenu *languageMenu(QWidget *parent, std::function<void()> chosen)
{
    auto *menu = new QMenu(QCoreApplication::translate("ui::MainWindow", "&Language"), parent);
    auto *group = new QActionGroup(menu);
    const QString current = chosenLanguage();
    QList<Language> entries{{QString(), QCoreApplication::translate("ui::MainWindow", "System language")}};
    entries += languages();
    for (const Language &language : entries) {
        QAction *action = menu->addAction(language.name);
        action->setCheckable(true);
        action->setChecked(language.code == current);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [code = language.code, chosen] {
            chooseLanguage(code);
            chosen();
        });
    }
    return menu;
}

void installTranslations()
{
    const QString chosen = chosenLanguage();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    QLocale::setDefault(locale);
    // Translators installed later are asked first: the language's own, then English.
    if (!install(QLocale(QLocale::English), QStringLiteral("socketworkbench"), QStringLiteral(":/i18n")))
        qWarning("socket-workbench: the English plural forms are missing from the build (:/i18n)");
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    if (install(locale, QStringLiteral("socketworkbench"), QStringLiteral(":/i18n"))) {
        // Qt's own words (OK, Cancel, the file dialog): Debian's qt6-translations-l10n.
        install(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    }
}

} // namespace ui
