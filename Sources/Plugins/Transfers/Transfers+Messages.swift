import Core

/// The Transfers module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum TransfersMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Transfers/Messages")
}

extension TransfersPlugin {
    public static var messages: Catalogue { TransfersMessages.catalogue }
}
