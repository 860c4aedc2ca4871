import Hummingbird
import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Connection-level defences (issue 10, findings 5 and 13), installed on every HTTP/1 connection:
/// - at most `perAddress` open connections from one client address (20,000 half-open connections from one
///   host made the server unreachable): the next one is closed at once;
/// - an HTTP/1.0 request (or any request that does not ask to keep the connection alive) gets its
///   connection closed after the response, as the protocol says.
/// The header-read and idle timeouts are the HTTP channel's `idleTimeout`: a connection that has not
/// completed a request head, or sits idle between requests, that long is closed.
final class ConnectionLimiter: Sendable {
    let perAddress: Int
    private let open = NIOLockedValueBox<[String: Int]>([:])

    init(perAddress: Int) { self.perAddress = perAddress }

    /// Counts a new connection from `address`; false when it is one too many (it is then not counted).
    func admit(_ address: String) -> Bool {
        open.withLockedValue { counts in
            let n = counts[address, default: 0]
            guard n < perAddress else { return false }
            counts[address] = n + 1
            return true
        }
    }

    func release(_ address: String) {
        open.withLockedValue { counts in
            let n = counts[address, default: 1] - 1
            counts[address] = n > 0 ? n : nil
        }
    }

    var openConnections: Int { open.withLockedValue { $0.values.reduce(0, +) } }
}

/// Added after the HTTP codec by Hummingbird; admits or closes the connection, and slips the keep-alive
/// normaliser in right after the HTTP/1 decoder, where the request's protocol version is still known.
final class ConnectionGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any
    let limiter: ConnectionLimiter
    private var address: String?

    init(limiter: ConnectionLimiter) { self.limiter = limiter }

    func handlerAdded(context: ChannelHandlerContext) {
        let key = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard limiter.admit(key) else {
            context.close(promise: nil)
            return
        }
        address = key
        let limiter = self.limiter
        context.channel.closeFuture.whenComplete { _ in limiter.release(key) }
        if let decoder = try? context.pipeline.syncOperations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? context.pipeline.syncOperations.addHandler(KeepAliveNormaliser(), position: .after(decoder.handler))
        }
    }
}

/// Marks a request that does not keep its connection alive (HTTP/1.0 without `Connection: keep-alive`,
/// or `Connection: close` in any case) with exactly `connection: close`, which is what Hummingbird looks
/// for to close the connection after the response.
final class KeepAliveNormaliser: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
