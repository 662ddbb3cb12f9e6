#include "ui/traffic/trafficmodel.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/themecolors.h"

#include "core/store/socketregistry.h"
#include "core/store/trafficstore.h"

#include <QApplication>
#include <QLabel>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <memory>

using namespace core;
using ui::ThemeColors;
using ui::TrafficModel;

namespace {

// WCAG 2 relative luminance and contrast ratio (1 to 21).
double luminance(const QColor &color)
{
    const auto linear = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A translucent colour as it shows over an opaque one.
QColor over(const QColor &top, const QColor &below)
{
    const double a = top.alphaF();
    return QColor::fromRgbF(float(top.redF() * a + below.redF() * (1 - a)), float(top.greenF() * a + below.greenF() * (1 - a)),
                            float(top.blueF() * a + below.blueF() * (1 - a)));
}

QPalette lightPalette()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

// As a desktop's dark theme sets it (tests/ui/docshots.cpp uses the same for docs/dark.png).
QPalette darkPalette()
{
    const QColor window(0x35, 0x35, 0x35), text(0xe6, 0xe6, 0xe6);
    QPalette palette(text, window);
    palette.setColor(QPalette::Base, QColor(0x2a, 0x2a, 0x2a));
    palette.setColor(QPalette::AlternateBase, QColor(0x31, 0x31, 0x31));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

} // namespace

// The colours the window adds (ThemeColors) read on a light and on a dark palette, the traffic
// rows with them, and text marked as an error follows a palette changed at run time.
class tst_Theme : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { QApplication::setPalette(m_startPalette); }
    void colorsReadOnBase_data();
    void colorsReadOnBase();
    void trafficRowsRead_data() { colorsReadOnBase_data(); }
    void trafficRowsRead();
    void errorTextFollowsThePalette();

private:
    QPalette m_startPalette = QApplication::palette();
};

void tst_Theme::colorsReadOnBase_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << lightPalette() << false;
    QTest::newRow("dark") << darkPalette() << true;
}

void tst_Theme::colorsReadOnBase()
{
    QFETCH(QPalette, palette);
    QFETCH(bool, dark);
    QApplication::setPalette(palette);
    QCOMPARE(ThemeColors::isDark(QApplication::palette()), dark);
    const ThemeColors &colors = ThemeColors::application();
    QCOMPARE(colors.error, ThemeColors::of(palette).error);
    const struct { const char *name; QColor color; double least; } cases[] = {
        {"error", colors.error, 4.5}, {"ok", colors.ok, 4.5},        {"warning", colors.warning, 4.5},
        {"sent", colors.sent, 4.5},   {"received", colors.received, 4.5}, {"muted", colors.muted, 3},
    };
    for (const auto &c : cases) {
        for (const QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase, QPalette::Window}) {
            const double ratio = contrast(c.color, palette.color(role));
            QVERIFY2(ratio >= c.least, qPrintable(QStringLiteral("%1 %2 on %3: contrast %4")
                                                      .arg(QLatin1String(c.name), c.color.name(),
                                                           palette.color(role).name())
                                                      .arg(ratio)));
        }
    }
    // Light and dark variants differ: the test above is not passed by one colour for both.
    QVERIFY(ThemeColors::of(lightPalette()).error != ThemeColors::of(darkPalette()).error);
}

void tst_Theme::trafficRowsRead()
{
    QFETCH(QPalette, palette);
    QApplication::setPalette(palette);
    TrafficStore store;
    SocketRegistry sockets;
    store.append(1, Direction::Out, "hello\r\n");
    store.append(1, Direction::In, "world\r\n");
    store.append(1, Direction::Out, {}, {}, TrafficFlag::Error, 0, ECONNREFUSED);
    TrafficModel model(store, sockets);
    QTRY_COMPARE(model.rowCount(), 3);
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            const QVariant fg = index.data(Qt::ForegroundRole);
            const QVariant bg = index.data(Qt::BackgroundRole);
            const QColor text = fg.isValid() ? fg.value<QColor>() : palette.color(QPalette::Text);
            // Rows alternate between Base and AlternateBase; a cell's own background lies over either.
            for (const QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase}) {
                const QColor below = palette.color(role);
                const QColor back = bg.isValid() ? over(bg.value<QColor>(), below) : below;
                const double ratio = contrast(text, back);
                QVERIFY2(ratio >= 3, qPrintable(QStringLiteral("row %1 column %2: %3 on %4, contrast %5")
                                                    .arg(row).arg(column).arg(text.name(), back.name()).arg(ratio)));
            }
        }
    }
    // Sent and received still look different.
    QVERIFY(model.index(0, TrafficModel::DirectionColumn).data(Qt::ForegroundRole)
            != model.index(1, TrafficModel::DirectionColumn).data(Qt::ForegroundRole));
}

void tst_Theme::errorTextFollowsThePalette()
{
    QApplication::setPalette(lightPalette());
    QWidget parent;
    auto *label = new QLabel(QStringLiteral("no such host"), &parent);
    ui::setErrorText(label, true);
    auto *message = new ui::FieldMessage(&parent);
    QCOMPARE(label->palette().color(QPalette::WindowText), ThemeColors::of(lightPalette()).error);
    QCOMPARE(message->palette().color(QPalette::WindowText), ThemeColors::of(lightPalette()).error);

    QApplication::setPalette(darkPalette());
    QTRY_COMPARE(label->palette().color(QPalette::WindowText), ThemeColors::of(darkPalette()).error);
    QCOMPARE(message->palette().color(QPalette::WindowText), ThemeColors::of(darkPalette()).error);
    QCOMPARE(label->palette().color(QPalette::Window), darkPalette().color(QPalette::Window));

    // No longer an error: the text takes its parent's colour again, and keeps following it.
    ui::setErrorText(label, false);
    QCOMPARE(label->palette().color(QPalette::WindowText), darkPalette().color(QPalette::WindowText));
    QApplication::setPalette(lightPalette());
    QTRY_COMPARE(label->palette().color(QPalette::WindowText), lightPalette().color(QPalette::WindowText));
}

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
