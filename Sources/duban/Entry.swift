import ArgumentParser
import DubanCore
import DubanDocs
import DubanNotify
import DubanServer
import DubanStore
import Foundation

/// Runs the command line and maps failures to duban's exit codes: 0 ok, 1 failure, 2 bad input.
@main
enum Entry {
    static func main() async {
        do {
            var command = try Duban.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(code(for: error))
        }
    }

    /// Prints what went wrong and returns the exit code for it.
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as PlanError:
            // Every error; the warnings beside them summed up past the first few.
            error.issues.filter { $0.severity == .error }.forEach { Console.error($0.description) }
            WarningList.print(error.issues.filter { $0.severity == .warning }, detail: .summary)
            let errors = error.issues.filter { $0.severity == .error }.count
            Console.error("\(errors) error\(errors == 1 ? "" : "s"); nothing was changed")
            return ExitStatus.badInput
        case let error as InputError:
            Console.error("error: \(error.description)")
            return ExitStatus.badInput
        case let error as DeliveryError:
            Console.error("error: \(error.description)")
            return ExitStatus.badInput
        case let error as DocumentError:
            Console.error("error: \(error.description)")
            return ExitStatus.badInput
        case let error as AccessError:
            Console.error("error: \(error.description)")
            return ExitStatus.badInput
        case let error as ProgressError:
            Console.error("error: \(error.description)")
            return ExitStatus.badInput
        case let error as HazardProblems:
            for problem in error.problems { Console.error("error: \(problem.description)") }
            Console.error("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"); nothing was changed")
            return ExitStatus.badInput
        case let error as StoreError:
            // One line: what, where (the store, its password masked), and the fix.
            Console.error("error: \(error.description)")
            return error.code == .badLocation ? ExitStatus.badInput : ExitStatus.failure
        case let error as ExitCode:
            return error.rawValue
        default:
            let code = Duban.exitCode(for: error)
            let message = Duban.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if code == .validationFailure {
                Console.error(message)
                return ExitStatus.badInput
            }
            Console.error("error: \(error)")
            return ExitStatus.failure
        }
    }
}

/// duban's exit codes.
enum ExitStatus {
    /// Something failed that is not the user's input: the store, the disk.
    static let failure: Int32 = 1
    /// The input was bad: a plan, an argument, a value. Nothing was changed.
    static let badInput: Int32 = 2
}
