/// Splits a SQL script into statements, respecting quotes, dollar-quoted bodies and comments.
///
/// PostgresNIO speaks the extended query protocol, which takes one statement at a time, so migration files are
/// split here rather than sent whole.
public enum SQLScript {
    /// One statement and the line it starts on.
    public struct Statement: Sendable, Equatable {
        public let sql: String
        public let line: Int
    }

    /// The non-empty statements of a script, without their terminating semicolons.
    public static func statements(_ script: String) -> [Statement] {
        let characters = Array(script.unicodeScalars)
        var statements: [Statement] = []
        var current = String.UnicodeScalarView()
        var index = 0
        var line = 1
        var startLine = 1
        var hasContent = false

        func flush() {
            let sql = String(current).trimmingWhitespace()
            if hasContent && !sql.isEmpty { statements.append(Statement(sql: sql, line: startLine)) }
            current.removeAll()
            hasContent = false
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar == "\n" { line += 1 }
            current.append(scalar)
        }
        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        while index < characters.count {
            let scalar = characters[index]
            if !hasContent && !scalar.properties.isWhitespace && !(scalar == "-" && peek(1) == "-")
                && !(scalar == "/" && peek(1) == "*")
            {
                hasContent = true
                startLine = line
            }
            switch scalar {
            case "-" where peek(1) == "-":
                while index < characters.count && characters[index] != "\n" {
                    append(characters[index])
                    index += 1
                }
                continue
            case "/" where peek(1) == "*":
                var depth = 0
                while index < characters.count {
                    if characters[index] == "/" && peek(1) == "*" {
                        depth += 1
                        append("/")
                        append("*")
                        index += 2
                    } else if characters[index] == "*" && peek(1) == "/" {
                        depth -= 1
                        append("*")
                        append("/")
                        index += 2
                        if depth == 0 { break }
                    } else {
                        append(characters[index])
                        index += 1
                    }
                }
                continue
            case "'", "\"":
                append(scalar)
                index += 1
                while index < characters.count {
                    let next = characters[index]
                    append(next)
                    index += 1
                    if next == scalar {
                        if index < characters.count && characters[index] == scalar {
                            append(scalar)
                            index += 1
                        } else {
                            break
                        }
                    }
                }
                continue
            case "$":
                if let tag = dollarTag(characters, at: index) {
                    for character in tag { append(character) }
                    index += tag.count
                    while index < characters.count {
                        if characters[index] == "$", characters[index...].starts(with: tag) {
                            for character in tag { append(character) }
                            index += tag.count
                            break
                        }
                        append(characters[index])
                        index += 1
                    }
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            append(scalar)
            index += 1
        }
        flush()
        return statements
    }

    /// The `$tag$` opening at `index`, if there is one (`$$` or `$name$`, not a parameter such as `$1`).
    static func dollarTag(_ characters: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        var end = index + 1
        while end < characters.count {
            let scalar = characters[end]
            if scalar == "$" { return Array(characters[index...end]) }
            let isTagCharacter =
                scalar == "_" || scalar.properties.isAlphabetic || (end > index + 1 && ("0"..."9").contains(scalar))
            guard isTagCharacter else { return nil }
            end += 1
        }
        return nil
    }
}
