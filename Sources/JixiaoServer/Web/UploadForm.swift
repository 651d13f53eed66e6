import Foundation
import JixiaoHTML
import Hummingbird
import MultipartKit

/// The import page's form as the browser sends it (`multipart/form-data`): the form token and the file,
/// decoded by MultipartKit's `FormDataDecoder`.
struct UploadForm: Decodable {
    /// A file part: the name the browser gave and the bytes.
    struct File: Decodable, MultipartPartConvertible {
        var name: String?
        var data: Data

        init?(multipart part: MultipartPart) {
            name = part.headers.first(name: "Content-Disposition").flatMap { Self.parameter("filename", of: $0) }
            data = Data(part.body.readableBytesView)
        }

        var multipart: MultipartPart? {
            MultipartPart(headers: ["Content-Disposition": "form-data; name=\"file\"; filename=\"\(name ?? "")\""], body: data)
        }

        /// `FormDataDecoder` gives a part to `init?(multipart:)` through its single-value container.
        init(from decoder: any Decoder) throws { self = try decoder.singleValueContainer().decode(File.self) }

        /// A parameter of a Content-Disposition header (`form-data; name="file"; filename="a.txt"`).
        static func parameter(_ key: String, of header: String) -> String? {
            for part in header.split(separator: ";").dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == key {
                    let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
                    return value.isEmpty ? nil : value
                }
            }
            return nil
        }
    }

    var csrf: String?
    var file: File?

    /// The form in a request's body; nil when the request is not a multipart form or the body is not one.
    static func decode(_ body: ByteBuffer, contentType: String?) -> UploadForm? {
        guard let contentType, let media = MediaType(from: contentType), media.isType(.multipartForm),
            let boundary = media.parameter.flatMap({ $0.name.lowercased() == "boundary" ? $0.value : nil })
        else { return nil }
        return try? FormDataDecoder().decode(UploadForm.self, from: body, boundary: boundary)
    }
}
