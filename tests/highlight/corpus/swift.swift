import Foundation

struct Page: Codable {
    let title: String
    var words: Int = 0
}

func render(_ pages: [Page]) -> String {
    guard !pages.isEmpty else { return "" }
    let titles = pages.map { $0.title }.joined(separator: ", ")
    return "Pages: \(titles) (\(pages.count))"
}

print(render([Page(title: "One", words: 3)]))
