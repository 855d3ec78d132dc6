import Core

/// The Changes module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum ChangesMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Changes/Messages")
}

extension ChangesPlugin {
    public static var messages: Catalogue { ChangesMessages.catalogue }
}
