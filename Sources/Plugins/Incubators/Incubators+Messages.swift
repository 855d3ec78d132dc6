import Core

/// The Incubators module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum IncubatorsMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Incubators/Messages")
}

extension IncubatorsPlugin {
    public static var messages: Catalogue { IncubatorsMessages.catalogue }
}
