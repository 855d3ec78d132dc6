import Core

/// The Eligibility module's words, English and Chinese (Messages/en.json and zh.json, embedded in the binary);
/// docs/plugins.md, "Words".
enum EligibilityMessages {
    static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                              source: "Sources/Plugins/Eligibility/Messages")
}

extension ScreenPlugin {
    public static var messages: Catalogue { EligibilityMessages.catalogue }
}
