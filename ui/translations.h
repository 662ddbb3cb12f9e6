#pragma once

#include <QList>
#include <QString>

#include <functional>

class QMenu;
class QWidget;

namespace ui {

// A language the window speaks: its code (the .qm suffix, a QLocale name) and its name as its
// own speakers write it, which is how a menu of languages reads in every language.
struct Language
{
    QString code;
    QString name;
};

// English and Simplified Chinese; the code "" stands for the system's language.
QList<Language> languages();

// The language chosen under View → Language ("" = follow the system), kept in the settings. A
// choice takes effect when the program starts next: every text is made once, as the window is.
QString chosenLanguage();
void chooseLanguage(const QString &code);

// View → Language: the system's language or one of languages(), the current choice checked;
// choosing one keeps it (chooseLanguage) and calls chosen.
QMenu *languageMenu(QWidget *parent, std::function<void()> chosen);

// Installs the window's translations on the running application, for the chosen language or
// else the system's: English (the plural forms of counted messages) always, under it the
// language's own and Qt's own (buttons of standard dialogs, context menus) when there is one.
// Sets QLocale's default to that language too. Call once, after the application object and its
// name (the settings) exist.
void installTranslations();

} // namespace ui
