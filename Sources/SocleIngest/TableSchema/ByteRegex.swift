/// A whole-value matcher for the ASCII subset of regular expressions that SCDL patterns use: literals,
/// classes (`[0-9A-B]`, `[^,]`, `\d`, `\w`, `\s`, `.`), groups, alternation, anchors and counted repeats.
/// It runs on bytes as a backtracking machine whose (instruction, position) pairs are visited at most
/// once, so time stays proportional to pattern × value length whatever the pattern. Anything outside the
/// subset (look-arounds, back-references, non-ASCII) makes `init` fail and the caller uses ICU instead;
/// values with non-ASCII bytes are also left to ICU (`matches` returns nil).
struct ByteRegex {
    private enum Op {
        case set(Int)
        case split(Int, Int)
        case jump(Int)
        case start
        case end
        case accept
    }

    private indirect enum Node {
        case set([Bool])
        case start
        case end
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    private var program: [Op] = []
    private var sets: [[Bool]] = []
    private static let maxProgram = 4000

    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var parser = Parser(b: bytes)
        guard let tree = parser.alternation(), parser.i == bytes.count else { return nil }
        guard emit(tree) else { return nil }
        program.append(.accept)
    }

    // MARK: - Compilation

    private mutating func emit(_ node: Node) -> Bool {
        guard program.count < ByteRegex.maxProgram else { return false }
        switch node {
        case .set(let s):
            sets.append(s)
            program.append(.set(sets.count - 1))
        case .start:
            program.append(.start)
        case .end:
            program.append(.end)
        case .sequence(let items):
            for item in items where !emit(item) { return false }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (k, branch) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    guard emit(branch) else { return false }
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    guard emit(branch) else { return false }
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repeated(let inner, let lo, let hi):
            for _ in 0..<lo where !emit(inner) { return false }
            if let hi {
                // Optional copies: each may be skipped to the end.
                var splits: [Int] = []
                for _ in lo..<hi {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    guard emit(inner) else { return false }
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                guard emit(inner) else { return false }
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
        return program.count < ByteRegex.maxProgram
    }

    // MARK: - Matching

    /// True/false for ASCII values; nil when the value has non-ASCII bytes.
    func matches(_ v: UnsafeBufferPointer<UInt8>, visited: inout [UInt64], stack: inout [(Int, Int)]) -> Bool? {
        for b in v where b >= 0x80 { _ = b; return nil }
        let width = v.count + 1
        let bits = program.count * width
        let words = (bits + 63) / 64
        if visited.count < words { visited = Array(repeating: 0, count: words) } else {
            for k in 0..<words { visited[k] = 0 }
        }
        stack.removeAll(keepingCapacity: true)
        stack.append((0, 0))
        while let (startPC, startPos) = stack.popLast() {
            var pc = startPC
            var pos = startPos
            while true {
                let bit = pc * width + pos
                if visited[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { break }
                visited[bit >> 6] |= 1 << UInt64(bit & 63)
                switch program[pc] {
                case .set(let s):
                    guard pos < v.count, sets[s][Int(v[pos])] else { break }
                    pc += 1
                    pos += 1
                    continue
                case .split(let a, let b):
                    stack.append((b, pos))
                    pc = a
                    continue
                case .jump(let a):
                    pc = a
                    continue
                case .start:
                    guard pos == 0 else { break }
                    pc += 1
                    continue
                case .end:
                    guard pos == v.count else { break }
                    pc += 1
                    continue
                case .accept:
                    if pos == v.count { return true }
                }
                break
            }
        }
        return false
    }

    // MARK: - Parsing

    private struct Parser {
        let b: [UInt8]
        var i = 0

        mutating func alternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let seq = sequence() else { return nil }
                branches.append(seq)
                guard i < b.count, b[i] == UInt8(ascii: "|") else { break }
                i += 1
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() -> Node? {
            var items: [Node] = []
            while i < b.count, b[i] != UInt8(ascii: "|"), b[i] != UInt8(ascii: ")") {
                guard var atom = atom() else { return nil }
                guard let quantified = quantifier(&atom) else { return nil }
                items.append(quantified)
            }
            return .sequence(items)
        }

        mutating func quantifier(_ atom: inout Node) -> Node? {
            guard i < b.count else { return atom }
            var lo = 1
            var hi: Int? = 1
            switch b[i] {
            case UInt8(ascii: "*"): lo = 0; hi = nil; i += 1
            case UInt8(ascii: "+"): lo = 1; hi = nil; i += 1
            case UInt8(ascii: "?"): lo = 0; hi = 1; i += 1
            case UInt8(ascii: "{"):
                let save = i
                i += 1
                guard let a = number() else { i = save; return atom }  // a literal "{"
                lo = a
                if i < b.count, b[i] == UInt8(ascii: ",") {
                    i += 1
                    hi = number()
                } else {
                    hi = a
                }
                guard i < b.count, b[i] == UInt8(ascii: "}"), hi.map({ $0 >= lo }) ?? true, lo <= 1000 else { return nil }
                i += 1
            default:
                return atom
            }
            if i < b.count, b[i] == UInt8(ascii: "+") { return nil }  // possessive: not for us
            if i < b.count, b[i] == UInt8(ascii: "?") { i += 1 }       // lazy: same whole-value answer
            if case .start = atom { return nil }
            if case .end = atom { return nil }
            return .repeated(atom, min: lo, max: hi)
        }

        mutating func number() -> Int? {
            var v = 0
            let s = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, i - s < 5 { v = v * 10 + Int(b[i] - 0x30); i += 1 }
            return i > s ? v : nil
        }

        mutating func atom() -> Node? {
            let c = b[i]
            i += 1
            switch c {
            case UInt8(ascii: "^"): return .start
            case UInt8(ascii: "$"): return .end
            case UInt8(ascii: "."): return .set(ByteRegex.table { $0 != 0x0A })
            case UInt8(ascii: "["): return charClass()
            case UInt8(ascii: "("):
                if i < b.count, b[i] == UInt8(ascii: "?") {
                    // Only non-capturing and named groups; look-arounds and flags go to ICU.
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: ":") {
                        i += 2
                    } else if let close = namedGroupEnd() {
                        i = close
                    } else {
                        return nil
                    }
                }
                guard let inner = alternation(), i < b.count, b[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return inner
            case UInt8(ascii: "\\"):
                guard let set = escape() else { return nil }
                return .set(set)
            case UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "|"):
                return nil
            default:
                return .set(ByteRegex.table { $0 == c })
            }
        }

        /// `?<name>` or `?P<name>`: index just after `>`.
        func namedGroupEnd() -> Int? {
            var k = i + 1
            if k < b.count, b[k] == UInt8(ascii: "P") { k += 1 }
            guard k < b.count, b[k] == UInt8(ascii: "<"), k + 1 < b.count,
                  b[k + 1] != UInt8(ascii: "="), b[k + 1] != UInt8(ascii: "!") else { return nil }
            guard let close = b[k...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return close + 1
        }

        /// The set an escape stands for (`\d`, `\.`…), nil for escapes outside the subset.
        mutating func escape() -> [Bool]? {
            guard i < b.count else { return nil }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "d"): return ByteRegex.table { $0 >= 0x30 && $0 <= 0x39 }
            case UInt8(ascii: "D"): return ByteRegex.table { !($0 >= 0x30 && $0 <= 0x39) }
            case UInt8(ascii: "w"): return ByteRegex.table(ByteRegex.isWord)
            case UInt8(ascii: "W"): return ByteRegex.table { !ByteRegex.isWord($0) }
            case UInt8(ascii: "s"): return ByteRegex.table(ByteRegex.isSpace)
            case UInt8(ascii: "S"): return ByteRegex.table { !ByteRegex.isSpace($0) }
            case UInt8(ascii: "t"): return ByteRegex.table { $0 == 0x09 }
            case UInt8(ascii: "n"): return ByteRegex.table { $0 == 0x0A }
            case UInt8(ascii: "r"): return ByteRegex.table { $0 == 0x0D }
            default:
                // Escaped punctuation is a literal; letters and digits have meanings we leave to ICU.
                let isAlnum = (e | 0x20 >= 0x61 && e | 0x20 <= 0x7A) || (e >= 0x30 && e <= 0x39)
                return isAlnum ? nil : ByteRegex.table { $0 == e }
            }
        }

        mutating func charClass() -> Node? {
            var set = [Bool](repeating: false, count: 128)
            var negate = false
            if i < b.count, b[i] == UInt8(ascii: "^") { negate = true; i += 1 }
            var first = true
            while i < b.count {
                if b[i] == UInt8(ascii: "]"), !first {
                    i += 1
                    return .set(negate ? set.map { !$0 } : set)
                }
                first = false
                var lo: UInt8
                if b[i] == UInt8(ascii: "\\") {
                    i += 1
                    guard let s = escape() else { return nil }
                    let members = (0..<128).filter { s[$0] }
                    if members.count != 1 {
                        for m in members { set[m] = true }
                        continue
                    }
                    lo = UInt8(members[0])
                } else if b[i] == UInt8(ascii: "["), i + 1 < b.count, b[i + 1] == UInt8(ascii: ":") {
                    return nil  // POSIX classes
                } else {
                    lo = b[i]
                    i += 1
                }
                if i + 1 < b.count, b[i] == UInt8(ascii: "-"), b[i + 1] != UInt8(ascii: "]") {
                    i += 1
                    var hi = b[i]
                    i += 1
                    if hi == UInt8(ascii: "\\") {
                        guard let s = escape() else { return nil }
                        let members = (0..<128).filter { s[$0] }
                        guard members.count == 1 else { return nil }
                        hi = UInt8(members[0])
                    }
                    guard hi >= lo else { return nil }
                    for x in lo...hi { set[Int(x)] = true }
                } else {
                    set[Int(lo)] = true
                }
            }
            return nil
        }
    }

    private static func table(_ member: (UInt8) -> Bool) -> [Bool] {
        (0..<128).map { member(UInt8($0)) }
    }

    private static func isWord(_ c: UInt8) -> Bool {
        (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_")
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
}
