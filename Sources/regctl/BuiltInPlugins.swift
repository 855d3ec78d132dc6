import Core
import Growth
import Eligibility
import Incubators
import Profile
import Ranking
import Transfers

/// The built-in analytics plugins. Package.swift's `builtInPlugins` lists the same modules; a test
/// fails when this list, that one and the folders under Sources/Plugins/ disagree.
enum BuiltInPlugins {
    /// Module name → plugin.
    static let all: [(module: String, plugin: any AnalyticsPlugin)] = [
        ("Ranking", RankPlugin()),
        ("Growth", GrowthPlugin()),
        ("Eligibility", ScreenPlugin()),
        ("Transfers", TransfersPlugin()),
        ("Incubators", IncubatorsPlugin()),
        ("Profile", ProfilePlugin()),
    ]

    /// Plugins whose reports (some views at least) carry a chart hint, for `--format svg`.
    static let charted = ["rank", "growth", "transfers", "incubators"]

    static func plugin(id: String) -> (any AnalyticsPlugin)? {
        all.first { $0.plugin.descriptor.id == id }?.plugin
    }
}
