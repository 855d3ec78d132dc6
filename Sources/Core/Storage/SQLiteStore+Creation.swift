import Foundation
import GRDB

/// How a registry whose file is yet to be made was found.
enum Birth: Sendable {
    /// Nothing was at the path.
    case newFile
    /// An empty file was.
    case emptyFile
}

/// The store's connections, which change once: from an empty registry in memory to the file's, when
/// the first write makes the file.
final class Connections: @unchecked Sendable {
    // Guards the two properties below; `writer` is read from any thread that reads the store.
    private let lock = NSLock()
    private var current: any DatabaseWriter
    private var birth: Birth?
    /// Held while a first write makes the file, so that two writes of one process do not both make it.
    let making = NSLock()

    init(unborn: Birth?, writer: any DatabaseWriter) {
        current = writer
        birth = unborn
    }

    var writer: any DatabaseWriter { lock.withLock { current } }
    /// How the file was found, while it is yet to be made; nil once it is a registry.
    var unborn: Birth? { lock.withLock { birth } }

    func become(_ writer: any DatabaseWriter, unborn: Birth?) {
        lock.withLock {
            current = writer
            birth = unborn
        }
    }
}

extension SQLiteStore {
    /// Runs `body`, a write. While the registry's file is yet to be made, makes it first, and if
    /// `body` fails, leaves the path as it was found: a refused first load leaves no registry behind.
    func writingFile<T>(_ body: () throws -> T) throws -> T {
        guard connections.unborn != nil else { return try body() }
        connections.making.lock()
        defer { connections.making.unlock() }
        guard let birth = connections.unborn else { return try body() }
        let empty = connections.writer
        let opened: (writer: any DatabaseWriter, readOnly: Bool)
        do {
            opened = try SQLiteStore.openFile(path, making: true, maxPageCount: maxPageCount, busyTimeout: busyTimeout)
        } catch {
            // SQLite may have made the file before it failed, without writing to it.
            if birth == .newFile, SQLiteStore.size(path) == 0 { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
        do {
            if opened.readOnly { throw DatabaseError(resultCode: .SQLITE_READONLY) }
            try SQLiteStore.migrate(opened.writer, path: path)
            connections.become(opened.writer, unborn: nil)
            return try body()
        } catch {
            connections.become(empty, unborn: birth)
            discard(opened.writer, birth: birth)
            throw error
        }
    }

    /// Undoes the making of the file after a first write failed: the file and its journal or WAL go
    /// (an empty file found there is emptied again), unless another process has it open by now or a
    /// filing of its landed there. Leaving the WAL needs the only connection to the file (as in
    /// `withDirectWrites`), which tells.
    private func discard(_ writer: any DatabaseWriter, birth: Birth) {
        var alone = false
        if let pool = writer as? DatabasePool {
            pool.invalidateReadOnlyConnections()
            alone = (try? pool.writeWithoutTransaction { db -> Bool in
                guard withoutWaiting(db, { try? String.fetchOne($0, sql: "PRAGMA journal_mode = DELETE") }) == "delete" else { return false }
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM filing") == 0
            }) ?? false
            try? pool.close()
        }
        guard alone else { return }
        for suffix in ["-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        switch birth {
        case .newFile: try? FileManager.default.removeItem(atPath: path)
        case .emptyFile: try? FileHandle(forWritingAtPath: path).map { try $0.truncate(atOffset: 0); try $0.close() }
        }
    }

    static func size(_ path: String) -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
    }
}
