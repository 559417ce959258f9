import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import RuedaUseCases

/// Renders the participants' pages from the Mustache templates shipped with the service, in Spanish or English.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates from the service's resources, each escaping with ``ScalarHTMLContentType``.
    public init() async throws {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("templates"),
            let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { throw RuedaError(.configuration, "the page templates are missing beside the rueda binary") }
        MustacheContentTypes.register(ScalarHTMLContentType(), named: ScalarHTMLContentType.name)
        // The content type is set here for every template, so that none can be added that escapes the library's way.
        var library = MustacheLibrary()
        for file in files where file.pathExtension == "mustache" {
            let text = try String(contentsOf: file, encoding: .utf8)
            try library.register(
                "{{% CONTENT_TYPE: \(ScalarHTMLContentType.name)}}\n" + text,
                named: file.deletingPathExtension().lastPathComponent)
        }
        self.library = library
    }

    /// A page: the template filled with the view and the strings of the language.
    func page(
        _ template: String, _ view: [String: Any], language: String, status: HTTPResponse.Status = .ok
    ) -> Response {
        Self.response(ByteBuffer(string: html(template, view, language: language)), status: status)
    }

    /// The HTML of a page: the template filled with the view and the strings of the language.
    func html(_ template: String, _ view: [String: Any], language: String) -> String {
        var context = view
        context["t"] = PageStrings.strings(language)
        context["lang"] = language
        context["otherLang"] = language == "en" ? "es" : "en"
        return library.render(context, withTemplate: template) ?? "<!DOCTYPE html><title>Rueda</title>"
    }

    /// An HTML response with a page already rendered.
    static func response(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// The page shown when a participant's request fails.
    func errorPage(_ error: RuedaError, language: String) -> Response {
        let strings = PageStrings.strings(language)
        let message: String =
            switch error.code {
            case .unauthorized: strings["linkInvalid"] ?? ""
            case .tooManyRequests: strings["tooMany"] ?? ""
            case .forbidden: strings["forbidden"] ?? ""
            case .failed, .unavailable, .configuration: strings["unexpected"] ?? ""
            default: error.message
            }
        return page(
            "error", ["message": message, "issues": error.issues.map { ["field": $0.field, "reason": $0.reason] }],
            language: language, status: Problem.status(for: error.code))
    }
}
