import Hummingbird
/// The HTTP server of Socle (API, portal, background jobs).
public enum SocleServerModule {}
