import PostgresNIO
import RuedaCore
import RuedaSolver

// Rueda's value types as PostgresNIO reads and writes them: identities as bigint, solver figures and problems as
// jsonb. Statuses are read through `StoredValue.known`, which names an unknown value instead of guessing.

extension Identifier: PostgresNonThrowingEncodable, PostgresDecodable {
    public static var psqlType: PostgresDataType { Int64.psqlType }
    public static var psqlFormat: PostgresFormat { Int64.psqlFormat }

    public func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        rawValue.encode(into: &byteBuffer, context: context)
    }

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        self.init(rawValue: try Int64(from: &buffer, type: type, format: format, context: context))
    }
}

extension Schedule.Stats: PostgresEncodable, PostgresDecodable {}
extension ScheduleProblem: PostgresEncodable, PostgresDecodable {}

/// Reading stored values that must be one of a known set.
enum StoredValue {
    /// The value of a stored enumeration, or an error naming the value, the column and what to do.
    static func known<Value: RawRepresentable>(
        _ type: Value.Type, _ raw: String, column: String
    ) throws(StoreError) -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw StoreError(
                .database,
                "the database holds \(column) '\(raw.visibleForTerminal.prefix(40))', which this rueda does not know; "
                    + "is the database used by a newer rueda?")
        }
        return value
    }
}
