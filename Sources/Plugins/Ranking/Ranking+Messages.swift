import Core

/// The Ranking module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum RankingMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Ranking/Messages")
}

extension RankPlugin {
    public static var messages: Catalogue { RankingMessages.catalogue }
}

extension ExplainPlugin {
    public static var messages: Catalogue { RankingMessages.catalogue }
}
