import Testing

@testable import RuedaCore

@Suite("CSV reading")
struct CSVReaderTests {
    @Test("a UTF-8 byte-order mark is dropped and accents survive")
    func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("nit,nombre\n900123456,Café Ñandú\n".utf8)
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.records[0].fields == ["nit", "nombre"])
        #expect(reader.records[1].fields == ["900123456", "Café Ñandú"])
    }

    @Test("semicolon files from Spanish-locale Excel are detected")
    func semicolonDetection() throws {
        let reader = try CSVReader(text: "nit;nombre;productos\r\n900123456;Lácteos, quesos y más;a|b\r\n")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(reader.records[1].fields == ["900123456", "Lácteos, quesos y más", "a|b"])
    }

    @Test("quoted fields keep delimiters, doubled quotes and line breaks; rows count records, not lines")
    func quotedFields() throws {
        let text = "a,b\n\"uno, dos\",\"dice \"\"hola\"\"\"\n\"línea 1\nlínea 2\",x\nfin,y\n"
        let reader = try CSVReader(text: text)
        #expect(reader.records.count == 4)
        #expect(reader.records[1].fields == ["uno, dos", "dice \"hola\""])
        #expect(reader.records[2].fields == ["línea 1\nlínea 2", "x"])
        #expect(reader.records[3].row == 4)
    }

    @Test("blank lines are skipped and a missing final newline is fine")
    func blankLines() throws {
        let reader = try CSVReader(text: "a,b\n\n1,2\n   \n3,4")
        #expect(reader.records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test("Windows-1252 files (Excel's 'CSV' without UTF-8) are decoded rather than garbled")
    func windows1252() throws {
        let bytes: [UInt8] = Array("nombre\nCaf".utf8) + [0xE9] + Array(" Bogot".utf8) + [0xE1, 0x0A]
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.encoding == .windows1252)
        #expect(reader.records[1].fields == ["Café Bogotá"])
    }

    @Test("an unterminated quote is reported with the row and line where it opens")
    func unterminatedQuote() {
        #expect(throws: CSVError(.unterminatedQuote, line: 3, row: 3)) {
            try CSVReader(text: "a,b\n1,2\n\"open,3\n4,5\n")
        }
    }

    @Test("headers match case- and accent-insensitively, in Spanish or English")
    func headerMatching() throws {
        let reader = try CSVReader(text: "NIT;Razón Social;DEPARTAMENTO;Tamaño;Actividades;Extra\n1;2;3;4;5;6\n")
        let table = try CSVTable(reader: reader, columns: CompanyFields.columns)
        let row = try #require(table.rows.first)
        #expect(row["name"] == "2")
        #expect(row["size"] == "4")
        #expect(row["ciiu"] == "5")
        #expect(table.ignoredHeaders == ["Extra"])
    }

    @Test("a missing required column is named")
    func missingColumn() throws {
        let reader = try CSVReader(text: "nit,name\n1,2\n")
        let error = #expect(throws: InputError.self) { try CSVTable(reader: reader, columns: CompanyFields.columns) }
        #expect(error?.issues.map(\.field).contains("department") == true)
        #expect(error?.issues.allSatisfy { $0.row == 1 } == true)
    }

    @Test("written CSV reads back to the same fields")
    func roundTrip() throws {
        let rows = [["a,b", "x\"y", "línea\nnueva"], [" espacio ", "", "ok"]]
        let text = CSVWriter(delimiter: ";", byteOrderMark: true).document(header: ["h1", "h2", "h3"], rows: rows)
        let reader = try CSVReader(text: text)
        #expect(Array(reader.records.dropFirst().map(\.fields)) == rows)
    }
}
