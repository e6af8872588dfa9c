import Foundation
import PMDocument
import PMWorkspace

/// A chart drawn by pm as inline SVG: bars (side by side or stacked) or lines with points, axes, labels,
/// a legend, and a title and description for screen readers. Colours come from CSS classes, so the page's
/// light and dark styles apply.
///
/// It stays readable from one value to many: bars are at most `maximumBarWidth` wide, a bar of any value
/// above zero is at least `minimumBarHeight` high, and category labels thin out to about 24.
struct Chart {
    enum Style {
        case bars, stackedBars, lines
    }

    struct Series {
        var name: String
        /// The CSS class of the series' bars or line (`series-0`, `sev-critical` …).
        var cssClass: String
        /// One value per category; nil where there is none (a gap in a line, `–` in the table).
        var values: [Double?]
    }

    var id: String
    var title: String
    var description: String
    var categories: [String]
    var series: [Series]
    var style = Style.bars
    var xLabel: String
    var yLabel: String
    /// A logarithmic y axis of minutes (1 minute, 10 minutes, an hour, a day …); values below 1 are drawn at 1.
    var logScale = false
    /// How values read in tooltips, ticks and the data table.
    var format: (Double) -> String = { NumberText.number($0) }

    static let width = 760.0, height = 340.0
    static let left = 64.0, right = 16.0, top = 36.0, bottom = 96.0
    static let maximumBarWidth = 48.0
    static let minimumBarHeight = 3.0

    /// The data as a table: one row per category, one column per series.
    var table: (header: [String], rows: [[String]]) {
        (
            [xLabel] + series.map(\.name),
            categories.indices.map { index in
                [categories[index]] + series.map { $0.values[index].map(format) ?? "–" }
            }
        )
    }

    func svg() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let totals = categories.indices.map { index in
            style == .stackedBars
                ? series.reduce(0) { $0 + ($1.values[index] ?? 0) } : series.compactMap { $0.values[index] }.max() ?? 0
        }
        let ticks = logScale ? Self.logTicks(upTo: totals.max() ?? 1) : Self.linearTicks(upTo: totals.max() ?? 0)
        let top = ticks.last ?? 1
        func y(_ value: Double) -> Double {
            guard logScale else { return Self.top + plotHeight * (1 - value / max(top, 1)) }
            let low = log10(ticks.first ?? 1)
            let high = log10(max(top, 10))
            return Self.top + plotHeight * (1 - (log10(max(value, 1)) - low) / max(high - low, 1))
        }
        let baseline = Self.top + plotHeight
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(HTMLText.escape(title))</title>
            <desc id="\(id)-desc">\(HTMLText.escape(description))</desc>

            """
        for tick in ticks {
            let position = Self.round(y(tick))
            svg +=
                "<line class=\"grid\" x1=\"\(Int(Self.left))\" y1=\"\(position)\" "
                + "x2=\"\(Int(Self.width - Self.right))\" y2=\"\(position)\"/>"
            svg +=
                "<text x=\"\(Int(Self.left) - 6)\" y=\"\(Self.round(y(tick) + 4))\" "
                + "text-anchor=\"end\">\(HTMLText.escape(format(tick)))</text>\n"
        }
        let groupWidth = plotWidth / Double(max(categories.count, 1))
        let labelEvery = max(1, Int((Double(categories.count) / 24).rounded(.up)))
        var lines = series.map { _ in [(x: Double, y: Double, label: String)?]() }
        for (index, category) in categories.enumerated() {
            let groupX = Self.left + groupWidth * Double(index)
            let center = groupX + groupWidth / 2
            var stackBase = 0.0
            for (seriesIndex, series) in self.series.enumerated() {
                let tooltip = { (value: Double) in HTMLText.escape("\(category), \(series.name): \(format(value))") }
                guard let value = series.values[index], value > 0 || style == .lines else {
                    if style == .lines { lines[seriesIndex].append(nil) }
                    continue
                }
                if style == .lines {
                    lines[seriesIndex].append((center, y(value), tooltip(value)))
                    continue
                }
                let stacked = style == .stackedBars
                let barWidth = min(
                    stacked ? groupWidth * 0.7 : groupWidth * 0.8 / Double(self.series.count),
                    Self.maximumBarWidth / (stacked ? 1 : Double(self.series.count)))
                let x =
                    stacked
                    ? center - barWidth / 2
                    : center - barWidth * Double(self.series.count) / 2 + barWidth * Double(seriesIndex)
                let lower = stacked ? stackBase : 0
                let upper = stacked ? stackBase + value : value
                stackBase = upper
                // Every bar above zero shows, however small next to the largest.
                let yBottom = logScale && !stacked ? baseline : y(lower)
                let yTop = min(y(upper), yBottom - Self.minimumBarHeight)
                svg +=
                    "<rect class=\"\(series.cssClass)\" x=\"\(Self.round(x))\" y=\"\(Self.round(yTop))\" "
                    + "width=\"\(Self.round(max(barWidth, 1)))\" height=\"\(Self.round(yBottom - yTop))\">"
                    + "<title>\(tooltip(value))</title></rect>\n"
            }
            if index % labelEvery == 0 {
                let labelX = Self.round(center)
                let labelY = Int(baseline) + 14
                svg +=
                    "<text x=\"\(labelX)\" y=\"\(labelY)\" text-anchor=\"end\" transform=\"rotate(-40 \(labelX) "
                    + "\(labelY))\">\(HTMLText.escape(category))</text>\n"
            }
        }
        // The first series last, on top: where the median and the 90th percentile meet, both show.
        for (seriesIndex, points) in lines.enumerated().reversed() where !points.isEmpty {
            let small = categories.count > 24
            svg += lineSVG(
                points, cssClass: series[seriesIndex].cssClass, radius: (seriesIndex == 0 ? 3 : 4) - (small ? 1 : 0))
        }
        svg +=
            "<line class=\"axis\" x1=\"\(Int(Self.left))\" y1=\"\(Int(baseline))\" "
            + "x2=\"\(Int(Self.width - Self.right))\" y2=\"\(Int(baseline))\"/>"
        svg +=
            "<line class=\"axis\" x1=\"\(Int(Self.left))\" y1=\"\(Int(Self.top))\" x2=\"\(Int(Self.left))\" "
            + "y2=\"\(Int(baseline))\"/>\n"
        svg +=
            "<text x=\"\(Self.round(Self.left + plotWidth / 2))\" y=\"\(Int(Self.height) - 6)\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>\n"
        svg +=
            "<text x=\"14\" y=\"\(Self.round(Self.top + plotHeight / 2))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 14 \(Self.round(Self.top + plotHeight / 2)))\">"
            + "\(HTMLText.escape(yLabel))</text>\n"
        svg += "<g class=\"legend\">"
        var legendX = Self.left
        for series in series {
            if style == .lines {
                svg +=
                    "<line class=\"\(series.cssClass)\" x1=\"\(Self.round(legendX))\" y1=\"16\" "
                    + "x2=\"\(Self.round(legendX + 14))\" y2=\"16\"/>"
            } else {
                svg +=
                    "<rect class=\"\(series.cssClass)\" x=\"\(Self.round(legendX))\" y=\"10\" width=\"12\" "
                    + "height=\"12\"/>"
            }
            svg += "<text x=\"\(Self.round(legendX + 18))\" y=\"20\">\(HTMLText.escape(series.name))</text>"
            legendX += 30 + Double(series.name.count) * 7
        }
        svg += "</g>\n</svg>"
        return svg
    }

    /// A line through consecutive points (a gap where a period has no value), and a dot on each.
    private func lineSVG(_ points: [(x: Double, y: Double, label: String)?], cssClass: String, radius: Int) -> String {
        var path = ""
        var previous = false
        for point in points {
            guard let point else {
                previous = false
                continue
            }
            path += "\(previous ? "L" : "M")\(Self.round(point.x)) \(Self.round(point.y)) "
            previous = true
        }
        var svg = "<path class=\"line \(cssClass)\" d=\"\(path.trimmingCharacters(in: .whitespaces))\"/>\n"
        for point in points.compactMap({ $0 }) {
            svg +=
                "<circle class=\"\(cssClass)\" cx=\"\(Self.round(point.x))\" cy=\"\(Self.round(point.y))\" "
                + "r=\"\(radius)\">"
                + "<title>\(point.label)</title></circle>\n"
        }
        return svg
    }

    /// Five or so round steps from 0 to at least `maximum`.
    /// Steps are whole numbers: the charts count incidents and actions.
    static func linearTicks(upTo maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let rough = maximum / 5
        let magnitude = max(1, pow(10, (log10(rough)).rounded(.down)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let stepCount = Int((maximum / step).rounded(.up))
        return (0...max(stepCount, 1)).map { Double($0) * step }
    }

    /// Minutes on a log scale: 1m, 10m, 1h, 1d, 10d, 100d … up to at least `maximum`.
    static func logTicks(upTo maximum: Double) -> [Double] {
        let all = [1.0, 10, 60, 1440, 14_400, 144_000, 1_440_000]
        return Array(all.prefix { $0 < maximum }) + [all.first { $0 >= maximum } ?? all.last!]
    }

    static func round(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
