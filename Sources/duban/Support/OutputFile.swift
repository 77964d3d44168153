import DubanPlans
import Foundation

/// Where a command writes the file named by `-o`: a folder that exists, not a folder itself, and —
/// for plan files — not another plan's file, unless `--force` says so.
enum OutputFile {
    /// Bad input when `path` cannot take a file: it is a folder, or its folder does not exist.
    static func checkWritable(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError("\(path): is a folder; name a file in it, e.g. \(path)/out")
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw InputError("\(path): the folder \(folder) does not exist; create it first (mkdir -p \(folder))")
        }
    }

    /// Bad input when `path` holds something other than plan `id` — another plan, the department
    /// registry, anything that is not a plan file — and `force` is off: an import never quietly
    /// replaces a hand-made file. The commands call `checkWritable` first, before reading input.
    static func checkReplaceable(_ path: String, withPlan id: String, force: Bool) throws {
        guard !force, let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return }
        let holds: String
        if let text = String(data: data, encoding: .utf8),
            case .plan(let plan)? = try? PlanDocumentReader.read(yaml: text, file: path)
        {
            if plan.id == id { return }
            holds = "plan \(plan.id) (\(plan.tasks.count) tasks)"
        } else {
            holds = "something other than a plan"
        }
        throw InputError(
            "\(path) holds \(holds), not plan \(id); nothing was written. Name another file, or pass --force to "
                + "replace it")
    }
}
