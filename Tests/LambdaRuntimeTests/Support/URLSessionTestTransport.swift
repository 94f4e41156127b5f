import AWSCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real HTTP client for the Runtime API tests until AWSCore's `CurlTransport` lands.
struct URLSessionTestTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: URL(string: request.url)!)
        urlRequest.httpMethod = request.method
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        urlRequest.timeoutInterval = min(request.timeouts?.total ?? 30, 60)
        let (data, response) = try await URLSession.shared.data(for: urlRequest)
        let http = response as! HTTPURLResponse
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields { headers.add("\(name)", "\(value)") }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}
