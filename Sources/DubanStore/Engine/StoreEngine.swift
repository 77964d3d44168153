/// One engine under the store: reads and transactions on connections that speak its dialect.
/// The store's methods are written once against this, which is what keeps the engines from drifting.
protocol StoreEngine: Sendable {
    /// The engine's dialect.
    var dialect: SQLDialect { get }
    /// Runs `body` on a connection that sees one consistent state of the store.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T
    /// Runs `body` in one transaction, committed when it returns `commit: true` and rolled back when
    /// it returns false or throws.
    func transaction<T>(_ body: (any StoreConnection) throws -> (value: T, commit: Bool)) throws -> T
    /// Closes the engine's connections.
    func close()
}

extension StoreEngine {
    /// Runs `body` in one transaction, committed when it returns.
    func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try transaction { (try body($0), true) }
    }
}
