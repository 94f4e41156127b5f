#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scaling

/// `TARGET_DIRECTORY` must exist and be a directory when the process starts. Without this
/// check a typo (or a mount that is not there) made every run hold with "no file count" and
/// still exit 0, so no alarm ever fired while the autoscaler never scaled.
///
/// Done by the composition root rather than `Configuration.parse`, which stays free of I/O.
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
