import Testing
@testable import SocleExport
import SocleCore

@Suite struct NumberTextTests {
    static let cases: [(Double, String)] = [
        (12.5, "12.5"), (3.0, "3"), (-0.0, "0"), (0, "0"), (-7.25, "-7.25"), (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"), (1e-5, "0.00001"), (1.5e-7, "0.00000015"),
        (1e15, "1000000000000000"), (1e16, "10000000000000000"), (123_456.789, "123456.789"),
        (2.5e20, "250000000000000000000"), (1e300, "1e+300"), (-1.5e-30, "-1.5e-30"),
        (.leastNonzeroMagnitude, "5e-324"), (46.2, "46.2"), (0.000123456789, "0.000123456789"),
        (9_007_199_254_740_992, "9007199254740992"),
    ]

    @Test(arguments: cases)
    func writesPlainShortestText(value: Double, expected: String) {
        var out: [UInt8] = []
        #expect(NumberText.append(value, to: &out))
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test func usesTheDecimalSeparatorGiven() {
        for (value, expected) in [(12.5, "12,5"), (-0.001, "-0,001"), (1e-5, "0,00001"), (3.0, "3")] {
            var out: [UInt8] = []
            NumberText.append(value, decimalSeparator: UInt8(ascii: ","), to: &out)
            #expect(String(decoding: out, as: UTF8.self) == expected)
        }
    }

    @Test func refusesNonFiniteValues() {
        for value in [Double.nan, .infinity, -.infinity] {
            var out: [UInt8] = []
            #expect(!NumberText.append(value, to: &out))
            #expect(out.isEmpty)
        }
    }

    /// Every written text must read back as the very same double (deterministic pseudo-random
    /// values across magnitudes).
    @Test func roundTripsPseudoRandomValues() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var failures: [Double] = []
        for i in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let bits = state >> 11
            var value: Double
            switch i % 4 {
            case 0: value = Double(bitPattern: state)  // any double, any magnitude
            case 1: value = Double(bits % 100_000_000) / 100  // money-like
            case 2: value = Double(bits) / Double(1 << 53) * 1_000  // long fractions
            default: value = (Double(bits % 2_000_000) - 1_000_000) / 10_000  // coordinates
            }
            guard value.isFinite else { continue }
            var out: [UInt8] = []
            NumberText.append(value, to: &out)
            let text = String(decoding: out, as: UTF8.self)
            if Double(text) != value || text.hasSuffix(".0") { failures.append(value) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func writesIntegersIncludingExtremes() {
        for value in [Int64.min, .max, 0, -1, 10] {
            var out: [UInt8] = []
            out.appendDecimal(value)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }
}
