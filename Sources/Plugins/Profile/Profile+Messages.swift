import Core

/// The Profile module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum ProfileMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Profile/Messages")
}

extension ProfilePlugin {
    public static var messages: Catalogue { ProfileMessages.catalogue }
}
