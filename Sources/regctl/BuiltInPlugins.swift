import Core
import Growth
import Eligibility
import Incubators
import Profile
import Ranking
import Transfers
import Changes

/// The built-in analytics plugins. Package.swift's `builtInPlugins` lists the same modules; a test
/// fails when this list, that one and the folders under Sources/Plugins/ disagree.
/// `scripts/new-plugin NAME` adds a line here (before the marker) and to Package.swift.
enum BuiltInPlugins {
    /// Module name → plugin, in the order `regctl plugins` lists them.
    static let all: [(module: String, plugin: any AnalyticsPlugin)] = [
        ("Ranking", RankPlugin()),
        ("Growth", GrowthPlugin()),
        ("Eligibility", ScreenPlugin()),
        ("Transfers", TransfersPlugin()),
        ("Incubators", IncubatorsPlugin()),
        ("Profile", ProfilePlugin()),
        ("Changes", ChangesPlugin()),
        // new-plugin: entries above this line
    ]

    /// Plugins that are commands of regctl rather than analyses of their own: `explain` lists one row
    /// of `rank`, takes rank's parameters and is run by the same runner, but is not listed as a plugin.
    static let commands: [(module: String, plugin: any AnalyticsPlugin)] = [
        ("Ranking", ExplainPlugin()),
    ]

    /// Ids of the plugins whose reports (some views at least) carry a chart, for `--format svg`;
    /// each descriptor says so.
    static var charted: [String] {
        all.filter { !$0.plugin.descriptor.charts.isEmpty }.map(\.plugin.descriptor.id)
    }

    /// The built-in plugin, or plugin-run command, with this id.
    static func plugin(id: String) -> (any AnalyticsPlugin)? {
        (all + commands).first { $0.plugin.descriptor.id == id }?.plugin
    }
}
