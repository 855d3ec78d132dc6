import Core

/// The Growth module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum GrowthMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Growth/Messages")
}

extension GrowthPlugin {
    public static var messages: Catalogue { GrowthMessages.catalogue }
}
