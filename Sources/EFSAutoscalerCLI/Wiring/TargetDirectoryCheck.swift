#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scaling

/// `TARGET_DIRECTORY` must exist and be a directory when a run starts. Without this check a
/// typo (or a mount that is not there) made every run hold with "no file count" and still
/// succeed, so no alarm ever fired while the autoscaler never scaled.
///
/// Checked by `Autoscaler.run` before any AWS call, not at start-up: the run fails (a non-zero
/// `invoke`, a Lambda error), and a worker whose mount appears later recovers on its next run.
/// `Configuration.parse` stays free of I/O.
enum TargetDirectoryCheck {
    static func verify(_ path: String) throws(ConfigurationError) {
        var info = stat()
        let problem: String?
        if stat(path, &info) != 0 {
            problem = String(cString: strerror(errno)).lowercased()
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            problem = "not a directory"
        } else {
            problem = nil
        }
        if let problem {
            throw ConfigurationError(problems: [.init(variable: "TARGET_DIRECTORY", value: path,
                                                      allowed: "an existing directory (\(problem))")])
        }
    }
}
